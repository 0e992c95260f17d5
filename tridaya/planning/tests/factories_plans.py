"""RPLP / RTPLP test data, built through the services as the system (actor=None) so that every
fixture obeys the same rules as real data. Mapped problems and kawasan are plain rows (their own
apps' services are tested there)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.cycle.services import MeetingInput
from tridaya.mapping.models import GeometryKind, Problem, ProblemKind, Sector
from tridaya.planning import services_plans as plans
from tridaya.planning import services_rab as rab
from tridaya.planning.calc import line_amount
from tridaya.planning.models import (
    Activity,
    Plan,
    PlanKind,
    PlanVersion,
    PriceItem,
    PriceList,
    PriorityArea,
    SignatoryKind,
)
from tridaya.planning.safeguards import ITEM_KEYS
from tridaya.regions.models import Region

LON, LAT = 116.1080, -8.6330  # Desa Bajur


def square(lon: float = LON, lat: float = LAT, size: float = 0.002) -> dict:
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def point(lon: float = LON + 0.001, lat: float = LAT + 0.001) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def problem(
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
    return rab.price_list_create(actor=None, region=region, year=year, name="HSPK Lombok Barat")


def price_item(plist: PriceList, code="A.1", price=150_000, name="Galian tanah biasa") -> PriceItem:
    return PriceItem.objects.create(price_list=plist, code=code, name=name, unit="m3", price=price)


def safe_answers() -> dict:
    return {key: {"answer": "ya", "note": ""} for key in ITEM_KEYS}


def legalise(version: PlanVersion, when=dt.date(2026, 11, 27)) -> PlanVersion:
    """Walk a ready version through uji publik, revision, the three sign-offs and legalisation."""
    village = version.plan.village
    plans.version_start_public_test(
        actor=None, version=version, meeting=uji_publik_meeting(village)
    )
    point_ = plans.feedback_add(
        actor=None, version=version, raised_by="Ibu Siti, RT 02", point="Tambah lampu jalan."
    )
    plans.feedback_answer(actor=None, feedback=point_, answer="Dimasukkan ke tahun kedua.")
    plans.version_revise(actor=None, version=version)
    for kind, name in (
        (SignatoryKind.BKM, "Lalu Ahmad"),
        (SignatoryKind.LURAH, "H. Mahsun"),
        (SignatoryKind.POKJA, "Ir. Baiq Rina"),
    ):
        plans.version_sign(actor=None, version=version, kind=kind, signer_name=name, signed_on=when)
    return plans.version_legalise(actor=None, version=version)


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
