"""Writes of pre-test and post-test results: scores and answers, and what the outcomes make
of them."""

from decimal import Decimal as D

import pytest

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions.tests.factories import people, person
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Question,
    TestResult,
)
from tridaya.training.services.results import answers_record, module_scores_record
from tridaya.training.tests.factories import (
    attend_all,
    enrol,
    score,
    score_all,
    training,
)

pytestmark = pytest.mark.django_db


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


def test_the_score_grid_records_both_tests_or_neither(bajur):
    t = training(bajur, ("konsep_plpbk",), plan=False)
    [a] = enrol(t, [person(bajur, name="Baiq Rohani")], "bkm")
    module = t.modules.get(code="konsep_plpbk")
    with pytest.raises(DomainError, match="Nilai Baiq Rohani") as error:
        module_scores_record(
            actor=None, training=t, module=module, scores={"pre": {a.pk: "40"}, "post": {a.pk: "x"}}
        )
    assert error.value.code == TrainingError.BAD_SCORE
    assert not TestResult.objects.exists()  # the valid pre-test was not kept either
    changed = module_scores_record(
        actor=None, training=t, module=module, scores={"pre": {a.pk: "40"}, "post": {a.pk: "75"}}
    )
    assert changed == 2
    assert dict(TestResult.objects.values_list("kind", "score")) == {
        "pre": D("40"),
        "post": D("75"),
    }
    events = AuditEvent.objects.filter(action="training.scores_recorded")
    assert sorted(e.changes["kind"][1] for e in events) == ["post", "pre"]


def test_answers_give_a_score_per_module_and_unanswered_questions_count_wrong(bajur):
    t = training(bajur, ("konsep_plpbk", "peran_pelaku"), plan=False)
    [p] = enrol(t, [person(bajur)], "bkm")
    konsep = list(Question.objects.filter(module__code="konsep_plpbk").order_by("order"))
    answers = {q.pk: q.answer for q in konsep[:3]}  # 3 right, 2 left blank
    answers[konsep[3].pk] = 0  # "Benar", but the key is "Salah": wrong
    saved = answers_record(actor=None, participant=p, kind="pre", answers=answers)
    result = TestResult.objects.get(participant=p, module__code="konsep_plpbk", kind="pre")
    assert (result.score, result.correct, result.question_count) == (D("60.0"), 3, 5)
    assert not TestResult.objects.filter(module__code="peran_pelaku").exists()
    assert len([r for r in saved.values() if r is not None]) == 1
    with pytest.raises(DomainError, match="Soal nomor 1") as error:
        answers_record(actor=None, participant=p, kind="pre", answers={konsep[0].pk: 7})
    assert error.value.code == TrainingError.BAD_ANSWER


def test_scores_without_a_post_test_and_absent_participants_in_the_outcomes(bajur):
    from tridaya.training.selectors.results import training_outcomes

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
