"""Writes of a training's sessions and of the attendance recorded at each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.dates import format_date_id
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Attendance,
    Module,
    Session,
    Training,
)
from tridaya.training.policy import MANAGE
from tridaya.training.services.participants import participants_by_id
from tridaya.training.services.trainings import (
    lock_training,
    require_open,
)

SESSION_FIELDS = ["date", "start_time", "end_time", "module", "title", "trainers"]


@dataclass(frozen=True)
class SessionInput:
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    module: Module | None = None
    title: str = ""
    trainers: str = ""


def _apply_session(session: Session, training: Training, data: SessionInput) -> None:
    if not training.starts_on <= data.date <= training.ends_on:
        raise DomainError(
            _("Tanggal sesi %(date)s di luar tanggal pelatihan (%(start)s sampai %(end)s).")
            % {
                "date": format_date_id(data.date),
                "start": format_date_id(training.starts_on),
                "end": format_date_id(training.ends_on),
            },
            code=TrainingError.SESSION_OUTSIDE_DATES,
        )
    if data.module is not None and not training.modules.filter(pk=data.module.pk).exists():
        raise DomainError(
            _("Modul %(module)s tidak termasuk modul pelatihan ini.") % {"module": data.module},
            code=TrainingError.SESSION_MODULE_NOT_COVERED,
        )
    session.date, session.start_time, session.end_time = data.date, data.start_time, data.end_time
    session.module, session.title = data.module, data.title.strip()
    session.trainers = data.trainers.strip()


@transaction.atomic(durable=True)
def session_add(*, actor: User | None, training: Training, data: SessionInput) -> Session:
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    session = Session(training=training)
    _apply_session(session, training, data)
    session.full_clean()
    session.save()
    record_event(
        actor=actor,
        action="training.session_added",
        obj=session,
        changes=diff({}, snapshot(session, SESSION_FIELDS)),
    )
    return session


@transaction.atomic(durable=True)
def session_update(*, actor: User | None, session: Session, data: SessionInput) -> Session:
    authorize(actor, MANAGE, session)
    training = lock_training(session.training)
    require_open(training)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = snapshot(session, SESSION_FIELDS)
    _apply_session(session, training, data)
    session.full_clean()
    session.save()
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
        record_event(actor=actor, action="training.session_updated", obj=session, changes=changes)
    return session


@transaction.atomic(durable=True)
def session_remove(*, actor: User | None, session: Session) -> None:
    """Remove a session (and the attendance recorded for it) from a training still open."""
    authorize(actor, MANAGE, session)
    training = lock_training(session.training)
    require_open(training)
    present = session.attendance.count()
    record_event(
        actor=actor,
        action="training.session_removed",
        obj=session,
        changes={**diff(snapshot(session, SESSION_FIELDS), {}), "present": [present, None]},
    )
    session.delete()


@transaction.atomic(durable=True)
def attendance_record(*, actor: User | None, session: Session, present: Iterable[int]) -> Session:
    """Record who was present at a session (everyone else was absent)."""
    authorize(actor, MANAGE, session)
    training = lock_training(session.training)
    require_open(training)
    present_ids = set(present)
    participants_by_id(training, present_ids)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = sorted(session.attendance.values_list("participant_id", flat=True))
    was_recorded = session.attendance_recorded_at is not None
    session.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, participant_id=pid) for pid in sorted(present_ids)
    )
    session.attendance_recorded_at = timezone.now()
    session.save(update_fields=["attendance_recorded_at", "updated_at"])
    after = sorted(present_ids)
    if after != before or not was_recorded:
        record_event(
            actor=actor,
            action="training.attendance_recorded",
            obj=session,
            changes={
                "present": [before if was_recorded else None, after],
                "absent": [None, training.participants.count() - len(after)],
            },
        )
    return session
