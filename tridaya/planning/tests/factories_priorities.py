"""Prioritisation and kawasan test data. Rounds are built through the services as the system
(actor=None); mapped problems, households, RTs and RT profiles are plain rows laid on a small
known grid, so that indicators can be worked out by hand.

The grid: RW 01 holds four RTs, each a square of `CELL` degrees side by side west to east,
starting at (LON, LAT). At the equator-ish latitude of Bajur one cell is about 111 m a side."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.cycle.services import MeetingInput
from tridaya.institutions.tests.factories import person
from tridaya.mapping.criteria import current_criteria_set
from tridaya.mapping.models import (
    GeometryKind,
    Household,
    Problem,
    ProblemKind,
    RTProfile,
    Sector,
    SlumVolume,
)
from tridaya.planning import services_priorities as prio
from tridaya.planning.models import PriorityRound
from tridaya.regions.models import RT, RW, Region

LON, LAT = 116.1000, -8.6400
CELL = 0.001


def box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 7), round(y, 7)] for x, y in ring]]}


def cell(column: int, row: int = 0, width: float = 1.0) -> dict:
    """The square of the grid at (column, row), `width` cells wide."""
    west = LON + column * CELL
    south = LAT + row * CELL
    return box(west, south, west + width * CELL, south + CELL)


def grid_rts(village: Region, count: int = 4) -> list[RT]:
    """RW 01 with `count` RTs, RT n covering grid column n-1."""
    rw, _ = RW.objects.get_or_create(village=village, number=1, defaults={"boundary": None})
    rts = []
    for n in range(1, count + 1):
        rt, _ = RT.objects.get_or_create(
            rw=rw, number=n, defaults={"village": village, "boundary": cell(n - 1)}
        )
        rts.append(rt)
    return rts


def household(
    village: Region,
    rt: RT,
    *,
    members: int = 4,
    poor: bool = False,
    at: tuple[float, float] | None = None,
) -> Household:
    criteria = dict.fromkeys(_first_criteria(9), poor)
    return Household.objects.create(
        village=village,
        rt=rt,
        head=person(village),
        members=members,
        criteria_met=9 if poor else 0,
        is_poor=poor,
        location={"type": "Point", "coordinates": list(at)} if at else None,
        **criteria,
    )


def _first_criteria(n: int) -> list[str]:
    from tridaya.mapping.models import CRITERIA_FIELDS

    return list(CRITERIA_FIELDS[:n])


def rt_profile(
    rt: RT,
    *,
    year: int = 2026,
    households: int = 40,
    population: int = 160,
    volume_share: Decimal = Decimal("0.8"),
) -> RTProfile:
    """A profile whose every criterion's volume is `volume_share` of its denominator (so each
    criterion has the same percentage: 80% scores 5 on all 16 criteria, total 80)."""
    cset_row = current_criteria_set()
    profile = RTProfile.objects.create(
        rt=rt,
        village=rt.village,
        year=year,
        criteria_set=cset_row,
        area_ha=Decimal("1.23"),
        buildings=50,
        population=population,
        households=households,
        road_length_m=Decimal("400"),
        drainage_length_m=Decimal("300"),
    )
    denominators = {
        "buildings": Decimal(50),
        "area_ha": Decimal("1.23"),
        "road_length_m": Decimal(400),
        "drainage_length_m": Decimal(300),
        "households": Decimal(households),
    }
    from tridaya.mapping.criteria import criteria_of

    cset = criteria_of(cset_row)
    SlumVolume.objects.bulk_create(
        SlumVolume(
            profile=profile,
            code=c.code,
            volume=(denominators[c.denominator] * volume_share).quantize(Decimal("0.01")),
        )
        for c in cset.criteria
    )
    return profile


def problem(
    village: Region,
    title: str = "Genangan di gang",
    *,
    households: int = 20,
    poor: int = 8,
    severity: int = 3,
    domain: str = "L",
    rt: RT | None = None,
    geometry: dict | None = None,
    kind: str = ProblemKind.PROBLEM,
) -> Problem:
    geometry = geometry or {"type": "Point", "coordinates": [LON + CELL / 2, LAT + CELL / 2]}
    return Problem.objects.create(
        village=village,
        rt=rt,
        kind=kind,
        domain=domain,
        sector=Sector.DRAINAGE,
        title=title,
        severity=severity,
        households_affected=households,
        poor_households_affected=poor,
        geometry=geometry,
        geometry_kind=GeometryKind.POINT if geometry["type"] == "Point" else GeometryKind.POLYGON,
    )


def meeting(village: Region, men: int = 30, women: int = 25, **kwargs) -> Meeting:
    values = {
        "kind": MeetingKind.MUSYAWARAH,
        "agenda": "Penentuan prioritas",
        "held_on": dt.date(2026, 9, 10),
        "place": "Balai Desa",
        "men": men,
        "women": women,
        "poor": 10,
    }
    values.update(kwargs)
    return cycle_services.meeting_record(
        actor=None, village=village, step=None, data=MeetingInput(**values)
    )


def criteria(*weights: tuple[str, int]) -> list[prio.CriterionInput]:
    return [prio.CriterionInput(label, weight, key=label.lower()) for label, weight in weights]


def round_with(
    village: Region,
    titles: list[tuple[str, int]] | None = None,
    *,
    method: str = "borda",
    weights: list[tuple[str, int]] | None = None,
    voting: bool = False,
    with_meeting: bool = True,
    max_score: int = 5,
) -> PriorityRound:
    """A round with program options (title, poor households), in listing order."""
    titles = titles or [("Drainase", 40), ("Jalan", 25), ("Sanitasi", 60)]
    round_ = prio.round_create(
        actor=None,
        village=village,
        title="Prioritas 2026",
        method=method,
        max_score=max_score,
        meeting=meeting(village) if with_meeting else None,
        criteria=criteria(*(weights or [("Urgensi", 60), ("Miskin", 40)])),
    )
    for title, poor in titles:
        prio.option_add_program(
            actor=None,
            round_=round_,
            title=title,
            domain="L",
            households=max(poor, 1) * 2,
            poor_households=poor,
        )
    if voting:
        prio.voting_open(actor=None, round_=round_)
    round_.refresh_from_db()
    return round_


def keys(round_: PriorityRound) -> dict[str, int]:
    """Option ids by title."""
    return {o.title: o.pk for o in round_.options.all()}
