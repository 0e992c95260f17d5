"""Reads of RPLP and RTPLP plans, each with a fixed number of queries whatever the number of
programs, rows, activities or RAB lines: a village's plans, a version whole (`version_page`) and
its map. The cost lines (`PlanLine`) are in `rab.py`, differences between versions in
`versions.py`, price lists in `price_lists.py`."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, OuterRef, Prefetch, Subquery
from shapely.geometry import shape

from tridaya.core.selectors import one_of
from tridaya.mapping.selectors.households import surveyed_by_rt
from tridaya.mapping.selectors.problems import Problem, open_problems
from tridaya.mapping.selectors.reach import distinct_reach
from tridaya.mapping.selectors.slum import rt_scores
from tridaya.planning import poverty, safeguards
from tridaya.planning.models import (
    Activity,
    DocumentOutline,
    Feedback,
    InvestmentRow,
    Plan,
    PlanKind,
    PlanProgram,
    PlanSignOff,
    PlanVersion,
    PriorityArea,
    SignatoryKind,
)
from tridaya.planning.problem_names import problem_names
from tridaya.planning.selectors.kawasan import rt_label
from tridaya.planning.selectors.rab import (
    PlanLine,
    Totals,
    _detailed_totals,
    activities_of,
    line_of_activity,
    line_of_row,
    totals_of,
)
from tridaya.regions.models import RT, Level, Region
from tridaya.regions.selectors import attach_ancestors

# --- Plans of a village ----------------------------------------------------------------------


def village_plans(village: Region) -> list[Plan]:
    """The village's plans, RPLP first, each with its versions newest first (2 queries)."""
    return list(
        Plan.objects.filter(village=village)
        .select_related("kawasan")
        .prefetch_related(Prefetch("versions", queryset=PlanVersion.objects.order_by("-number")))
        .order_by("-kind", "id")  # "rtplp" > "rplp": RPLP first after reversing
    )


def plan_for_village(code: str, plan_id: int) -> Plan:
    return one_of(Plan.objects.select_related("village", "kawasan"), pk=plan_id, village_id=code)


def version_of(plan: Plan, number: int) -> PlanVersion:
    version = one_of(
        PlanVersion.objects.select_related("public_test_meeting", "based_on"),
        plan=plan,
        number=number,
    )
    version.plan = plan
    return version


def version_in_village(code: str, version_id: int) -> PlanVersion:
    """A version of one of the village's plans by its id (a complaint's link), or NotFound."""
    return one_of(PlanVersion.objects.select_related("plan"), pk=version_id, plan__village_id=code)


def newest_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


# --- A version, whole ------------------------------------------------------------------------


@dataclass
class ProgramView:
    program: PlanProgram
    problems: list[Any]  # Problem rows; FrozenProblem in a legalised version's snapshot
    budget: int
    households: int
    poor_households: int

    @property
    def years(self) -> list[int]:
        return list(self.program.years or [])


@dataclass
class VersionPage:
    village: Region
    plan: Plan
    version: PlanVersion
    versions: list[PlanVersion]
    programs: list[ProgramView]
    lines: list[PlanLine]
    activities: list[Activity]
    feedback: list[Feedback]
    signoffs: list[PlanSignOff]
    problems: list[Any]  # the problems the plan should answer (village or kawasan)
    totals: Totals
    poverty: poverty.PovertyCheck
    safeguards: list[tuple[Any, str, str]]
    # A legalised version read from its snapshot: the map and outline it was legalised with.
    map: dict[str, list[dict]] | None = None
    outline: DocumentOutline | None = None
    frozen_at: dt.datetime | None = None

    @property
    def is_rtplp(self) -> bool:
        return self.plan.kind == PlanKind.RTPLP

    @property
    def missing_signoffs(self) -> list[str]:
        signed = {s.kind for s in self.signoffs}
        return [str(k.label) for k in SignatoryKind if k.value not in signed]

    @property
    def unanswered(self) -> int:
        return sum(1 for f in self.feedback if not f.answer.strip())

    @functools.cached_property
    def problem_names(self) -> dict[int, str]:
        """Problem id -> how the page and documents name it: problems that share a title get
        their RT and short id (`planning.problem_names`)."""
        shown = list(self.problems)
        for view in self.programs:
            shown.extend(view.problems)
        for activity in self.activities:
            shown.extend(activity.problems.all())
        return problem_names(shown)


