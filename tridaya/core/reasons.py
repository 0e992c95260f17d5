"""A written reason for an exceptional act (withdrawing a sign-off, overriding a gate, cancelling
a training, undoing a decision): long enough to mean something to whoever reads the history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tridaya.core.errors import CoreError, DomainError

MIN_REASON_LENGTH = 20


def require_reason(
    text: str | None,
    *,
    field: str = "reason",
    code: str = CoreError.REASON_TOO_SHORT,
    message: str | None = None,
) -> str:
    """The reason, stripped; or DomainError(`code`) saying how long it must be. The error carries
    `field` so a form shows it beside that input (see `tridaya.core.pages.apply_service_error`).
    `message` (translated, with an `%(n)s` placeholder) replaces the default wording."""
    reason = (text or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        template = message or _("Tulis alasan yang jelas, paling sedikit %(n)s huruf.")
        raise DomainError(template % {"n": MIN_REASON_LENGTH}, code=code, field=field)
    return reason
