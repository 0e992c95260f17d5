"""Writes of sessions and attendance."""

import datetime as dt

import pytest

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions.tests.factories import people
from tridaya.training.errors import TrainingError
from tridaya.training.services.sessions import SessionInput, attendance_record, session_add
from tridaya.training.tests.factories import (
    curriculum,
    enrol,
    training,
)

pytestmark = pytest.mark.django_db


def test_a_session_outside_the_dates_or_for_another_module_is_refused(bajur):
    t = training(bajur, ("konsep_plpbk",), plan=False)
    with pytest.raises(DomainError, match="di luar tanggal pelatihan") as error:
        session_add(actor=None, training=t, data=SessionInput(date=dt.date(2026, 5, 1)))
    assert error.value.code == TrainingError.SESSION_OUTSIDE_DATES
    other = curriculum().modules.get(code="ppm")
    with pytest.raises(DomainError) as error:
        session_add(actor=None, training=t, data=SessionInput(date=t.starts_on, module=other))
    assert error.value.code == TrainingError.SESSION_MODULE_NOT_COVERED


def test_attendance_replaces_the_sessions_list_and_refuses_strangers(bajur):
    t = training(bajur, ("konsep_plpbk",))
    a, b = enrol(t, people(bajur, 2), "bkm")
    other = enrol(training(bajur, ("konsep_plpbk",)), people(bajur, 1), "bkm")[0]
    session = t.sessions.get()
    attendance_record(actor=None, session=session, present=[a.pk, b.pk])
    attendance_record(actor=None, session=session, present=[a.pk])
    assert list(session.attendance.values_list("participant_id", flat=True)) == [a.pk]
    with pytest.raises(DomainError) as error:
        attendance_record(actor=None, session=session, present=[other.pk])
    assert error.value.code == TrainingError.PARTICIPANT_OTHER_TRAINING
    event = AuditEvent.objects.filter(action="training.attendance_recorded").first()
    assert event.changes["present"] == [[a.pk, b.pk], [a.pk]]