def _problem_facts(problem: Problem) -> poverty.ProblemFacts:
    return poverty.ProblemFacts(
        problem.pk,
        problem.title,
        problem.households_affected,
        problem.poor_households_affected,
        problem.domain,
        problem.rt_id,
    )


def plan_problems(plan: Plan) -> list[Problem]:
    """Problems the plan should answer: the village's mapped problems (not rejected); for an
    RTPLP those inside its kawasan prioritas (1 query)."""
    problems = list(open_problems(plan.village_id).order_by("-severity", "id"))
    if plan.kind == PlanKind.RTPLP and plan.kawasan is not None:
        area = shape(plan.kawasan.geometry)
        problems = [p for p in problems if p.geometry and area.intersects(shape(p.geometry))]
    return problems


def version_page(code: str, plan_id: int, number: int, *, live: bool = False) -> VersionPage:
    """Everything the page and the documents of a version show (a fixed 14 or so queries). A
    legalised (or superseded) version is read from its snapshot when it has one, unless `live`
    (what freezing it reads)."""
    village = one_of(Region.objects.all(), code=code, level=Level.VILLAGE)
    attach_ancestors([village])
    plan = plan_for_village(code, plan_id)
    plan.village = village
    return version_view(village, plan, version_of(plan, number), live=live)


def version_view(
    village: Region, plan: Plan, version: PlanVersion, *, live: bool = False
) -> VersionPage:
    """A version's page data: from its snapshot when it is locked and has one (unless `live`),
    else computed from the current data."""
    if version.is_locked and not live:
        from tridaya.planning.selectors import snapshots

        snapshot = snapshots.snapshot_of(version)
        if snapshot is not None:
            return snapshots.frozen_page(village, plan, version, snapshot)
    return version_data(village, plan, version)


def _program_units(
    programs: list[PlanProgram], budgets: dict[int, int], facts: dict, surveyed: dict
) -> tuple[list[ProgramView], list[poverty.Unit]]:
    """The programs of an RPLP with their linked problems (and the distinct households they
    reach, `mapping.selectors.reach`), and as units of the poverty check."""
    program_views = []
    units = []
    for program in programs:
        linked = list(program.problems.all())
        for p in linked:
            facts.setdefault(p.pk, _problem_facts(p))
        reach = distinct_reach([facts[p.pk].count for p in linked], surveyed)
        program_views.append(
            ProgramView(
                program,
                linked,
                budgets.get(program.pk, 0),
                reach.households,
                reach.poor_households,
            )
        )
        units.append(
            poverty.Unit(
                f"program-{program.pk}",
                program.name,
                budgets.get(program.pk, 0),
                tuple(p.pk for p in linked),
            )
        )
    return program_views, units


def _activity_units(activities: list[Activity], facts: dict) -> list[poverty.Unit]:
    """The activities of an RTPLP as units of the poverty check."""
    units = []
    for activity in activities:
        linked = list(activity.problems.all())
        for p in linked:
            facts.setdefault(p.pk, _problem_facts(p))
        units.append(
            poverty.Unit(
                f"activity-{activity.pk}",
                activity.name,
                activity.rab_total,
                tuple(p.pk for p in linked),
            )
        )
    return units


def version_data(village: Region, plan: Plan, version: PlanVersion) -> VersionPage:
    """The version computed from the current data (what a draft shows; what freezing reads)."""
    programs = list(
        PlanProgram.objects.filter(version=version)
        .prefetch_related(Prefetch("problems", queryset=Problem.objects.select_related("rt__rw")))
        .order_by("domain", "position", "id")
    )
    rows = list(
        InvestmentRow.objects.filter(version=version)
        .select_related("rt__rw", "program")
        .order_by("year", "domain", "position", "id")
    )
    activities = list(activities_of(version)) if plan.kind == PlanKind.RTPLP else []
    problems = plan_problems(plan)
    if plan.kind == PlanKind.RPLP:
        detailed = _detailed_totals(version)
        lines = [
            line_of_row(r, r.program.name if r.program else "", detailed.get(r.pk)) for r in rows
        ]
    else:
        lines = [line_of_activity(a) for a in activities]
    facts = {p.pk: _problem_facts(p) for p in problems}
    budgets: dict[int, int] = defaultdict(int)
    unassigned = 0
    for line in lines:
        if line.program_id:
            budgets[line.program_id] += line.total
        elif plan.kind == PlanKind.RPLP:
            unassigned += line.total
    surveyed = surveyed_by_rt(village)
    if plan.kind == PlanKind.RPLP:
        program_views, units = _program_units(programs, budgets, facts, surveyed)
    else:
        program_views, units = [], _activity_units(activities, facts)
    check = poverty.check(
        units,
        list(facts.values()),
        unassigned_budget=unassigned,
        candidates={p.pk for p in problems},
        surveyed=surveyed,
    )
    return version_shell(
        village,
        plan,
        version,
        programs=program_views,
        lines=lines,
        activities=activities,
        problems=problems,
        totals=totals_of(lines, version.years),
        poverty=check,
    )


