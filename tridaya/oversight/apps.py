from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "tridaya.oversight"
    label = "oversight"
    verbose_name = _("Pengawasan")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import register_region_section, register_village_section
        from tridaya.oversight import demo, figures, policy  # noqa: F401  (policy registers rules)

        figures.register_figures()

        # After works' demo step (85): complaints may link to its packages.
        core_demo.register(order=90, name="oversight", run=demo.seed)
        register_village_section(
            order=90, label=_("Ke mana dana BLM?"), url_name="oversight:public", icon="eye"
        )
        register_village_section(
            order=91, label=_("Pengaduan"), url_name="oversight:complaint_new", icon="megaphone"
        )
        register_region_section(
            order=90,
            label=_("Ke mana dana BLM? (per desa)"),
            url_name="oversight:public_villages",
            icon="eye",
        )

        from tridaya.core.uploads.serving import declare
        from tridaya.oversight.models import ComplaintPhoto, MonitoringReport

        declare(
            ComplaintPhoto,
            "image",
            action="oversight.view_complaints",
            owner=lambda row: row.complaint,
        )
        # Residents' monitoring reports are on the public monitoring page.
        declare(MonitoringReport, "photo", action="oversight.public")
        from tridaya.oversight import personal_data

        personal_data.register()
