import datetime as dt

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.models import User
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.choices import Sex
from tridaya.core.models import AuditEvent
from tridaya.institutions import services
from tridaya.institutions.models import KSM
from tridaya.institutions.tests.factories import (
    bkm_with_members,
    ksm_with,
    people,
    person,
    populate,
    tipp_with,
)
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db
BASE = f"/api/v1/villages/{BAJUR}"
NIK = "5201084702990001"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def saodah(bajur):
    return services.person_create(
        actor=None,
        village=bajur,
        name="Saodah Hasanah",
        sex=Sex.FEMALE,
        nik=NIK,
        phone="081999888777",
        is_poor=True,
    )


def test_people_api_is_closed_to_the_public_and_to_residents(users, saodah):
    neighbour_bkm = user_with_role("bkm", TERONG_TAWAH)
    ksm = user_with_role("ksm", BAJUR)
    for viewer, status in (
        (None, 401),
        (users["village_resident"], 403),
        (ksm, 403),
        (neighbour_bkm, 404),
    ):
        for url in (f"{BASE}/people/", f"{BASE}/people/{saodah.pk}/", f"{BASE}/people/?q={NIK}"):
            response = api(viewer).get(url)
            assert response.status_code == status
            body = response.content.decode()
            assert "Saodah" not in body and NIK not in body and "5201**********01" not in body


def test_people_api_masks_nik_and_drops_phone_for_those_not_allowed(users, saodah):
    # They may open the register, but not see personal data.
    tipp = user_with_role("tipp", BAJUR)
    upk = user_with_role("upk", BAJUR)
    for viewer in (users["province"], tipp, upk):
        row = api(viewer).get(f"{BASE}/people/").json()["results"][0]
        assert row["name"] == "Saodah Hasanah"
        assert row["nik_masked"] == "5201**********01"
        assert not {"nik", "phone", "is_poor", "birth_year"} & row.keys()
        detail = api(viewer).get(f"{BASE}/people/{saodah.pk}/").json()
        assert "nik" not in detail and "phone" not in detail
        # Nor can the number be confirmed by searching for it.
        assert api(viewer).get(f"{BASE}/people/?q={NIK}").json()["count"] == 0
    for allowed in (users["village_bkm"], users["regency"], users["national"]):
        row = api(allowed).get(f"{BASE}/people/").json()["results"][0]
        assert (row["nik"], row["phone"], row["is_poor"]) == (NIK, "081999888777", True)
        assert api(allowed).get(f"{BASE}/people/?q={NIK}").json()["count"] == 1


def fresh(user):
    """The user as a new request loads it (role assignments not yet read)."""
    return User.objects.get(pk=user.pk)


def test_people_api_query_count_does_not_grow(users, bajur, django_assert_num_queries):
    people(bajur, 3)
    client = api(fresh(users["village_bkm"]))
    # village, ancestors, role assignments, count, page
    with django_assert_num_queries(5):
        assert client.get(f"{BASE}/people/").status_code == 200
    people(bajur, 70)
    client = api(fresh(users["village_bkm"]))
    with django_assert_num_queries(5):
        body = client.get(f"{BASE}/people/").json()
    assert body["count"] == 73 and len(body["results"]) == 50


