"""Arithmetic of plans in whole rupiah: RAB lines, funding splits and shares. Integers and
Decimals only, never floats, so a total is the same on the page, in the document, in the XLSX and
through the API whatever the order of the rows."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    """Funding sources of an investment plan (DOMAIN.md section 4)."""

    BLM = "blm", _("APBN PUPR: BLM PLPBK / BDI")
    APBN_PUPR = "apbn_pupr", _("APBN PUPR: direktorat lain")
    APBN_OTHER = "apbn_other", _("APBN kementerian lain")
    APBD_PROVINCE = "apbd_prov", _("APBD provinsi")
    APBD_CITY = "apbd_city", _("APBD kabupaten/kota (dan BUMD)")
    DAK = "dak", _("DAK")
    GRANT = "hibah", _("Hibah")
    CSR = "csr", _("Non-pemerintah (CSR)")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    OTHER = "other", _("Lainnya")


FUNDING_FIELDS: dict[str, str] = {source.value: f"fund_{source.value}" for source in FundingSource}
# Short names for narrow table cells (documents).
FUNDING_SHORT = {
    FundingSource.BLM: _("BLM"),
    FundingSource.APBN_PUPR: _("APBN PUPR"),
    FundingSource.APBN_OTHER: _("APBN lain"),
    FundingSource.APBD_PROVINCE: _("APBD prov."),
    FundingSource.APBD_CITY: _("APBD kab./kota"),
    FundingSource.DAK: _("DAK"),
    FundingSource.GRANT: _("Hibah"),
    FundingSource.CSR: _("CSR"),
    FundingSource.SWADAYA: _("Swadaya"),
    FundingSource.OTHER: _("Lain"),
}


def line_amount(volume: Decimal, unit_price: int) -> int:
    """Volume × unit price rounded half up to whole rupiah (2,5 × Rp 3 = Rp 8)."""
    if not isinstance(unit_price, int) or isinstance(unit_price, bool):
        raise TypeError("unit_price must be whole rupiah (int)")
    return int((Decimal(volume) * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def total(amounts: Iterable[int]) -> int:
    return sum((int(a) for a in amounts), 0)


def share(part: int, whole: int) -> Decimal | None:
    """part / whole in percent, one decimal, half up; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
