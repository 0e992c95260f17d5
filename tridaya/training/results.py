"""What a training's records mean, computed from plain values (no database): the attendance
rule, module completion, pass marks, and score gains per participant, module and actor group.

- A participant who missed more than `max_absence_pct` of the training's sessions is
  incomplete. The share is compared in integers (`missed * 100 > pct * sessions`), so missing
  exactly the allowed share still completes. Sessions whose attendance is not recorded yet count
  as not missed, and the participant's status stays provisional until every session is recorded.
- A module is completed by a participant whose attendance is complete, who was present at one
  or more of the module's own sessions (when it has any), and, when the training requires it,
  whose post-test for the module reaches the pass mark.
- The gain of a module is post-test minus pre-test, in points; it exists only when both tests
  were taken. A participant's gain is the mean over the modules with both tests; averages over
  modules and groups are taken over participants with both tests only, and say how many.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

ONE_DECIMAL = Decimal("0.1")


def mean(values: Iterable[Decimal]) -> Decimal | None:
    """The mean to one decimal (half up), or None for no values."""
    items = list(values)
    if not items:
        return None
    return (sum(items, Decimal(0)) / len(items)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def missed_too_many(missed: int, sessions: int, max_absence_pct: int) -> bool:
    """More than the allowed share of sessions missed (exactly the share is still fine)."""
    return missed * 100 > max_absence_pct * sessions


@dataclass(frozen=True)
class Rules:
    pass_mark: int
    max_absence_pct: int
    require_pass: bool = False


@dataclass(frozen=True)
class SessionInfo:
    id: int
    module_id: int | None
    recorded: bool


@dataclass
class ModuleOutcome:
    module_id: int
    pre: Decimal | None
    post: Decimal | None
    present_at_module: bool | None  # None: the module has no session of its own
    completed: bool
    passed: bool | None  # None: no post-test

    @cached_property
    def gain(self) -> Decimal | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre


@dataclass
class ParticipantOutcome:
    """Read its computed properties only once `modules` is filled (they are cached)."""

    participant_id: int
    sessions: int
    recorded: int
    attended: int
    attendance_ok: bool
    modules: dict[int, ModuleOutcome] = field(default_factory=dict)
    require_pass: bool = False

    @property
    def missed(self) -> int:
        return self.recorded - self.attended

    @property
    def final(self) -> bool:
        """Every session's attendance is recorded: the status will not change by itself."""
        return self.recorded == self.sessions

    @cached_property
    def completed_modules(self) -> list[int]:
        return [m.module_id for m in self.modules.values() if m.completed]

    @property
    def eligible(self) -> bool:
        """May receive a certificate: attendance complete, at least one module completed, and
        every module passed when the training requires it."""
        if not self.attendance_ok or self.sessions == 0 or not self.completed_modules:
            return False
        if self.require_pass:
            return all(m.passed for m in self.modules.values())
        return True

    @cached_property
    def pairs(self) -> list[ModuleOutcome]:
        return [m for m in self.modules.values() if m.gain is not None]

    @cached_property
    def avg_pre(self) -> Decimal | None:
        return mean(m.pre for m in self.pairs if m.pre is not None)

    @cached_property
    def avg_post(self) -> Decimal | None:
        return mean(m.post for m in self.pairs if m.post is not None)

    @cached_property
    def avg_gain(self) -> Decimal | None:
        return mean(m.gain for m in self.pairs if m.gain is not None)

    @cached_property
    def has_pre(self) -> bool:
        return any(m.pre is not None for m in self.modules.values())

    @cached_property
    def has_post(self) -> bool:
        return any(m.post is not None for m in self.modules.values())


@dataclass(frozen=True)
class SessionPlan:
    """A training's sessions arranged once for all its participants."""

    total: int
    recorded: frozenset[int]
    by_module: dict[int, tuple[tuple[int, ...], int]]  # module -> (recorded ids, all count)

    @classmethod
    def of(cls, sessions: list[SessionInfo]) -> SessionPlan:
        by_module: dict[int, tuple[list[int], int]] = {}
        for s in sessions:
            if s.module_id is None:
                continue
            ids, count = by_module.get(s.module_id, ([], 0))
            if s.recorded:
                ids.append(s.id)
            by_module[s.module_id] = (ids, count + 1)
        return cls(
            total=len(sessions),
            recorded=frozenset(s.id for s in sessions if s.recorded),
            by_module={m: (tuple(ids), count) for m, (ids, count) in by_module.items()},
        )


