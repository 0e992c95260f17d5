"""The standard chart of accounts every village starts with (pure data, no database).

Codes follow the usual Indonesian order: 1 aset, 2 kewajiban, 3 ekuitas, 4 pendapatan, 5 biaya.
KSM advances (13xx) are opened per KSM and per activity when money is first released to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from tridaya.finance.models import AccountKind, CostCategory, Purpose

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class AccountSpec:
    code: str
    name: str | _StrPromise  # a lazy label; services store str(name)
    kind: str
    purpose: str
    category: str = ""


STANDARD_CHART: tuple[AccountSpec, ...] = (
    AccountSpec("1101", _("Kas tunai UPK"), AccountKind.ASSET, Purpose.CASH),
    AccountSpec("1102", _("Bank BKM (rekening bersama)"), AccountKind.ASSET, Purpose.BANK),
    AccountSpec("1201", _("Piutang"), AccountKind.ASSET, Purpose.RECEIVABLE),
    AccountSpec(
        "3101", _("Dana BLM dikembalikan ke kas negara"), AccountKind.EQUITY, Purpose.RETURNED
    ),
    AccountSpec("4101", _("Penerimaan dana BLM"), AccountKind.INCOME, Purpose.BLM_INCOME),
    AccountSpec("4201", _("Swadaya tunai"), AccountKind.INCOME, Purpose.SWADAYA_CASH),
    AccountSpec(
        "4202", _("Swadaya tenaga kerja (HOK)"), AccountKind.INCOME, Purpose.SWADAYA_LABOUR
    ),
    AccountSpec("4203", _("Swadaya bahan"), AccountKind.INCOME, Purpose.SWADAYA_MATERIAL),
    AccountSpec("4301", _("Pendapatan lain (jasa bank)"), AccountKind.INCOME, Purpose.OTHER_INCOME),
    AccountSpec(
        "4401", _("Penerimaan dana mitra (di luar BLM)"), AccountKind.INCOME, Purpose.PARTNER_INCOME
    ),
    AccountSpec("5101", _("Biaya bahan"), AccountKind.EXPENSE, Purpose.EXPENSE, CostCategory.BAHAN),
    AccountSpec("5102", _("Biaya alat"), AccountKind.EXPENSE, Purpose.EXPENSE, CostCategory.ALAT),
    AccountSpec("5103", _("Biaya upah"), AccountKind.EXPENSE, Purpose.EXPENSE, CostCategory.UPAH),
    AccountSpec(
        "5104",
        _("Biaya operasional"),
        AccountKind.EXPENSE,
        Purpose.EXPENSE,
        CostCategory.OPERASIONAL,
    ),
)


def ksm_advance_code(ksm_id: int, activity_key: str = "") -> str:
    """1301-<ksm> for a KSM's advance; 1301-<ksm>-<activity> for one of its activities."""
    return f"1301-{ksm_id}" + (f"-{activity_key}" if activity_key else "")
