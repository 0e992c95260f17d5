from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tridaya.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from django.core import checks as django_checks

        from tridaya.core import checks, policy  # noqa: F401  (register the audit rules, checks)
        from tridaya.core.backup.fingerprint import register_fingerprint
        from tridaya.core.selectors import audit_event_totals
        from tridaya.core.uploads.serving import check_declared

        register_fingerprint("audit_events", audit_event_totals)
        django_checks.register(check_declared)
