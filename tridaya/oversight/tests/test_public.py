import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tridaya.accounts.models import User
from tridaya.core.pages import CSRF_SLOT
from tridaya.institutions.models import Person
from tridaya.mapping.models import Household
from tridaya.oversight.models import Complaint
from tridaya.regions.tests.factories import BAJUR, region
from tridaya.works.models import Beneficiary


def personal_values() -> set[str]:
    """Every NIK, name of a poor household head, phone number and complainant detail stored.
    (The project stores no bank account numbers: finance keeps chart-of-account codes only.)"""
    values = set(Person.objects.exclude(nik="").values_list("nik", flat=True))
    values |= set(Person.objects.exclude(phone="").values_list("phone", flat=True))
    values |= set(User.objects.exclude(phone="").values_list("phone", flat=True))
    values |= set(Household.objects.exclude(head_nik="").values_list("head_nik", flat=True))
    values |= set(Household.objects.filter(is_poor=True).values_list("head_name", flat=True))
    values |= set(Beneficiary.objects.values_list("name", flat=True))
    values |= set(Beneficiary.objects.exclude(nik="").values_list("nik", flat=True))
    values |= set(Complaint.objects.exclude(name="").values_list("name", flat=True))
    values |= set(Complaint.objects.exclude(contact="").values_list("contact", flat=True))
    return {v for v in values if v and len(v) >= 4}


def test_no_personal_data_on_any_public_page_or_download(client, demo):
    secrets = personal_values()
    assert len(secrets) > 10  # the demo really holds personal data to leak
    urls = [
        reverse("oversight:public", args=[BAJUR]),
        reverse("oversight:public_data", args=[BAJUR, "csv"]),
        reverse("oversight:public_data", args=[BAJUR, "json"]),
        reverse("oversight:public_villages", args=[BAJUR.rsplit(".", 1)[0]]),
        reverse("oversight:complaint_new", args=[BAJUR]),
        reverse("oversight:track"),
    ]
    urls += [
        reverse("oversight:status", args=[c])
        for c in Complaint.objects.values_list("tracking_code", flat=True)
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        leaked = sorted(s for s in secrets if s in text)
        assert not leaked, (url, leaked)


def test_public_figures_come_from_the_ledger_and_the_downloads_carry_a_licence(
    client, demo, django_assert_num_queries
):
    from django.utils import timezone

    from tridaya.finance.selectors.books import village_totals

    bajur = region(BAJUR)
    totals = village_totals(bajur, timezone.localdate())
    page = client.get(reverse("oversight:public", args=[BAJUR])).content.decode()
    from tridaya.core.formats import format_rupiah

    assert format_rupiah(totals.received) in page and format_rupiah(totals.spent) in page
    # Other funders' money is marketing's roll-up for the village, per funding source.
    from tridaya.marketing.selectors import rollup

    sources = rollup(BAJUR).sources
    assert sources, "the demo seeds pledges that were committed or realised"
    for line in sources:
        assert line.label in page and format_rupiah(line.committed) in page
    data = json.loads(client.get(reverse("oversight:public_data", args=[BAJUR, "json"])).content)
    committed = {r["item"]: int(r["value"]) for r in data["rows"] if r["section"] == "komitmen"}
    assert {f"{line.label} / committed": line.committed for line in sources}.items() <= (
        committed.items()
    )
    assert data["licence"].startswith("CC BY 4.0")
    money = {r["item"]: int(r["value"]) for r in data["rows"] if r["section"] == "uang"}
    assert money["received"] == totals.received and money["spent"] == totals.spent
    csv_text = client.get(reverse("oversight:public_data", args=[BAJUR, "csv"])).content.decode()
    assert "# Lisensi: CC BY 4.0" in csv_text.splitlines()[0]
    # The second anonymous view is the whole page from the cache (fresh within its 60 s
    # lifetime): no query, and the visitor's own CSRF token in the complaint link's frame.
    url = reverse("oversight:public", args=[BAJUR])
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.status_code == 200 and CSRF_SLOT not in again.content.decode()
    assert format_rupiah(totals.spent) in again.content.decode()
    # A signed-in visitor gets the cached body in their own frame: the session, the user and
    # the village are read, never the figures again.
    client.force_login(User.objects.filter(is_superuser=False).first())
    with CaptureQueriesContext(connection) as queries:
        signed_in = client.get(url).content.decode()
    assert format_rupiah(totals.spent) in signed_in and CSRF_SLOT not in signed_in
    figures = [q["sql"] for q in queries if "finance_" in q["sql"] or "works_" in q["sql"]]
    assert figures == [], figures


def test_progress_photos_of_approved_progress_are_shown_inline_and_others_are_not(client, demo):
    from tridaya.works.models import EntryStatus, Photo

    photos = Photo.objects.filter(package__village_id=BAJUR)
    approved = photos.filter(entry__status=EntryStatus.APPROVED)
    others = photos.exclude(entry__status=EntryStatus.APPROVED)
    assert approved.exists() and others.exists(), "the demo has photos both ways"
    page = client.get(reverse("oversight:public", args=[BAJUR])).content.decode()
    for package_id in set(approved.values_list("package_id", flat=True)):
        latest = approved.filter(package_id=package_id).order_by("-taken_at", "-id")[:3]
        assert f'data-photos="{package_id}"' in page
        for photo in latest:
            assert f'src="{photo.image.url}"' in page
    for photo in others:
        assert photo.image.url not in page
