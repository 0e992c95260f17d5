"""Reads of the cycle engine, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.core.policy import assignments, covers
from tridaya.core.selectors import one_of
from tridaya.cycle.gates import GateContext, RuleResult, evaluate
from tridaya.cycle.models import (
    SIGNOFF_ORDER,
    GateOverride,
    Meeting,
    SignOff,
    SignOffKind,
    Step,
    StepDocument,
    StepStatus,
    VillageCycle,
)
from tridaya.institutions.models import Election, Person
from tridaya.institutions.selectors import people_of
from tridaya.regions.models import Region
from tridaya.regions.selectors import village_with_ancestors


def gate_context(step: Step, earlier_steps: list[Step] | None = None) -> GateContext:
    if earlier_steps is None:
        earlier_steps = list(
            Step.objects.filter(cycle_id=step.cycle_id, order__lt=step.order).order_by("order")
        )
    return GateContext(
        step=step,
        program=step.cycle.program,
        earlier_steps=earlier_steps,
        meetings=list(Meeting.objects.filter(step=step).order_by("-held_on", "-id")),
        documents=list(StepDocument.objects.filter(step=step)),
    )


def gate_results(step: Step, earlier_steps: list[Step] | None = None) -> list[RuleResult]:
    """Each gate rule of the step, passing or failing, with its explanation."""
    return evaluate(gate_context(step, earlier_steps))


def active_signoffs() -> Prefetch:
    return Prefetch(
        "signoffs",
        queryset=SignOff.objects.filter(withdrawn_at__isnull=True).order_by("created_at"),
        to_attr="active_signoffs",
    )


def latest_cycle(village: Region) -> VillageCycle | None:
    return (
        VillageCycle.objects.filter(village=village)
        .select_related("program", "template")
        .order_by("-program__year", "-id")
        .first()
    )


@dataclass
class CyclePage:
    village: Region
    cycle: VillageCycle | None
    steps: list[Step]
    current: Step | None
    blockers: list[RuleResult]

    @property
    def stages(self) -> list[tuple[str, list[Step]]]:
        grouped: dict[str, list[Step]] = {}
        for step in self.steps:
            grouped.setdefault(step.stage_title, []).append(step)
        return list(grouped.items())

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.status == StepStatus.DONE)


def step_in_village(code: str, step_id: int) -> Step:
    """A step of the village's cycle by its id (a complaint's link), or NotFound."""
    step = Step.objects.filter(cycle__village_id=code, pk=step_id).first()
    if step is None:
        raise NotFound(f"step {step_id}")
    return step


def cycle_page(code: str, village: Region | None = None) -> CyclePage:
    """The timeline of a village's latest cycle and what blocks its current step (`village`,
    when the caller has it, saves reading it again)."""
    if village is None or village.code != code:
        village = village_with_ancestors(code)
    cycle = latest_cycle(village)
    if cycle is None:
        return CyclePage(village, None, [], None, [])
    steps = list(cycle.steps.select_related("override__by").prefetch_related(active_signoffs()))
    for step in steps:
        step.cycle = cycle
    current = next((s for s in steps if s.status == StepStatus.OPEN), None)
    blockers = []
    if current is not None:
        earlier = [s for s in steps if s.order < current.order]
        blockers = [r for r in gate_results(current, earlier) if not r.ok]
    return CyclePage(village, cycle, steps, current, blockers)


@dataclass
class StepPage:
    village: Region
    cycle: VillageCycle
    step: Step
    results: list[RuleResult]
    signoffs: list[SignOff]
    withdrawn: list[SignOff]
    meetings: list[Meeting]
    documents: list[StepDocument]
    override: GateOverride | None

    @property
    def gates_pass(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def next_sign_kind(self) -> SignOffKind | None:
        given = {s.kind for s in self.signoffs}
        return next((SignOffKind(k) for k in SIGNOFF_ORDER if k not in given), None)

    def completion_blockers(self) -> list[str]:
        """Why the step cannot be finished yet (failing gates unless overridden, missing
        sign-offs); empty when it can."""
        reasons = [] if self.override else [r.message for r in self.results if not r.ok]
        if self.next_sign_kind is not None:
            given = {s.kind for s in self.signoffs}
            missing = [str(SignOffKind(k).label) for k in SIGNOFF_ORDER if k not in given]
            reasons.append(
                _("Tanda tangan belum lengkap: %(missing)s.") % {"missing": ", ".join(missing)}
            )
        return reasons


def signer_role(user: Any, step: Step, kind: str) -> str | None:
    """The role in which `user` may give the `kind` sign-off on `step` (held over the step's
    village), or None: what the sign-off service requires and what the step page offers."""
    allowed = step.signoff_roles(kind)
    for role, scope in assignments(user):
        if role in allowed and covers(scope, step.cycle.village_id):
            return role
    if getattr(user, "is_superuser", False):
        return "superuser"
    return None


def step_page(code: str, step_code: str) -> StepPage:
    village = village_with_ancestors(code)
    cycle = latest_cycle(village)
    if cycle is None:
        raise NotFound(_("%(village)s belum terdaftar dalam siklus PLPBK.") % {"village": village})
    step = one_of(cycle.steps.select_related("completed_by"), code=step_code)
    step.cycle = cycle
    ctx = gate_context(step)
    signoffs = list(step.signoffs.select_related("user", "withdrawn_by").order_by("created_at"))
    return StepPage(
        village=village,
        cycle=cycle,
        step=step,
        results=evaluate(ctx),
        signoffs=[s for s in signoffs if s.withdrawn_at is None],
        withdrawn=[s for s in signoffs if s.withdrawn_at is not None],
        meetings=ctx.meetings,
        documents=ctx.documents,
        override=GateOverride.objects.filter(step=step).select_related("by").first(),
    )


def cycles_under(region: Region) -> QuerySet[VillageCycle]:
    """Every enrolled village under a region, with its current step's title (one query)."""
    current = Step.objects.filter(cycle=OuterRef("pk")).exclude(status=StepStatus.DONE)
    code = region.code
    return (
        VillageCycle.objects.filter(Q(village_id=code) | Q(village__code__startswith=code + "."))
        .select_related("village", "program")
        .annotate(
            current_step=Subquery(current.order_by("order").values("title")[:1]),
            current_stage=Subquery(current.order_by("order").values("stage_title")[:1]),
        )
        .order_by("village__name")
    )


