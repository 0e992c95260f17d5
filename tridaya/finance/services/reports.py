"""Accountability reports (LPJ): submitted by the BKM/UPK per tranche (0 = final), accepted or
returned with a reason by the facilitator."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import Allocation, Lpj, LpjStatus
from tridaya.finance.services.ledger import MIN_REASON_LENGTH


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


@transaction.atomic
def lpj_submit(*, actor, allocation: Allocation, tranche: int, period_end: dt.date) -> Lpj:
    """Submit the LPJ of a tranche (0 for the final one); again after a return."""
    if actor is not None:
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


@transaction.atomic
def lpj_decide(*, actor, lpj: Lpj, accept: bool, reason: str = "") -> Lpj:
    """The facilitator accepts the LPJ, or returns it saying what to fix."""
    if actor is not None:
        authorize(actor, "finance.verify", lpj)
    lpj = Lpj.objects.select_for_update().get(pk=lpj.pk)
    if lpj.status != LpjStatus.SUBMITTED:
        raise refuse(FinanceError.LPJ_STATUS, _("LPJ ini sudah diputuskan."))
    reason = (reason or "").strip()
    if not accept and len(reason) < MIN_REASON_LENGTH:
        raise refuse(
            FinanceError.REASON_TOO_SHORT,
            _("Tulis apa yang harus diperbaiki, sedikitnya %(n)s huruf.")
            % {"n": MIN_REASON_LENGTH},
            field="reason",
        )
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
