"""KSM proposals from the legalised RTPLP, verified by the BKM; cash plans (RPD) per tranche;
BKM -> KSM releases that never exceed the KSM tranche (scheme 60/30/10 by default)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    Allocation,
    AllocationStatus,
    CashPlanItem,
    CostCategory,
    KsmRelease,
    Proposal,
    ProposalActivity,
    ProposalStatus,
    Purpose,
    VoucherKind,
)
from tridaya.finance.plan_source import rtplp_line
from tridaya.finance.services.ledger import (
    Line,
    _ksm_advance_open,
    account_by_purpose,
    post_lines,
    reason_required,
)
from tridaya.institutions.models import KSM

if TYPE_CHECKING:
    from tridaya.accounts.models import User

EDITABLE = (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


def _require_status(proposal: Proposal, allowed: Collection[str]) -> None:
    if proposal.status not in allowed:
        raise refuse(
            FinanceError.PROPOSAL_STATUS,
            _("Usulan berstatus %(status)s tidak bisa diubah dengan cara ini.")
            % {"status": proposal.get_status_display()},
        )


@transaction.atomic(durable=True)
def proposal_create(
    *, actor: User | None, allocation: Allocation, ksm: KSM, number: str, proposed_on: dt.date
) -> Proposal:
    authorize(actor, "finance.propose", allocation)
    if ksm.village_id != allocation.village_id:
        raise refuse(FinanceError.WRONG_VILLAGE, _("KSM ini dari desa lain."), field="ksm")
    proposal = Proposal(
        village_id=allocation.village_id,
        allocation=allocation,
        ksm=ksm,
        number=number.strip(),
        proposed_on=proposed_on,
    )
    proposal.full_clean()
    proposal.save()
    record_event(actor=actor, action="finance.proposal_created", obj=proposal)
    return proposal


@transaction.atomic(durable=True)
def proposal_activity_add(
    *, actor: User | None, proposal: Proposal, plan_activity_id: int
) -> ProposalActivity:
    """Copy an activity of the legalised RTPLP (with its RAB funding) into the proposal."""
    authorize(actor, "finance.propose", proposal)
    _require_status(proposal, EDITABLE)
    line = rtplp_line(proposal.village_id, plan_activity_id)
    if line is None:
        raise refuse(
            FinanceError.NOT_IN_RTPLP,
            _("Kegiatan itu tidak ada di RTPLP yang sudah disahkan desa ini."),
            field="plan_activity_id",
        )
    if proposal.activities.filter(plan_activity_id=plan_activity_id).exists():
        raise refuse(
            FinanceError.PROPOSAL_EXISTS,
            _("Kegiatan %(name)s sudah ada di usulan ini.") % {"name": line.component},
            field="plan_activity_id",
        )
    activity = ProposalActivity(
        proposal=proposal,
        plan_activity_id=plan_activity_id,
        name=line.component[:200],
        domain=line.domain,
        volume=line.volume,
        unit=line.unit,
        location=line.location,
        people=line.people,
        women=line.women,
        mbr=line.mbr,
        households=line.households,
        poor_households=line.poor_households,
        funding={k: v for k, v in line.funding.items() if v},
        blm_amount=line.funding.get("blm", 0),
        swadaya_amount=line.funding.get("swadaya", 0),
    )
    activity.full_clean()
    activity.save()
    record_event(
        actor=actor,
        action="finance.proposal_activity_added",
        obj=proposal,
        changes={"activity": [None, activity.name], "blm": [None, activity.blm_amount]},
    )
    return activity


@transaction.atomic(durable=True)
def proposal_submit(*, actor: User | None, proposal: Proposal) -> Proposal:
    authorize(actor, "finance.propose", proposal)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_status(proposal, EDITABLE)
    if not proposal.activities.exists():
        raise refuse(FinanceError.PROPOSAL_EMPTY, _("Tambahkan sedikitnya satu kegiatan."))
    before = proposal.status
    proposal.status = ProposalStatus.SUBMITTED
    proposal.save(update_fields=["status"])
    record_event(
        actor=actor,
        action="finance.proposal_submitted",
        obj=proposal,
        changes={"status": [before, proposal.status]},
    )
    return proposal


@transaction.atomic(durable=True)
def proposal_verify(
    *,
    actor: User | None,
    proposal: Proposal,
    verified_on: dt.date,
    accept: bool = True,
    reason: str = "",
) -> Proposal:
    """The BKM verifies the proposal, or returns it saying what to fix."""
    authorize(actor, "finance.verify_proposal", proposal)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_status(proposal, (ProposalStatus.SUBMITTED,))
    reason = reason_required(reason) if not accept else (reason or "").strip()
    proposal.status = ProposalStatus.VERIFIED if accept else ProposalStatus.RETURNED
    proposal.return_reason = reason
    proposal.verified_on = verified_on if accept else None
    proposal.verified_by = (
        actor if accept and actor is not None and actor.is_authenticated else None
    )
    proposal.save(update_fields=["status", "return_reason", "verified_on", "verified_by"])
    record_event(
        actor=actor,
        action="finance.proposal_verified" if accept else "finance.proposal_returned",
        obj=proposal,
        changes={"status": [ProposalStatus.SUBMITTED.value, proposal.status]},
    )
    return proposal


@transaction.atomic(durable=True)
def cash_plan_item_add(
    *,
    actor: User | None,
    activity: ProposalActivity,
    tranche: int,
    category: str,
    item: str,
    unit: str,
    quantity_needed: Decimal,
    requested: Decimal,
    unit_price: int,
    realised_before: Decimal = Decimal(0),
) -> CashPlanItem:
    """One RPD line; amount = requested x unit price, rounded to the rupiah."""
    authorize(actor, "finance.propose", activity.proposal)
    if category not in CostCategory.values:
        raise refuse(FinanceError.RPD_BAD, _("Pilih kelompok biaya."), field="category")
    if requested <= 0 or realised_before < 0 or realised_before + requested > quantity_needed:
        raise refuse(
            FinanceError.RPD_BAD,
            _(
                "%(item)s: yang diminta (%(req)s) ditambah yang sudah terealisasi (%(done)s) "
                "melebihi kebutuhan total (%(need)s)."
            )
            % {"item": item, "req": requested, "done": realised_before, "need": quantity_needed},
            field="requested",
        )
    amount = int((requested * unit_price).quantize(Decimal(1), ROUND_HALF_UP))
    _check_within_tranche(activity, tranche, amount)
    line = CashPlanItem(
        activity=activity,
        tranche=tranche,
        category=category,
        item=item.strip(),
        unit=unit.strip(),
        quantity_needed=quantity_needed,
        realised_before=realised_before,
        requested=requested,
        unit_price=unit_price,
        amount=amount,
    )
    line.full_clean()
    line.save()
    record_event(
        actor=actor,
        action="finance.cash_plan_item_added",
        obj=activity.proposal,
        changes={"item": [None, line.item], "tranche": [None, tranche], "amount": [None, amount]},
    )
    return line


def _check_within_tranche(activity: ProposalActivity, tranche: int, amount: int) -> None:
    """The RPD of a tranche asks for no more than that tranche's share of the activity's BLM
    (what a release of the tranche may move), so a plan the rules would never pay is refused
    when it is written."""
    share = ksm_tranche_cap(activity, tranche) - (
        ksm_tranche_cap(activity, tranche - 1) if tranche > 1 else 0
    )
    planned = (
        activity.cash_plan.filter(tranche=tranche).aggregate(total=Sum("amount"))["total"] or 0
    )
    if planned + amount > share:
        raise refuse(
            FinanceError.RPD_BAD,
            _(
                "RPD tahap %(n)s untuk %(name)s menjadi %(total)s, melebihi bagian tahap itu "
                "dari BLM kegiatan (%(share)s). Kurangi jumlah yang diminta atau harga satuan."
            )
            % {
                "n": tranche,
                "name": activity.name,
                "total": format_rupiah(planned + amount),
                "share": format_rupiah(max(share, 0)),
            },
            field="requested",
        )


def ksm_tranche_cap(activity: ProposalActivity, tranche: int) -> int:
    """How much of the activity's BLM may have been released up to and including `tranche`
    (cumulative percent of the KSM scheme; the last tranche reaches the whole amount)."""
    tranches = activity.proposal.allocation.ksm_scheme.definition["tranches"]
    if tranche >= len(tranches):
        return activity.blm_amount
    percent = sum(t.get("percent", 0) for t in tranches[:tranche])
    return activity.blm_amount * percent // 100


def _release_conditions(activity: ProposalActivity, tranche: int) -> list[str]:
    problems = []
    if activity.proposal.status != ProposalStatus.VERIFIED:
        problems.append(_("usulan belum diverifikasi BKM"))
    if activity.proposal.allocation.status != AllocationStatus.ACTIVE:
        problems.append(_("alokasi tidak berjalan"))
    if not activity.cash_plan.filter(tranche=tranche).exists():
        problems.append(_("RPD tahap %(n)s belum dibuat") % {"n": tranche})
    if tranche > 1 and not activity.releases.filter(tranche=tranche - 1).exists():
        problems.append(_("tahap %(n)s belum dicairkan") % {"n": tranche - 1})
    return problems


@transaction.atomic(durable=True)
def ksm_release(
    *,
    actor: User | None,
    activity: ProposalActivity,
    tranche: int,
    amount: int,
    date: dt.date,
    idempotency_key: str = "",
) -> KsmRelease:
    """Move money from the BKM bank to the activity's advance; never beyond the KSM tranche."""
    authorize(actor, "finance.post_voucher", activity.proposal)
    activity = (
        ProposalActivity.objects.select_for_update()
        .select_related("proposal__allocation__ksm_scheme", "proposal__ksm")
        .get(pk=activity.pk)
    )
    replay = KsmRelease.objects.filter(
        voucher__village_id=activity.proposal.village_id,
        voucher__idempotency_key=idempotency_key,
    ).first()
    if idempotency_key and replay is not None:
        return replay
    problems = _release_conditions(activity, tranche)
    if problems:
        raise refuse(
            FinanceError.RELEASE_CONDITIONS,
            _("Pencairan ke KSM belum bisa: %(why)s.") % {"why": "; ".join(problems)},
        )
    released = activity.releases.aggregate(total=Sum("amount"))["total"] or 0
    room = ksm_tranche_cap(activity, tranche) - released
    if not isinstance(amount, int) or amount <= 0 or amount > room:
        raise refuse(
            FinanceError.RELEASE_OVER_TRANCHE,
            _("Jumlah pencairan %(amount)s melebihi sisa tahap %(n)s untuk %(name)s: %(room)s.")
            % {
                "amount": format_rupiah(int(amount)),
                "n": tranche,
                "name": activity.name,
                "room": format_rupiah(max(room, 0)),
            },
            field="amount",
        )
    village = activity.proposal.village
    advance = _ksm_advance_open(actor=None, ksm=activity.proposal.ksm, activity_key=activity.key)
    voucher, _created = post_lines(
        actor=actor,
        village=village,
        kind=VoucherKind.TRANSFER,
        date=date,
        description=_("Pencairan tahap %(n)s ke %(ksm)s untuk %(name)s")
        % {"n": tranche, "ksm": activity.proposal.ksm.name, "name": activity.name},
        lines=[
            Line(account=advance, debit=amount),
            Line(account=account_by_purpose(village, Purpose.BANK), credit=amount),
        ],
        idempotency_key=idempotency_key,
    )
    existing = KsmRelease.objects.filter(voucher=voucher).first()
    if existing is not None:
        return existing
    release = KsmRelease(activity=activity, tranche=tranche, amount=amount, voucher=voucher)
    release.full_clean()
    release.save()
    record_event(
        actor=actor,
        action="finance.ksm_released",
        obj=voucher,
        changes={
            "activity": [None, activity.name],
            "tranche": [None, tranche],
            "amount": [None, amount],
        },
    )
    return release
