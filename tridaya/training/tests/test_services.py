"""Writes of the training app: what they refuse (with a message naming what to fix and a
stable code), what they record, and the audit trail they leave."""

import datetime as dt
from decimal import Decimal as D

import pytest

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions.tests.factories import people, person
from tridaya.training import services
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Certificate,
    FollowUpStatus,
    Question,
    TestResult,
    TrainingSettings,
    TrainingStatus,
)
from tridaya.training.tests.factories import (
    CORE,
    attend_all,
    closed,
    curriculum,
    enrol,
    guest,
    score,
    score_all,
    training,
    training_input,
)

pytestmark = pytest.mark.django_db


def test_a_training_copies_the_programs_rules_so_later_changes_do_not_alter_it(bajur):
    settings = TrainingSettings.current()
    settings.pass_mark, settings.max_absence_pct = 65, 20
    settings.save()
    t = training(bajur)
    settings.pass_mark = 90
    settings.save()
    t.refresh_from_db()
    assert (t.pass_mark, t.max_absence_pct) == (65, 20)
    assert list(t.modules.order_by("order").values_list("code", flat=True)) == list(CORE)
    assert AuditEvent.objects.filter(action="training.created", object_id=str(t.pk)).exists()


def test_planned_sessions_follow_each_other_from_eight_and_spill_to_the_next_day(bajur):
    t = training(bajur)
    sessions = list(t.sessions.order_by("date", "start_time"))
    assert [s.module.code for s in sessions] == list(CORE)
    first, second, third = sessions[:3]
    assert (first.date, first.start_time, first.end_time) == (
        dt.date(2026, 4, 7),
        dt.time(8, 0),
        dt.time(11, 0),
    )
    assert (second.start_time, second.end_time) == (dt.time(11, 15), dt.time(14, 15))
    assert third.date == dt.date(2026, 4, 8) and third.start_time == dt.time(8, 0)
    assert all(s.date <= t.ends_on for s in sessions)


def test_a_training_is_for_a_village_or_a_kecamatan(bajur):
    regency = bajur.parent.parent
    with pytest.raises(DomainError) as error:
        services.training_create(
            actor=None, region=regency, curriculum=curriculum(), data=training_input()
        )
    assert error.value.code == TrainingError.NOT_VILLAGE_OR_DISTRICT


def test_unknown_modules_and_no_modules_are_refused(bajur):
    with pytest.raises(DomainError, match="memasak") as error:
        services.training_create(
            actor=None,
            region=bajur,
            curriculum=curriculum(),
            data=training_input(("konsep_plpbk", "memasak")),
        )
    assert error.value.code == TrainingError.MODULE_NOT_IN_CURRICULUM
    with pytest.raises(DomainError) as error:
        services.training_create(
            actor=None, region=bajur, curriculum=curriculum(), data=training_input(())
        )
    assert error.value.code == TrainingError.NO_MODULES


def test_a_session_outside_the_dates_or_for_another_module_is_refused(bajur):
    t = training(bajur, ("konsep_plpbk",), plan=False)
    with pytest.raises(DomainError, match="di luar tanggal pelatihan") as error:
        services.session_add(
            actor=None, training=t, data=services.SessionInput(date=dt.date(2026, 5, 1))
        )
    assert error.value.code == TrainingError.SESSION_OUTSIDE_DATES
    other = curriculum().modules.get(code="ppm")
    with pytest.raises(DomainError) as error:
        services.session_add(
            actor=None, training=t, data=services.SessionInput(date=t.starts_on, module=other)
        )
    assert error.value.code == TrainingError.SESSION_MODULE_NOT_COVERED


