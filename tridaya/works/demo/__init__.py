"""Demo seed for the works in Desa Bajur (after finance's step): Bajur's RTPLP legalised with six
activities, six work packages in different states with photos carrying EXIF time and place, one
progress entry returned with a reason, two packages handed over (to a KPP and to the Pemda) with
a first functionality check. Idempotent: nothing happens when Bajur already has packages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.accounts.models import User
from tridaya.institutions.models import KPP, KSM, Person
from tridaya.regions.models import Region
from tridaya.works.models import WorkPackage
from tridaya.works.photos import jpeg_with_exif
from tridaya.works.plan_source import legalised_activities
from tridaya.works.services import assets, packages, progress

BAJUR = "52.01.08.2006"
YEAR = 2026
# (planned start, planned end, claims [(date, percent, slots, outcome)], handover)
PLANS = [
    (
        dt.date(YEAR, 6, 1),
        dt.date(YEAR, 8, 23),
        [
            (dt.date(YEAR, 6, 12), 25, (0,), "ok"),
            (dt.date(YEAR, 7, 10), 60, (50,), "ok"),
            (dt.date(YEAR, 8, 21), 100, (100,), "ok"),
        ],
        "kpp",
    ),
    (
        dt.date(YEAR, 6, 15),
        dt.date(YEAR, 9, 6),
        [(dt.date(YEAR, 6, 26), 30, (0,), "ok"), (dt.date(YEAR, 8, 28), 100, (50, 100), "ok")],
        "pemda",
    ),
    (
        dt.date(YEAR, 9, 7),
        dt.date(YEAR, 12, 27),
        [(dt.date(YEAR, 9, 18), 20, (0,), "ok"), (dt.date(YEAR, 10, 30), 55, (50,), "returned")],
        None,
    ),
    (
        dt.date(YEAR, 9, 14),
        dt.date(YEAR, 11, 29),
        [(dt.date(YEAR, 9, 25), 15, (0,), "ok"), (dt.date(YEAR, 11, 20), 35, (), "submitted")],
        None,
    ),
    (dt.date(YEAR, 11, 16), dt.date(YEAR + 1, 1, 31), [], None),
    (dt.date(YEAR + 1, 1, 11), dt.date(YEAR + 1, 3, 28), [], None),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _photo(package: WorkPackage, day: dt.date, index: int) -> SimpleUploadedFile:
    lon, lat = package.geometry["coordinates"][:2]
    when = dt.datetime.combine(day, dt.time(8 + index % 8, 5 * index % 60))
    colour = ("saddlebrown", "grey", "darkgreen", "steelblue")[index % 4]
    data = jpeg_with_exif(lon + 0.00005 * (index % 3), lat, when, colour=colour)
    return SimpleUploadedFile(f"foto-{index}.jpg", data, "image/jpeg")


def _claims(package, claims, reporter, faskel) -> None:
    for index, (day, percent, slots, outcome) in enumerate(claims):
        entry = progress.entry_report(
            actor=reporter,
            package=package,
            date=day,
            percent=Decimal(percent),
            file=_photo(package, day, index),
            slot=slots[0] if slots else None,
            note=f"Progres minggu ke-{(day - package.starts_on).days // 7 + 1}",
        )
        for slot in slots[1:]:
            progress.photo_add(
                actor=reporter,
                package=package,
                entry=entry,
                file=_photo(package, day, index + 10),
                slot=slot,
            )
        progress.entry_submit(actor=reporter, entry=entry)
        if outcome == "ok":
            progress.entry_approve(actor=faskel, entry=entry)
        elif outcome == "returned":
            progress.entry_return(
                actor=faskel,
                entry=entry,
                reason="Foto slot 50% belum memperlihatkan pasangan batu yang sudah selesai.",
            )


def _reports(package, reporter) -> None:
    for week in range(3):
        day = package.starts_on + dt.timedelta(days=7 * week + 5)
        progress.report_record(
            actor=reporter,
            package=package,
            data=progress.ReportInput(
                kind="mingguan",
                date=day,
                workers_men=7 + week,
                workers_women=3 + week % 2,
                workers_mbr=5,
                hok_days=24 + 2 * week,
                hok_rate=85_000,
                paid=week != 1,
                materials="Semen 20 sak, pasir 2 m3" if week == 0 else "Batu kali 3 m3",
                weather="Cerah" if week != 2 else "Hujan sore",
                obstacles="" if week != 2 else "Galian tergenang, pekerjaan mundur satu hari",
            ),
        )


def _kpp(village) -> KPP:
    kpp = KPP.objects.filter(village=village).order_by("id").first()
    if kpp is not None:
        return kpp
    from tridaya.institutions.services.groups import kpp_create

    members = list(Person.objects.filter(village=village).order_by("id")[50:53])
    return kpp_create(
        actor=None,
        village=village,
        name="KPP Bajur Lestari",
        members=members,
        formed_on=dt.date(YEAR, 8, 1),
    )


def _hand_over(package, recipient: str, village, index: int) -> None:
    handover = assets.handover_record(
        actor=None,
        package=package,
        number=f"0{index + 1}/BAST/KSM/{YEAR}",
        date=package.completed_on + dt.timedelta(days=7),
        recipient=recipient,
        kpp=_kpp(village) if recipient == "kpp" else None,
        pemda_office="" if recipient == "kpp" else "Dinas Perkim Kabupaten Lombok Barat",
        asset_kind=package.unit,
        design_life_years=15,
    )
    assets.om_plan_save(
        actor=None,
        asset=handover.asset,
        year=YEAR,
        use_plan="Dipakai warga setiap hari.",
        revenue_plan=600_000,
        spending_plan=450_000,
        maintenance_schedule="Dibersihkan tiap bulan; diperiksa sebelum musim hujan.",
    )
    assets.check_record(
        actor=None,
        asset=handover.asset,
        year=YEAR,
        checked_on=dt.date(YEAR, 11, 25),
        flags={
            "exists": True,
            "good_condition": index == 0,
            "functioning": True,
            "used": True,
            "upgraded": False,
        },
        note="Pemeriksaan keberfungsian pertama.",
    )
    if recipient == "kpp":
        _kpp_books(handover.asset, package.completed_on)


def _kpp_books(asset, completed_on: dt.date) -> None:
    """The KPP's first maintenance and users' fees (posted in the ledger as swadaya)."""
    assets.maintenance_log(
        actor=None,
        asset=asset,
        date=completed_on + dt.timedelta(days=60),
        description="Angkat sedimen dan perbaiki tutup saluran",
        cost=250_000,
    )
    assets.iuran_record(
        actor=None,
        asset=asset,
        date=completed_on + dt.timedelta(days=40),
        amount=150_000,
        payers="30 KK",
        key=f"demo-works-iuran-{asset.pk}",
    )


def _beneficiaries(package, village) -> None:
    for person in Person.objects.filter(village=village).order_by("id")[10:14]:
        packages.beneficiary_add(
            actor=None, package=package, name=person.name, sex=person.sex, mbr=person.pk % 2 == 0
        )


def _handled(package, village, log: Callable[[str], None]) -> None:
    """What the first completed package handled (drainage construction, metres) in its RT, or
    in the first RT with such a volume: mapping re-scores the RT (skipped when no RT has a slum
    profile for the year)."""
    from django.core.exceptions import ValidationError

    from tridaya.mapping.selectors.slum import slum_page

    rows = [r for r in slum_page(village, YEAR).rows if r.volumes.get("4c")]
    row = next((r for r in rows if r.rt.pk == package.rt_id), rows[0] if rows else None)
    if row is None:
        return
    volume = row.volumes["4c"]
    length = Decimal(str(package.length_m))
    amount = min(volume, length) if length else (volume / 2).quantize(Decimal("0.01"))
    try:
        assets.handled_record(
            actor=None, package=package, rt=row.rt, year=YEAR, code="4c", amount=amount
        )
    except ValidationError as error:
        log(f"  works: volume tertangani dilewati ({' '.join(error.messages)})")


def seed(log: Callable[[str], None]) -> None:
    village = Region.objects.filter(code=BAJUR).first()
    if village is None or WorkPackage.objects.filter(village=village).exists():
        return
    from tridaya.works.demo.plan import legalised_rtplp

    faskel, ksm_user = _user("fasilitator.bajur"), _user("ksm.bajur")
    if not legalised_rtplp(village, tipp=_user("tipp.bajur"), faskel=faskel):
        log("  works: Bajur belum punya RTPLP; paket pekerjaan tidak dibuat")
        return
    ksms = list(KSM.objects.filter(village=village).order_by("name")[:4])
    if ksm_user is not None and ksms:
        packages.reporter_add(actor=None, ksm=ksms[0], user=ksm_user)
    activities = legalised_activities(BAJUR)[: len(PLANS)]
    for index, (activity, (start, end, claims, handover)) in enumerate(
        zip(activities, PLANS, strict=False)
    ):
        ksm = ksms[index % len(ksms)] if ksms else None
        package = packages.package_create(
            actor=None,
            village=village,
            plan_activity_id=activity.pk,
            starts_on=start,
            ends_on=end,
            ksm=ksm,
            builder_name="" if ksm else "Panitia pembangunan desa",
        )
        reporter = ksm_user if ksm is not None and index % len(ksms) == 0 else None
        if claims:
            _reports(package, reporter)
        _claims(package, claims, reporter, faskel)
        package.refresh_from_db()
        if handover:
            _hand_over(package, handover, village, index)
        if index == 0:
            _beneficiaries(package, village)
            _handled(package, village, log)
    log(f"  works: Bajur, {len(activities)} paket pekerjaan (2 diserahterimakan)")
