"""Recording the community's own contribution (swadaya) in the ledger: cash into the UPK cash
box, labour valued as person-days (HOK) x day rate into wages, materials into materials."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    CostCategory,
    Purpose,
    SwadayaContribution,
    SwadayaForm,
    Voucher,
    VoucherKind,
)
from tridaya.finance.services.ledger import Line, account_by_purpose, post_lines, require_village
from tridaya.institutions.models import KSM
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from django.core.files import File

    from tridaya.accounts.models import User


@dataclass(frozen=True)
class SwadayaInput:
    form: str
    date: dt.date
    description: str
    amount: int = 0  # cash and materials, rupiah
    days: int = 0  # labour: person-days (HOK)
    daily_rate: int = 0  # labour: rupiah per HOK
    workers_men: int = 0
    workers_women: int = 0
    ksm: KSM | None = None


def _value(data: SwadayaInput) -> int:
    if data.form == SwadayaForm.LABOUR:
        if data.days <= 0 or data.daily_rate <= 0:
            raise refuse(
                FinanceError.BAD_AMOUNT,
                _("Isi jumlah HOK dan nilai per HOK, keduanya lebih dari nol."),
                field="days",
            )
        return data.days * data.daily_rate
    if not isinstance(data.amount, int) or data.amount <= 0:
        raise refuse(
            FinanceError.BAD_AMOUNT, _("Isi nilai swadaya dalam rupiah bulat."), field="amount"
        )
    return data.amount


def _lines(village: Region, data: SwadayaInput, value: int) -> tuple[str, list[Line]]:
    if data.form == SwadayaForm.CASH:
        debit = account_by_purpose(village, Purpose.CASH)
        credit = account_by_purpose(village, Purpose.SWADAYA_CASH)
        kind = VoucherKind.RECEIPT
    elif data.form == SwadayaForm.LABOUR:
        debit = account_by_purpose(village, Purpose.EXPENSE, CostCategory.UPAH)
        credit = account_by_purpose(village, Purpose.SWADAYA_LABOUR)
        kind = VoucherKind.TRANSFER
    else:
        debit = account_by_purpose(village, Purpose.EXPENSE, CostCategory.BAHAN)
        credit = account_by_purpose(village, Purpose.SWADAYA_MATERIAL)
        kind = VoucherKind.TRANSFER
    return kind, [Line(account=debit, debit=value), Line(account=credit, credit=value)]


def _swadaya_record(
    *,
    actor: User | None,
    village: Region,
    data: SwadayaInput,
    evidence: File | None = None,
    idempotency_key: str = "",
) -> Voucher:
    """Post a swadaya voucher and what it stands for (HOK, rate, workers by sex)."""
    require_village(village)
    authorize(actor, "finance.post_voucher", village)
    if data.form not in SwadayaForm.values:
        raise refuse(FinanceError.BAD_AMOUNT, _("Pilih bentuk swadaya."), field="form")
    value = _value(data)
    kind, lines = _lines(village, data, value)
    voucher, created = post_lines(
        actor=actor,
        village=village,
        kind=kind,
        date=data.date,
        description=data.description,
        lines=lines,
        evidence=evidence,
        idempotency_key=idempotency_key,
    )
    if not created:
        return voucher
    contribution = SwadayaContribution(
        voucher=voucher,
        village=village,
        form=data.form,
        ksm=data.ksm,
        days=data.days if data.form == SwadayaForm.LABOUR else 0,
        daily_rate=data.daily_rate if data.form == SwadayaForm.LABOUR else 0,
        workers_men=data.workers_men,
        workers_women=data.workers_women,
        value=value,
    )
    contribution.full_clean()
    contribution.save()
    record_event(
        actor=actor,
        action="finance.swadaya_recorded",
        obj=voucher,
        changes={"form": [None, data.form], "value": [None, value], "days": [None, data.days]},
    )
    return voucher


swadaya_record = transaction.atomic(durable=True)(_swadaya_record)
# For another app's service, inside its transaction (works: the swadaya reported with progress
# or upkeep).
swadaya_record_nested = transaction.atomic(_swadaya_record)
