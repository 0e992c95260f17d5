"""Every write of marketing: partners and contacts, pledges through their states, the
prospectus, the forums. Each checks the policy (when an actor is given; None is the system),
validates, writes and audits in one transaction. `actor=None` is the system (demo, imports):
tridaya.core.policy.authorize allows it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tridaya.core.reasons import require_reason as core_require_reason
from tridaya.marketing.errors import MarketingError


def require_reason(text: str, *, field: str, label: str) -> str:
    """The stripped reason, or a coded refusal naming the field (see tridaya.core.reasons)."""
    return core_require_reason(
        text,
        field=field,
        code=MarketingError.REASON_TOO_SHORT,
        message=_("%(label)s: tulis alasan yang jelas, paling sedikit %%(n)s huruf.")
        % {"label": label},
    )


def city_code(code: str) -> str:
    """The kabupaten/kota a region belongs to ('52.01.08.2006' -> '52.01')."""
    return ".".join(code.split(".")[:2])
