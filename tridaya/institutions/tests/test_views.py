import datetime as dt

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.choices import Sex
from tridaya.core.models import AuditEvent
from tridaya.institutions import services
from tridaya.institutions.models import KSM, BKMMember, Election, Person, UPKind
from tridaya.institutions.tests.factories import (
    bkm_with_members,
    ksm_with,
    next_nik,
    people,
    person,
    populate,
    tipp_with,
)
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db
CHART = f"/wilayah/{BAJUR}/lembaga/"
PEOPLE = f"/wilayah/{BAJUR}/lembaga/warga/"


def test_org_chart_shows_every_institution(client, bajur):
    bkm = bkm_with_members(bajur, count=0)
    coordinator = person(bajur, name="Lalu Ahmad Fauzi", sex=Sex.MALE)
    services.bkm_member_add(
        actor=None,
        bkm=bkm,
        person=coordinator,
        position="koordinator",
        term_start=dt.date(2025, 9, 1),
        no_party_declaration=True,
    )
    services.election_record(
        actor=None,
        bkm=bkm,
        held_on=dt.date(2025, 8, 23),
        place="Aula Kantor Desa",
        candidates=[services.CandidateVotes(coordinator, 120, True)],
    )
    unit = services.up_unit_create(actor=None, village=bajur, kind=UPKind.UPK)
    services.up_staff_add(
        actor=None, unit=unit, person=person(bajur, name="Baiq Nurhasanah"), position="Kasir"
    )
    tipp_with(bajur, men=7, women=3)
    services.pokja_create(actor=None, village=bajur, name="Pokja Drainase", aspect="drainase")
    ksm_with(bajur, 3, name="KSM Karya Bersama")
    services.kpp_create(actor=None, village=bajur, name="KPP Tirta Bajur")
    page = client.get(CHART).content.decode()
    for text in (
        f"BKM {bajur.name}",
        "Lalu Ahmad Fauzi",
        "Koordinator",
        "Dipilih 23 Agustus 2025 dari 1 calon",
        "Baiq Nurhasanah",
        "Kasir",
        "dikukuhkan",
        "perempuan 30,0%",
        "Memenuhi target perempuan 30%",
        "Pokja Drainase",
        "KSM Karya Bersama",
        "KPP Tirta Bajur",
    ):
        assert text in page, text


def test_org_chart_hides_bkm_members_whose_term_has_ended(client, bajur):
    bkm_with_members(bajur, count=0)
    old = person(bajur, name="Mantan Anggota")
    services.bkm_member_add(
        actor=None,
        bkm=bajur.bkm,
        person=old,
        position="anggota",
        term_start=dt.date(2019, 1, 1),
        no_party_declaration=True,
    )
    assert "Mantan Anggota" not in client.get(CHART).content.decode()
    assert "Mantan Anggota" in client.get(f"{CHART}bkm/").content.decode()


def test_an_empty_village_says_nothing_is_recorded(client, bajur):
    assert "Belum ada lembaga yang dicatat" in client.get(CHART).content.decode()


def test_org_chart_query_count_does_not_grow(client, bajur, django_assert_num_queries):
    populate(bajur, 2)
    with django_assert_num_queries(14):
        assert client.get(CHART).status_code == 200
    populate(bajur, 5)  # more members everywhere, and more pokja, KSM and KPP
    with django_assert_num_queries(14):
        page = client.get(CHART).content.decode()
    assert page.count("KSM ") >= 7


def test_people_list_query_count_does_not_grow(client, users, bajur, django_assert_num_queries):
    people(bajur, 3)
    client.force_login(users["village_bkm"])
    # session, user, role assignments, the user's places in the menu, village, ancestors,
    # count and page.
    with django_assert_num_queries(8):
        assert client.get(PEOPLE).status_code == 200
    people(bajur, 80)
    with django_assert_num_queries(8):
        page = client.get(PEOPLE).content.decode()
    assert "83 warga" in page


def resident_with_nik(village, nik: str) -> Person:
    return services.person_create(
        actor=None,
        village=village,
        name="Saodah Hasanah",
        sex=Sex.FEMALE,
        nik=nik,
        phone="081999888777",
        is_poor=True,
    )


