"""Indicators of a kawasan prioritas, computed from what lies inside its polygon.

- RTs by area share: each RT's boundary is intersected with the area in the area's own UTM zone
  (shapely, pyproj): share = area of the intersection / area of the RT.
- Households, poor households and population: a mapped household with a location counts where its
  point lies; one without a location counts for its RT's share. An RT with no mapped household
  falls back on its RT profile (households and population, no poverty figure) times its share.
- Slum score and class: the area is scored on the SUMS of its RTs' figures and volumes, each RT
  taken at its share, by mapping's one slum-score read (`mapping.selectors.slum.rt_scores` for
  the RTs, `area_slum` for the area: the same year, checks and handled volumes as the mapping
  page; RTs without a score are listed apart).
- Area in hectares, population density, and the mapped problems whose location meets the area.

The result is plain JSON (numbers as integers or decimal strings) so it can be stored with the
area, compared side by side, and served by the API unchanged. No database access here: the
selector `selectors.kawasan.indicator_inputs` loads the inputs in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from tridaya.core.geo import AREAL, parse_geometry, to_utm, utm_epsg
from tridaya.mapping.selectors.reach import ProblemCount, Reach, distinct_reach
from tridaya.mapping.selectors.slum import RTScore, area_slum

MIN_SHARE = 1e-6  # below this an RT only touches the area along a shared edge
SHARE_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class HouseholdIn:
    rt_id: int | None
    members: int
    is_poor: bool
    lon: float | None = None
    lat: float | None = None


@dataclass(frozen=True)
class RTIn:
    id: int
    label: str
    boundary: dict | None
    slum: RTScore | None = None  # the RT's row of `rt_scores`


@dataclass(frozen=True)
class ProblemIn:
    id: int
    title: str
    kind: str
    domain: str
    geometry: dict
    households: int
    poor_households: int
    rt_id: int | None = None


@dataclass
class Inputs:
    rts: Sequence[RTIn]
    households: Sequence[HouseholdIn]
    problems: Sequence[ProblemIn] = field(default_factory=list)


def _decimal_text(value: Decimal | float, places: str = "0.01") -> str:
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return str(number.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def _round_count(value: float) -> int:
    """Half up, so 2.5 households count as 3 (banker's rounding would make it 2)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _rt_shares(area_utm, inputs: Inputs, epsg: int) -> list[tuple[RTIn, float, float]]:
    """(RT, share of the RT inside the area, m² inside) for each RT the area covers enough of."""
    rt_rows = []
    for rt in inputs.rts:
        if not rt.boundary:
            continue
        rt_utm = to_utm(shape(rt.boundary), epsg)
        if rt_utm.area <= 0 or not area_utm.intersects(rt_utm):
            continue
        inside = area_utm.intersection(rt_utm).area
        share = inside / rt_utm.area
        if share < MIN_SHARE:
            continue
        rt_rows.append((rt, min(share, 1.0), inside))
    return rt_rows


def _household_counts(geom, inputs: Inputs, shares: dict[int, float]) -> dict[str, float]:
    """Households: located ones by their point, the others by their RT's share."""
    located = [h for h in inputs.households if h.lon is not None and h.lat is not None]
    inside_mask = np.zeros(len(located), dtype=bool)
    if located:
        xs = np.array([h.lon for h in located], dtype=float)
        ys = np.array([h.lat for h in located], dtype=float)
        inside_mask = shapely.intersects_xy(geom, xs, ys)
    counts = {"households": 0.0, "poor": 0.0, "population": 0.0, "located": 0, "apportioned": 0.0}
    for household, is_inside in zip(located, inside_mask, strict=True):
        if is_inside:
            counts["located"] += 1
            counts["households"] += 1
            counts["poor"] += household.is_poor
            counts["population"] += household.members
    for household in inputs.households:
        if household.lon is None or household.lat is None:
            share = shares.get(household.rt_id, 0.0) if household.rt_id is not None else 0.0
            counts["apportioned"] += share
            counts["households"] += share
            counts["poor"] += share * household.is_poor
            counts["population"] += share * household.members
    return counts


def _share_decimal(share: float) -> Decimal:
    return Decimal(repr(share)).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)


def _profile_counts(rt: RTIn) -> tuple[int, int] | None:
    """(households, population) of the RT's profile for the year read, None without one."""
    slum = rt.slum
    if slum is None or slum.households is None or slum.population is None:
        return None
    return slum.households, slum.population


