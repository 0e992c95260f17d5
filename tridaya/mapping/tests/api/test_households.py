"""The households API: the same services and rules as the pages (status computed, not sent),
filters, the survey upload, and a list whose query count does not grow."""

import io

import pytest
from rest_framework.test import APIClient

from tridaya.mapping.importers import samples
from tridaya.mapping.models import Household, ImportBatch
from tridaya.mapping.tests.factories import (
    criteria,
    export,
    first_rt,
    household,
    run_import,
    with_survey_units,
)


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users["village_bkm"])
    return client


def base(village):
    return f"/api/v1/villages/{village.code}"


@pytest.mark.django_db
def test_create_patch_delete(api, village):
    body = {
        "rt": first_rt(village).pk,
        "head_name": "Sahnan",
        "head_sex": "L",
        "members": 4,
        "women": 2,
        "criteria": criteria(9),
        "water_source": "surface",
        "location": {"type": "Point", "coordinates": [116.1045, -8.6301]},
        "is_poor": False,  # not an input: the status is computed
    }
    created = api.post(f"{base(village)}/households/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["is_poor"], data["criteria_met"], data["head_name"]) == (True, 9, "Sahnan")
    patched = api.patch(
        f"{base(village)}/households/{data['id']}/",
        {"criteria": {"crit_floor_area": False}},
        format="json",
    )
    assert patched.status_code == 200
    assert (patched.json()["is_poor"], patched.json()["criteria_met"]) == (False, 8)
    assert patched.json()["water_source"] == "surface"
    contradiction = api.patch(
        f"{base(village)}/households/{data['id']}/", {"cooking_fuel": "lpg"}, format="json"
    )  # criterion 7 (firewood, charcoal or kerosene) holds: LPG contradicts it
    assert contradiction.status_code == 400
    assert "kriteria 7" in str(contradiction.json()["crit_cooking_fuel"])
    bad = api.patch(f"{base(village)}/households/{data['id']}/", {"women": 9}, format="json")
    assert bad.status_code == 400 and "women" in bad.json()
    assert api.delete(f"{base(village)}/households/{data['id']}/").status_code == 204
    assert not Household.objects.exists()


@pytest.mark.django_db
def test_filters_and_constant_queries(api, village, django_assert_num_queries):
    household(village, poor_criteria=10)
    household(village, rt=first_rt(village, 2, 1))
    assert api.get(f"{base(village)}/households/?poor=true").json()["count"] == 1
    rt = first_rt(village, 2, 1).pk
    assert api.get(f"{base(village)}/households/?rt={rt}").json()["count"] == 1
    url = f"{base(village)}/households/"
    api.get(url)
    with django_assert_num_queries(4):  # these two households have no NIK
        api.get(url)
    header, rows = export(village, 60, seed=9)
    run_import(village, header, rows)
    with django_assert_num_queries(5):  # + the NIK access log: one row per answer
        assert api.get(url).json()["count"] == 62


@pytest.mark.django_db
def test_summary_counts(village):
    household(village, poor_criteria=9, members=5, women=3)
    household(village, members=2, women=1)
    data = APIClient().get(f"{base(village)}/households/summary/").json()
    assert (data["total"]["households"], data["total"]["people"], data["total"]["poor"]) == (
        2, 7, 1,
    )  # fmt: skip
    assert len(data["rts"]) == 16 and data["rts"][0]["stats"]["households"] == 2


@pytest.mark.django_db
def test_upload_an_export(api, village):
    header, rows = export(village, 7, kind="odk")
    upload = io.BytesIO(samples.csv_bytes(header, rows))
    upload.name = "odk.csv"
    response = api.post(
        f"{base(village)}/survey-imports/",
        {"form": "household", "mode": "strict", "file": upload},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    report = response.json()
    assert (report["status"], report["created"], report["source_format"]) == (
        "imported", 7, "odk_csv",
    )  # fmt: skip
    listed = api.get(f"{base(village)}/survey-imports/").json()
    assert listed["results"][0]["id"] == report["id"]
    one = api.get(f"{base(village)}/survey-imports/{report['id']}/").json()
    assert one["rows"] == 7
    junk = io.BytesIO(b"a,b\n1,2\n")
    junk.name = "junk.csv"
    refused = api.post(
        f"{base(village)}/survey-imports/", {"form": "household", "file": junk}, format="multipart"
    )
    assert refused.status_code == 400 and refused.json()["codes"] == ["import_unknown_format"]
    assert ImportBatch.objects.count() == 1


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused(api, village, settings):
    settings.TRIDAYA_UPLOAD_MAX_MB = {**settings.TRIDAYA_UPLOAD_MAX_MB, "survey": 1}
    header, rows = export(village, 3)
    content = samples.csv_bytes(header, rows)
    upload = io.BytesIO(content + b"\n" * (1024 * 1024))  # blank lines: a valid file, too big
    upload.name = "besar.csv"
    url = f"{base(village)}/survey-imports/"
    response = api.post(url, {"form": "household", "file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == [
        "Berkas “besar.csv” berukuran 1,0 MB; paling besar 1 MB. Perkecil berkasnya."
    ]
    assert not ImportBatch.objects.exists()
