from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "tridaya.marketing"
    label = "marketing"
    verbose_name = _("Pemasaran rencana")

    def ready(self) -> None:
        from tridaya.marketing import policy  # noqa: F401  (policy registers its rules)
