from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorksConfig(AppConfig):
    name = "tridaya.works"
    label = "works"
    verbose_name = _("Pembangunan")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import register_village_section
        from tridaya.works import demo, outputs, policy  # noqa: F401  (policy registers rules)

        outputs.register_outputs()
        from tridaya.works import figures

        figures.register_figures()
        # After finance's demo step (80): the packages read its proposals and ledger.
        core_demo.register(order=85, name="works", run=demo.seed)
        register_village_section(
            order=75, label=_("Pembangunan"), url_name="works:packages", icon="bricks"
        )

        from tridaya.core.uploads.serving import declare
        from tridaya.works.models import Photo

        # Progress photos are on the public package pages.
        declare(Photo, "image", action="works.view")
        from tridaya.works import personal_data

        personal_data.register()
