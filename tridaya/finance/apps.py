from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "tridaya.finance"
    label = "finance"
    verbose_name = _("Keuangan")

    def ready(self) -> None:
        from tridaya.finance import policy  # noqa: F401  (registers the rules)
