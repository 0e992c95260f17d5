"""Writes of the follow-up plan (RKTL)."""

import datetime as dt

import pytest

from tridaya.core.errors import DomainError
from tridaya.institutions.tests.factories import people
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    FollowUpStatus,
)
from tridaya.training.services.follow_ups import follow_up_add, follow_up_update
from tridaya.training.tests.factories import (
    attend_all,
    closed,
    enrol,
    training,
)

pytestmark = pytest.mark.django_db


def test_follow_ups_keep_their_dates_and_can_change_after_the_training_closed(bajur):
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    with pytest.raises(DomainError) as error:
        follow_up_add(
            actor=None, training=t, action="Sosialisasi", owner="BKM", due_on=dt.date(2026, 1, 1)
        )
    assert error.value.code == TrainingError.DUE_DATE_BEFORE_TRAINING
    follow_up = follow_up_add(
        actor=None,
        training=t,
        action="Sosialisasi hasil pelatihan di setiap dusun",
        owner="BKM",
        due_on=dt.date(2026, 4, 30),
    )
    assert follow_up.is_overdue(dt.date(2026, 5, 1))
    follow_up_update(
        actor=None,
        follow_up=follow_up,
        action=follow_up.action,
        owner="BKM",
        due_on=follow_up.due_on,
        status=FollowUpStatus.DONE,
        today=dt.date(2026, 4, 28),
    )
    follow_up.refresh_from_db()
    assert follow_up.done_on == dt.date(2026, 4, 28)
    assert not follow_up.is_overdue(dt.date(2026, 5, 1))
