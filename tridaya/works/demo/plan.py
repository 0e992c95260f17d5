"""Demo only: Bajur's RTPLP (drafted by planning's demo with three activities) gets three more
activities and is legalised through planning's services, so the works have legalised activities
to build. Nothing here runs outside `manage.py seed_demo`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind
from tridaya.cycle.services import MeetingInput
from tridaya.planning.safeguards import ITEM_KEYS
from tridaya.planning.selectors.plans import newest_version, village_plans
from tridaya.planning.services import plans, rab, versions

LEGALISED_ON = dt.date(2026, 5, 20)
MORE = [
    (
        "Sumur resapan RW 02",
        "drainase",
        [("Galian sumur", "m3", "24", 180_000), ("Buis beton", "buah", "24", 450_000)],
    ),
    (
        "Tangki septik komunal RT 03",
        "air_limbah",
        [("Galian", "m3", "30", 120_000), ("Tangki biofilter", "unit", "2", 14_500_000)],
    ),
    (
        "Penerangan jalan gang Mawar",
        "jalan",
        [("Tiang dan lampu tenaga surya", "titik", "12", 3_200_000)],
    ),
]


def _shifted(geometry: dict, east: float, north: float) -> dict:
    lon, lat = geometry["coordinates"][:2]
    return {"type": "Point", "coordinates": [round(lon + east, 6), round(lat + north, 6)]}


def legalised_rtplp(village, *, tipp, faskel) -> bool:
    """Legalise Bajur's RTPLP draft with six activities; False when there is none to legalise."""
    rtplp = next((p for p in village_plans(village) if p.kind == "rtplp"), None)
    if rtplp is None:
        return False
    version = newest_version(rtplp)
    if version is None:
        return False
    if version.state == "sah":
        return True
    first = version.activities.order_by("position", "id").first()
    if first is None or first.geometry is None:
        return False
    for offset, (name, sector, lines) in enumerate(MORE, start=3):
        activity = rab.activity_save(
            actor=tipp,
            version=version,
            data=rab.ActivityInput(
                name=name,
                year=first.year,
                sector=sector,
                location=first.location,
                geometry=_shifted(first.geometry, 0.0006 * offset, -0.0004 * (offset - 3)),
                position=offset,
                households=40 + 5 * offset,
                poor_households=12 + offset,
                people=160 + 20 * offset,
                women=80 + 10 * offset,
                mbr=60 + offset,
            ),
        )
        for description, unit, volume, price in lines:
            rab.rab_item_add(
                actor=tipp,
                activity=activity,
                data=rab.RABItemInput(
                    volume=Decimal(volume), description=description, unit=unit, unit_price=price
                ),
            )
    answers = {key: {"answer": "ya", "note": ""} for key in ITEM_KEYS}
    plans.version_set_safeguards(actor=None, version=version, answers=answers)
    meeting = cycle_services.meeting_record(
        actor=None,
        village=village,
        data=MeetingInput(
            kind=MeetingKind.UJI_PUBLIK,
            agenda="Uji publik draf RTPLP",
            held_on=LEGALISED_ON - dt.timedelta(days=14),
            place="Balai Desa Bajur",
            men=48,
            women=41,
            poor=30,
        ),
    )
    versions.version_start_public_test(actor=None, version=version, meeting=meeting)
    point = versions.feedback_add(
        actor=None,
        version=version,
        raised_by="Ibu Nurhayati, RT 03",
        point="Tambahkan lampu di gang Mawar.",
    )
    versions.feedback_answer(
        actor=None, feedback=point, answer="Sudah dimasukkan sebagai kegiatan."
    )
    versions.version_revise(actor=None, version=version)
    for kind, name in (
        ("bkm", "Lalu Ahmad"),
        ("lurah", "H. Muhammad Zainuddin"),
        ("pokja_teknis", "Bappeda Lombok Barat"),
    ):
        versions.version_sign(
            actor=None, version=version, kind=kind, signer_name=name, signed_on=LEGALISED_ON
        )
    versions.version_legalise(actor=faskel, version=version, legalised_on=LEGALISED_ON)
    return True