def evaluate_participant(
    participant_id: int,
    *,
    rules: Rules,
    sessions: list[SessionInfo] | SessionPlan,
    present: set[int],
    module_ids: list[int],
    scores: Mapping[tuple[int, str], Decimal],
) -> ParticipantOutcome:
    """One participant's outcome. `present` holds the ids of the sessions they attended;
    `scores` maps (module id, "pre" | "post") to a score. Pass a `SessionPlan` when evaluating
    many participants of the same training."""
    plan = sessions if isinstance(sessions, SessionPlan) else SessionPlan.of(sessions)
    attended = len(plan.recorded & present)
    missed = len(plan.recorded) - attended
    attendance_ok = plan.total > 0 and not missed_too_many(
        missed, plan.total, rules.max_absence_pct
    )
    outcome = ParticipantOutcome(
        participant_id=participant_id,
        sessions=plan.total,
        recorded=len(plan.recorded),
        attended=attended,
        attendance_ok=attendance_ok,
        require_pass=rules.require_pass,
    )
    for module_id in module_ids:
        present_at = None
        if module_id in plan.by_module:
            recorded_ids, count = plan.by_module[module_id]
            # Until the module's sessions are recorded, do not call the participant absent.
            present_at = len(recorded_ids) < count or any(i in present for i in recorded_ids)
        pre, post = scores.get((module_id, "pre")), scores.get((module_id, "post"))
        passed = None if post is None else post >= rules.pass_mark
        completed = attendance_ok and present_at is not False
        if rules.require_pass:
            completed = completed and bool(passed)
        outcome.modules[module_id] = ModuleOutcome(
            module_id=module_id,
            pre=pre,
            post=post,
            present_at_module=present_at,
            completed=completed,
            passed=passed,
        )
    return outcome


@dataclass
class Summary:
    """Averages over a set of (pre, post) pairs: `n` pairs, plus how many took only one test."""

    n: int
    avg_pre: Decimal | None
    avg_post: Decimal | None
    avg_gain: Decimal | None
    passed: int = 0
    post_taken: int = 0
    pre_only: int = 0
    post_only: int = 0


def summarise_modules(
    outcomes: Iterable[ParticipantOutcome], module_ids: list[int]
) -> dict[int, Summary]:
    by_module: dict[int, list[ModuleOutcome]] = defaultdict(list)
    for outcome in outcomes:
        for module_id, result in outcome.modules.items():
            by_module[module_id].append(result)
    summaries = {}
    for module_id in module_ids:
        results = by_module.get(module_id, [])
        pairs = [r for r in results if r.gain is not None]
        summaries[module_id] = Summary(
            n=len(pairs),
            avg_pre=mean(r.pre for r in pairs if r.pre is not None),
            avg_post=mean(r.post for r in pairs if r.post is not None),
            avg_gain=mean(r.gain for r in pairs if r.gain is not None),
            passed=sum(1 for r in results if r.passed),
            post_taken=sum(1 for r in results if r.post is not None),
            pre_only=sum(1 for r in results if r.pre is not None and r.post is None),
            post_only=sum(1 for r in results if r.post is not None and r.pre is None),
        )
    return summaries


def summarise_participants(outcomes: Iterable[ParticipantOutcome]) -> Summary:
    """Averages of the participants' own averages (each participant counts once)."""
    items = list(outcomes)
    with_pairs = [o for o in items if o.pairs]
    return Summary(
        n=len(with_pairs),
        avg_pre=mean(o.avg_pre for o in with_pairs if o.avg_pre is not None),
        avg_post=mean(o.avg_post for o in with_pairs if o.avg_post is not None),
        avg_gain=mean(o.avg_gain for o in with_pairs if o.avg_gain is not None),
        passed=sum(1 for o in items if o.modules and all(m.passed for m in o.modules.values())),
        post_taken=sum(1 for o in items if o.has_post),
        pre_only=sum(1 for o in items if o.has_pre and not o.pairs),
        post_only=0,
    )


def summarise_groups(
    outcomes: Iterable[ParticipantOutcome], group_of: Mapping[int, str]
) -> dict[str, Summary]:
    grouped: dict[str, list[ParticipantOutcome]] = defaultdict(list)
    for outcome in outcomes:
        grouped[group_of[outcome.participant_id]].append(outcome)
    return {group: summarise_participants(items) for group, items in grouped.items()}
