from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MappingConfig(AppConfig):
    name = "tridaya.mapping"
    label = "mapping"

    def ready(self) -> None:
        """Registers the app's policy rules, survey importers, cycle gate outputs, village
        sections and demo steps."""
        from tridaya.core import demo as core_demo
        from tridaya.core import jobs
        from tridaya.core.navigation import register_village_section
        from tridaya.mapping import outputs, policy  # noqa: F401  (policy registers the rules)
        from tridaya.mapping.demo import households as demo_households
        from tridaya.mapping.demo import maps as demo_maps
        from tridaya.mapping.importers.households import HouseholdImporter
        from tridaya.mapping.importers.rows import ProblemImporter, RTProfileImporter
        from tridaya.mapping.models import SurveyForm
        from tridaya.mapping.services import surveys
        from tridaya.mapping.services.surveys import register_importer

        register_importer(SurveyForm.HOUSEHOLD, HouseholdImporter)
        # Stored through the services of problems and slum data (services/slum.py,
        # services/problems.py).
        register_importer(SurveyForm.RT_PROFILE, RTProfileImporter)
        register_importer(SurveyForm.PROBLEM, ProblemImporter)
        jobs.register(
            surveys.SURVEY_IMPORT_JOB,
            surveys.survey_import_job,
            label=_("Impor survei"),
            detached=True,  # minutes of work for a large file: never inside the request
        )
        outputs.register_outputs()
        outputs.register_figures()
        register_village_section(
            order=40, label=_("Pemetaan swadaya"), url_name="mapping:home", icon="map"
        )
        register_village_section(
            order=45, label=_("Peta masalah & potensi"), url_name="mapping:problems", icon="pin-map"
        )
        # Before the cycle's step (40): the demo cycle completes the pemetaan swadaya step, whose
        # gate outputs (mapping_rt_profiles_complete, mapping_problems_mapped) read these data.
        # The cycle's meetings exist only afterwards, so a second step links problems to the RPK
        # meeting.
        core_demo.register(order=35, name="mapping_maps", run=demo_maps.seed)
        core_demo.register(order=45, name="mapping_maps_meetings", run=demo_maps.link_meetings)
        core_demo.register(order=60, name="mapping_households", run=demo_households.seed)

        from tridaya.core.uploads.serving import declare
        from tridaya.mapping.models import ProblemPhoto

        declare(ProblemPhoto, "image", action=policy.VIEW_PROBLEM_PHOTOS)
        from tridaya.mapping import personal_data

        personal_data.register()
