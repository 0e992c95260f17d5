"""Villages with RT boundaries, problems, layers and RT profiles for tests, written through the
services as the system (actor=None) so every fixture obeys the same rules as real data."""

from __future__ import annotations

import json
from decimal import Decimal

from tridaya.core.geo import parse_geometry
from tridaya.mapping import services_problems, services_slum
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import Problem, ProblemKind, RTProfile, Sector, TridayaDomain
from tridaya.regions import demo as regions_demo
from tridaya.regions.models import RT, Region

# Bajur's demo layout: 4 RW side by side, 4 RT each, around (-8.633, 116.108).
BAJUR_CENTRE = (116.108, -8.633)  # lon, lat


def with_units(village: Region) -> Region:
    """The demo's profile and 4 RW x 4 RT with boundaries around the village's location (a
    village elsewhere gets Bajur's layout moved to its own centre)."""
    spec = regions_demo.DEMO_VILLAGES.get(village.code)
    if spec is None:
        spec = {**regions_demo.DEMO_VILLAGES[regions_demo.BAJUR], "centre": (-7.95, 112.45)}
    regions_demo.seed_village(village.code, spec)
    return village


def rt_of(village: Region, rw: int = 1, number: int = 1) -> RT:
    return RT.objects.select_related("rw").get(village=village, rw__number=rw, number=number)


def centre_of(rt: RT) -> list[float]:
    point = parse_geometry(rt.boundary).representative_point()
    return [round(point.x, 6), round(point.y, 6)]


def point_in(rt: RT) -> dict:
    return {"type": "Point", "coordinates": centre_of(rt)}


def line_in(rt: RT, length_deg: float = 0.001) -> dict:
    x, y = centre_of(rt)
    return {"type": "LineString", "coordinates": [[x, y], [round(x + length_deg, 6), y]]}


def square_in(rt: RT, side_deg: float = 0.0005) -> dict:
    x, y = centre_of(rt)
    ring = [[x, y], [x + side_deg, y], [x + side_deg, y + side_deg], [x, y + side_deg], [x, y]]
    return {"type": "Polygon", "coordinates": [[[round(a, 6), round(b, 6)] for a, b in ring]]}


def problem_values(**overrides) -> dict:
    values = {
        "kind": ProblemKind.PROBLEM,
        "domain": TridayaDomain.ENVIRONMENT,
        "sector": Sector.DRAINAGE,
        "title": "Saluran tersumbat",
        "description": "Saluran meluap saat hujan.",
        "severity": 4,
        "households_affected": 12,
        "poor_households_affected": 5,
    }
    values.update(overrides)
    return values


def problem(village: Region, *, geometry: dict | None = None, actor=None, **overrides) -> Problem:
    if geometry is None:
        geometry = point_in(rt_of(village))
    return services_problems.problem_create(
        actor=actor, village=village, geometry=geometry, **problem_values(**overrides)
    )


def figures(**overrides) -> dict:
    values = {
        "area_ha": Decimal("10.00"),
        "buildings": 100,
        "population": 400,
        "households": 100,
        "road_length_m": Decimal("1000.0"),
        "drainage_length_m": Decimal("2000.0"),
    }
    values.update(overrides)
    return values


def volumes_at(share: Decimal, fig: dict | None = None) -> dict[str, Decimal]:
    """Every criterion's volume at `share` (0-1) of its denominator."""
    fig = fig or figures()
    cset = criteria_of(current_criteria_set())
    return {
        c.code: (Decimal(fig[c.denominator]) * share).quantize(Decimal("0.01"))
        for c in cset.criteria
    }


def profile(
    rt: RT, *, year: int = 2026, share: Decimal = Decimal("0.3"), actor=None, **overrides
) -> RTProfile:
    fig = figures(**overrides)
    return services_slum.rt_profile_save(
        actor=actor, rt=rt, year=year, volumes=volumes_at(share, fig), **fig
    )


def geojson_bytes(features: list[dict], **extra) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features, **extra}).encode()
