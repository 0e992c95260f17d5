from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tridaya.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from tridaya.core import policy  # noqa: F401  (registers the audit rules)
