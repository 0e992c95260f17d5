"""Every write of marketing: partners and contacts, pledges through their states, the
prospectus, the forums. Each checks the policy (when an actor is given; None is the system),
validates, writes and audits in one transaction."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.marketing.errors import MarketingError

# Audit actions of this app and their labels (registered with the core's registry).
AUDIT_ACTIONS = {
    "marketing.partner_created": gettext_lazy("Mitra didaftarkan"),
    "marketing.partner_updated": gettext_lazy("Data mitra diubah"),
    "marketing.contact_added": gettext_lazy("Kontak mitra ditambahkan"),
    "marketing.contact_removed": gettext_lazy("Kontak mitra dihapus"),
    "marketing.pledge_created": gettext_lazy("Janji pendanaan dicatat"),
    "marketing.pledge_committed": gettext_lazy("Komitmen pendanaan ditandatangani"),
    "marketing.pledge_realised": gettext_lazy("Realisasi pendanaan dicatat"),
    "marketing.pledge_withdrawn": gettext_lazy("Janji pendanaan dibatalkan"),
    "marketing.pledge_reverted": gettext_lazy("Status janji pendanaan dikembalikan"),
    "marketing.prospectus_created": gettext_lazy("Prospektus disusun"),
    "marketing.prospectus_published": gettext_lazy("Prospektus diterbitkan"),
    "marketing.prospectus_unpublished": gettext_lazy("Prospektus ditarik kembali"),
    "marketing.forum_recorded": gettext_lazy("Forum kolaborasi dicatat"),
}

MIN_REASON_LENGTH = 20


def check(actor, action: str, obj) -> None:
    if actor is not None:
        authorize(actor, action, obj)


def require_reason(text: str, *, field: str, label: str) -> str:
    text = (text or "").strip()
    if len(text) < MIN_REASON_LENGTH:
        raise DomainError(
            _("%(label)s: tulis alasan yang jelas, paling sedikit %(n)s huruf.")
            % {"label": label, "n": MIN_REASON_LENGTH},
            code=MarketingError.REASON_TOO_SHORT,
            params={"field": field},
        )
    return text


def city_code(code: str) -> str:
    """The kabupaten/kota a region belongs to ('52.01.08.2006' -> '52.01')."""
    return ".".join(code.split(".")[:2])
