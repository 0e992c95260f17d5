"""Allocations: a program gives a village money for a budget year under a pinned scheme
version; it can be suspended, resumed or cancelled with a reason, and what is left unspent is
returned to the state treasury as a recorded voucher (never silently dropped)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.finance import conf
from tridaya.finance.definitions import current_program, referenced_scheme
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    Account,
    Allocation,
    AllocationStatus,
    Purpose,
    VoucherKind,
)
from tridaya.finance.services.ledger import (
    Line,
    account_by_purpose,
    post_lines,
    reason_required,
    require_village,
)
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from django.core.files import File

    from tridaya.accounts.models import User


def _require_reason(reason: str) -> str:
    return reason_required(reason)


def _default_amount(program: dict) -> int:
    return conf.plpbk_default_amount() if program["amount"] == "setting" else program["amount"]


def _physical_percent(program: dict) -> Decimal:
    value = program.get("min_physical_percent", "setting")
    return Decimal(conf.min_physical_share() if value == "setting" else value)


@transaction.atomic(durable=True)
def allocation_create(
    *,
    actor: User | None,
    village: Region,
    program_code: str,
    budget_year: int,
    amount: int | None = None,
    funding_source: str = "",
) -> Allocation:
    """Give a village an allocation under the newest version of the program's scheme."""
    require_village(village)
    authorize(actor, "finance.manage_allocation", village)
    scheme = current_program(program_code)
    program = scheme.definition
    if Allocation.objects.filter(
        village=village, scheme__code=program_code, budget_year=budget_year
    ).exists():
        raise refuse(
            FinanceError.ALLOCATION_EXISTS,
            _("%(village)s sudah punya alokasi %(program)s tahun %(year)s.")
            % {"village": village.name, "program": scheme.name, "year": budget_year},
            field="program",
        )
    allocation = Allocation(
        village=village,
        scheme=scheme,
        tranche_scheme=referenced_scheme(program["tranche_scheme"], "bkm"),
        ksm_scheme=referenced_scheme(program["ksm_scheme"], "ksm"),
        amount=_default_amount(program) if amount is None else amount,
        funding_source=funding_source or program["funding_source"],
        budget_year=budget_year,
        min_physical_percent=_physical_percent(program),
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    allocation.full_clean()
    allocation.save()
    record_event(
        actor=actor,
        action="finance.allocation_created",
        obj=allocation,
        changes={
            "program": [None, f"{scheme.code}@{scheme.version}"],
            "amount": [None, allocation.amount],
            "budget_year": [None, budget_year],
        },
    )
    return allocation


_MOVES = {
    "suspend": (
        {AllocationStatus.ACTIVE},
        AllocationStatus.SUSPENDED,
        "finance.allocation_suspend",
    ),
    "resume": ({AllocationStatus.SUSPENDED}, AllocationStatus.ACTIVE, "finance.allocation_resume"),
    "cancel": (
        {AllocationStatus.ACTIVE, AllocationStatus.SUSPENDED},
        AllocationStatus.CANCELLED,
        "finance.allocation_cancel",
    ),
    "close": ({AllocationStatus.ACTIVE}, AllocationStatus.CLOSED, "finance.allocation_close"),
}


@transaction.atomic(durable=True)
def allocation_set_status(
    *, actor: User | None, allocation: Allocation, move: str, reason: str
) -> Allocation:
    """Suspend, resume, cancel or close an allocation, with the reason recorded."""
    authorize(actor, "finance.manage_allocation", allocation)
    reason = _require_reason(reason)
    if move not in _MOVES:
        raise refuse(
            FinanceError.ALLOCATION_STATUS,
            _("Pilih tangguhkan, lanjutkan, batalkan atau tutup."),
            field="move",
        )
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    sources, target, action = _MOVES[move]
    if allocation.status not in sources:
        raise refuse(
            FinanceError.ALLOCATION_STATUS,
            _("Alokasi berstatus %(status)s tidak bisa diubah menjadi %(target)s.")
            % {"status": allocation.get_status_display(), "target": target.label},
        )
    before = allocation.status
    allocation.status, allocation.status_reason = target, reason
    allocation.save(update_fields=["status", "status_reason"])
    record_event(
        actor=actor,
        action=action,
        obj=allocation,
        changes={"status": [before, target.value], "reason": [None, reason]},
    )
    return allocation


@transaction.atomic(durable=True)
def allocation_return_unspent(
    *,
    actor: User | None,
    allocation: Allocation,
    date: dt.date,
    reason: str,
    evidence: File | None = None,
) -> Allocation:
    """Return what is left in the BKM bank to the state treasury as a Bukti Kas Keluar, and
    close (or keep cancelled) the allocation. Only once, and only when something is left."""
    authorize(actor, "finance.post_voucher", allocation)
    reason = _require_reason(reason)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.return_voucher_id or allocation.status == AllocationStatus.SUSPENDED:
        raise refuse(
            FinanceError.ALLOCATION_STATUS,
            _("Dana alokasi ini sudah dikembalikan, atau alokasi sedang ditangguhkan."),
        )
    village = allocation.village
    bank = account_by_purpose(village, Purpose.BANK)
    left = Account.objects.get(pk=bank.pk).balance
    if left <= 0:
        raise refuse(FinanceError.NOTHING_TO_RETURN, _("Tidak ada sisa dana di bank BKM."))
    returned = account_by_purpose(village, Purpose.RETURNED)
    voucher, _created = post_lines(
        actor=actor,
        village=village,
        kind=VoucherKind.PAYMENT,
        date=date,
        description=_("Pengembalian sisa dana %(program)s ke kas negara: %(reason)s")
        % {"program": allocation.scheme.name, "reason": reason},
        lines=[Line(account=returned, debit=left), Line(account=bank, credit=left)],
        evidence=evidence,
        reverses=None,
        evidence_required=False,
    )
    allocation.return_voucher = voucher
    if allocation.status == AllocationStatus.ACTIVE:
        allocation.status = AllocationStatus.CLOSED
    allocation.status_reason = reason
    allocation.save(update_fields=["return_voucher", "status", "status_reason"])
    record_event(
        actor=actor,
        action="finance.allocation_returned",
        obj=allocation,
        changes={"returned": [None, left], "voucher": [None, voucher.display_number]},
    )
    return allocation