def test_dropping_a_module_that_has_sessions_is_refused(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"))
    with pytest.raises(DomainError, match="Peran dan tanggung jawab pelaku") as error:
        services.training_update(actor=None, training=t, data=training_input(("konsep_plpbk",)))
    assert error.value.code == TrainingError.MODULE_IN_USE


def test_participants_come_from_the_trainings_village_and_only_once(bajur, terong_tawah):
    t = training(bajur, plan=False)
    neighbour = person(terong_tawah)
    with pytest.raises(DomainError) as error:
        services.participant_add(actor=None, training=t, person=neighbour, group="bkm")
    assert error.value.code == TrainingError.PARTICIPANT_ELSEWHERE
    member = person(bajur, name="Siti Aminah", sex="P", is_poor=True)
    added = services.participant_add(actor=None, training=t, person=member, group="upk")
    assert (added.name, added.sex, added.is_poor, added.village_id) == (
        "Siti Aminah",
        "P",
        True,
        bajur.code,
    )
    with pytest.raises(DomainError, match="Siti Aminah sudah menjadi peserta") as error:
        services.participant_add(actor=None, training=t, person=member, group="bkm")
    assert error.value.code == TrainingError.PARTICIPANT_EXISTS


def test_adding_several_people_skips_those_already_in(bajur):
    t = training(bajur, plan=False)
    three = people(bajur, 3)
    services.participants_add_people(actor=None, training=t, picks=[(three[0], "bkm", "")])
    added = services.participants_add_people(
        actor=None, training=t, picks=[(p, "bkm", "Anggota") for p in three]
    )
    assert len(added) == 2
    assert t.participants.count() == 3


def test_a_guest_needs_a_name_and_sex_and_belongs_to_the_village(bajur):
    t = training(bajur, plan=False)
    with pytest.raises(DomainError) as error:
        services.participant_add(actor=None, training=t, name=" ", sex="L", group="aparat")
    assert error.value.code == TrainingError.PARTICIPANT_INCOMPLETE
    g = guest(t, "  Lalu   Marzuki ", position="Kaur Perencanaan")
    assert g.name == "Lalu Marzuki" and g.village_id == bajur.code and g.person_id is None


def test_a_kecamatan_training_takes_people_of_its_villages(bajur, terong_tawah, far_village):
    district = bajur.parent
    t = training(district, plan=False)
    enrol(t, [person(bajur)], "bkm")
    enrol(t, [person(terong_tawah)], "bkm")
    with pytest.raises(DomainError):
        enrol(t, [person(far_village)], "bkm")
    with pytest.raises(DomainError):
        guest(t, village=far_village)
    assert guest(t, village=terong_tawah).village_id == terong_tawah.code


def test_attendance_replaces_the_sessions_list_and_refuses_strangers(bajur):
    t = training(bajur, ("konsep_plpbk",))
    a, b = enrol(t, people(bajur, 2), "bkm")
    other = enrol(training(bajur, ("konsep_plpbk",)), people(bajur, 1), "bkm")[0]
    session = t.sessions.get()
    services.attendance_record(actor=None, session=session, present=[a.pk, b.pk])
    services.attendance_record(actor=None, session=session, present=[a.pk])
    assert list(session.attendance.values_list("participant_id", flat=True)) == [a.pk]
    with pytest.raises(DomainError) as error:
        services.attendance_record(actor=None, session=session, present=[other.pk])
    assert error.value.code == TrainingError.PARTICIPANT_OTHER_TRAINING
    event = AuditEvent.objects.filter(action="training.attendance_recorded").first()
    assert event.changes["present"] == [[a.pk, b.pk], [a.pk]]


def test_scores_are_checked_and_named_and_a_blank_removes_one(bajur):
    t = training(bajur, ("konsep_plpbk",), plan=False)
    a, b = enrol(t, [person(bajur, name="Baiq Rohani"), person(bajur)], "bkm")
    score(t, "konsep_plpbk", "pre", {a.pk: "45,5", b.pk: 60})
    assert TestResult.objects.get(participant=a, kind="pre").score == D("45.5")
    for bad in ("101", "-1", "empat puluh", "45.55"):
        with pytest.raises(DomainError, match="Nilai Baiq Rohani") as error:
            score(t, "konsep_plpbk", "post", {a.pk: bad})
        assert error.value.code == TrainingError.BAD_SCORE
    assert not TestResult.objects.filter(kind="post").exists()
    score(t, "konsep_plpbk", "pre", {a.pk: "", b.pk: "60"})
    assert list(TestResult.objects.values_list("participant_id", flat=True)) == [b.pk]


def test_answers_give_a_score_per_module_and_unanswered_questions_count_wrong(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"), plan=False)
    [p] = enrol(t, [person(bajur)], "bkm")
    konsep = list(Question.objects.filter(module__code="konsep_plpbk").order_by("order"))
    answers = {q.pk: q.answer for q in konsep[:3]}  # 3 right, 2 left blank
    answers[konsep[3].pk] = 0  # "Benar", but the key is "Salah": wrong
    saved = services.answers_record(actor=None, participant=p, kind="pre", answers=answers)
    result = TestResult.objects.get(participant=p, module__code="konsep_plpbk", kind="pre")
    assert (result.score, result.correct, result.question_count) == (D("60.0"), 3, 5)
    assert not TestResult.objects.filter(module__code="peran_pelaku").exists()
    assert len([r for r in saved.values() if r is not None]) == 1
    with pytest.raises(DomainError, match="Soal nomor 1") as error:
        services.answers_record(actor=None, participant=p, kind="pre", answers={konsep[0].pk: 7})
    assert error.value.code == TrainingError.BAD_ANSWER


def test_closing_needs_every_sessions_attendance(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"))
    enrol(t, people(bajur, 2), "bkm")
    first = t.sessions.order_by("date", "start_time").first()
    services.attendance_record(actor=None, session=first, present=[])
    with pytest.raises(DomainError, match="sesi 2 \\(Peran dan tanggung jawab pelaku") as error:
        services.training_close(actor=None, training=t)
    assert error.value.code == TrainingError.ATTENDANCE_MISSING


def test_closing_issues_certificates_to_those_who_completed_and_locks_the_training(bajur):
    t = training(bajur)  # six sessions, one per module
    regular, absent_twice, absent_once = enrol(t, people(bajur, 3), "bkm")
    attend_all(t, except_={0: {absent_twice.pk}, 1: {absent_twice.pk}, 5: {absent_once.pk}})
    report = services.training_close(actor=None, training=t, issued_on=dt.date(2026, 4, 10))
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
        services.training_reopen(actor=users["regency"], training=t, reason="singkat")
    assert error.value.code == TrainingError.REASON_TOO_SHORT
    services.training_reopen(
        actor=users["regency"],
        training=t,
        reason="Kehadiran sesi kedua salah dicatat oleh notulis.",
    )
    second = t.sessions.order_by("date", "start_time")[1]
    services.attendance_record(actor=None, session=second, present=[a.pk])
    report = services.training_close(actor=None, training=t)
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
    report = services.training_close(actor=None, training=t)
    assert [c.participant_id for c in report.issued] == [good.pk]


def test_cancelling_needs_a_reason_and_stops_every_change(bajur):
    t = training(bajur, plan=False)
    services.training_cancel(
        actor=None, training=t, reason="Pelatihan digabung dengan pelatihan kecamatan."
    )
    with pytest.raises(DomainError) as error:
        guest(t)
    assert error.value.code == TrainingError.CANCELLED
    with pytest.raises(DomainError):
        services.follow_up_add(
            actor=None, training=t, action="x", owner="BKM", due_on=dt.date(2026, 5, 1)
        )


def test_follow_ups_keep_their_dates_and_can_change_after_the_training_closed(bajur):
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    with pytest.raises(DomainError) as error:
        services.follow_up_add(
            actor=None, training=t, action="Sosialisasi", owner="BKM", due_on=dt.date(2026, 1, 1)
        )
    assert error.value.code == TrainingError.DUE_DATE_BEFORE_TRAINING
    follow_up = services.follow_up_add(
        actor=None,
        training=t,
        action="Sosialisasi hasil pelatihan di setiap dusun",
        owner="BKM",
        due_on=dt.date(2026, 4, 30),
    )
    assert follow_up.is_overdue(dt.date(2026, 5, 1))
    services.follow_up_update(
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


def test_revoking_a_certificate_is_for_officers_with_a_reason_once(bajur, users):
    t = training(bajur, ("konsep_plpbk",))
    enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    certificate = Certificate.objects.get()
    reason = "Peserta tercatat hadir padahal sedang di luar daerah."
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.certificate_revoke(
            actor=users["village_bkm"], certificate=certificate, reason=reason
        )
    services.certificate_revoke(actor=users["regency"], certificate=certificate, reason=reason)
    certificate.refresh_from_db()
    assert certificate.revoked_by == users["regency"]
    with pytest.raises(DomainError) as error:
        services.certificate_revoke(actor=users["regency"], certificate=certificate, reason=reason)
    assert error.value.code == TrainingError.CERTIFICATE_REVOKED


def test_a_participant_with_a_certificate_cannot_be_removed(bajur, users):
    t = training(bajur, ("konsep_plpbk",))
    [p] = enrol(t, people(bajur, 1), "bkm")
    attend_all(t)
    closed(t)
    services.training_reopen(
        actor=users["regency"], training=t, reason="Perlu memperbaiki nama penanda tangan."
    )
    with pytest.raises(DomainError) as error:
        services.participant_remove(actor=None, participant=p)
    assert error.value.code == TrainingError.PARTICIPANT_HAS_CERTIFICATE


def test_scores_without_a_post_test_and_absent_participants_in_the_outcomes(bajur):
    from tridaya.training.selectors import training_outcomes

    t = training(bajur, ("konsep_plpbk",))
    took_both, no_post, absent = enrol(t, people(bajur, 3), "bkm")
    attend_all(t, except_={0: {absent.pk}})
    score(t, "konsep_plpbk", "pre", {took_both.pk: 40, no_post.pk: 50})
    score(t, "konsep_plpbk", "post", {took_both.pk: 85})
    outcomes = training_outcomes(t)
    summary = outcomes.module_summaries[t.modules.get().pk]
    assert (summary.n, summary.avg_gain, summary.pre_only) == (1, D("45.0"), 1)
    assert outcomes.by_participant[no_post.pk].avg_gain is None
    assert not outcomes.by_participant[absent.pk].attendance_ok
    assert {p.pk for p in outcomes.eligible} == {took_both.pk, no_post.pk}
    score_all(t, 50, 75)
    assert training_outcomes(t).overall.avg_gain == D("25.0")
