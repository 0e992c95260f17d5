"""Who sees and changes trainings, pages and API alike: national, province 52, regency 52.01,
Bajur's BKM, a Bajur resident, and anonymous, against trainings in Bajur, its neighbour Terong
Tawah (same kecamatan) and a village in another province. Plans, counts, averages, the
follow-up plan and capacity maps are public; names, attendance and scores are not."""

import pytest
from rest_framework.test import APIClient

from tridaya.core.policy import can
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH
from tridaya.training.models import Certificate
from tridaya.training.policy import MANAGE, REOPEN, REVOKE_CERTIFICATE, VIEW_PARTICIPANTS

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
PEOPLE = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
    "anonymous": (302, 302, 302),
}
MANAGERS = {
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
    "anonymous": (302, 302, 302),
}
PUBLIC_PAGES = ["", "rktl/"]
PEOPLE_PAGES = ["peserta/", "sesi/", "nilai/", "sertifikat/", "hasil.xlsx"]
MANAGE_PAGES = ["ubah/", "nilai/modul/konsep_plpbk/", "sesi/{session}/ubah/"]


def client_for(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


def statuses(c, trainings, suffix):
    found = []
    for code in VILLAGES:
        t = trainings[code]
        path = suffix.format(session=t.sessions.first().pk)
        found.append(c.get(f"/wilayah/{code}/pelatihan/{t.pk}/{path}").status_code)
    return tuple(found)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(PEOPLE))
def test_training_pages_are_public(client, users, trainings, viewer):
    c = client_for(client, users, viewer)
    for page in PUBLIC_PAGES:
        assert statuses(c, trainings, page) == (200, 200, 200), page


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(PEOPLE))
def test_village_index_and_capacity_are_public(client, users, trainings, viewer):
    c = client_for(client, users, viewer)
    for suffix in ("", "kapasitas/"):
        got = tuple(c.get(f"/wilayah/{code}/pelatihan/{suffix}").status_code for code in VILLAGES)
        assert got == (200, 200, 200)
    assert c.get("/wilayah/52.01.08/pelatihan/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(PEOPLE))
def test_participant_pages_need_a_role_over_the_village(client, users, trainings, viewer):
    c = client_for(client, users, viewer)
    for page in PEOPLE_PAGES:
        assert statuses(c, trainings, page) == PEOPLE[viewer], page


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(MANAGERS))
def test_changing_trainings_is_for_those_who_run_them(client, users, trainings, viewer):
    c = client_for(client, users, viewer)
    for page in MANAGE_PAGES:
        assert statuses(c, trainings, page) == MANAGERS[viewer], page
    got = tuple(c.get(f"/wilayah/{code}/pelatihan/baru/").status_code for code in VILLAGES)
    assert got == MANAGERS[viewer]


@pytest.mark.django_db
def test_the_create_button_shows_only_to_managers(client, users, trainings):
    client.force_login(users["village_bkm"])
    assert "Buat pelatihan" in client.get(f"/wilayah/{BAJUR}/pelatihan/").content.decode()
    client.force_login(users["village_resident"])
    assert "Buat pelatihan" not in client.get(f"/wilayah/{BAJUR}/pelatihan/").content.decode()


@pytest.mark.django_db
def test_a_resident_cannot_post_scores_and_a_neighbours_bkm_gets_404(client, users, trainings):
    bajur = trainings[BAJUR]
    [participant] = bajur.participants.all()[:1]
    path = f"/wilayah/{BAJUR}/pelatihan/{bajur.pk}/nilai/modul/konsep_plpbk/"
    client.force_login(users["village_resident"])
    assert client.post(path, {f"pre-{participant.pk}": "50"}).status_code == 403
    other = trainings[TERONG_TAWAH]
    client.force_login(users["village_bkm"])
    response = client.post(
        f"/wilayah/{TERONG_TAWAH}/pelatihan/{other.pk}/tindakan/", {"action": "close"}
    )
    assert response.status_code == 404
    assert not participant.results.exists()


@pytest.mark.django_db
def test_a_training_of_another_region_is_not_found_under_this_one(client, trainings):
    other = trainings[TERONG_TAWAH]
    assert client.get(f"/wilayah/{BAJUR}/pelatihan/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_reopening_and_revoking_are_for_officers(users, held):
    certificate = Certificate.objects.filter(participant__training=held).first()
    rows = {
        viewer: (
            can(users[viewer], REOPEN, held),
            can(users[viewer], REVOKE_CERTIFICATE, certificate),
            can(users[viewer], MANAGE, held),
            can(users[viewer], VIEW_PARTICIPANTS, held),
        )
        for viewer in ("national", "province", "regency", "village_bkm", "village_resident")
    }
    assert rows == {
        "national": (True, True, True, True),
        "province": (False, False, False, True),
        "regency": (True, True, True, True),
        "village_bkm": (False, False, True, True),
        "village_resident": (False, False, False, False),
    }


# API ------------------------------------------------------------------------------------------

API_PEOPLE = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
    "anonymous": (401, 401, 401),
}
API_MANAGE = {
    "national": (201, 201, 201),
    "province": (403, 403, 404),
    "regency": (201, 201, 404),
    "village_bkm": (201, 404, 404),
    "village_resident": (403, 404, 404),
    "anonymous": (401, 401, 401),
}


def api_for(users, viewer) -> APIClient:
    api = APIClient()
    if viewer != "anonymous":
        api.force_authenticate(users[viewer])
    return api


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(API_PEOPLE))
def test_api_public_reads(users, trainings, viewer):
    api = api_for(users, viewer)
    for code in VILLAGES:
        t = trainings[code]
        assert api.get(f"/api/v1/trainings/{t.pk}/").status_code == 200
        assert api.get(f"/api/v1/trainings/{t.pk}/follow-ups/").status_code == 200
        assert api.get(f"/api/v1/regions/{code}/trainings/").status_code == 200
        assert api.get(f"/api/v1/villages/{code}/capacity/").status_code == 200
    assert api.get("/api/v1/regions/52.01/training-summary/").status_code == 200
    assert api.get("/api/v1/curricula/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(API_PEOPLE))
def test_api_results_need_a_role_over_the_village(users, trainings, viewer):
    api = api_for(users, viewer)
    got = tuple(
        api.get(f"/api/v1/trainings/{trainings[code].pk}/results/").status_code for code in VILLAGES
    )
    assert got == API_PEOPLE[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(API_MANAGE))
def test_api_writes_need_training_manage(users, trainings, viewer):
    api = api_for(users, viewer)
    got = tuple(
        api.post(
            f"/api/v1/trainings/{trainings[code].pk}/participants/",
            {"name": f"Tamu {viewer}", "sex": "P", "group": "aparat"},
            format="json",
        ).status_code
        for code in VILLAGES
    )
    assert got == API_MANAGE[viewer]


@pytest.mark.django_db
def test_api_capacity_names_only_for_roles_over_the_village(users, held):
    def names(viewer):
        data = api_for(users, viewer).get(f"/api/v1/villages/{BAJUR}/capacity/").json()
        cell = next(
            c for c in data["cells"] if c["group"] == "bkm" and c["module"] == "konsep_plpbk"
        )
        return cell["names"]

    assert names("anonymous") is None and names("village_resident") is None
    assert len(names("village_bkm")) == 3
