"""Who sees and changes problems and potentials, layers and RT slum data, pages and API alike:
national, province 52, regency 52.01, Bajur's BKM and a Bajur resident, and anonymous, against
Bajur, its neighbour Terong Tawah and a village in another province. Maps and scores are public;
mapping, importing and editing are for the roles that work in or over the village (404 outside
their regions, 403 inside them without the role); photos are for anyone holding a role there."""

import json

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.policy import can
from tridaya.mapping.policy import (
    EDIT_SLUM_DATA,
    MANAGE_LAYERS,
    MAP_PROBLEMS,
    VERIFY_PROBLEMS,
    VIEW_MAP,
    VIEW_PROBLEM_PHOTOS,
)
from tridaya.mapping.tests.factories import point_in, problem, profile, rt_of, with_units
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)

# Mapping, importing and editing: officers that may act in their region and village roles.
EDIT = {
    "national": (200, 200, 200),
    "province": (403, 403, 404),  # oversees, does not map
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}
PUBLIC_PAGES = ["peta/", "masalah/", "masalah/{problem}/", "lapisan/", "kumuh/",
                "kumuh/rt/{rt}/", "masalah/ekspor.geojson", "kumuh/templat.xlsx"]  # fmt: skip
EDIT_PAGES = ["masalah/tambah/", "masalah/impor/", "masalah/{problem}/ubah/", "lapisan/impor/",
              "kumuh/impor/", "kumuh/rt/{rt}/ubah/"]  # fmt: skip


@pytest.fixture
def places(users, bajur, terong_tawah, far_village):
    found = {}
    for village in (bajur, terong_tawah, far_village):
        with_units(village)
        rt = rt_of(village)
        found[village.code] = {"problem": problem(village).pk, "rt": rt.pk}
    return found


def _client(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


def _url(code: str, page: str, places) -> str:
    return f"/wilayah/{code}/pemetaan/" + page.format(**places[code])


@pytest.mark.django_db
@pytest.mark.parametrize("page", PUBLIC_PAGES)
@pytest.mark.parametrize("viewer", [*EDIT, "anonymous"])
def test_maps_and_scores_are_public(client, users, places, viewer, page):
    c = _client(client, users, viewer)
    assert [c.get(_url(code, page, places)).status_code for code in VILLAGES] == [200, 200, 200]


@pytest.mark.django_db
@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("viewer", list(EDIT))
def test_edit_pages_by_viewer(client, users, places, viewer, page):
    c = _client(client, users, viewer)
    got = tuple(c.get(_url(code, page, places)).status_code for code in VILLAGES)
    assert got == EDIT[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("page", EDIT_PAGES)
def test_edit_pages_send_anonymous_to_login(client, places, page):
    response = client.get(_url(BAJUR, page, places))
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", list(EDIT))
def test_api_writes_by_viewer(users, places, viewer):
    api = APIClient()
    api.force_authenticate(users[viewer])
    got = []
    for code in VILLAGES:
        rt = rt_of(places_village(code), 1, 1)
        body = {
            "kind": "masalah",
            "domain": "L",
            "sector": "drainase",
            "title": "Saluran",
            "severity": 3,
            "geometry": point_in(rt),
        }
        response = api.post(f"/api/v1/villages/{code}/problems/", body, format="json")
        got.append(response.status_code)
    expected = tuple(201 if s == 200 else s for s in EDIT[viewer])
    assert tuple(got) == expected


def places_village(code):
    from tridaya.regions.models import Region

    return Region.objects.get(code=code)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "problems/",
        "problems/{problem}/",
        "map/",
        "layers/",
        "rt-profiles/",
        "slum-scores/",
    ],
)
def test_api_reads_are_public_and_writes_need_a_login(places, path):
    api = APIClient()
    url = f"/api/v1/villages/{BAJUR}/" + path.format(**places[BAJUR])
    assert api.get(url).status_code == 200
    body = {"kind": "masalah"}
    assert api.post(f"/api/v1/villages/{BAJUR}/problems/", body, format="json").status_code == 401


@pytest.mark.django_db
def test_rt_profile_api_put_by_viewer(users, places):
    rt_id = places[BAJUR]["rt"]
    profile(rt_of(places_village(BAJUR)))
    body = {
        "area_ha": "10",
        "buildings": 100,
        "population": 400,
        "households": 100,
        "road_length_m": "1000",
        "drainage_length_m": "2000",
        "volumes": {"1a": "20"},
    }
    expected = {
        "national": 200,
        "province": 403,
        "regency": 200,
        "village_bkm": 200,
        "village_resident": 403,
    }
    for viewer, status in expected.items():
        api = APIClient()
        api.force_authenticate(users[viewer])
        url = f"/api/v1/villages/{BAJUR}/rt-profiles/{rt_id}/2026/"
        response = api.put(url, json.dumps(body), content_type="application/json")
        assert response.status_code == status, viewer
    assert APIClient().put(url, body, format="json").status_code == 401


# The rule table itself: village roles on Bajur.
RULES = {
    VIEW_MAP: set(Role.values),
    VIEW_PROBLEM_PHOTOS: set(Role.values),
    MAP_PROBLEMS: {"facilitator", "bkm", "upl", "ups", "tipp", "village_apparatus"},
    VERIFY_PROBLEMS: {"facilitator", "bkm", "tipp"},
    MANAGE_LAYERS: {"facilitator", "bkm", "upl", "ups", "tipp", "village_apparatus"},
    EDIT_SLUM_DATA: {"facilitator", "bkm", "upl", "ups", "tipp", "village_apparatus"},
}
VILLAGE_ROLES = ["facilitator", "bkm", "upk", "upl", "ups", "tipp", "village_apparatus", "ksm",
                 "resident"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(RULES))
def test_village_roles_per_action(bajur, action):
    allowed = {role for role in VILLAGE_ROLES if can(user_with_role(role, BAJUR), action, bajur)}
    assert allowed == RULES[action] & set(VILLAGE_ROLES)
