"""Works fixtures: a legalised RTPLP activity with RAB lines, a package made from it, photos
with EXIF time and place at (or away from) the package."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.institutions.tests.factories import ksm_with
from tridaya.works.photos import jpeg_with_exif
from tridaya.works.services.packages import package_create

START = dt.date(2026, 3, 2)  # a Monday
END = dt.date(2026, 3, 29)  # four weeks
LON, LAT = 116.1090, -8.6320  # the planning factory's default activity point


LINES = ((Decimal("10"), 150_000), (Decimal("20"), 75_000))


def legalised_activity(village, *, lines=LINES, name="Saluran drainase gang"):
    return legalised_activities(village, names=(name,), lines=lines)[0]


def legalised_activities(village, *, names=("Saluran drainase gang",), lines=LINES):
    """Activities of one legalised RTPLP, each with the given RAB lines (volume, unit price)."""
    from tridaya.planning.services import plans as plan_services
    from tridaya.planning.tests import factories as plan_factories

    version = plan_factories.first_version(plan_factories.rtplp(village))
    activities = []
    for name in names:
        activity = plan_factories.activity(version, name=name, people=120, women=60, mbr=40)
        for index, (volume, price) in enumerate(lines):
            plan_factories.rab_line(
                activity, volume=str(volume), unit_price=price, description=f"Pekerjaan {index + 1}"
            )
        activities.append(activity)
    version = plan_services.version_set_safeguards(
        actor=None, version=version, answers=plan_factories.safe_answers()
    )
    plan_factories.legalise(version)
    for activity in activities:
        activity.refresh_from_db()
    return activities


def package(village, *, ksm=None, activity=None, starts_on=START, ends_on=END, **kwargs):
    activity = activity or legalised_activity(village, **kwargs)
    return package_create(
        actor=None,
        village=village,
        plan_activity_id=activity.pk,
        starts_on=starts_on,
        ends_on=ends_on,
        ksm=ksm or ksm_with(village),
    )


def photo(*, lon=LON, lat=LAT, when=dt.datetime(2026, 3, 10, 9, 30), name="IMG_1.jpg"):
    return SimpleUploadedFile(name, jpeg_with_exif(lon, lat, when), "image/jpeg")


def complete(work):
    """Approve 40% then 100% with the 0/50/100 evidence photos: the package is done."""
    from tridaya.works.services import progress

    for percent, slots, day in ((40, (0,), 9), (100, (50, 100), 27)):
        entry = progress.entry_draft(
            actor=None, package=work, date=dt.date(2026, 3, day), percent=Decimal(percent)
        )
        for slot in slots:
            progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=slot)
        progress.entry_submit(actor=None, entry=entry)
        progress.entry_approve(actor=None, entry=entry)
    work.refresh_from_db()
    return work


def kpp_of(village, name="KPP Bajur Lestari"):
    from tridaya.institutions.services.groups import kpp_create
    from tridaya.institutions.tests.factories import people

    return kpp_create(actor=None, village=village, name=name, members=people(village, 3))


def handed_over(work, kpp, number="01/BAST/2026"):
    from tridaya.works.services.assets import handover_record

    handover_record(
        actor=None,
        package=work,
        number=number,
        date=dt.date(2026, 4, 1),
        recipient="kpp",
        kpp=kpp,
    )
    return work.asset if hasattr(work, "asset") else None
