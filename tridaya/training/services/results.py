"""Writes of the pre-test and post-test results: scores typed in, or answers to the printed
form from which the scores are computed."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Module,
    Participant,
    Question,
    TestKind,
    TestResult,
    Training,
)
from tridaya.training.policy import MANAGE
from tridaya.training.services.participants import participants_by_id
from tridaya.training.services.trainings import (
    lock_training,
    require_open,
)


def parse_score(value: object, name: str) -> Decimal:
    """A score 0-100 with at most one decimal ('72,5' or 72.5); the message names the person."""
    text = str(value).strip().replace(",", ".")
    try:
        score = Decimal(text)
    except InvalidOperation:
        score = Decimal("NaN")
    if not score.is_finite() or not 0 <= score <= 100 or score != score.quantize(Decimal("0.1")):
        raise DomainError(
            _(
                "Nilai %(name)s '%(value)s' tidak sah: tulis angka 0 sampai 100, paling banyak "
                "satu angka di belakang koma."
            )
            % {"name": name, "value": value},
            code=TrainingError.BAD_SCORE,
        )
    return score.quantize(Decimal("0.1"))


def _module_of(training: Training, module: Module) -> None:
    if not training.modules.filter(pk=module.pk).exists():
        raise DomainError(
            _("Modul %(module)s tidak termasuk modul pelatihan ini.") % {"module": module},
            code=TrainingError.SESSION_MODULE_NOT_COVERED,
        )


def _check_kind(kind: str) -> None:
    if kind not in TestKind.values:
        raise DomainError(
            _("Jenis tes '%(kind)s' tidak dikenal: pre atau post.") % {"kind": kind},
            code=TrainingError.BAD_SCORE,
        )


Score = Decimal | str | int | None  # as typed in: '72,5', 72.5, 72; None or '' = no score
Scores = Mapping[int, Score]


def _record_scores(
    actor: User | None, training: Training, module: Module, kind: str, scores: Scores
) -> int:
    """Write one test's scores of one module (the training is locked and open); one audit event
    when anything changed. Returns how many scores changed."""
    _check_kind(kind)
    people = participants_by_id(training, scores)
    existing = {
        r.participant_id: r
        for r in TestResult.objects.filter(participant__training=training, module=module, kind=kind)
    }
    changes: dict[str, list[str | None]] = {}
    for pid, raw in scores.items():
        name = people[pid].name
        result = existing.get(pid)
        before = result.score if result is not None else None
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank:
            if result is not None:
                result.delete()
                changes[name] = [str(before), None]
            continue
        score = parse_score(raw, name)
        if result is None:
            result = TestResult(participant_id=pid, module=module, kind=kind, score=score)
        elif result.score == score and result.answers is None:
            continue
        result.score, result.answers, result.correct, result.question_count = (
            score,
            None,
            None,
            None,
        )
        result.full_clean()
        result.save()
        changes[name] = [str(before) if before is not None else None, str(score)]
    if changes:
        record_event(
            actor=actor,
            action="training.scores_recorded",
            obj=training,
            changes={"module": [None, module.code], "kind": [None, kind], **changes},
        )
    return len(changes)


@transaction.atomic(durable=True)
def scores_record(
    *,
    actor: User | None,
    training: Training,
    module: Module,
    kind: str,
    scores: Scores,
) -> int:
    """Type in the pre-test or post-test scores of one module for several participants; an
    empty score removes the one recorded (the participant did not take the test). Returns how
    many scores changed."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    _module_of(training, module)
    return _record_scores(actor, training, module, kind, scores)


@transaction.atomic(durable=True)
def module_scores_record(
    *,
    actor: User | None,
    training: Training,
    module: Module,
    scores: Mapping[str, Scores],
) -> int:
    """Type in several tests' scores of one module at once (the score grid: kind -> scores, pre
    and post): all are recorded or, when one is refused, none. One audit event per test that
    changed. Returns how many scores changed."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    _module_of(training, module)
    return sum(
        _record_scores(actor, training, module, kind, by_participant)
        for kind, by_participant in scores.items()
    )


def score_from_answers(correct: int, total: int) -> Decimal:
    return (Decimal(correct * 100) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic(durable=True)
def answers_record(
    *, actor: User | None, participant: Participant, kind: str, answers: Mapping[int, int | None]
) -> dict[int, TestResult | None]:
    """Enter one participant's answers to a test form (question id -> chosen option index).
    Each module answered gets its score (correct / questions x 100; an unanswered question of
    an answered module counts as wrong). A module left wholly blank keeps a score typed in
    directly, and loses one computed from earlier answers."""
    authorize(actor, MANAGE, participant)
    training = lock_training(participant.training)
    require_open(training)
    _check_kind(kind)
    questions = list(
        Question.objects.filter(module__in=training.modules.all())
        .select_related("module")
        .order_by("module__order", "order")
    )
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise DomainError(
            _("Sebagian soal yang dikirim bukan soal pelatihan ini."),
            code=TrainingError.BAD_ANSWER,
        )
    for number, question in enumerate(questions, start=1):
        chosen = answers.get(question.pk)
        if chosen is not None and not 0 <= chosen < len(question.choices):
            raise DomainError(
                _("Soal nomor %(n)s: pilihan jawaban tidak ada.") % {"n": number},
                code=TrainingError.BAD_ANSWER,
            )
    existing = {r.module_id: r for r in participant.results.filter(kind=kind)}
    saved: dict[int, TestResult | None] = {}
    changes: dict[str, list] = {}
    modules = {q.module_id: q.module for q in questions}
    for module_id, module in modules.items():
        own = [q for q in questions if q.module_id == module_id]
        given = {q.pk: answers[q.pk] for q in own if answers.get(q.pk) is not None}
        result = existing.get(module_id)
        if not given:
            if result is not None and result.answers is not None:
                changes[module.code] = [str(result.score), None]
                result.delete()
                saved[module_id] = None
            continue
        correct = sum(1 for q in own if given.get(q.pk) == q.answer)
        score = score_from_answers(correct, len(own))
        before = str(result.score) if result is not None else None
        if result is None:
            result = TestResult(participant=participant, module=module, kind=kind, score=score)
        result.score, result.correct, result.question_count = score, correct, len(own)
        result.answers = {str(pk): choice for pk, choice in given.items()}
        result.full_clean()
        result.save()
        saved[module_id] = result
        if before != str(score):
            changes[module.code] = [before, str(score)]
    if changes:
        record_event(
            actor=actor,
            action="training.answers_recorded",
            obj=participant,
            changes={"kind": [None, kind], **changes},
        )
    return saved
