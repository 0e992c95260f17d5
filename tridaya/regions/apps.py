from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "tridaya.regions"
    label = "regions"
    verbose_name = _("Wilayah")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.regions import demo, policy  # noqa: F401  (policy registers its rules)

        core_demo.register(order=10, name="regions", run=demo.seed)
