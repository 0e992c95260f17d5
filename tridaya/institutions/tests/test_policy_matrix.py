"""Who sees and changes a village's people and institutions, pages and API alike: national,
province 52, regency 52.01, Bajur's BKM and a Bajur resident, and anonymous, against Bajur, its
neighbour Terong Tawah (same kecamatan) and a village in another province. Institutions and
their members are public; the register of a village's people is not."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.policy import can
from tridaya.institutions import services
from tridaya.institutions.models import Person
from tridaya.institutions.policy import MANAGE, VIEW, VIEW_PEOPLE, VIEW_PERSONAL_DATA
from tridaya.institutions.tests.factories import bkm_with_members, ksm_with, person
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH

VILLAGES = (BAJUR, TERONG_TAWAH, FAR_VILLAGE)

# Pages and endpoints that change institutions: village leadership and officers above it.
SCOPED = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}
# Who opens the register of a village's people (every resident, not only members): those who
# work in or over the village. A resident of Bajur is refused (403), not sent away (404).
PEOPLE = {
    "national": (200, 200, 200),
    "province": (200, 200, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}
# Who sees NIK, phone and poverty status in full (the province officer manages, but does not
# need personal data).
PERSONAL = {
    "national": (True, True, True),
    "province": (False, False, False),
    "regency": (True, True, False),
    "village_bkm": (True, False, False),
    "village_resident": (False, False, False),
}
PUBLIC_PAGES = ["", "bkm/", "up/", "tipp/", "pokja/", "ksm/", "kpp/"]
MANAGE_PAGES = ["warga/tambah/", "bkm/pemilihan/tambah/", "ksm/tambah/", "kpp/tambah/"]


@pytest.fixture
def villages(users, bajur, terong_tawah, far_village):
    """Each village with a BKM, a KSM and a person, so that every page has something."""
    found = {}
    for village in (bajur, terong_tawah, far_village):
        bkm_with_members(village, count=1)
        found[village.code] = {
            "ksm": ksm_with(village, 3),
            "person": person(village, name=f"Warga Biasa {village.name}"),
        }
    return found


def client_for(client, users, viewer):
    if viewer != "anonymous":
        client.force_login(users[viewer])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("page", PUBLIC_PAGES)
@pytest.mark.parametrize("viewer", [*SCOPED, "anonymous"])
def test_institution_pages_are_public(client, users, villages, viewer, page):
    c = client_for(client, users, viewer)
    got = [c.get(f"/wilayah/{code}/lembaga/{page}").status_code for code in VILLAGES]
    assert got == [200, 200, 200]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PUBLIC_PAGES)
@pytest.mark.parametrize("viewer", ["anonymous", "village_resident"])
def test_public_pages_name_no_one_outside_the_institutions(client, users, villages, viewer, page):
    c = client_for(client, users, viewer)
    html = c.get(f"/wilayah/{BAJUR}/lembaga/{page}").content.decode()
    assert villages[BAJUR]["person"].name not in html
    if page in ("", "ksm/"):  # the members of institutions are still named
        assert villages[BAJUR]["ksm"].leader.name in html
    assert f"/wilayah/{BAJUR}/lembaga/warga/" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_people_register_pages(client, users, villages, viewer):
    c = client_for(client, users, viewer)
    got = tuple(c.get(f"/wilayah/{code}/lembaga/warga/").status_code for code in VILLAGES)
    assert got == PEOPLE[viewer]
    listed = tuple(
        villages[code]["person"].name in c.get(f"/wilayah/{code}/lembaga/warga/").content.decode()
        for code in VILLAGES
    )
    assert listed == tuple(status == 200 for status in PEOPLE[viewer])


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_the_people_tab_is_shown_only_to_those_who_may_open_it(client, users, villages, viewer):
    c = client_for(client, users, viewer)
    shown = tuple(
        f"/wilayah/{code}/lembaga/warga/" in c.get(f"/wilayah/{code}/lembaga/").content.decode()
        for code in VILLAGES
    )
    assert shown == tuple(status == 200 for status in PEOPLE[viewer])


@pytest.mark.django_db
@pytest.mark.parametrize("page", MANAGE_PAGES)
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_manage_pages(client, users, villages, viewer, page):
    c = client_for(client, users, viewer)
    got = tuple(c.get(f"/wilayah/{code}/lembaga/{page}").status_code for code in VILLAGES)
    assert got == SCOPED[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_edit_pages_of_each_villages_people_and_ksm(client, users, villages, viewer):
    c = client_for(client, users, viewer)
    people = tuple(
        c.get(f"/wilayah/{code}/lembaga/warga/{villages[code]['person'].pk}/ubah/").status_code
        for code in VILLAGES
    )
    ksms = tuple(
        c.get(f"/wilayah/{code}/lembaga/ksm/{villages[code]['ksm'].pk}/ubah/").status_code
        for code in VILLAGES
    )
    assert people == ksms == SCOPED[viewer]


@pytest.mark.django_db
def test_a_person_is_only_found_under_their_own_village(client, users, villages):
    client.force_login(users["national"])
    neighbour = villages[TERONG_TAWAH]["person"]
    assert client.get(f"/wilayah/{BAJUR}/lembaga/warga/{neighbour.pk}/ubah/").status_code == 404


@pytest.mark.django_db
def test_bajurs_bkm_cannot_change_the_neighbours_people(client, users, villages):
    neighbour = villages[TERONG_TAWAH]["person"]
    client.force_login(users["village_bkm"])
    url = f"/wilayah/{TERONG_TAWAH}/lembaga/warga/{neighbour.pk}/ubah/"
    assert client.post(url, {"name": "Diubah", "sex": "L"}).status_code == 404
    posted = client.post(
        f"/wilayah/{TERONG_TAWAH}/lembaga/pokja/",
        {"action": "pokja", "pokja-name": "Pokja", "pokja-aspect": "drainase"},
    )
    assert posted.status_code == 404
    neighbour.refresh_from_db()
    assert neighbour.name != "Diubah"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["warga/", "warga/{pk}/ubah/", *MANAGE_PAGES])
def test_anonymous_is_sent_to_login(client, villages, page):
    page = page.format(pk=villages[BAJUR]["person"].pk)
    response = client.get(f"/wilayah/{BAJUR}/lembaga/{page}")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_the_rules_themselves(users, viewer):
    user = users[viewer]
    assert all(can(user, VIEW, code) for code in VILLAGES)
    assert tuple(can(user, VIEW_PEOPLE, code) for code in VILLAGES) == tuple(
        status == 200 for status in PEOPLE[viewer]
    )
    assert tuple(can(user, MANAGE, code) for code in VILLAGES) == tuple(
        status == 200 for status in SCOPED[viewer]
    )
    assert tuple(can(user, VIEW_PERSONAL_DATA, code) for code in VILLAGES) == PERSONAL[viewer]


# Every role, held at Bajur or over it: those who work in or over the village open its people
# register; residents and KSM members do not.
PEOPLE_READERS = {
    Role.NATIONAL_ADMIN,
    Role.PROVINCE_OFFICER,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.UPK,
    Role.UPL,
    Role.UPS,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_who_opens_the_people_register(bajur, role):
    held_at = {
        Role.NATIONAL_ADMIN: None,
        Role.PROVINCE_OFFICER: "52",
        Role.CITY_COORDINATOR: "52.01",
    }
    user = user_with_role(role, held_at.get(role, BAJUR))
    assert can(user, VIEW_PEOPLE, BAJUR) is (role in PEOPLE_READERS)
    # Whoever sees personal data or changes people can open the register they live in.
    if can(user, VIEW_PERSONAL_DATA, BAJUR) or can(user, MANAGE, BAJUR):
        assert can(user, VIEW_PEOPLE, BAJUR)


def api_client(users, viewer) -> APIClient:
    api = APIClient()
    if viewer != "anonymous":
        api.force_authenticate(users[viewer])
    return api


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_person_create(users, villages, viewer):
    api = api_client(users, viewer)
    got = tuple(
        api.post(
            f"/api/v1/villages/{code}/people/", {"name": "Warga Baru", "sex": "P"}, format="json"
        ).status_code
        for code in VILLAGES
    )
    expected = tuple(201 if status == 200 else status for status in SCOPED[viewer])
    assert got == expected
    created = set(Person.objects.filter(name="Warga Baru").values_list("village", flat=True))
    assert created == {code for code, status in zip(VILLAGES, got, strict=True) if status == 201}


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_ksm_member_removal(users, villages, viewer):
    api = api_client(users, viewer)
    for code in VILLAGES:  # a fourth member, so that removing one is allowed
        ksm = villages[code]["ksm"]
        services.ksm_member_add(actor=None, ksm=ksm, person=person(ksm.village))
    got = []
    for code in VILLAGES:
        ksm = villages[code]["ksm"]
        member = ksm.members.exclude(person=ksm.leader).first()
        got.append(api.delete(f"/api/v1/villages/{code}/ksm/members/{member.pk}/").status_code)
    expected = tuple(204 if status == 200 else status for status in SCOPED[viewer])
    assert tuple(got) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_people_register(users, villages, viewer):
    api = api_client(users, viewer)
    listed = tuple(api.get(f"/api/v1/villages/{code}/people/").status_code for code in VILLAGES)
    detail = tuple(
        api.get(f"/api/v1/villages/{code}/people/{villages[code]['person'].pk}/").status_code
        for code in VILLAGES
    )
    assert listed == detail == PEOPLE[viewer]


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_api_personal_fields_follow_the_rule(users, villages, viewer):
    api = api_client(users, viewer)
    for code, personal, status in zip(VILLAGES, PERSONAL[viewer], PEOPLE[viewer], strict=True):
        response = api.get(f"/api/v1/villages/{code}/people/")
        assert response.status_code == status
        if status != 200:
            assert villages[code]["person"].name not in response.content.decode()
            assert not personal  # no one sees personal data of a register they cannot open
            continue
        rows = response.json()["results"]
        assert rows
        for row in rows:
            assert ("nik" in row and "phone" in row) is personal
            assert "nik_masked" in row


@pytest.mark.django_db
def test_api_anonymous_reads_institutions_but_not_the_register(users, villages):
    api = api_client(users, "anonymous")
    person_url = f"/api/v1/villages/{BAJUR}/people/{villages[BAJUR]['person'].pk}/"
    assert api.get(f"/api/v1/villages/{BAJUR}/ksm/").status_code == 200
    for response in (api.get(f"/api/v1/villages/{BAJUR}/people/"), api.get(person_url)):
        assert response.status_code == 401
        assert villages[BAJUR]["person"].name not in response.content.decode()
    assert api.post(f"/api/v1/villages/{BAJUR}/people/", {"name": "X"}).status_code == 401
    assert api.patch(person_url, {"name": "X"}).status_code == 401
    assert api.put(f"/api/v1/villages/{BAJUR}/tipp/", {}).status_code == 401
