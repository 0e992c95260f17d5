"""A legalised version as it was legalised: `snapshot_data` turns what `version_data` computed
(programs with the households they reach, cost lines, totals, poverty check, the mapped problems,
the map with the RTs' slum classes, the uji publik meeting, the document outline) into plain JSON;
`frozen_page` rebuilds the same `VersionPage` from it and from the version's own rows, which the
database keeps frozen. Nothing here reads mapping: later changes to problems, households or slum
volumes cannot reach a legalised version."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from tridaya.cycle.models import Meeting
from tridaya.planning import poverty
from tridaya.planning.models import (
    Activity,
    DocumentOutline,
    Plan,
    PlanKind,
    PlanProgram,
    PlanSnapshot,
    PlanVersion,
)
from tridaya.planning.outlines import active_outline
from tridaya.planning.problem_names import rt_text
from tridaya.planning.selectors.plans import ProgramView, VersionPage, version_shell
from tridaya.planning.selectors.rab import PlanLine, Totals, activities_of
from tridaya.regions.models import Region


@dataclasses.dataclass(frozen=True)
class FrozenProblem:
    """A mapped problem as it was when the version was legalised."""

    pk: int
    title: str
    households_affected: int
    poor_households_affected: int
    domain: str = ""
    severity: int = 0
    rt_label: str = ""  # 'RT 03 / RW 01' at legalisation ('' without an RT, or an older snapshot)

    @property
    def id(self) -> int:
        return self.pk


# --- To JSON ---------------------------------------------------------------------------------


def _problem(p: Any) -> dict:
    return {
        "pk": p.pk,
        "title": p.title,
        "households_affected": p.households_affected,
        "poor_households_affected": p.poor_households_affected,
        "domain": p.domain,
        "severity": p.severity,
        "rt_label": rt_text(p),
    }


def _line(line: PlanLine) -> dict:
    data = dataclasses.asdict(line)
    data["volume"] = str(line.volume)
    return data


def _totals(totals: Totals) -> dict:
    data = dataclasses.asdict(totals)
    data["by_year"] = {str(y): a for y, a in totals.by_year.items()}
    data["by_year_domain"] = [[y, d, a] for (y, d), a in totals.by_year_domain.items()]
    return data


def _meeting(meeting: Meeting | None) -> dict | None:
    if meeting is None:
        return None
    fields = ("pk", "village_id", "kind", "title", "place", "men", "women", "poor")
    return {
        **{name: getattr(meeting, name) for name in fields},
        "held_on": meeting.held_on.isoformat(),
    }


def snapshot_data(page: VersionPage, features: dict, outline: DocumentOutline) -> dict:
    """Everything `page` shows that does not live in the version's own rows, as JSON."""
    problems: dict[int, Any] = {p.pk: p for p in page.problems}
    for view in page.programs:
        problems.update((p.pk, p) for p in view.problems)
    for activity in page.activities:
        problems.update((p.pk, p) for p in activity.problems.all())
    return {
        "problems": [_problem(p) for p in problems.values()],
        "plan_problems": [p.pk for p in page.problems],
        "programs": [
            {
                "id": view.program.pk,
                "problems": [p.pk for p in view.problems],
                "budget": view.budget,
                "households": view.households,
                "poor_households": view.poor_households,
            }
            for view in page.programs
        ],
        "activity_problems": {str(a.pk): [p.pk for p in a.problems.all()] for a in page.activities},
        "lines": [_line(line) for line in page.lines],
        "totals": _totals(page.totals),
        "poverty": dataclasses.asdict(page.poverty),
        "meeting": _meeting(page.version.public_test_meeting),
        "map": features,
        "outline": {
            "kind": outline.kind,
            "version": outline.version,
            "name": outline.name,
            "chapters": outline.chapters,
        },
    }


# --- From JSON -------------------------------------------------------------------------------


def _build(cls: type, data: dict, **override: Any) -> Any:
    """An instance of the dataclass `cls` from `data`, ignoring keys it no longer has."""
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names and k not in override}, **override)


def _poverty(data: dict) -> poverty.PovertyCheck:
    units = [
        _build(
            poverty.UnitReach,
            u,
            unit=_build(poverty.Unit, u["unit"], problem_ids=tuple(u["unit"]["problem_ids"])),
        )
        for u in data["units"]
    ]
    missing = [_build(poverty.ProblemFacts, p) for p in data["problems_without_program"]]
    return _build(poverty.PovertyCheck, data, units=units, problems_without_program=missing)


def _totals_from(data: dict) -> Totals:
    return _build(
        Totals,
        data,
        by_year={int(y): a for y, a in data["by_year"].items()},
        by_year_domain={(y, d): a for y, d, a in data["by_year_domain"]},
    )


def _frozen_meeting(data: dict | None) -> Meeting | None:
    if data is None:
        return None
    meeting = Meeting(**{k: v for k, v in data.items() if k not in ("pk", "held_on")})
    meeting.pk = data["pk"]
    meeting.held_on = dt.date.fromisoformat(data["held_on"])
    return meeting


def _freeze_activity_problems(activities: list, data: dict, problems: dict) -> None:
    links = data.get("activity_problems", {})
    for activity in activities:
        cached = activity._prefetched_objects_cache["problems"]
        cached._result_cache = [problems[i] for i in links.get(str(activity.pk), [])]


def frozen_page(
    village: Region, plan: Plan, version: PlanVersion, snapshot: PlanSnapshot
) -> VersionPage:
    """The page of a legalised version from its snapshot and its frozen rows (a fixed 9 or so
    queries)."""
    data = snapshot.data
    problems = {p["pk"]: _build(FrozenProblem, p) for p in data["problems"]}
    programs = {p.pk: p for p in PlanProgram.objects.filter(version=version)}
    views = [
        ProgramView(
            programs[v["id"]],
            [problems[i] for i in v["problems"]],
            v["budget"],
            v["households"],
            v["poor_households"],
        )
        for v in data["programs"]
    ]
    activities = list(activities_of(version)) if plan.kind == PlanKind.RTPLP else []
    _freeze_activity_problems(activities, data, problems)
    version.public_test_meeting = _frozen_meeting(data["meeting"])
    outline = DocumentOutline(**data["outline"])
    return version_shell(
        village,
        plan,
        version,
        programs=views,
        lines=[_build(PlanLine, line, volume=Decimal(line["volume"])) for line in data["lines"]],
        activities=activities,
        problems=[problems[i] for i in data["plan_problems"]],
        totals=_totals_from(data["totals"]),
        poverty=_poverty(data["poverty"]),
        map=data["map"],
        outline=outline,
        frozen_at=snapshot.taken_at,
    )


def frozen_activity(activity: Activity, snapshot: PlanSnapshot) -> Activity:
    """A legalised RTPLP's activity with the problems it answered as they were at legalisation
    (titles, RTs, households), not as they are now."""
    problems = {p["pk"]: _build(FrozenProblem, p) for p in snapshot.data["problems"]}
    _freeze_activity_problems([activity], snapshot.data, problems)
    return activity


def snapshot_of(version: PlanVersion) -> PlanSnapshot | None:
    return PlanSnapshot.objects.filter(version=version).first()


def outline_for(kind: str) -> DocumentOutline:
    return active_outline(kind)
