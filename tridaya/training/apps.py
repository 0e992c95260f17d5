from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "tridaya.training"
    label = "training"
    verbose_name = _("Peningkatan kapasitas")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import register_region_section, register_village_section
        from tridaya.training import demo, outputs, policy  # noqa: F401  (policy registers rules)

        outputs.register_outputs()
        outputs.register_figures()
        register_village_section(
            order=15, label=_("Pelatihan"), url_name="training:index", icon="mortarboard"
        )
        register_region_section(
            order=30,
            label=_("Pelatihan dan kapasitas"),
            url_name="training:index",
            icon="mortarboard",
        )
        core_demo.register(order=50, name="training", run=demo.seed)
        from tridaya.training import personal_data

        personal_data.register()
