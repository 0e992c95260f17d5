"""The household and survey pages as their users see them: counts for everyone, households and
the poor-household map for those who work in or over the village, names and NIKs only for the
roles that need them, the household form, the survey upload with its report, and query counts
that do not grow with the number of households."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import Job, JobStatus
from tridaya.mapping.importers import samples
from tridaya.mapping.models import Household, ImportBatch, ImportStatus, QuarantinedRow
from tridaya.mapping.tests.factories import (
    criteria,
    export,
    first_rt,
    household,
    run_import,
    with_survey_units,
)

NIK = "5201081234567890"


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


@pytest.fixture
def poor_one(village):
    return household(
        village,
        head_name="Inaq Rumenah",
        head_nik=NIK,
        head_sex="P",
        poor_criteria=10,
        location={"type": "Point", "coordinates": [116.1040, -8.6300]},
    )


def url(village, name, *args):
    return reverse(f"mapping:{name}", args=[village.code, *args])


def add_households(village, count, seed):
    header, rows = export(village, count, seed=seed)
    run_import(village, header, rows)


@pytest.mark.django_db
def test_public_pages_show_counts_and_name_nobody(client, village, poor_one):
    household(village, poor_criteria=2, members=3, women=1)
    for name, args in (("home", []), ("households", []), ("households_rt", [poor_one.rt_id])):
        html = client.get(url(village, name, *args)).content.decode()
        assert 'data-stat="households">2<' in html
        assert 'data-stat="poor">1<' in html
        assert "Inaq Rumenah" not in html and NIK not in html
        assert url(village, "household_list") not in html
    page = client.get(url(village, "households")).content.decode()
    assert "RT 01 / RW 01" in page and "Per RT" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "names_shown"), [("bkm", True), ("upk", False)])
def test_the_list_names_heads_only_for_roles_that_may(client, village, poor_one, role, names_shown):
    client.force_login(user_with_role(role, village.code))
    for page in (url(village, "household_list"), url(village, "household", poor_one.pk)):
        html = client.get(page).content.decode()
        assert ("Inaq Rumenah" in html) is names_shown
        assert (NIK in html) is names_shown
        assert "Miskin" in html or "KK miskin" in html
    rows = list(
        csv.reader(
            io.StringIO(client.get(url(village, "household_export")).content.decode("utf-8-sig"))
        )
    )
    assert ("head_name" in rows[0]) is names_shown
    assert any("Inaq Rumenah" in row for row in rows) is names_shown
    assert rows[1][rows[0].index("is_poor")] == "1"


@pytest.mark.django_db
def test_the_poor_household_map_draws_poor_households_only(client, village, poor_one):
    household(
        village, poor_criteria=1, location={"type": "Point", "coordinates": [116.105, -8.631]}
    )
    client.force_login(user_with_role("upk", village.code))
    response = client.get(url(village, "poor_map"))
    data = response.context["map_data"]
    assert [f["properties"]["id"] for f in data["poor"]] == [poor_one.pk]
    assert "head" not in data["poor"][0]["properties"]  # UPK does not see names
    assert len(data["units"]) == 16
    assert json.dumps(data["poor"][0]["geometry"]) in response.content.decode()


@pytest.mark.django_db
def test_list_filters(client, village, poor_one, users):
    household(village, rt=first_rt(village, 2, 2), poor_criteria=0)
    client.force_login(users["village_bkm"])
    only_poor = client.get(url(village, "household_list"), {"status": "poor"})
    assert [h.pk for h in only_poor.context["household_rows"]] == [poor_one.pk]
    by_rt = client.get(url(village, "household_list"), {"rt": first_rt(village, 2, 2).pk})
    assert len(by_rt.context["household_rows"]) == 1
    by_nik = client.get(url(village, "household_list"), {"q": NIK})
    assert [h.pk for h in by_nik.context["household_rows"]] == [poor_one.pk]


@pytest.mark.django_db
def test_create_and_edit_through_the_form(client, village, users):
    client.force_login(users["village_bkm"])
    data = {
        "rt": first_rt(village, 3, 1).pk,
        "head_name": "Lalu Suhaimi",
        "head_nik": "",
        "head_sex": "L",
        "members": "5",
        "women": "2",
        "disabled": "0",
        "latitude": "-8.6300",
        "longitude": "116.1080",
        "water_source": "surface",
        **{name: "on" for name, held in criteria(9).items() if held},
    }
    # Piped water with criterion 6 (water from an unprotected source) ticked is refused.
    refused = client.post(url(village, "household_create"), {**data, "water_source": "piped"})
    assert refused.status_code == 200 and not Household.objects.exists()
    assert "kriteria 6" in " ".join(refused.context["form"].errors["crit_water"])
    response = client.post(url(village, "household_create"), data)
    saved = Household.objects.get()
    assert response.status_code == 302 and saved.is_poor and saved.criteria_met == 9
    assert saved.location == {"type": "Point", "coordinates": [116.108, -8.63]}
    data.pop("crit_floor_area")
    response = client.post(url(village, "household_edit", saved.pk), data)
    saved.refresh_from_db()
    assert (saved.is_poor, saved.criteria_met) == (False, 8)
    bad = client.post(url(village, "household_create"), {**data, "women": "9"})
    assert "Tidak boleh lebih dari jumlah anggota" in bad.content.decode()
    client.post(url(village, "household_delete", saved.pk))
    assert not Household.objects.exists()


@pytest.mark.django_db
def test_upload_a_survey_and_read_its_report(
    client, village, users, django_capture_on_commit_callbacks
):
    client.force_login(users["village_bkm"])
    header, rows = export(village, 6)
    rows[2][header.index("head/members")] = "banyak"
    content = samples.csv_bytes(header, rows, delimiter=";")
    upload = io.BytesIO(content)
    upload.name = "kobo.csv"
    # The upload queues the import as a job (run here after the commit, as without a broker in
    # the tests) and sends the user to the job's page, which links the report when it is done.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(village, "surveys"), {"form": "household", "mode": "quarantine", "file": upload}
        )
    job = Job.objects.get(kind="mapping.survey_import")
    assert response.url == reverse("job_detail", args=[job.pk])
    batch = ImportBatch.objects.get()
    assert job.status == JobStatus.DONE and job.done == job.total > 0
    assert url(village, "survey_batch", batch.pk) in client.get(response.url).content.decode()
    report = client.get(url(village, "survey_batch", batch.pk)).content.decode()
    assert "head/members" in report and "bukan bilangan bulat" in report
    assert batch.status == ImportStatus.PARTIAL and Household.objects.count() == 5
    download = client.get(url(village, "quarantine", batch.pk)).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(download)))
    assert lines[0][:-1] == header and lines[1][header.index("head/members")] == "banyak"
    # The corrected quarantine file imports as it is (its reasons column is known).
    lines[1][header.index("head/members")] = "4"
    fixed = io.BytesIO(samples.csv_bytes(lines[0], lines[1:]))
    fixed.name = "karantina.csv"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(village, "surveys"), {"form": "household", "mode": "strict", "file": fixed})
    latest = ImportBatch.objects.first()
    assert latest.status == ImportStatus.IMPORTED and latest.unknown_columns == []
    assert Household.objects.count() == 6
    assert not QuarantinedRow.objects.filter(resolved_by__isnull=True).exists()


@pytest.mark.django_db
def test_an_unreadable_upload_is_explained_on_the_form(client, village, users):
    client.force_login(users["village_bkm"])
    upload = io.BytesIO(b"nama,umur\nBudi,3\n")
    upload.name = "salah.csv"
    response = client.post(
        url(village, "surveys"), {"form": "household", "mode": "strict", "file": upload}
    )
    assert response.status_code == 200
    assert "Format berkas tidak dikenali" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_xlsform_download(client, village, users):
    client.force_login(users["village_bkm"])
    response = client.get(url(village, "xlsform", "household"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert client.get(url(village, "xlsform", "nope")).status_code == 404


@pytest.mark.django_db
def test_public_page_query_counts_do_not_grow(client, village, django_assert_num_queries):
    pages = [
        url(village, "home"),
        url(village, "households"),
        url(village, "households_rt", first_rt(village).pk),
    ]
    add_households(village, 20, seed=1)
    counts = []
    for page in pages:
        with django_assert_num_queries(len_queries := _count(client, page)):
            client.get(page)
        counts.append(len_queries)
    add_households(village, 200, seed=2)
    for page, expected in zip(pages, counts, strict=True):
        with django_assert_num_queries(expected):
            assert client.get(page).status_code == 200
    assert counts == [5, 5, 4]


@pytest.mark.django_db
def test_reader_page_query_counts_do_not_grow(client, village, users, django_assert_num_queries):
    client.force_login(users["village_bkm"])
    add_households(village, 20, seed=3)
    first = Household.objects.order_by("pk").first()
    batch = ImportBatch.objects.get()
    pages = {
        "list": url(village, "household_list"),
        "rt": url(village, "households_rt", first_rt(village).pk),
        "map": url(village, "poor_map"),
        "detail": url(village, "household", first.pk),
        "export": url(village, "household_export"),
        "surveys": url(village, "surveys"),
        "batch": url(village, "survey_batch", batch.pk),
    }
    expected = {name: _count(client, page) for name, page in pages.items()}
    add_households(village, 200, seed=4)
    for name, page in pages.items():
        with django_assert_num_queries(expected[name]):
            assert client.get(page).status_code == 200, name
    # list, detail and export show NIKs in full: each writes one NIK access log row.
    assert expected == {
        "list": 10, "rt": 11, "map": 10, "detail": 8, "export": 7, "surveys": 9, "batch": 8,
    }  # fmt: skip


def _count(client, page) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(page)  # warm caches (criteria sets, sessions)
    with CaptureQueriesContext(connection) as ctx:
        client.get(page)
    return len(ctx.captured_queries)
