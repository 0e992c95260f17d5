"""Test data of pemetaan swadaya, written through the services as the system (actor=None) so
every fixture obeys the same rules as real data: villages with RT boundaries (`with_units` for
maps, `with_survey_units` for household surveys, which place a village outside the demo
elsewhere), problems, RT profiles and GIS files, households and survey exports."""

from __future__ import annotations

import io
import itertools
import json
from decimal import Decimal

from tridaya.core.choices import TridayaDomain
from tridaya.core.geo import parse_geometry
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.importers import samples
from tridaya.mapping.models import (
    CRITERIA_FIELDS,
    Household,
    ImportMode,
    Problem,
    ProblemKind,
    RTProfile,
    Sector,
    SurveyForm,
)
from tridaya.mapping.services import households as services_households
from tridaya.mapping.services import problems as services_problems
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.services import surveys as services_import
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


# --- Households and survey exports ---

_niks = itertools.count(1)


def with_survey_units(village: Region) -> Region:
    """(Household tests.) Give a test village the demo's profile and 4 RW x 4 RT with boundaries."""
    spec = regions_demo.DEMO_VILLAGES.get(
        village.code, regions_demo.DEMO_VILLAGES[regions_demo.BAJUR]
    )
    if village.code not in regions_demo.DEMO_VILLAGES:
        spec = {
            **spec,
            "centre": (-7.9, 112.6) if village.code.startswith("35") else spec["centre"],
        }
    regions_demo.seed_village(village.code, spec)
    return village


def first_rt(village: Region, rw: int = 1, number: int = 1) -> RT:
    return RT.objects.get(village=village, rw__number=rw, number=number)


def criteria(count: int) -> dict[str, bool]:
    """The first `count` of the 14 BPS criteria hold, the rest do not."""
    return {name: index < count for index, name in enumerate(CRITERIA_FIELDS)}


def household(
    village: Region, *, rt: RT | None = None, poor_criteria: int = 0, **kwargs
) -> Household:
    values = {
        "head_name": kwargs.pop("head_name", f"Kepala Keluarga {next(_niks)}"),
        "head_sex": "L",
        "members": 4,
        "women": 2,
        **kwargs,
    }
    return services_households.household_create(
        actor=None,
        village=village,
        rt=rt or first_rt(village),
        criteria=criteria(poor_criteria),
        **values,
    )


def export(village: Region, count: int, *, kind: str = "kobo", seed: int = 7, delimiter: str = ","):
    """(header, rows) of a realistic export for the village's RTs."""
    rts = samples.sample_rts(village)
    header = samples.household_header(kind)
    return header, [list(row) for row in samples.household_rows(rts, count, kind=kind, seed=seed)]


def run_import(
    village,
    header,
    rows,
    *,
    actor=None,
    mode=ImportMode.STRICT,
    delimiter=",",
    xlsx=False,
    filename="ekspor.csv",
):
    content = (
        samples.xlsx_bytes(header, rows)
        if xlsx
        else samples.csv_bytes(header, rows, delimiter=delimiter)
    )
    return services_import.survey_import(
        actor=actor,
        village=village,
        form=SurveyForm.HOUSEHOLD,
        file=io.BytesIO(content),
        filename=filename,
        mode=mode,
    )
