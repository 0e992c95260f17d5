import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.errors import WorksError
from tridaya.works.models import EntryStatus, PackageStatus
from tridaya.works.services import progress
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import LAT, LON, legalised_activities, package, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(bajur):
    ksm = ksm_with(bajur, name="KSM Maju")
    first, second = legalised_activities(bajur, names=("Saluran drainase gang", "Jalan lingkungan"))
    work = package(bajur, ksm=ksm, activity=first)
    work.second_activity = second
    reporter = user_with_role("ksm", BAJUR)
    reporter_add(actor=None, ksm=ksm, user=reporter)
    return work, reporter, user_with_role("facilitator", BAJUR)


def refused(code, call, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.messages
    return caught.value.messages[0]


def claim(work, who, percent, slots, day=dt.date(2026, 3, 10)):
    entry = progress.entry_draft(actor=who, package=work, date=day, percent=Decimal(percent))
    for slot in slots:
        progress.photo_add(actor=who, package=work, entry=entry, file=photo(), slot=slot)
    return entry


def test_a_claim_is_returned_with_a_reason_fixed_and_approved(setup):
    work, ksm_user, faskel = setup
    entry = claim(work, ksm_user, 20, [0])
    progress.entry_submit(actor=ksm_user, entry=entry)
    message = refused(
        WorksError.REASON_TOO_SHORT, progress.entry_return, actor=faskel, entry=entry, reason="x"
    )
    assert message
    progress.entry_return(
        actor=faskel, entry=entry, reason="Foto tidak menunjukkan galian saluran di RT 02"
    )
    entry.refresh_from_db()
    work.refresh_from_db()
    assert entry.status == EntryStatus.RETURNED and work.progress == 0  # returned counts nothing
    progress.photo_add(actor=ksm_user, package=work, entry=entry, file=photo(), caption="Galian")
    progress.entry_submit(actor=ksm_user, entry=entry)
    progress.entry_approve(actor=faskel, entry=entry)
    work.refresh_from_db()
    assert work.progress == Decimal(20) and work.status == PackageStatus.RUNNING
    assert work.started_on == dt.date(2026, 3, 10)
    actions = list(
        AuditEvent.objects.filter(action__startswith="works.progress").values_list(
            "action", flat=True
        )
    )
    assert actions.count("works.progress_submitted") == 2
    assert "works.progress_returned" in actions and "works.progress_approved" in actions


def test_only_submitted_claims_can_be_approved_or_returned(setup):
    work, ksm_user, faskel = setup
    entry = claim(work, ksm_user, 10, [0])
    refused(WorksError.WRONG_STATUS, progress.entry_approve, actor=faskel, entry=entry)
    progress.entry_submit(actor=ksm_user, entry=entry)
    progress.entry_approve(actor=faskel, entry=entry)
    refused(
        WorksError.WRONG_STATUS,
        progress.entry_return,
        actor=faskel,
        entry=entry,
        reason="Alasan yang cukup panjang untuk dicatat",
    )


def test_evidence_slots_0_50_100_before_those_levels(setup):
    work, ksm_user, faskel = setup
    first = claim(work, ksm_user, 10, [])
    progress.photo_add(actor=ksm_user, package=work, entry=first, file=photo())  # no slot
    message = refused(
        WorksError.EVIDENCE_MISSING, progress.entry_submit, actor=ksm_user, entry=first
    )
    assert "0%" in message
    progress.photo_add(actor=ksm_user, package=work, entry=first, file=photo(), slot=0)
    progress.entry_submit(actor=ksm_user, entry=first)
    progress.entry_approve(actor=faskel, entry=first)
    half = claim(work, ksm_user, 60, [], day=dt.date(2026, 3, 16))
    progress.photo_add(actor=ksm_user, package=work, entry=half, file=photo())
    message = refused(
        WorksError.EVIDENCE_MISSING, progress.entry_submit, actor=ksm_user, entry=half
    )
    assert "50%" in message and "0%," not in message  # the approved 0% photo still counts
    progress.photo_add(actor=ksm_user, package=work, entry=half, file=photo(), slot=50)
    progress.entry_submit(actor=ksm_user, entry=half)
    progress.entry_approve(actor=faskel, entry=half)
    done = claim(work, ksm_user, 100, [50], day=dt.date(2026, 3, 27))
    refused(WorksError.EVIDENCE_MISSING, progress.entry_submit, actor=ksm_user, entry=done)
    progress.photo_add(actor=ksm_user, package=work, entry=done, file=photo(), slot=100)
    progress.entry_submit(actor=ksm_user, entry=done)
    progress.entry_approve(actor=faskel, entry=done)
    work.refresh_from_db()
    assert work.status == PackageStatus.DONE and work.completed_on == dt.date(2026, 3, 27)


def test_photos_far_from_the_location_or_before_the_start_are_refused(setup):
    work, ksm_user, _faskel = setup
    entry = progress.entry_draft(
        actor=ksm_user, package=work, date=dt.date(2026, 3, 10), percent=Decimal(5)
    )
    far = photo(lon=LON + 0.01)  # about 1.1 km east
    message = refused(
        WorksError.PHOTO_TOO_FAR,
        progress.photo_add,
        actor=ksm_user,
        package=work,
        entry=entry,
        file=far,
    )
    assert "paling jauh 200 m" in message
    early = photo(when=dt.datetime(2026, 2, 20, 8, 0))
    message = refused(
        WorksError.PHOTO_TOO_EARLY,
        progress.photo_add,
        actor=ksm_user,
        package=work,
        entry=entry,
        file=early,
    )
    assert "20-02-2026" in message and "02-03-2026" in message
    near = progress.photo_add(
        actor=ksm_user, package=work, entry=entry, file=photo(lon=LON + 0.001, lat=LAT)
    )
    assert 100 < near.distance_m < 200  # about 110 m, inside the limit
    assert near.taken_at == dt.datetime(2026, 3, 10, 1, 30, tzinfo=dt.UTC)  # 09:30 WITA


def test_a_ksm_reports_only_its_own_packages(setup, bajur):
    work, ksm_user, faskel = setup
    other = package(bajur, ksm=ksm_with(bajur, name="KSM Lain"), activity=work.second_activity)
    with pytest.raises(PermissionDenied):
        progress.entry_draft(actor=ksm_user, package=other, date=dt.date(2026, 3, 10), percent=5)
    entry = claim(work, ksm_user, 10, [0])
    progress.entry_submit(actor=ksm_user, entry=entry)
    with pytest.raises(PermissionDenied):
        progress.entry_approve(actor=ksm_user, entry=entry)  # a KSM never approves its own
    with pytest.raises((PermissionDenied, Http404)):
        progress.entry_draft(
            actor=user_with_role("ksm", "52.01.08.2007"),
            package=work,
            date=dt.date(2026, 3, 10),
            percent=5,
        )


def test_unpaid_work_days_are_swadaya_in_the_ledger(setup, bajur):
    from tridaya.finance.models import SwadayaContribution
    from tridaya.finance.tests.factories import opened

    opened(bajur)
    work, ksm_user, _faskel = setup
    data = progress.ReportInput(
        kind="mingguan",
        date=dt.date(2026, 3, 8),
        workers_men=6,
        workers_women=4,
        workers_mbr=5,
        hok_days=30,
        hok_rate=80_000,
        paid=False,
        materials="Semen 20 sak",
        weather="Cerah",
    )
    report = progress.report_record(actor=ksm_user, package=work, data=data)
    contribution = SwadayaContribution.objects.get(voucher_id=report.swadaya_voucher_id)
    assert contribution.value == 2_400_000 and contribution.days == 30
    refused(
        WorksError.REPORT_EXISTS, progress.report_record, actor=ksm_user, package=work, data=data
    )
