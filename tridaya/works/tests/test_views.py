import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.models import EntryStatus, ProgressEntry
from tridaya.works.services import progress
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import legalised_activities, package, photo

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def village(bajur):
    return bajur


@pytest.fixture
def works(village):
    ksm = ksm_with(village, name="KSM Maju")
    first, second = legalised_activities(village, names=("Saluran drainase", "Jalan setapak"))
    mine = package(village, ksm=ksm, activity=first)
    other = package(village, ksm=ksm_with(village, name="KSM Lain"), activity=second)
    reporter = user_with_role("ksm", BAJUR)
    reporter_add(actor=None, ksm=ksm, user=reporter)
    return mine, other, reporter


def add_reports(work, count: int, photos_each: int = 0):
    for day in range(count):
        report = progress.report_record(
            actor=None,
            package=work,
            data=progress.ReportInput(
                kind="harian",
                date=work.starts_on + dt.timedelta(days=day),
                workers_men=3,
                workers_women=2,
                hok_days=5,
            ),
        )
        for _ in range(photos_each):
            progress.photo_add(actor=None, package=work, report=report, file=photo())


def approved(work, percent, slots=(0,)):
    entry = progress.entry_draft(
        actor=None, package=work, date=dt.date(2026, 3, 10), percent=Decimal(percent)
    )
    for slot in slots:
        progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=slot)
    progress.entry_submit(actor=None, entry=entry)
    progress.entry_approve(actor=None, entry=entry)
    return entry


