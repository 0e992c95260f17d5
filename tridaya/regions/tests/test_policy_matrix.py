"""Who sees and changes what, for pages and API alike: national, province 52, regency 52.01,
Bajur's BKM and a Bajur resident, and anonymous, against Bajur, its neighbour Terong Tawah (same
kecamatan) and a village in another province."""

import pytest
from rest_framework.test import APIClient

from tridaya.regions.models import VillageProfile
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)

# Expected status per viewer for (Bajur, Terong Tawah, far village) on a scoped page or endpoint
# that only village leadership and officers above may use.
SCOPED = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}


def client_for(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [*SCOPED, "anonymous"])
def test_village_home_is_public(client, users, viewer):
    c = client_for(client, users, viewer)
    assert [c.get(f"/wilayah/{code}/").status_code for code in VILLAGES] == [200, 200, 200]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["profil/ubah", "rt-rw", "riwayat"])
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_scoped_pages(client, users, viewer, page):
    c = client_for(client, users, viewer)
    got = tuple(c.get(f"/wilayah/{code}/{page}/").status_code for code in VILLAGES)
    assert got == SCOPED[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["profil/ubah", "rt-rw", "riwayat"])
def test_anonymous_is_sent_to_login(client, users, page):
    response = client.get(f"/wilayah/{BAJUR}/{page}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")


@pytest.mark.django_db
def test_edit_links_only_for_those_allowed(client, users):
    client.force_login(users["village_bkm"])
    assert "Ubah profil" in client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert "Ubah profil" not in client.get(f"/wilayah/{TERONG_TAWAH}/").content.decode()
    client.force_login(users["village_resident"])
    assert "Ubah profil" not in client.get(f"/wilayah/{BAJUR}/").content.decode()


def api_client(users, viewer) -> APIClient:
    api = APIClient()
    if viewer != "anonymous":
        api.force_authenticate(users[viewer])
    return api


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_profile_patch(users, viewer):
    api = api_client(users, viewer)
    got = tuple(
        api.patch(
            f"/api/v1/villages/{code}/profile/", {"population": 1000}, format="json"
        ).status_code
        for code in VILLAGES
    )
    assert got == SCOPED[viewer]
    changed = set(VillageProfile.objects.filter(population=1000).values_list("village", flat=True))
    allowed = {code for code, status in zip(VILLAGES, SCOPED[viewer], strict=True) if status == 200}
    assert changed == allowed


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_audit_events(users, viewer):
    api = api_client(users, viewer)
    got = tuple(api.get(f"/api/v1/regions/{code}/audit-events/").status_code for code in VILLAGES)
    assert got == SCOPED[viewer]


@pytest.mark.django_db
def test_api_anonymous_gets_401_on_writes_and_audit(users):
    api = api_client(users, "anonymous")
    assert api.patch(f"/api/v1/villages/{BAJUR}/profile/", {"population": 1}).status_code == 401
    assert api.get(f"/api/v1/regions/{BAJUR}/audit-events/").status_code == 401
    assert not VillageProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [*SCOPED, "anonymous"])
def test_api_reads_of_official_data_are_public(users, viewer):
    api = api_client(users, viewer)
    assert api.get(f"/api/v1/regions/{FAR_VILLAGE}/").status_code == 200
    assert api.get("/api/v1/regions/?parent=52.01.08").status_code == 200
