"""Disbursement requests (PP-BLM): created per tranche in order, documents ticked, submitted
when every condition holds, signed rung by rung up the allocation's ladder; a refusal returns
it with a reason; the last signature posts the receipt into the BKM bank account."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize, can
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    Allocation,
    AllocationStatus,
    DisbursementRequest,
    Purpose,
    RequestStatus,
    SignOff,
    VoucherKind,
)
from tridaya.finance.selectors.tranches import (
    ladder_of,
    request_checklist,
    request_conditions,
    tranche_specs,
)
from tridaya.finance.services.ledger import (
    Line,
    account_by_purpose,
    post_lines,
    reason_required,
)

if TYPE_CHECKING:
    from tridaya.accounts.models import User


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def _require_active(allocation: Allocation) -> None:
    if allocation.status != AllocationStatus.ACTIVE:
        raise refuse(
            FinanceError.ALLOCATION_NOT_ACTIVE,
            _("Alokasi berstatus %(status)s: tidak ada pencairan.")
            % {"status": allocation.get_status_display()},
        )


@transaction.atomic(durable=True)
def request_create(
    *, actor: User | None, allocation: Allocation, tranche: int
) -> DisbursementRequest:
    """Open the PP-BLM of tranche N (after tranche N-1 was disbursed)."""
    authorize(actor, "finance.post_voucher", allocation)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    _require_active(allocation)
    specs = tranche_specs(allocation)
    if not 1 <= tranche <= len(specs):
        raise refuse(
            FinanceError.TRANCHE_UNKNOWN,
            _("Skema ini punya %(n)s tahap; pilih tahap 1 sampai %(n)s.") % {"n": len(specs)},
            field="tranche",
        )
    existing = {r.tranche: r for r in allocation.requests.all()}
    if tranche in existing:
        raise refuse(
            FinanceError.REQUEST_EXISTS,
            _("Permohonan %(label)s sudah ada.") % {"label": specs[tranche - 1].label},
            field="tranche",
        )
    previous = existing.get(tranche - 1)
    if tranche > 1 and (previous is None or previous.status != RequestStatus.DISBURSED):
        raise refuse(
            FinanceError.TRANCHE_OUT_OF_ORDER,
            _("%(label)s belum dicairkan; tahap berikutnya menunggu.")
            % {"label": specs[tranche - 2].label},
            field="tranche",
        )
    spec = specs[tranche - 1]
    request = DisbursementRequest(
        allocation=allocation,
        tranche=tranche,
        label=spec.label,
        amount=spec.amount,
        created_by=_user(actor),
    )
    request.full_clean()
    request.save()
    record_event(
        actor=actor,
        action="finance.request_created",
        obj=request,
        changes={"tranche": [None, spec.label], "amount": [None, spec.amount]},
    )
    return request


def _locked(request: DisbursementRequest) -> DisbursementRequest:
    return (
        DisbursementRequest.objects.select_for_update()
        .select_related("allocation__scheme", "allocation__tranche_scheme")
        .get(pk=request.pk)
    )


@transaction.atomic(durable=True)
def request_documents_set(
    *, actor: User | None, request: DisbursementRequest, documents: dict[str, dict]
) -> DisbursementRequest:
    """Tick the checklist: for each document code {"present", "correct", "note"}."""
    if actor is not None and not can(actor, "finance.verify", request):
        authorize(actor, "finance.post_voucher", request)
    request = _locked(request)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED):
        raise refuse(
            FinanceError.REQUEST_STATUS,
            _("Dokumen hanya diubah selama permohonan berupa konsep atau dikembalikan."),
        )
    known = {item["code"] for item in request_checklist(request)}
    unknown = sorted(set(documents) - known)
    if unknown:
        raise refuse(
            FinanceError.DOCUMENT_UNKNOWN,
            _("Dokumen tidak ada dalam daftar tahap ini: %(codes)s.")
            % {"codes": ", ".join(unknown)},
            field="documents",
        )
    before = dict(request.documents)
    request.documents = {
        **before,
        **{
            code: {
                "present": bool(value.get("present")),
                "correct": bool(value.get("correct")),
                "note": str(value.get("note", ""))[:300],
            }
            for code, value in documents.items()
        },
    }
    request.save(update_fields=["documents"])
    record_event(
        actor=actor,
        action="finance.request_documents_set",
        obj=request,
        changes={"documents": [before, request.documents]},
    )
    return request


def _require_conditions(request: DisbursementRequest) -> None:
    failing = [c.message for c in request_conditions(request) if not c.ok]
    if failing:
        raise refuse(
            FinanceError.CONDITIONS_NOT_MET,
            _("Syarat pencairan belum terpenuhi: %(why)s") % {"why": " ".join(failing)},
        )


@transaction.atomic(durable=True)
def request_submit(*, actor: User | None, request: DisbursementRequest) -> DisbursementRequest:
    """Send the request up the ladder (again, after a return, in a new round)."""
    authorize(actor, "finance.post_voucher", request)
    request = _locked(request)
    _require_active(request.allocation)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED):
        raise refuse(
            FinanceError.REQUEST_STATUS,
            _("Permohonan berstatus %(status)s tidak bisa diajukan.")
            % {"status": request.get_status_display()},
        )
    _require_conditions(request)
    if request.status == RequestStatus.RETURNED:
        request.round += 1
    request.status, request.return_reason = RequestStatus.SUBMITTED, ""
    request.save(update_fields=["status", "round", "return_reason"])
    record_event(
        actor=actor,
        action="finance.request_submitted",
        obj=request,
        changes={"status": [None, request.status], "round": [None, request.round]},
    )
    return request


def _signoff(
    actor: User | None,
    request: DisbursementRequest,
    rung: int,
    step: dict,
    signer_name: str,
    signed_on: dt.date,
    approved: bool,
    notes: str,
) -> SignOff:
    name = (signer_name or "").strip()
    if not name:
        raise refuse(
            FinanceError.SIGNER_MISSING,
            _("Tulis nama %(rung)s yang menandatangani.") % {"rung": step["label"]},
            field="signer_name",
        )
    signoff = SignOff(
        request=request,
        round=request.round,
        order=rung,
        step_code=step["code"],
        signer_name=name,
        signed_on=signed_on,
        approved=approved,
        notes=notes.strip(),
        recorded_by=_user(actor),
    )
    signoff.full_clean()
    signoff.save()
    return signoff


def _disburse(actor: User | None, request: DisbursementRequest, date: dt.date) -> None:
    village = request.allocation.village
    voucher, _created = post_lines(
        actor=actor,
        village=village,
        kind=VoucherKind.RECEIPT,
        date=date,
        description=_("Penerimaan BLM %(program)s %(label)s")
        % {"program": request.allocation.scheme.name, "label": request.label},
        lines=[
            Line(account=account_by_purpose(village, Purpose.BANK), debit=request.amount),
            Line(account=account_by_purpose(village, Purpose.BLM_INCOME), credit=request.amount),
        ],
        idempotency_key=f"pp-blm-{request.pk}",
    )
    request.receipt_voucher = voucher
    request.status = RequestStatus.DISBURSED


@transaction.atomic(durable=True)
def request_sign(
    *,
    actor: User | None,
    request: DisbursementRequest,
    signer_name: str,
    signed_on: dt.date,
    approve: bool = True,
    notes: str = "",
) -> SignOff:
    """Record the next rung's signature. A refusal (approve=False) needs the reason in `notes`
    and returns the request; the last approval posts the receipt into the BKM bank."""
    authorize(actor, "finance.verify", request)
    request = _locked(request)
    if request.status != RequestStatus.SUBMITTED:
        raise refuse(
            FinanceError.REQUEST_STATUS,
            _("Hanya permohonan yang sedang diajukan yang ditandatangani."),
        )
    _require_active(request.allocation)
    ladder = ladder_of(request.allocation)
    rung = request.signoffs.filter(round=request.round).count() + 1
    step = ladder[rung - 1]
    if not approve:
        notes = reason_required(notes, field="notes")
    signoff = _signoff(actor, request, rung, step, signer_name, signed_on, approve, notes or "")
    if not approve:
        request.status, request.return_reason = RequestStatus.RETURNED, signoff.notes
    elif rung == len(ladder):
        _require_conditions(request)
        _disburse(actor, request, signed_on)
    request.save(update_fields=["status", "return_reason", "receipt_voucher"])
    record_event(
        actor=actor,
        action="finance.request_signed" if approve else "finance.request_returned",
        obj=request,
        changes={
            "rung": [None, step["code"]],
            "signer": [None, signoff.signer_name],
            "status": [None, request.status],
        },
    )
    return signoff
