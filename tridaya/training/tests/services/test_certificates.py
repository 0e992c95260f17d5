"""Closing a training (its certificates), reopening it, and revoking a certificate."""

import datetime as dt

import pytest

from tridaya.core.errors import DomainError
from tridaya.institutions.tests.factories import people
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Certificate,
    TrainingSettings,
    TrainingStatus,
)
from tridaya.training.services.certificates import certificate_revoke, training_close
from tridaya.training.services.sessions import attendance_record
from tridaya.training.services.trainings import (
    training_reopen,
)
from tridaya.training.tests.factories import (
    CORE,
    attend_all,
    closed,
    enrol,
    score,
    training,
)

pytestmark = pytest.mark.django_db


def test_closing_needs_every_sessions_attendance(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"))
    enrol(t, people(bajur, 2), "bkm")
    first = t.sessions.order_by("date", "start_time").first()
    attendance_record(actor=None, session=first, present=[])
    with pytest.raises(DomainError, match="sesi 2 \\(Peran dan tanggung jawab pelaku") as error:
        training_close(actor=None, training=t)
    assert error.value.code == TrainingError.ATTENDANCE_MISSING


def test_closing_issues_certificates_to_those_who_completed_and_locks_the_training(bajur):
    t = training(bajur)  # six sessions, one per module
    regular, absent_twice, absent_once = enrol(t, people(bajur, 3), "bkm")
    attend_all(t, except_={0: {absent_twice.pk}, 1: {absent_twice.pk}, 5: {absent_once.pk}})
    report = training_close(actor=None, training=t, issued_on=dt.date(2026, 4, 10))
    assert {c.participant_id for c in report.issued} == {regular.pk, absent_once.pk}
    partial = Certificate.objects.get(participant=absent_once)
    assert [m["code"] for m in partial.modules] == list(CORE[:5])  # missed the BLM session
    full = Certificate.objects.get(participant=regular)
    assert full.total_jpl == 30
    assert full.number.endswith(f"/SERT-PLPBK/{t.pk:04d}/IV/2026")
    assert len(full.code) == 12 and full.code.isalnum() and full.code.isupper()
    t.refresh_from_db()
    assert t.status == TrainingStatus.DONE
    with pytest.raises(DomainError, match="terkunci") as error:
        score(t, "konsep_plpbk", "pre", {regular.pk: 50})
    assert error.value.code == TrainingError.NOT_OPEN


def test_reopening_then_closing_again_revokes_certificates_that_no_longer_hold(bajur, users):
    t = training(bajur, CORE[:4])  # four sessions: missing one (25%) still completes
    a, b = enrol(t, people(bajur, 2), "bkm")
    attend_all(t)
    closed(t)
    old_b = Certificate.objects.get(participant=b)
    with pytest.raises(DomainError) as error:
        training_reopen(actor=users["regency"], training=t, reason="singkat")
    assert error.value.code == TrainingError.REASON_TOO_SHORT
    training_reopen(
        actor=users["regency"],
        training=t,
        reason="Kehadiran sesi kedua salah dicatat oleh notulis.",
    )
    second = t.sessions.order_by("date", "start_time")[1]
    attendance_record(actor=None, session=second, present=[a.pk])
    report = training_close(actor=None, training=t)
    assert report.kept == 1 and report.issued and report.revoked == [old_b]
    old_b.refresh_from_db()
    assert not old_b.is_valid and "modul" in old_b.revoke_reason
    new_b = Certificate.objects.get(participant=b, revoked_at__isnull=True)
    assert [m["code"] for m in new_b.modules] == ["konsep_plpbk", *CORE[2:4]]
    assert new_b.number != old_b.number


def test_when_passing_is_required_failing_participants_get_no_certificate(bajur):
    settings = TrainingSettings.current()
    settings.require_pass = True
    settings.save()
    t = training(bajur, ("konsep_plpbk",))
    good, poor = enrol(t, people(bajur, 2), "bkm")
    attend_all(t)
    score(t, "konsep_plpbk", "post", {good.pk: 80, poor.pk: 50})
    report = training_close(actor=None, training=t)
    assert [c.participant_id for c in report.issued] == [good.pk]


def test_revoking_a_certificate_is_for_officers_with_a_reason_once(bajur, users):
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    certificate = Certificate.objects.get()
    reason = "Peserta tercatat hadir padahal sedang di luar daerah."
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        certificate_revoke(actor=users["village_bkm"], certificate=certificate, reason=reason)
    certificate_revoke(actor=users["regency"], certificate=certificate, reason=reason)
    certificate.refresh_from_db()
    assert certificate.revoked_by == users["regency"]
    with pytest.raises(DomainError) as error:
        certificate_revoke(actor=users["regency"], certificate=certificate, reason=reason)
    assert error.value.code == TrainingError.CERTIFICATE_REVOKED
