"""Escalation of complaints: by hand with a reason, or by the scheduled job when a response
deadline passes (idempotent), with an e-mail to the handlers of the new level."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.oversight import conf
from tridaya.oversight.errors import OversightError, refuse
from tridaya.oversight.models import (
    OPEN_STATUSES,
    Complaint,
    Level,
    Status,
    StepKind,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tridaya.accounts.models import User


from tridaya.oversight.services.complaints import _class_key, _locked, _require_open, _step, _user


def _raise_level(
    complaint: Complaint,
    *,
    actor: User | AnonymousUser | None,
    note: str,
    automatic: bool,
    now: dt.datetime,
) -> None:
    if complaint.level >= Level.NATIONAL:
        raise refuse(OversightError.TOP_LEVEL, _("Pengaduan sudah di tingkat nasional."))
    before = complaint.level
    complaint.level = before + 1
    complaint.due_at = now + conf.deadline_delta(_class_key(complaint))
    complaint.status = Status.IN_PROCESS
    complaint.full_clean()
    complaint.save()
    _step(complaint, StepKind.ESCALATED, actor=actor, note=note, automatic=automatic, at=now)
    record_event(
        actor=_user(actor),
        action="oversight.complaint_escalated",
        obj=complaint,
        changes={"level": [before, complaint.level]},
    )


@transaction.atomic(durable=True)
def complaint_escalate(
    *,
    actor: User | AnonymousUser | None,
    complaint: Complaint,
    reason: str,
    now: dt.datetime | None = None,
) -> Complaint:
    complaint = _locked(complaint)
    authorize(actor, "oversight.escalate", complaint)
    _require_open(complaint)
    reason = require_reason(reason, code=OversightError.REASON_TOO_SHORT)
    _raise_level(complaint, actor=actor, note=reason, automatic=False, now=now or timezone.now())
    return complaint


def escalate_overdue(
    *, now: dt.datetime | None = None, notify: Callable[..., Any] | None = None
) -> list[Complaint]:
    """The scheduled job: every open complaint past its deadline goes one level up with a new
    deadline (at the national level it stays, and its handlers are told once per deadline).
    Idempotent: run again at the same moment, it finds nothing overdue and changes nothing."""
    from tridaya.oversight.selectors import handler_emails

    now = now or timezone.now()
    changed = []
    overdue = Complaint.objects.filter(status__in=OPEN_STATUSES, due_at__lte=now).order_by(
        "due_at", "pk"
    )
    for pk in overdue.values_list("pk", flat=True):
        with transaction.atomic(durable=True):  # one complaint per transaction, never nested
            complaint = Complaint.objects.select_for_update().select_related("village").get(pk=pk)
            if complaint.status not in OPEN_STATUSES or complaint.due_at > now:
                continue
            missed = complaint.due_at
            if complaint.level < Level.NATIONAL:
                _raise_level(
                    complaint,
                    actor=None,
                    automatic=True,
                    now=now,
                    note=_("Batas tanggapan %(due)s terlewati.")
                    % {"due": timezone.localtime(missed).strftime("%d-%m-%Y %H:%M")},
                )
                changed.append(complaint)
            elif complaint.notified_due_at == complaint.due_at:
                continue
            complaint.notified_due_at = missed
            complaint.save(update_fields=["notified_due_at"])
            recipients = handler_emails(complaint)
            if recipients:
                _mail(complaint, recipients, missed)
    return changed


def _mail(complaint: Complaint, recipients: list[str], missed: dt.datetime) -> None:
    subject = _("Pengaduan %(code)s melewati batas tanggapan") % {"code": complaint.code_display}
    body = _(
        "Pengaduan %(code)s dari %(village)s melewati batas tanggapan %(due)s dan kini ditangani "
        "tingkat %(level)s, dengan batas baru %(new)s."
    ) % {
        "code": complaint.code_display,
        "village": complaint.village.name,
        "due": timezone.localtime(missed).strftime("%d-%m-%Y %H:%M"),
        "level": complaint.get_level_display(),
        "new": timezone.localtime(complaint.due_at).strftime("%d-%m-%Y %H:%M"),
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients, fail_silently=True))
