from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "tridaya.institutions"
    label = "institutions"
    verbose_name = _("Lembaga masyarakat")

    def ready(self) -> None:
        from tridaya.core import demo as core_demo
        from tridaya.core.navigation import register_village_section
        from tridaya.institutions import demo, personal_data, policy  # noqa: F401  (rules)

        personal_data.register()

        core_demo.register(order=30, name="institutions", run=demo.seed)
        register_village_section(order=10, label=_("Lembaga"), url_name="institutions:chart",
                                 icon="diagram-3")  # fmt: skip
