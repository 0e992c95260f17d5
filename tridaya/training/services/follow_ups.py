"""Writes of a training's follow-up plan (RKTL)."""

from __future__ import annotations

import datetime as dt

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
    FollowUpAction,
    FollowUpStatus,
    Training,
    TrainingStatus,
)
from tridaya.training.policy import MANAGE
from tridaya.training.services.trainings import (
    lock_training,
    require_open,
)

FOLLOW_UP_FIELDS = ["action", "owner", "due_on", "status", "note", "done_on"]


def _follow_up_values(
    follow_up: FollowUpAction,
    training: Training,
    *,
    action: str,
    owner: str,
    due_on: dt.date,
    status: str,
    note: str,
    today: dt.date,
) -> None:
    if due_on < training.starts_on:
        raise DomainError(
            _("Batas waktu tindak lanjut tidak boleh sebelum pelatihan dimulai (%(date)s).")
            % {"date": format_date_id(training.starts_on)},
            code=TrainingError.DUE_DATE_BEFORE_TRAINING,
        )
    follow_up.action, follow_up.owner = action.strip(), owner.strip()
    follow_up.due_on, follow_up.note = due_on, note.strip()
    if status == FollowUpStatus.DONE and follow_up.status != FollowUpStatus.DONE:
        follow_up.done_on = today
    elif status != FollowUpStatus.DONE:
        follow_up.done_on = None
    follow_up.status = status


def _follow_up_training(training: Training) -> Training:
    training = lock_training(training)
    if training.status == TrainingStatus.CANCELLED:
        require_open(training)
    return training


@transaction.atomic(durable=True)
def follow_up_add(
    *,
    actor: User | None,
    training: Training,
    action: str,
    owner: str,
    due_on: dt.date,
    status: str = FollowUpStatus.PLANNED,
    note: str = "",
    today: dt.date | None = None,
) -> FollowUpAction:
    """Add an action to the training's follow-up plan (also after the training is closed)."""
    authorize(actor, MANAGE, training)
    training = _follow_up_training(training)
    follow_up = FollowUpAction(training=training)
    _follow_up_values(
        follow_up,
        training,
        action=action,
        owner=owner,
        due_on=due_on,
        status=status,
        note=note,
        today=today or timezone.localdate(),
    )
    follow_up.full_clean()
    follow_up.save()
    record_event(
        actor=actor,
        action="training.follow_up_added",
        obj=follow_up,
        changes=diff({}, snapshot(follow_up, FOLLOW_UP_FIELDS)),
    )
    return follow_up


@transaction.atomic(durable=True)
def follow_up_update(
    *,
    actor: User | None,
    follow_up: FollowUpAction,
    action: str,
    owner: str,
    due_on: dt.date,
    status: str,
    note: str = "",
    today: dt.date | None = None,
) -> FollowUpAction:
    authorize(actor, MANAGE, follow_up)
    training = _follow_up_training(follow_up.training)
    follow_up = FollowUpAction.objects.select_for_update().get(pk=follow_up.pk)
    before = snapshot(follow_up, FOLLOW_UP_FIELDS)
    _follow_up_values(
        follow_up,
        training,
        action=action,
        owner=owner,
        due_on=due_on,
        status=status,
        note=note,
        today=today or timezone.localdate(),
    )
    follow_up.full_clean()
    follow_up.save()
    changes = diff(before, snapshot(follow_up, FOLLOW_UP_FIELDS))
    if changes:
        record_event(
            actor=actor, action="training.follow_up_updated", obj=follow_up, changes=changes
        )
    return follow_up


@transaction.atomic(durable=True)
def follow_up_remove(*, actor: User | None, follow_up: FollowUpAction) -> None:
    authorize(actor, MANAGE, follow_up)
    _follow_up_training(follow_up.training)
    record_event(
        actor=actor,
        action="training.follow_up_removed",
        obj=follow_up,
        changes=diff(snapshot(follow_up, FOLLOW_UP_FIELDS), {}),
    )
    follow_up.delete()