def village_meetings(village: Region) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(village=village).select_related("step").order_by("-held_on", "-id")
    )


def meeting_for_village(code: str, meeting_id: int) -> Meeting:
    return one_of(Meeting.objects.select_related("village", "step"), pk=meeting_id, village_id=code)


def village_elections(village: Region) -> list[Election]:
    """The village BKM's elections, newest first."""
    return list(Election.objects.filter(bkm__village=village).order_by("-held_on", "-id"))


def unlinked_elections(meeting: Meeting) -> QuerySet[Election]:
    """BKM elections that may have been held at this meeting: the village's elections not yet
    linked to a meeting and held on the meeting's day (an ordinary rembug is offered none)."""
    return Election.objects.filter(
        bkm__village_id=meeting.village_id, meeting_id__isnull=True, held_on=meeting.held_on
    ).order_by("-held_on")


REGISTER_MATCHES = 10


def register_matches(village: Region, query: str) -> list[Person]:
    """Up to ten of the village's registered people whose name contains `query` (two letters at
    least), for the attendance list's picker; NIKs are shown masked by the caller."""
    if len(query.strip()) < 2:
        return []
    return list(people_of(village, query=query)[:REGISTER_MATCHES])


def people_outside(village: Region, person_ids: set[int]) -> bool:
    """Is any of these people missing from the village's register?"""
    found = people_of(village).filter(pk__in=person_ids).count()
    return found != len(person_ids)
