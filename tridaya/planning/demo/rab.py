"""Demo RTPLP of the chosen kawasan in Desa Bajur: activities with their RAB from the demo HSPK."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shapely.geometry import shape

from tridaya.core.choices import Sector
from tridaya.planning.demo.plans import PROGRAMS, START_YEAR, _problems, _user, reached
from tridaya.planning.models import (
    PlanKind,
    PriceItem,
    PriceList,
    PriorityArea,
)
from tridaya.planning.safeguards import ITEM_KEYS
from tridaya.planning.services import plans, rab
from tridaya.regions.models import Region

# RTPLP activities: (name, sector, HSPK lines [(code, volume)], offset east/north in degrees)
ACTIVITIES = [
    (
        "Saluran drainase gang Melati",
        Sector.DRAINAGE,
        [("A.2.2.1.1", "42.5"), ("A.3.2.1.2", "31.2"), ("A.3.2.1.9", "96"), ("C.1.1.3", "24")],
        (0.25, 0.3),
    ),
    (
        "Rabat beton jalan gang Kenanga",
        Sector.ROADS,
        [("A.2.2.1.11", "12"), ("A.4.1.1.5", "36.75"), ("C.1.1.2", "18")],
        (0.6, 0.55),
    ),
    (
        "Tangki septik komunal RT 02",
        Sector.WASTEWATER,
        [("B.2.1.4", "1"), ("B.2.1.1", "120"), ("B.2.1.6", "6"), ("C.1.1.3", "15")],
        (0.45, 0.75),
    ),
]


def _point_in(area: PriorityArea, east: float, north: float) -> dict:
    west, south, east_edge, north_edge = shape(area.geometry).bounds
    lon = west + (east_edge - west) * east
    lat = south + (north_edge - south) * north
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _seed_activity(tipp, version, area, position, spec, problems, rows, items) -> None:
    """One RTPLP activity with its RAB from the price list, then its swadaya share."""
    name, sector, lines, (east, north) = spec
    linked = [p for p in problems if p.sector == sector]
    households, poor = reached(linked, area.village_id)
    row = next(
        (
            r
            for r in rows
            if r.program and r.program.name == PROGRAMS[sector][0] and r.year == START_YEAR
        ),
        None,
    )
    activity = rab.activity_save(
        actor=tipp,
        version=version,
        data=rab.ActivityInput(
            name=name,
            year=START_YEAR,
            domain="L",
            sector=sector,
            location=area.name,
            geometry=_point_in(area, east, north),
            position=position,
            problem_ids=tuple(p.pk for p in linked),
            rplp_row_id=row.pk if row else None,
            starts_on=dt.date(2027, 3 + 2 * position, 1),
            ends_on=dt.date(2027, 4 + 2 * position, 28),
            households=households,
            poor_households=poor,
            people=4 * households,
            women=2 * households,
        ),
    )
    for code, volume in lines:
        item = items.get(code)
        if item is not None:
            rab.rab_item_add(
                actor=tipp,
                activity=activity,
                data=rab.RABItemInput(volume=Decimal(volume), price_item_id=item.pk),
            )
    activity.refresh_from_db()
    rab.activity_save(
        actor=tipp,
        version=version,
        activity=activity,
        data=rab.ActivityInput(
            name=activity.name,
            year=activity.year,
            domain=activity.domain,
            sector=activity.sector,
            location=activity.location,
            geometry=activity.geometry,
            position=position,
            problem_ids=tuple(p.pk for p in linked),
            rplp_row_id=activity.rplp_row_id,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            funding={"swadaya": activity.rab_total // 10},
            households=activity.households,
            poor_households=activity.poor_households,
            people=activity.people,
            women=activity.women,
        ),
    )


def seed_rtplp(village: Region, area: PriorityArea, price_list: PriceList | None, rplp) -> None:
    tipp = _user("tipp.bajur")
    plan = plans.plan_create(
        actor=tipp, village=village, kind=PlanKind.RTPLP, start_year=START_YEAR, kawasan=area
    )
    version = plan.versions.get(number=1)
    inside = shape(area.geometry)
    problems = [
        p for p in _problems(village) if p.geometry and inside.intersects(shape(p.geometry))
    ]
    version = plans.version_update_texts(
        actor=tipp,
        version=version,
        data=plans.VersionTexts(
            start_year=START_YEAR,
            concept=(
                "Kawasan Bajur Selatan ditata dengan saluran pasangan batu yang mengalir ke "
                "sungai, rabat beton gang, dan tangki septik komunal untuk rumah tangga miskin."
            ),
            community_rules="Saluran dibersihkan KPP setiap bulan.\nIuran pemeliharaan "
            "Rp 5.000 per KK per bulan.",
            env_social_notes="Galian tidak menutup akses rumah warga lebih dari satu hari.",
            sections={
                "pendahuluan": f"RTPLP untuk {area.name}, hasil penetapan kawasan "
                "prioritas Desa Bajur."
            },
        ),
    )
    items = {i.code: i for i in PriceItem.objects.filter(price_list=price_list)}
    rows = list(rplp.investment_rows.select_related("program")) if rplp is not None else []
    for position, spec in enumerate(ACTIVITIES):
        _seed_activity(tipp, version, area, position, spec, problems, rows, items)
    answers = {key: {"answer": "ya", "note": ""} for key in ITEM_KEYS}
    answers["lahan"] = {"answer": "ya", "note": "Surat hibah lahan saluran dari 6 pemilik."}
    answers.pop("pemeliharaan")
    plans.version_set_safeguards(actor=tipp, version=version, answers=answers)