def test_the_register_is_closed_to_the_public_and_to_residents(client, users, bajur, terong_tawah):
    nik = "5201084702990001"
    resident_with_nik(bajur, nik)
    neighbour_bkm = user_with_role("bkm", TERONG_TAWAH)
    ksm = user_with_role("ksm", BAJUR)
    for viewer, status in (
        (None, 302),
        (users["village_resident"], 403),
        (ksm, 403),
        (neighbour_bkm, 404),
    ):
        client.logout()
        if viewer:
            client.force_login(viewer)
        response = client.get(PEOPLE)
        assert response.status_code == status
        page = response.content.decode()
        assert "Saodah" not in page and nik not in page and "5201**********01" not in page
        # Nor can a name or a number be confirmed by searching for it.
        assert client.get(f"{PEOPLE}?q={nik}").status_code == status
        assert client.get(f"{PEOPLE}?q=Saodah").status_code == status


def test_nik_and_phone_are_shown_only_to_those_allowed(client, users, bajur, terong_tawah):
    nik = "5201084702990001"
    resident_with_nik(bajur, nik)
    # They may open the register, but not see personal data.
    tipp = user_with_role("tipp", BAJUR)
    upk = user_with_role("upk", BAJUR)
    for viewer in (users["province"], tipp, upk):
        client.force_login(viewer)
        response = client.get(PEOPLE)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Saodah Hasanah" in page
        assert "5201**********01" in page
        assert nik not in page and "081999888777" not in page and "MBR" not in page
        assert client.get(f"{PEOPLE}?q={nik}").content.decode().count("Saodah") == 0
    client.force_login(users["village_bkm"])
    page = client.get(PEOPLE).content.decode()
    assert nik in page and "081999888777" in page and "MBR" in page
    assert "Saodah Hasanah" in client.get(f"{PEOPLE}?q={nik}").content.decode()


def test_person_form_creates_and_explains_a_duplicate_nik(client, users, bajur):
    nik = next_nik()
    resident_with_nik(bajur, nik)
    client.force_login(users["village_bkm"])
    data = {"name": "Rusdi Hakim", "sex": "L", "nik": nik, "birth_year": "1980"}
    response = client.post(f"{PEOPLE}tambah/", data)
    assert response.status_code == 200
    assert "NIK ini sudah tercatat untuk warga lain di desa ini." in response.content.decode()
    response = client.post(f"{PEOPLE}tambah/", {**data, "nik": next_nik()})
    assert response.status_code == 302
    assert Person.objects.filter(village=bajur, name="Rusdi Hakim", birth_year=1980).exists()


def test_a_manager_without_personal_data_rights_edits_without_seeing_or_losing_them(
    client, users, bajur
):
    nik = next_nik()
    someone = resident_with_nik(bajur, nik)
    client.force_login(users["province"])  # may manage, may not see personal data
    url = f"{PEOPLE}{someone.pk}/ubah/"
    page = client.get(url).content.decode()
    assert nik not in page and 'name="nik"' not in page and "081999888777" not in page
    response = client.post(url, {"name": "Saodah Hasanah", "sex": "P", "occupation": "guru"})
    assert response.status_code == 302
    someone.refresh_from_db()
    assert (someone.occupation, someone.nik, someone.phone, someone.is_poor) == (
        "guru",
        nik,
        "081999888777",
        True,
    )


def test_bkm_member_form_requires_the_party_declaration(client, users, bajur):
    bkm_with_members(bajur, count=0)
    candidate = person(bajur)
    client.force_login(users["village_bkm"])
    data = {
        "action": "member",
        "member-person": candidate.pk,
        "member-position": "anggota",
        "member-term_start": "2025-09-01",
        "member-declaration_date": "2025-08-28",
    }
    response = client.post(f"{CHART}bkm/", data)
    assert response.status_code == 200
    assert "Anggota BKM harus menyatakan bukan anggota partai politik" in response.content.decode()
    assert not BKMMember.objects.exists()
    response = client.post(f"{CHART}bkm/", {**data, "member-no_party_declaration": "on"})
    assert response.status_code == 302
    member = BKMMember.objects.get()
    assert (member.person, member.term_end) == (candidate, dt.date(2028, 8, 31))


