"""The TIPP API as its schema says: a PUT without the dates is refused (it used to clear the
confirmations), dates not yet set are null, a village without a TIPP is a 404 with a message;
the people list is documented as the page it is. Found by the API fuzzer (fuzz/); kept here so
they stay fixed without it."""

import pytest
from rest_framework.test import APIClient

from tridaya.institutions.tests.factories import people, tipp_with
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
BASE = f"/api/v1/villages/{BAJUR}"


@pytest.fixture
def bkm_api(users) -> APIClient:
    client = APIClient()
    client.force_authenticate(users["village_bkm"])
    return client


def test_a_put_without_the_dates_is_refused_and_keeps_the_confirmations(bkm_api, bajur):
    tipp = tipp_with(bajur, men=1, women=1)
    response = bkm_api.put(f"{BASE}/tipp/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"formed_on", "confirmed_by_bkm_on", "confirmed_by_lurah_on"}
    tipp.refresh_from_db()
    assert tipp.is_confirmed


def test_dates_not_yet_set_are_null(bkm_api, bajur):
    tipp_with(bajur, men=1, women=1, confirmed=False)
    body = bkm_api.get(f"{BASE}/tipp/").json()
    assert body["confirmed_by_bkm_on"] is None and body["confirmed_by_lurah_on"] is None


def test_a_village_without_a_tipp_is_a_404_with_a_message(bkm_api, bajur):
    response = bkm_api.get(f"{BASE}/tipp/")
    assert response.status_code == 404 and response.json()["detail"]


def test_the_people_list_is_a_page(bkm_api, bajur):
    people(bajur, 2)
    body = bkm_api.get(f"{BASE}/people/").json()
    assert body["count"] == 2 and len(body["results"]) == 2
