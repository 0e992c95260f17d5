"""Planning test data. Rounds, plans and their content are built through the services as the
system (actor=None), so that every fixture obeys the same rules as real data; mapped problems,
households, RTs, RT profiles and kawasan are plain rows (their own apps' services are tested
there).

Prioritisation and kawasan data lie on a small known grid, so that indicators can be worked out by
hand: RW 01 holds four RTs, each a square of `CELL` degrees side by side west to east, starting at
(LON, LAT). At the equator-ish latitude of Bajur one cell is about 111 m a side. Plan data lies
around (PLAN_LON, PLAN_LAT)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tridaya.core.choices import Sector
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
    SlumVolume,
)
from tridaya.planning.calc import line_amount
from tridaya.planning.models import (
    Activity,
    Plan,
    PlanKind,
    PlanVersion,
    PriceItem,
    PriceList,
    PriorityArea,
    PriorityRound,
    SignatoryKind,
)
from tridaya.planning.safeguards import ITEM_KEYS
from tridaya.planning.services import kawasan as kawasan_services
from tridaya.planning.services import plans, price_lists, rab, ranking, versions
from tridaya.planning.services import priorities as prio
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
    values: dict[str, Any] = {
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
        ranking.voting_open(actor=None, round_=round_)
    round_.refresh_from_db()
    return round_


def keys(round_: PriorityRound) -> dict[str, int]:
    """Option ids by title."""
    return {o.title: o.pk for o in round_.options.all()}


def span(west: float, east: float) -> dict:
    """A polygon over grid columns west..east, the full height of the RTs."""
    return box(LON + west * CELL, LAT, LON + east * CELL, LAT + CELL)


def fill_criteria(area: PriorityArea) -> PriorityArea:
    return kawasan_services.area_criteria_set(
        actor=None,
        area=area,
        slum_rationale="Skor kumuh 16, genangan tiap musim hujan.",
        land_status="jelas",
        spatial_conformity="sesuai",
        land_rationale="Lahan milik warga bersertifikat, permukiman dalam RTRW.",
        strategic_value="tinggi",
        socio_economic="sedang",
        other_rationale="Dekat pasar desa, kepadatan tinggi.",
    )


# --- RPLP and RTPLP ---------------------------------------------------------------------------

PLAN_LON, PLAN_LAT = 116.1080, -8.6330  # Desa Bajur, where plan fixtures lie


def square(lon: float = PLAN_LON, lat: float = PLAN_LAT, size: float = 0.002) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def point(lon: float = PLAN_LON + 0.001, lat: float = PLAN_LAT + 0.001) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def plan_problem(
    village: Region,
    title: str = "Genangan di gang",
    *,
    households: int = 20,
    poor: int = 8,
    domain: str = "L",
    geometry: dict | None = None,
    kind: str = ProblemKind.PROBLEM,
) -> Problem:
    return Problem.objects.create(
        village=village,
        kind=kind,
        domain=domain,
        sector=Sector.DRAINAGE,
        title=title,
        severity=4,
        households_affected=households,
        poor_households_affected=poor,
        geometry=geometry or point(),
        geometry_kind=GeometryKind.POINT if not geometry else GeometryKind.POLYGON,
    )


def kawasan(village: Region, name: str = "Kawasan Bajur Tengah", geometry=None) -> PriorityArea:
    return PriorityArea.objects.create(village=village, name=name, geometry=geometry or square())


def rplp(village: Region, start_year: int = 2027) -> Plan:
    return plans.plan_create(actor=None, village=village, kind=PlanKind.RPLP, start_year=start_year)


def rtplp(village: Region, area: PriorityArea | None = None, start_year: int = 2027) -> Plan:
    return plans.plan_create(
        actor=None,
        village=village,
        kind=PlanKind.RTPLP,
        start_year=start_year,
        kawasan=area or kawasan(village),
    )


def first_version(plan: Plan) -> PlanVersion:
    return plan.versions.get(number=1)


def program(version: PlanVersion, name: str = "Drainase lingkungan", problems=(), **kw):
    data = plans.ProgramInput(
        domain=kw.pop("domain", "L"),
        name=name,
        years=tuple(kw.pop("years", (version.start_year,))),
        problem_ids=tuple(p.pk for p in problems),
        **kw,
    )
    return plans.program_save(actor=None, version=version, data=data)


def row(version: PlanVersion, *, amount_blm: int = 0, swadaya: int = 0, prog=None, **kw):
    """An investment row whose sources add up to volume × unit cost (defaults: 100 m × Rp 1.000
    = Rp 100.000, all BLM)."""
    volume = Decimal(kw.pop("volume", "100"))
    unit_cost = kw.pop("unit_cost", 1000)
    cost = line_amount(volume, unit_cost)
    funding = {"blm": amount_blm or cost - swadaya, "swadaya": swadaya}
    data = plans.InvestmentInput(
        year=kw.pop("year", version.start_year),
        domain=kw.pop("domain", "L"),
        component=kw.pop("component", "Saluran drainase"),
        volume=volume,
        unit=kw.pop("unit", "m"),
        unit_cost=unit_cost,
        funding=funding,
        program_id=prog.pk if prog else None,
        **kw,
    )
    return plans.investment_row_save(actor=None, version=version, data=data)


def uji_publik_meeting(village: Region, held_on=dt.date(2026, 10, 1)) -> Meeting:
    return cycle_services.meeting_record(
        actor=None,
        village=village,
        data=MeetingInput(
            kind=MeetingKind.UJI_PUBLIK,
            agenda="Uji publik draf rencana",
            held_on=held_on,
            place="Balai Desa",
            men=40,
            women=30,
            poor=20,
        ),
    )


def activity(version: PlanVersion, name: str = "Saluran drainase gang", problems=(), **kw):
    data = rab.ActivityInput(
        name=name,
        year=kw.pop("year", version.start_year),
        problem_ids=tuple(p.pk for p in problems),
        geometry=kw.pop("geometry", point()),
        **kw,
    )
    return rab.activity_save(actor=None, version=version, data=data)


def rab_line(activity: Activity, volume="10", unit_price=150_000, description="Galian tanah"):
    return rab.rab_item_add(
        actor=None,
        activity=activity,
        data=rab.RABItemInput(
            volume=Decimal(volume), description=description, unit="m3", unit_price=unit_price
        ),
    )


def price_list(region: Region, year: int = 2026) -> PriceList:
    return price_lists.price_list_create(
        actor=None, region=region, year=year, name="HSPK Lombok Barat"
    )


def price_item(plist: PriceList, code="A.1", price=150_000, name="Galian tanah biasa") -> PriceItem:
    return PriceItem.objects.create(price_list=plist, code=code, name=name, unit="m3", price=price)


def safe_answers() -> dict:
    return {key: {"answer": "ya", "note": ""} for key in ITEM_KEYS}


def legalise(version: PlanVersion, when=dt.date(2026, 11, 27)) -> PlanVersion:
    """Walk a ready version through uji publik, revision, the three sign-offs and legalisation."""
    village = version.plan.village
    versions.version_start_public_test(
        actor=None, version=version, meeting=uji_publik_meeting(village)
    )
    point_ = versions.feedback_add(
        actor=None, version=version, raised_by="Ibu Siti, RT 02", point="Tambah lampu jalan."
    )
    versions.feedback_answer(actor=None, feedback=point_, answer="Dimasukkan ke tahun kedua.")
    versions.version_revise(actor=None, version=version)
    for kind, name in (
        (SignatoryKind.BKM, "Lalu Ahmad"),
        (SignatoryKind.LURAH, "H. Mahsun"),
        (SignatoryKind.POKJA, "Ir. Baiq Rina"),
    ):
        versions.version_sign(
            actor=None, version=version, kind=kind, signer_name=name, signed_on=when
        )
    return versions.version_legalise(actor=None, version=version)


def ready_rplp(village: Region) -> PlanVersion:
    """An RPLP draft with a vision, a program answering a problem, and a row."""
    version = first_version(rplp(village))
    plans.version_update_texts(
        actor=None,
        version=version,
        data=plans.VersionTexts(vision="Bajur bersih, sehat, produktif", mission="Satu\nDua"),
    )
    prog = program(version, problems=[problem(village)])
    row(version, prog=prog)
    return version
