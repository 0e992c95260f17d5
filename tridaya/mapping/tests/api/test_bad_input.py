"""Query filters and bodies a client can get wrong: a 400 naming the parameter, never a server
error (ids beyond 2**63 - 1, digits that `str.isdigit()` accepts and `int()` refuses, such as
"²") and never a filter silently dropped; a PATCH sent as a form body. Found by the API fuzzer
(fuzz/); kept here so they stay fixed without it."""

import pytest
from rest_framework.test import APIClient

from tridaya.mapping.tests.factories import first_rt, household, with_survey_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
BASE = f"/api/v1/villages/{BAJUR}"
TOO_BIG = str(2**63)


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users["village_bkm"])
    return client


@pytest.mark.parametrize(
    "query",
    [f"rt={TOO_BIG}", "rt=²", "rt=-1", "severity_min=²", "kind=bukan", "status=x"],
)
def test_a_bad_problem_filter_is_a_400_naming_it(api, village, query):
    response = api.get(f"{BASE}/problems/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize("query", [f"rt={TOO_BIG}", "rt=²", "year=²", "year=1999"])
def test_a_bad_slum_score_filter_is_a_400_naming_it(api, village, query):
    response = api.get(f"{BASE}/slum-scores/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


@pytest.mark.parametrize("query", [f"rt={TOO_BIG}", "rt=²", "poor=maybe"])
def test_a_bad_household_filter_is_a_400_naming_it(api, village, query):
    response = api.get(f"{BASE}/households/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_a_good_household_filter_still_filters(api, village):
    household(village, head_name="Ibu Sari")
    response = api.get(f"{BASE}/households/?rt={first_rt(village).pk}&poor=false")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_a_household_patch_as_a_form_body_changes_only_what_is_sent(api, village):
    found = household(village, head_name="Ibu Sari", members=4)
    response = api.patch(f"{BASE}/households/{found.pk}/", {"members": "5"}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["members"] == 5 and response.json()["head_name"] == "Ibu Sari"


def test_an_rt_id_beyond_the_database_in_a_body_is_a_400(api, village):
    body = {"rt": 2**63, "head_name": "Ibu Sari", "head_sex": "P", "members": 3}
    response = api.post(f"{BASE}/households/", body, format="json")
    assert response.status_code == 400 and "rt" in response.json()
