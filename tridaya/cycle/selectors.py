"""Reads of the cycle engine, each with a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.core.selectors import one_of
from tridaya.cycle.gates import GateContext, RuleResult, evaluate
from tridaya.cycle.models import (
    GateOverride,
    Meeting,
    SignOff,
    Step,
    StepDocument,
    StepStatus,
    VillageCycle,
)
from tridaya.institutions.models import Election
from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors


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


def village_region(code: str) -> Region:
    """The village with its ancestors (2 queries), or NotFound. (Planning's pages still call it;
    pages should use `tridaya.regions.pages.village_or_404`.)"""
    village = one_of(Region.objects.all(), code=code, level=Level.VILLAGE)
    attach_ancestors([village])
    return village


def cycle_page(code: str) -> CyclePage:
    """The timeline of a village's latest cycle and what blocks its current step."""
    village = village_region(code)
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


def step_page(code: str, step_code: str) -> StepPage:
    village = village_region(code)
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


def unlinked_elections(village: Region) -> QuerySet[Election]:
    return Election.objects.filter(bkm__village=village, meeting_id__isnull=True).order_by(
        "-held_on"
    )
