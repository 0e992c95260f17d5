"""PATCH changes only what is sent (trainings, follow-up actions) and the list of a region's
trainings is documented as the page it is. Found by the API fuzzer (fuzz/); kept here so they
stay fixed without it."""

import pytest

from tridaya.regions.tests.factories import BAJUR
from tridaya.training.tests.factories import training

pytestmark = pytest.mark.django_db


def test_a_training_patch_keeps_what_is_not_sent(api, bajur):
    t = training(bajur)
    modules = sorted(t.modules.values_list("code", flat=True))
    response = api.patch(f"/api/v1/trainings/{t.pk}/", {"title": "Pelatihan lanjutan"})
    assert response.status_code == 200, response.json()
    t.refresh_from_db()
    assert (t.title, t.place, t.cost_program) == (
        "Pelatihan lanjutan",
        "Aula Kantor Desa",
        7_500_000,
    )
    assert sorted(t.modules.values_list("code", flat=True)) == modules


def test_a_follow_up_patch_keeps_what_is_not_sent(api, held):
    url = f"/api/v1/trainings/{held.pk}/follow-ups/"
    created = api.post(
        url,
        {"action": "Rapat BKM bulanan", "owner": "Koordinator BKM", "due_on": "2026-06-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    response = api.patch(f"{url}{created.json()['id']}/", {"status": "done"}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["action"], body["owner"], body["due_on"]) == (
        "Rapat BKM bulanan",
        "Koordinator BKM",
        "2026-06-01",
    )


def test_a_regions_trainings_are_a_page(api, bajur):
    training(bajur)
    body = api.get(f"/api/v1/regions/{BAJUR}/trainings/").json()
    assert body["count"] == 1 and len(body["results"]) == 1
