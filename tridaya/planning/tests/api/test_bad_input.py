"""Bodies and queries a client can get wrong in planning: ids beyond what a database holds are a
400 naming the field (not an overflow in the query), a version diff without its versions says
so, and a kawasan an RTPLP details cannot be deleted or un-chosen (a 400 with the reason, not a
server error). Found by the API fuzzer (fuzz/); kept here so they stay fixed without it."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import AreaStatus, PriorityArea
from tridaya.planning.tests import factories as f
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
API = f"/api/v1/villages/{BAJUR}"
TOO_BIG = 2**63


@pytest.fixture
def tipp(bajur) -> APIClient:
    client = APIClient()
    client.force_authenticate(user_with_role(Role.TIPP, BAJUR))
    return client


def test_a_problem_id_beyond_the_database_in_priority_options_is_a_400(tipp, bajur):
    round_ = f.round_with(bajur)
    response = tipp.post(
        f"{API}/priority-rounds/{round_.pk}/options/", {"problems": [TOO_BIG]}, format="json"
    )
    assert response.status_code == 400 and "problems" in response.json()


def test_a_problem_id_beyond_the_database_in_an_activity_is_a_400(tipp, bajur):
    version = f.first_version(f.rtplp(bajur))
    url = f"{API}/plans/{version.plan_id}/versions/{version.number}/activities/"
    body = {"name": "Sumur resapan", "year": 2027, "problems": [TOO_BIG]}
    response = tipp.post(url, body, format="json")
    assert response.status_code == 400 and "problems" in response.json()


def test_a_version_diff_names_the_versions_it_needs(tipp, bajur):
    plan = f.rtplp(bajur)
    url = f"{API}/plans/{plan.pk}/diff/"
    missing = tipp.get(url + "?from=1")
    assert missing.status_code == 400 and list(missing.json()) == ["to"]
    wrong = tipp.get(url + "?from=²&to=1")
    assert wrong.status_code == 400 and "from" in wrong.json()


def test_a_kawasan_an_rtplp_details_is_not_deleted_but_refused_with_the_reason(tipp, bajur):
    area = f.kawasan(bajur)
    f.rtplp(bajur, area)
    response = tipp.delete(f"{API}/kawasan/{area.pk}/")
    assert response.status_code == 400
    assert response.json()["codes"] == [PlanningError.KAWASAN_HAS_PLAN]
    message = response.json()["non_field_errors"][0]
    assert area.name in message and area.plans.get().title in message
    assert PriorityArea.objects.filter(pk=area.pk).exists()


def test_a_chosen_kawasan_with_an_rtplp_is_not_unchosen(tipp, bajur):
    area = f.kawasan(bajur)
    PriorityArea.objects.filter(pk=area.pk).update(status=AreaStatus.CHOSEN)
    f.rtplp(bajur, area)
    response = tipp.post(
        f"{API}/kawasan/{area.pk}/unchoose/", {"reason": "Batas kawasan salah gambar"}
    )
    assert response.status_code == 400
    assert response.json()["codes"] == [PlanningError.KAWASAN_HAS_PLAN]
    area.refresh_from_db()
    assert area.status == AreaStatus.CHOSEN


@pytest.mark.parametrize("price", ["²", "-5", str(TOO_BIG), "murah"])
def test_a_price_of_the_wrong_kind_in_the_impact_query_is_a_400(bajur, price):
    regency = bajur.parent.parent
    item = f.price_item(f.price_list(regency))
    url = f"/api/v1/regions/{regency.code}/price-lists/{item.price_list_id}/items/{item.pk}/impact/"
    response = APIClient().get(f"{url}?price={price}")
    assert response.status_code == 400 and "price" in response.json()
