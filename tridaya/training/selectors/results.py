"""Reads of one training's outcomes: attendance, scores, gains and completion of each
participant (5 queries), the results typed in and the questions of its test forms."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from tridaya.training.models import (
    ActorGroup,
    Attendance,
    Module,
    Participant,
    Question,
    Session,
    TestResult,
    Training,
)
from tridaya.training.results import (
    ParticipantOutcome,
    Rules,
    SessionInfo,
    Summary,
    evaluate_participant,
    summarise_groups,
    summarise_modules,
    summarise_participants,
)


def rules_of(training: Training) -> Rules:
    return Rules(
        pass_mark=training.pass_mark,
        max_absence_pct=training.max_absence_pct,
        require_pass=training.require_pass,
    )


@dataclass
class Outcomes:
    """Everything a training's pages show about its participants (5 queries)."""

    training: Training
    modules: list[Module]
    sessions: list[Session]
    participants: list[Participant]
    by_participant: dict[int, ParticipantOutcome]
    present: dict[int, set[int]]

    @cached_property
    def module_summaries(self) -> dict[int, Summary]:
        return summarise_modules(self.by_participant.values(), [m.pk for m in self.modules])

    @cached_property
    def overall(self) -> Summary:
        return summarise_participants(self.by_participant.values())

    @cached_property
    def group_summaries(self) -> list[tuple[str, Summary]]:
        group_of = {p.pk: p.group for p in self.participants}
        found = summarise_groups(self.by_participant.values(), group_of)
        return [(g, found[g]) for g in ActorGroup.values if g in found]

    @property
    def men(self) -> int:
        return sum(1 for p in self.participants if p.sex == "L")

    @property
    def women(self) -> int:
        return sum(1 for p in self.participants if p.sex == "P")

    @property
    def poor(self) -> int:
        return sum(1 for p in self.participants if p.is_poor)

    @property
    def eligible(self) -> list[Participant]:
        return [p for p in self.participants if self.by_participant[p.pk].eligible]

    @property
    def incomplete(self) -> list[Participant]:
        return [p for p in self.participants if not self.by_participant[p.pk].attendance_ok]

    @property
    def recorded_sessions(self) -> int:
        return sum(1 for s in self.sessions if s.attendance_recorded_at is not None)

    @property
    def total_jpl(self) -> int:
        return sum(m.jpl for m in self.modules)

    def rows(self) -> list[tuple[Participant, ParticipantOutcome]]:
        return [(p, self.by_participant[p.pk]) for p in self.participants]

    def chart(self) -> dict:
        """Average pre-test and post-test per module and the average gain per group, over the
        participants who took both tests (for Chart.js and the table beside it)."""
        summaries = self.module_summaries
        return {
            "modules": [m.title for m in self.modules],
            "pre": [_number(summaries[m.pk].avg_pre) for m in self.modules],
            "post": [_number(summaries[m.pk].avg_post) for m in self.modules],
            "n": [summaries[m.pk].n for m in self.modules],
            "rows": [
                [
                    m.title,
                    _number(summaries[m.pk].avg_pre),
                    _number(summaries[m.pk].avg_post),
                    summaries[m.pk].n,
                ]
                for m in self.modules
            ],
            "groups": [str(ActorGroup(g).label) for g, _s in self.group_summaries],
            "group_gain": [_number(s.avg_gain) for _g, s in self.group_summaries],
            "pass_mark": self.training.pass_mark,
        }


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def training_outcomes(training: Training) -> Outcomes:
    modules = list(training.modules.order_by("order"))
    sessions = list(training.sessions.select_related("module").order_by("date", "start_time", "id"))
    participants = list(training.participants.select_related("village").order_by("name", "id"))
    present: dict[int, set[int]] = defaultdict(set)
    for participant_id, session_id in Attendance.objects.filter(
        session__training=training
    ).values_list("participant_id", "session_id"):
        present[participant_id].add(session_id)
    scores: dict[int, dict[tuple[int, str], Decimal]] = defaultdict(dict)
    for participant_id, module_id, kind, score in TestResult.objects.filter(
        participant__training=training
    ).values_list("participant_id", "module_id", "kind", "score"):
        scores[participant_id][(module_id, kind)] = score
    infos = [SessionInfo(s.pk, s.module_id, s.attendance_recorded_at is not None) for s in sessions]
    rules = rules_of(training)
    module_ids = [m.pk for m in modules]
    by_participant = {
        p.pk: evaluate_participant(
            p.pk,
            rules=rules,
            sessions=infos,
            present=present[p.pk],
            module_ids=module_ids,
            scores=scores[p.pk],
        )
        for p in participants
    }
    return Outcomes(training, modules, sessions, participants, by_participant, present)


def results_of(training: Training) -> dict[tuple[int, int, str], TestResult]:
    """(participant, module, kind) -> result, for the score entry pages."""
    return {
        (r.participant_id, r.module_id, r.kind): r
        for r in TestResult.objects.filter(participant__training=training)
    }


def questions_of(training: Training) -> list[tuple[Module, list[Question]]]:
    """The training's modules with their questions, numbered as on the printed form."""
    modules = list(training.modules.order_by("order"))
    questions = Question.objects.filter(module__in=modules).order_by("module__order", "order")
    grouped: dict[int, list[Question]] = defaultdict(list)
    for number, question in enumerate(questions, start=1):
        question.number = number  # type: ignore[attr-defined]
        grouped[question.module_id].append(question)
    return [(m, grouped[m.pk]) for m in modules]