def test_recording_an_election_through_the_page(client, users, bajur):
    bkm_with_members(bajur, count=0)
    a, b = people(bajur, 2)
    client.force_login(users["village_bkm"])
    url = f"{CHART}bkm/pemilihan/tambah/"
    assert client.get(url).content.decode().count('name="candidates-') > 12 * 3 - 1
    response = client.post(
        url,
        {
            "election-held_on": "2025-08-23",
            "election-place": "Aula Kantor Desa",
            "candidates-TOTAL_FORMS": "3",
            "candidates-INITIAL_FORMS": "0",
            "candidates-0-person": a.pk,
            "candidates-0-votes": "12",
            "candidates-1-person": b.pk,
            "candidates-1-votes": "30",
            "candidates-1-elected": "on",
            "candidates-2-person": "",
            "candidates-2-votes": "",
        },
    )
    assert response.status_code == 302
    election = Election.objects.get()
    assert [(c.person, c.votes) for c in election.candidates.all()] == [(b, 30), (a, 12)]
    page = client.get(f"{CHART}bkm/").content.decode()
    assert page.index(b.name) < page.index(a.name)  # most votes first
    assert "30 suara" in page and "terpilih" in page


def test_ksm_page_refuses_two_members_and_says_why(client, users, bajur):
    a, b, c = people(bajur, 3)
    client.force_login(users["village_bkm"])
    url = f"{CHART}ksm/tambah/"
    response = client.post(url, {"name": "KSM Dua", "members": [a.pk, b.pk]})
    assert response.status_code == 200
    assert (
        "KSM harus beranggota sedikitnya 3 orang; yang dipilih baru 2 orang."
        in response.content.decode()
    )
    assert not KSM.objects.exists()
    response = client.post(url, {"name": "KSM Tiga", "members": [a.pk, b.pk, c.pk], "leader": a.pk})
    assert response.status_code == 302
    assert KSM.objects.get().members.count() == 3


def test_removing_a_ksm_member_to_two_is_refused_on_the_page(client, users, bajur):
    ksm = ksm_with(bajur, 3)
    member = ksm.members.exclude(person=ksm.leader).first()
    client.force_login(users["village_bkm"])
    response = client.post(f"{CHART}ksm/", {"action": "remove", "member": member.pk}, follow=True)
    assert "akan tinggal 2 anggota" in response.content.decode()
    assert ksm.members.count() == 3


def test_tipp_page_shows_balance_and_confirmation(client, bajur):
    tipp_with(bajur, men=8, women=3, confirmed=False)
    page = client.get(f"{CHART}tipp/").content.decode()
    assert "Laki-laki 8 · Perempuan 3" in page
    assert "perempuan 27,3%" in page
    assert "Di bawah target perempuan 30%" in page
    assert page.count(">belum<") == 2  # neither the BKM nor the Lurah has confirmed


def test_forms_are_for_managers_only(client, users, bajur):
    tipp_with(bajur, men=1, women=1)
    client.force_login(users["village_resident"])
    page = client.get(f"{CHART}tipp/").content.decode()
    assert "Tambah anggota TIPP" not in page
    assert client.post(f"{CHART}tipp/", {"action": "tipp"}).status_code == 403
    client.logout()
    response = client.post(f"{CHART}pokja/", {"action": "pokja", "pokja-name": "X"})
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")
    client.force_login(users["village_bkm"])
    assert "Tambah anggota TIPP" in client.get(f"{CHART}tipp/").content.decode()


def test_adding_members_through_the_pages_is_audited(client, users, bajur):
    someone = person(bajur)
    client.force_login(users["village_bkm"])
    client.post(
        f"{CHART}pokja/",
        {"action": "pokja", "pokja-name": "Pokja Air", "pokja-aspect": "air_minum"},
    )
    pokja = bajur.pokjas.get()
    response = client.post(
        f"{CHART}pokja/",
        {"action": "member", "member-pokja": pokja.pk, "member-person": someone.pk},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="institutions.pokja_member_added")
    assert event.actor == users["village_bkm"] and event.region_code == BAJUR


def test_village_home_links_to_the_institutions(client, bajur):
    page = client.get(f"/wilayah/{BAJUR}/").content.decode()
    assert f'href="/wilayah/{BAJUR}/lembaga/"' in page