def _rt_rows(rt_rows, mapped_rts: set[int | None]) -> dict[str, Any]:
    """The RT rows of the indicators, what RT profiles add, and the (RT score, share) parts of
    the area's slum score."""
    rows = []
    profile_households = profile_population = 0.0
    parts = []
    unscored = []
    cset = None  # the criteria set of the first scored RT: RTs of another set are not summed
    for rt, share, inside in sorted(rt_rows, key=lambda row: row[0].label):
        source = "households" if rt.id in mapped_rts else "none"
        counts = _profile_counts(rt)
        if rt.id not in mapped_rts and counts is not None:
            source = "profile"
            profile_households += share * counts[0]
            profile_population += share * counts[1]
        slum = rt.slum.score if rt.slum is not None and rt.slum.scored else None
        if rt.slum is not None and slum is not None and cset in (None, rt.slum.cset):
            cset = rt.slum.cset
            parts.append((rt.slum, _share_decimal(share)))
        else:
            unscored.append(rt.label)
        rows.append(
            {
                "id": rt.id,
                "label": rt.label,
                "share_pct": _decimal_text(Decimal(repr(share)) * 100, "0.1"),
                "area_ha_inside": _decimal_text(Decimal(repr(inside)) / Decimal(10_000)),
                "source": source,
                "slum_total": slum.total if slum else None,
                "slum_class": str(slum.slum_class) if slum else None,
            }
        )
    return {
        "rows": rows,
        "profile_households": profile_households,
        "profile_population": profile_population,
        "parts": parts,
        "unscored": unscored,
    }


def _slum_json(parts: list[tuple[RTScore, Decimal]]) -> dict[str, Any] | None:
    area = area_slum(parts)
    if area is None:
        return None
    return {
        "total": area.score.total,
        "max": area.max_total,
        "class": str(area.score.slum_class),
        "average_pct": _decimal_text(area.score.average),
        "after_total": area.after.total,
        "after_class": str(area.after.slum_class),
        "criteria_set": area.criteria_set,
        "rts_scored": area.rts_scored,
    }


def _surveyed(households: Sequence[HouseholdIn]) -> dict[int, Reach]:
    counts: dict[int, list[int]] = {}
    for h in households:
        if h.rt_id is None:  # no RT: bounds no problem's reach
            continue
        pair = counts.setdefault(h.rt_id, [0, 0])
        pair[0] += 1
        pair[1] += h.is_poor
    return {rt_id: Reach(n, poor) for rt_id, (n, poor) in counts.items()}


def _problems_json(problems: list[ProblemIn], inputs: Inputs) -> dict[str, Any]:
    """The problems inside the area; their poor households are the distinct ones they reach
    (`mapping.selectors.reach`), never a sum that counts a household twice."""
    reach = distinct_reach(
        [
            ProblemCount(p.rt_id, p.households, p.poor_households)
            for p in problems
            if p.kind == "masalah"
        ],
        _surveyed(inputs.households),
    )
    return {
        "count": sum(1 for p in problems if p.kind == "masalah"),
        "potentials": sum(1 for p in problems if p.kind != "masalah"),
        "poor_households": reach.poor_households,
        "items": [
            {"id": p.id, "title": p.title, "kind": p.kind, "domain": p.domain} for p in problems
        ],
    }


def compute(area: dict, inputs: Inputs) -> dict[str, Any]:
    """The indicators of the area (a GeoJSON Polygon or MultiPolygon in WGS84)."""
    geom = parse_geometry(area, AREAL)
    centre = geom.centroid
    epsg = utm_epsg(centre.x, centre.y)
    area_utm = to_utm(geom, epsg)
    area_ha = Decimal(repr(area_utm.area)) / Decimal(10_000)
    shapely.prepare(area_utm)

    rt_rows = _rt_shares(area_utm, inputs, epsg)
    counts = _household_counts(geom, inputs, {rt.id: share for rt, share, _m2 in rt_rows})
    by_rt = _rt_rows(rt_rows, {h.rt_id for h in inputs.households})
    households = counts["households"] + by_rt["profile_households"]
    population = counts["population"] + by_rt["profile_population"]

    problems = [p for p in inputs.problems if geom.intersects(parse_geometry(p.geometry))]
    population_int = _round_count(population)
    households_int = _round_count(households)
    poor_int = _round_count(counts["poor"])
    density = _decimal_text(Decimal(population_int) / area_ha, "0.1") if area_ha > 0 else None
    return {
        "epsg": epsg,
        "area_ha": _decimal_text(area_ha),
        "rts": by_rt["rows"],
        "households": households_int,
        "poor_households": poor_int,
        "population": population_int,
        "poor_share_pct": _decimal_text(Decimal(poor_int * 100) / Decimal(households_int), "0.1")
        if households_int
        else None,
        "households_located": counts["located"],
        "households_apportioned": _decimal_text(counts["apportioned"], "0.1"),
        "from_profiles": _round_count(by_rt["profile_households"]),
        "density_per_ha": density,
        "slum": _slum_json(by_rt["parts"]),
        "rts_unscored": by_rt["unscored"],
        "problems": _problems_json(problems, inputs),
    }