def version_shell(
    village: Region, plan: Plan, version: PlanVersion, **computed: Any
) -> VersionPage:
    """A `VersionPage` of the computed parts and the version's own rows (3 queries)."""
    return VersionPage(
        village=village,
        plan=plan,
        version=version,
        versions=list(plan.versions.order_by("number")),
        feedback=list(version.feedback.order_by("number")),
        signoffs=list(version.signoffs.order_by("created_at")),
        safeguards=safeguards.rows(version.safeguards),
        **computed,
    )


# --- Map -------------------------------------------------------------------------------------


def rt_slum_classes(village: Region) -> dict[int, tuple[str, str]]:
    """RT id -> (slum class code, label) of each scored RT, read from mapping's one slum-score
    read (`rt_scores`: the year the mapping page shows, the same classes as its map)."""
    return {
        row.rt_id: (row.slum_class or "", row.class_label)
        for row in rt_scores(village).rows
        if row.scored
    }


def map_features(page: VersionPage) -> dict[str, list[dict]]:
    """GeoJSON features of the plan's map: RTs (with slum class), problems, kawasan prioritas
    and planned works (4 queries); a frozen version's map as it was legalised (none)."""
    if page.map is not None:
        return page.map
    classes = rt_slum_classes(page.village)
    rts = []
    for rt in RT.objects.filter(village=page.village).select_related("rw"):
        if rt.boundary:
            klass, label = classes.get(rt.pk, ("", ""))
            rts.append(
                {
                    "type": "Feature",
                    "geometry": rt.boundary,
                    "properties": {"label": rt_label(rt), "class": klass, "class_label": label},
                }
            )
    problems = [
        {
            "type": "Feature",
            "geometry": p.geometry,
            "properties": {
                "label": page.problem_names.get(p.id, p.title),
                "domain": p.domain,
                "poor": p.poor_households_affected,
            },
        }
        for p in page.problems
        if p.geometry
    ]
    areas = [
        {
            "type": "Feature",
            "geometry": area.geometry,
            "properties": {"label": area.name, "status": area.status},
        }
        for area in PriorityArea.objects.filter(village=page.village).order_by("name")
        if area.geometry
    ]
    works = [
        {
            "type": "Feature",
            "geometry": a.geometry,
            "properties": {"label": a.name, "domain": a.domain},
        }
        for a in page.activities
        if a.geometry
    ]
    if page.plan.kind == PlanKind.RPLP:
        # The planned works of the village's RTPLPs (their newest versions).
        for activity in (
            Activity.objects.filter(version__plan__village=page.village, geometry__isnull=False)
            .annotate(
                newest=Subquery(
                    PlanVersion.objects.filter(plan=OuterRef("version__plan"))
                    .order_by("-number")
                    .values("number")[:1]
                )
            )
            .filter(version__number=F("newest"))
        ):
            works.append(
                {
                    "type": "Feature",
                    "geometry": activity.geometry,
                    "properties": {"label": activity.name, "domain": activity.domain},
                }
            )
    return {"rts": rts, "problems": problems, "areas": areas, "works": works}


# --- For later apps (marketing) --------------------------------------------------------------


def legalised_versions_under(code: str) -> list[PlanVersion]:
    """The legalised versions in force of every plan of the villages in a region (the code
    itself or under it), with the plan, its village and kawasan, the RTPLP activities (with
    their RT) and the RPLP investment rows (with their program) loaded (3 queries)."""
    from django.db.models import Q

    return list(
        PlanVersion.objects.filter(state="sah")
        .filter(Q(plan__village_id=code) | Q(plan__village__code__startswith=code + "."))
        .select_related("plan__village", "plan__kawasan")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("rt__rw").order_by("position", "id"),
            ),
            Prefetch(
                "investment_rows",
                queryset=InvestmentRow.objects.select_related("program").order_by(
                    "year", "domain", "position", "id"
                ),
            ),
        )
        .order_by("plan__village_id", "-plan__kind", "plan_id")
    )
