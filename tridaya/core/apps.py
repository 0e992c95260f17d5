from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tridaya.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from tridaya.core import checks, policy  # noqa: F401  (register the audit rules, checks)
        from tridaya.core.backup.fingerprint import register_fingerprint
        from tridaya.core.selectors import audit_event_totals

        register_fingerprint("audit_events", audit_event_totals)
