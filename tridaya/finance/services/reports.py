"""Accountability reports (LPJ): submitted by the BKM/UPK per tranche (0 = final), accepted or
returned with a reason by the facilitator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import (
    Allocation,
    AnnualAudit,
    AuditFinding,
    AuditOpinion,
    Lpj,
    LpjStatus,
)
from tridaya.finance.services.ledger import reason_required
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from tridaya.accounts.models import User


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic(durable=True)
def lpj_submit(
    *, actor: User | None, allocation: Allocation, tranche: int, period_end: dt.date
) -> Lpj:
    """Submit the LPJ of a tranche (0 for the final one); again after a return."""
    authorize(actor, "finance.post_voucher", allocation)
    pending = Lpj.objects.filter(
        allocation=allocation,
        tranche=tranche,
        status__in=[LpjStatus.SUBMITTED, LpjStatus.ACCEPTED],
    ).first()
    if pending is not None:
        raise refuse(
            FinanceError.LPJ_EXISTS,
            _("LPJ tahap ini sudah %(status)s.") % {"status": pending.get_status_display()},
        )
    lpj = Lpj(allocation=allocation, tranche=tranche, period_end=period_end)
    lpj.submitted_by = _user(actor)
    lpj.full_clean()
    lpj.save()
    record_event(
        actor=actor,
        action="finance.lpj_submitted",
        obj=lpj,
        changes={"tranche": [None, tranche], "period_end": [None, period_end.isoformat()]},
    )
    return lpj


@transaction.atomic(durable=True)
def lpj_decide(*, actor: User | None, lpj: Lpj, accept: bool, reason: str = "") -> Lpj:
    """The facilitator accepts the LPJ, or returns it saying what to fix."""
    authorize(actor, "finance.verify", lpj)
    lpj = Lpj.objects.select_for_update().get(pk=lpj.pk)
    if lpj.status != LpjStatus.SUBMITTED:
        raise refuse(FinanceError.LPJ_STATUS, _("LPJ ini sudah diputuskan."))
    reason = reason_required(reason) if not accept else (reason or "").strip()
    lpj.status = LpjStatus.ACCEPTED if accept else LpjStatus.RETURNED
    lpj.reason = reason
    lpj.decided_by, lpj.decided_at = _user(actor), timezone.now()
    lpj.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record_event(
        actor=actor,
        action="finance.lpj_accepted" if accept else "finance.lpj_returned",
        obj=lpj,
        changes={"status": [LpjStatus.SUBMITTED.value, lpj.status], "reason": [None, reason]},
    )
    return lpj


@dataclass(frozen=True)
class FindingInput:
    text: str
    follow_up: str = ""
    due_on: dt.date | None = None


@transaction.atomic(durable=True)
def audit_record(
    *,
    actor: User | None,
    village: Region,
    year: int,
    auditor: str,
    audited_on: dt.date,
    opinion: str,
    findings: Sequence[FindingInput] = (),
) -> AnnualAudit:
    """Record the annual audit (auditor, date, opinion) and its findings as follow-ups."""
    authorize(actor, "finance.record_audit", village)
    if opinion not in AuditOpinion.values:
        raise refuse(
            FinanceError.BAD_AMOUNT, _("Pilih opini: WTP, WDP, TW atau TMP."), field="opinion"
        )
    audit = AnnualAudit(
        village=village,
        year=year,
        auditor=auditor.strip(),
        audited_on=audited_on,
        opinion=opinion,
        recorded_by=_user(actor),
    )
    audit.full_clean()
    audit.save()
    for number, finding in enumerate(findings, start=1):
        row = AuditFinding(
            audit=audit,
            number=number,
            text=finding.text.strip(),
            follow_up=finding.follow_up.strip(),
            due_on=finding.due_on,
        )
        row.full_clean()
        row.save()
    record_event(
        actor=actor,
        action="finance.audit_recorded",
        obj=audit,
        changes={"opinion": [None, opinion], "findings": [None, len(findings)]},
    )
    return audit


@transaction.atomic(durable=True)
def finding_close(
    *, actor: User | None, finding: AuditFinding, closed_on: dt.date, note: str
) -> AuditFinding:
    """Close a finding's follow-up, saying what was done."""
    authorize(actor, "finance.record_audit", finding)
    finding = AuditFinding.objects.select_for_update().select_related("audit").get(pk=finding.pk)
    if finding.closed_on is not None:
        raise refuse(
            FinanceError.FINDING_CLOSED,
            _("Temuan ini sudah ditutup pada %(date)s.")
            % {"date": date_format(finding.closed_on, "j F Y")},
        )
    if closed_on < finding.audit.audited_on:
        raise refuse(
            FinanceError.FINDING_CLOSED,
            _("Tanggal selesai tidak boleh sebelum tanggal laporan audit (%(date)s).")
            % {"date": date_format(finding.audit.audited_on, "j F Y")},
            field="closed_on",
        )
    note = reason_required(note, field="note")
    finding.closed_on, finding.closing_note = closed_on, note
    finding.save(update_fields=["closed_on", "closing_note"])
    record_event(
        actor=actor,
        action="finance.finding_closed",
        obj=finding,
        changes={"closed_on": [None, closed_on.isoformat()], "note": [None, note]},
    )
    return finding