@pytest.mark.parametrize("size", [1, 6])
def test_list_and_page_have_pinned_query_counts(
    client, village, works, size, django_assert_num_queries
):
    """6 queries for the list, 10 for a package page, whatever the reports and photos."""
    mine, _other, _reporter = works
    add_reports(mine, size, photos_each=2)
    approved(mine, 10)
    with django_assert_num_queries(6):
        assert client.get(reverse("works:packages", args=[village.code])).status_code == 200
    with django_assert_num_queries(10):
        page = client.get(reverse("works:package", args=[village.code, mine.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('data-status="disetujui"') == 1


def test_status_filter_shows_what_a_resident_asks(client, village, works):
    mine, other, _reporter = works
    approved(mine, 20)
    url = reverse("works:packages", args=[village.code])
    running = client.get(url, {"status": "berjalan"}).content.decode()
    assert "Saluran drainase" in running and "Jalan setapak" not in running
    planned = client.get(url, {"status": "rencana"}).content.decode()
    assert "Jalan setapak" in planned and "Saluran drainase" not in planned


def test_ksm_submits_facilitator_returns_then_approves_on_the_page(client, village, works):
    mine, _other, reporter = works
    client.force_login(reporter)
    url = reverse("works:entry_new", args=[village.code, mine.pk])
    response = client.post(
        url,
        {
            "date": "2026-03-10",
            "percent": "15",
            "note": "Galian",
            "photo": photo(),
            "slot": "0",
            "submit": "on",
        },
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get(package=mine)
    assert entry.status == EntryStatus.SUBMITTED
    faskel = user_with_role("facilitator", BAJUR)
    client.force_login(faskel)
    step = reverse("works:entry_step", args=[village.code, mine.pk, entry.pk, "kembalikan"])
    assert client.post(step, {"kembali-reason": "pendek"}).status_code == 400
    assert (
        client.post(
            step, {"kembali-reason": "Foto kurang jelas, ambil dari ujung saluran"}
        ).status_code
        == 302
    )
    client.force_login(reporter)
    page = client.get(reverse("works:package", args=[village.code, mine.pk])).content.decode()
    assert "Foto kurang jelas" in page
    again = reverse("works:entry_step", args=[village.code, mine.pk, entry.pk, "ajukan"])
    assert client.post(again).status_code == 302
    client.force_login(faskel)
    ok = reverse("works:entry_step", args=[village.code, mine.pk, entry.pk, "setujui"])
    assert client.post(ok).status_code == 302
    mine.refresh_from_db()
    assert mine.progress == Decimal(15)


def test_a_refused_photo_says_why_on_the_form(client, village, works):
    mine, _other, reporter = works
    client.force_login(reporter)
    url = reverse("works:entry_new", args=[village.code, mine.pk])
    response = client.post(
        url,
        {
            "date": "2026-03-10",
            "percent": "15",
            "photo": photo(when=dt.datetime(2026, 1, 5, 9, 0)),
            "slot": "0",
        },
    )
    assert response.status_code == 400
    assert "sebelum paket mulai" in response.content.decode()
    assert not ProgressEntry.objects.exists()  # nothing half-saved


# Policy matrix: who may read, report, approve (404 outside scope, 403 inside without the right).
@pytest.mark.parametrize(
    "who, read, report, approve",
    [
        ("anonymous", 200, 404, 404),
        ("resident", 200, 403, 403),
        ("own_ksm", 200, 302, 403),
        ("other_ksm", 200, 403, 403),
        ("facilitator", 200, 403, 302),
        ("far_facilitator", 200, 404, 404),
    ],
)
def test_policy_matrix(client, village, works, far_village, who, read, report, approve):
    mine, _other, reporter = works
    users = {
        "resident": lambda: user_with_role("resident", BAJUR),
        "own_ksm": lambda: reporter,
        "other_ksm": lambda: user_with_role("ksm", BAJUR),
        "facilitator": lambda: user_with_role("facilitator", BAJUR),
        "far_facilitator": lambda: user_with_role("facilitator", far_village.code),
    }
    if who in users:
        client.force_login(users[who]())
    assert client.get(reverse("works:package", args=[village.code, mine.pk])).status_code == read
    new = client.post(
        reverse("works:entry_new", args=[village.code, mine.pk]),
        {"date": "2026-03-10", "percent": "5", "photo": photo(), "slot": "0"},
    )
    assert new.status_code == report
    entry = ProgressEntry.objects.filter(package=mine).first() or approved_draft(mine)
    response = client.post(
        reverse("works:entry_step", args=[village.code, mine.pk, entry.pk, "setujui"])
    )
    assert response.status_code == approve


def approved_draft(work):
    entry = progress.entry_draft(actor=None, package=work, date=dt.date(2026, 3, 10), percent=5)
    progress.photo_add(actor=None, package=work, entry=entry, file=photo(), slot=0)
    progress.entry_submit(actor=None, entry=entry)
    return entry


def test_a_facilitator_makes_a_package_from_a_legalised_activity(client, village):
    from tridaya.works.models import WorkPackage
    from tridaya.works.tests.factories import legalised_activity

    activity = legalised_activity(village, name="Jalan rabat beton")
    ksm = ksm_with(village, name="KSM Rabat")
    url = reverse("works:package_new", args=[village.code])
    assert client.post(url, {}).status_code == 404  # anonymous: out of sight
    client.force_login(user_with_role("resident", BAJUR))
    assert client.post(url, {}).status_code == 403
    client.force_login(user_with_role("facilitator", BAJUR))
    listing = client.get(reverse("works:packages", args=[village.code])).content.decode()
    assert "Jalan rabat beton" in listing
    bad = client.post(
        url,
        {
            "activity": activity.pk,
            "ksm": ksm.pk,
            "starts_on": "2026-05-01",
            "ends_on": "2026-04-01",
        },
    )
    assert bad.status_code == 400 and "sesudah rencana mulai" in bad.content.decode()
    made = client.post(
        url,
        {
            "activity": activity.pk,
            "ksm": ksm.pk,
            "starts_on": "2026-04-01",
            "ends_on": "2026-05-31",
        },
    )
    assert made.status_code == 302
    package = WorkPackage.objects.get()
    assert package.ksm == ksm and package.items.count() == 2 and package.value == 3_000_000