def test_people_api_creates_and_refuses_a_duplicate_nik(users, saodah):
    client = api(users["village_bkm"])
    data = {"name": "Rusdi Hakim", "sex": "L", "nik": NIK}
    response = client.post(f"{BASE}/people/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {"nik": ["NIK ini sudah tercatat untuk warga lain di desa ini."]}
    response = client.post(f"{BASE}/people/", {**data, "nik": ""}, format="json")
    assert response.status_code == 201
    assert response.json()["name"] == "Rusdi Hakim"


def test_a_manager_without_personal_data_rights_cannot_write_it_either(users, saodah):
    client = api(users["province"])
    response = client.patch(
        f"{BASE}/people/{saodah.pk}/", {"nik": "5201080000000000", "occupation": "guru"}
    )
    assert response.status_code == 200
    saodah.refresh_from_db()
    assert (saodah.nik, saodah.occupation) == (NIK, "guru")


def test_ksm_api_refuses_two_members_and_accepts_three(users, bajur):
    a, b, c = people(bajur, 3)
    client = api(users["village_bkm"])
    response = client.post(
        f"{BASE}/ksm/", {"name": "KSM Dua", "members": [a.pk, b.pk]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["KSM harus beranggota sedikitnya 3 orang; yang dipilih baru 2 orang."],
        "codes": ["ksm_too_few_members"],
    }
    response = client.post(
        f"{BASE}/ksm/",
        {"name": "KSM Tiga", "members": [a.pk, b.pk, c.pk], "leader": c.pk},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["leader"]["name"] == c.name and len(body["members"]) == 3


def test_ksm_api_refuses_removing_down_to_two(users, bajur):
    ksm = ksm_with(bajur, 3)
    member = ksm.members.exclude(person=ksm.leader).first()
    response = api(users["village_bkm"]).delete(f"{BASE}/ksm/members/{member.pk}/")
    assert response.status_code == 400
    assert "akan tinggal 2 anggota" in response.json()["non_field_errors"][0]
    assert ksm.members.count() == 3


def test_members_must_be_people_of_the_village(users, bajur, terong_tawah):
    a, b = people(bajur, 2)
    outsider = person(terong_tawah)
    response = api(users["national"]).post(
        f"{BASE}/ksm/", {"name": "KSM", "members": [a.pk, b.pk, outsider.pk]}, format="json"
    )
    assert response.status_code == 400
    assert "members" in response.json()
    assert not KSM.objects.exists()


def test_elections_api_records_and_lists_results_by_votes(users, bajur):
    bkm_with_members(bajur, count=0)
    a, b = people(bajur, 2)
    client = api(users["village_bkm"])
    response = client.post(
        f"{BASE}/bkm/elections/",
        {
            "held_on": "2025-08-23",
            "place": "Aula",
            "candidates": [
                {"person": a.pk, "votes": 5},
                {"person": b.pk, "votes": 50, "elected": True},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    listed = api().get(f"{BASE}/bkm/elections/").json()
    assert [(c["person"]["id"], c["votes"]) for c in listed[0]["candidates"]] == [
        (b.pk, 50),
        (a.pk, 5),
    ]
    bad = client.post(
        f"{BASE}/bkm/elections/",
        {"held_on": "2025-08-23", "candidates": [{"person": a.pk, "votes": -1}]},
        format="json",
    )
    assert bad.status_code == 400


def test_bkm_api_requires_the_party_declaration(users, bajur):
    bkm_with_members(bajur, count=0)
    someone = person(bajur)
    client = api(users["village_bkm"])
    data = {"person": someone.pk, "position": "anggota", "term_start": "2025-09-01"}
    response = client.post(
        f"{BASE}/bkm/members/", {**data, "no_party_declaration": False}, format="json"
    )
    assert response.status_code == 400
    assert "no_party_declaration" in response.json()
    response = client.post(
        f"{BASE}/bkm/members/", {**data, "no_party_declaration": True}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["term_end"] == "2028-08-31"
    bkm = api().get(f"{BASE}/bkm/").json()
    assert [m["person"]["id"] for m in bkm["members"]] == [someone.pk]


def test_tipp_api_shows_the_gender_balance(bajur):
    tipp_with(bajur, men=9, women=6)
    body = api().get(f"{BASE}/tipp/").json()
    assert body["gender_balance"] == {"men": 9, "women": 6, "total": 15, "women_share": "40.0"}
    assert body["is_confirmed"] is True and len(body["members"]) == 15


def test_tipp_api_confirms_through_the_service(users, bajur):
    tipp_with(bajur, men=1, women=1, confirmed=False)
    response = api(users["village_bkm"]).put(
        f"{BASE}/tipp/",
        {
            "formed_on": "2026-02-10",
            "confirmed_by_bkm_on": "2026-02-17",
            "confirmed_by_lurah_on": "2026-02-24",
        },
        format="json",
    )
    assert response.status_code == 200 and response.json()["is_confirmed"] is True
    assert AuditEvent.objects.filter(
        action="institutions.tipp_saved", actor=users["village_bkm"]
    ).exists()


def test_up_pokja_and_kpp_endpoints(users, bajur):
    client = api(users["village_bkm"])
    a, b = people(bajur, 2)
    unit = client.post(f"{BASE}/up-units/", {"kind": "UPK"}, format="json").json()
    staff = client.post(
        f"{BASE}/up-units/staff/",
        {"unit": unit["id"], "person": a.pk, "position": "Kasir", "since": "2025-09-15"},
        format="json",
    )
    assert staff.status_code == 201
    assert client.post(f"{BASE}/up-units/", {"kind": "UPK"}, format="json").status_code == 400
    pokja = client.post(
        f"{BASE}/pokja/", {"name": "Pokja Drainase", "aspect": "drainase"}, format="json"
    ).json()
    client.post(f"{BASE}/pokja/members/", {"pokja": pokja["id"], "person": b.pk}, format="json")
    kpp = client.post(
        f"{BASE}/kpp/",
        {"name": "KPP Tirta", "assets": "Sumur bor", "formed_on": "2019-12-10", "members": [a.pk]},
        format="json",
    )
    assert kpp.status_code == 201
    assert api().get(f"{BASE}/up-units/").json()[0]["staff"][0]["position"] == "Kasir"
    assert api().get(f"{BASE}/pokja/").json()[0]["members"][0]["person"]["id"] == b.pk
    assert api().get(f"{BASE}/kpp/").json()[0]["members"][0]["person"]["id"] == a.pk
    staff_id = staff.json()["id"]
    assert client.delete(f"{BASE}/up-units/staff/{staff_id}/").status_code == 204
    assert api().get(f"{BASE}/up-units/").json()[0]["staff"] == []


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        # village, ancestors, then the rows and their members with people (the elections:
        # BKM, elections, candidates)
        ("bkm/", 4),
        ("bkm/elections/", 5),
        ("up-units/", 4),
        ("tipp/", 4),
        ("pokja/", 4),
        ("ksm/", 4),
        ("kpp/", 4),
    ],
)
def test_institution_endpoints_have_fixed_query_counts(
    bajur, django_assert_num_queries, path, queries
):
    populate(bajur, 2)
    with django_assert_num_queries(queries):
        assert api().get(f"{BASE}/{path}").status_code == 200
    populate(bajur, 5)
    with django_assert_num_queries(queries):
        assert api().get(f"{BASE}/{path}").status_code == 200


def test_anonymous_writes_get_401(bajur):
    a, b, c = people(bajur, 3)
    response = api().post(f"{BASE}/ksm/", {"name": "K", "members": [a.pk, b.pk, c.pk]})
    assert response.status_code == 401
    assert not KSM.objects.exists()


def test_dates_round_trip(users, bajur):
    response = api(users["village_bkm"]).put(
        f"{BASE}/bkm/", {"name": "BKM Bajur Bersatu", "established_on": "2008-06-14"}
    )
    assert response.status_code == 200
    assert bajur.bkm.established_on == dt.date(2008, 6, 14)
