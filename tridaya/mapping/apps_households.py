"""What the households and surveys part of the app registers when Django starts (called from
MappingConfig.ready()): its policy rules, its importers, its gate output, the village section
'Pemetaan swadaya', its demo step."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from tridaya.core import demo as core_demo
    from tridaya.core.navigation import register_village_section
    from tridaya.mapping import demo_households, outputs_households, policy  # noqa: F401
    from tridaya.mapping.importers.households import HouseholdImporter
    from tridaya.mapping.importers.rows import ProblemImporter, RTProfileImporter
    from tridaya.mapping.models import SurveyForm
    from tridaya.mapping.services_import import register_importer

    register_importer(SurveyForm.HOUSEHOLD, HouseholdImporter)
    # Stored through the services of the map part (services_slum, services_problems).
    register_importer(SurveyForm.RT_PROFILE, RTProfileImporter)
    register_importer(SurveyForm.PROBLEM, ProblemImporter)
    outputs_households.register_outputs()
    register_village_section(
        order=40, label=_("Pemetaan swadaya"), url_name="mapping:home", icon="map"
    )
    core_demo.register(order=60, name="mapping_households", run=demo_households.seed)
