import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tridaya.core.models import AuditEvent
from tridaya.institutions import selectors, services
from tridaya.institutions.models import (
    KSM,
    BKMMember,
    BKMPosition,
    Election,
    KSMMember,
    Person,
    Sex,
    UPKind,
)
from tridaya.institutions.tests.factories import (
    bkm_with_members,
    ksm_with,
    next_nik,
    people,
    person,
    tipp_with,
)

pytestmark = pytest.mark.django_db


def refused_code(exc_info) -> str:
    return exc_info.value.code


# People ---------------------------------------------------------------------------------------


def test_nik_is_unique_within_a_village_only(bajur, terong_tawah):
    nik = next_nik()
    services.person_create(actor=None, village=bajur, name="Sahnan", sex=Sex.MALE, nik=nik)
    with pytest.raises(ValidationError) as refused:
        services.person_create(actor=None, village=bajur, name="Rusdi", sex=Sex.MALE, nik=nik)
    assert "NIK ini sudah tercatat untuk warga lain di desa ini." in refused.value.messages
    # The same number in the neighbouring village is another register: accepted.
    services.person_create(actor=None, village=terong_tawah, name="Rusdi", sex=Sex.MALE, nik=nik)
    # Many people may have no NIK recorded.
    services.person_create(actor=None, village=bajur, name="Masnah", sex=Sex.FEMALE)
    services.person_create(actor=None, village=bajur, name="Halimah", sex=Sex.FEMALE)
    assert list(Person.objects.filter(nik=nik).values_list("village", flat=True).order_by()) == [
        bajur.code,
        terong_tawah.code,
    ]


def test_editing_a_person_keeps_their_own_nik(bajur):
    nik = next_nik()
    someone = services.person_create(
        actor=None, village=bajur, name="Sahnan", sex=Sex.MALE, nik=nik
    )
    values = {name: getattr(someone, name) for name in services.PERSON_FIELDS}
    services.person_update(actor=None, person=someone, **{**values, "occupation": "guru"})
    someone.refresh_from_db()
    assert (someone.nik, someone.occupation) == (nik, "guru")


def test_nik_and_phone_never_reach_the_audit_trail(bajur):
    nik = next_nik()
    someone = services.person_create(
        actor=None, village=bajur, name="Sahnan", sex=Sex.MALE, nik=nik, phone="081234567890"
    )
    created = AuditEvent.objects.get(action="institutions.person_created")
    assert created.changes["nik"] == [None, "***"]
    assert created.changes["phone"] == [None, "***"]
    assert created.changes["name"] == [None, "Sahnan"]
    values = {name: getattr(someone, name) for name in services.PERSON_FIELDS}
    new_nik = next_nik()
    services.person_update(actor=None, person=someone, **{**values, "nik": new_nik, "phone": ""})
    updated = AuditEvent.objects.get(action="institutions.person_updated")
    assert updated.changes == {"nik": ["***", "***"], "phone": ["***", ""]}
    every_change = json.dumps([e.changes for e in AuditEvent.objects.all()])
    for secret in (nik, new_nik, "081234567890"):
        assert secret not in every_change


def test_services_check_the_policy(users, bajur, terong_tawah):
    with pytest.raises(PermissionDenied):
        services.person_create(
            actor=users["village_resident"], village=bajur, name="X", sex=Sex.MALE
        )
    with pytest.raises(Http404):
        services.person_create(
            actor=users["village_bkm"], village=terong_tawah, name="X", sex=Sex.MALE
        )
    created = services.person_create(
        actor=users["village_bkm"], village=bajur, name="Sahnan", sex=Sex.MALE
    )
    assert (
        AuditEvent.objects.get(action="institutions.person_created").actor == users["village_bkm"]
    )
    assert created.village == bajur


def test_institutions_belong_to_a_village(bajur):
    with pytest.raises(ValidationError) as refused:
        services.bkm_save(actor=None, village=bajur.parent, name="BKM Labuapi")
    assert refused_code(refused) == "not_a_village"


# BKM ------------------------------------------------------------------------------------------


def test_a_bkm_member_must_declare_not_to_be_a_party_member(bajur):
    bkm = bkm_with_members(bajur, count=0)
    candidate = person(bajur)
    with pytest.raises(ValidationError) as refused:
        services.bkm_member_add(
            actor=None,
            bkm=bkm,
            person=candidate,
            position=BKMPosition.MEMBER,
            term_start=dt.date(2025, 9, 1),
            no_party_declaration=False,
        )
    assert refused.value.message_dict["no_party_declaration"] == [
        "Anggota BKM harus menyatakan bukan anggota partai politik; "
        "centang pernyataan yang sudah ditandatangani."
    ]
    assert not BKMMember.objects.exists()
    member = services.bkm_member_add(
        actor=None,
        bkm=bkm,
        person=candidate,
        position=BKMPosition.MEMBER,
        term_start=dt.date(2025, 9, 1),
        no_party_declaration=True,
        declaration_date=dt.date(2025, 8, 28),
    )
    assert member.term_end == dt.date(2028, 8, 31)  # three years unless said otherwise
    event = AuditEvent.objects.get(action="institutions.bkm_member_added")
    assert event.changes["no_party_declaration"] == [None, True]
    assert event.region_code == bajur.code


def test_a_person_sits_once_per_term_but_may_serve_again(bajur):
    bkm = bkm_with_members(bajur, count=1, start=dt.date(2022, 9, 1))
    member = bkm.members.get().person

    def seat(start):
        return services.bkm_member_add(
            actor=None,
            bkm=bkm,
            person=member,
            position=BKMPosition.MEMBER,
            term_start=start,
            no_party_declaration=True,
        )

    with pytest.raises(ValidationError) as refused:
        seat(dt.date(2024, 1, 1))  # inside the running term
    assert "sudah menjadi anggota BKM pada masa bakti itu" in refused.value.messages[0]
    seat(dt.date(2025, 9, 1))  # the next term, after the first ended on 31 August 2025
    assert bkm.members.filter(person=member).count() == 2


def test_members_come_from_the_bkms_own_village(bajur, terong_tawah):
    bkm = bkm_with_members(bajur, count=0)
    outsider = person(terong_tawah, name="Rohani Fatimah")
    with pytest.raises(ValidationError) as refused:
        services.bkm_member_add(
            actor=None,
            bkm=bkm,
            person=outsider,
            position=BKMPosition.MEMBER,
            term_start=dt.date(2025, 9, 1),
            no_party_declaration=True,
        )
    assert refused.value.message_dict["person"] == ["Rohani Fatimah bukan warga desa ini."]


def test_election_results_are_ordered_by_votes(bajur):
    bkm = bkm_with_members(bajur, count=0)
    a, b, c = people(bajur, 3)
    services.election_record(
        actor=None,
        bkm=bkm,
        held_on=dt.date(2025, 8, 23),
        place="Aula Kantor Desa",
        candidates=[
            services.CandidateVotes(person=a, votes=40),
            services.CandidateVotes(person=b, votes=97, elected=True),
            services.CandidateVotes(person=c, votes=63, elected=True),
        ],
    )
    election = selectors.elections_of(bkm).get()
    results = [(cand.person, cand.votes, cand.elected) for cand in election.candidates.all()]
    assert results == [(b, 97, True), (c, 63, True), (a, 40, False)]
    event = AuditEvent.objects.get(action="institutions.election_recorded")
    assert len(event.changes["candidates"][1]) == 3


@pytest.mark.parametrize(
    ("make_candidates", "held_on", "code"),
    [
        (lambda a, b: [], dt.date(2025, 8, 23), "election_without_candidates"),
        (
            lambda a, b: [services.CandidateVotes(a, 3), services.CandidateVotes(a, 5)],
            dt.date(2025, 8, 23),
            "election_duplicate_candidate",
        ),
        (
            lambda a, b: [services.CandidateVotes(a, 3)],
            dt.date.today() + dt.timedelta(days=30),
            "election_in_future",
        ),
    ],
)
def test_an_election_is_refused_when_it_cannot_be_right(bajur, make_candidates, held_on, code):
    bkm = bkm_with_members(bajur, count=0)
    a, b = people(bajur, 2)
    with pytest.raises(ValidationError) as refused:
        services.election_record(
            actor=None, bkm=bkm, held_on=held_on, candidates=make_candidates(a, b)
        )
    assert refused_code(refused) == code
    assert not Election.objects.exists()


def test_the_cycle_links_an_election_to_its_rembug(bajur):
    bkm = bkm_with_members(bajur, count=0)
    election = services.election_record(
        actor=None,
        bkm=bkm,
        held_on=dt.date(2025, 8, 23),
        candidates=[services.CandidateVotes(person(bajur), 10)],
    )
    services.election_link_meeting(actor=None, election=election, meeting_id=41)
    election.refresh_from_db()
    assert election.meeting_id == 41
    event = AuditEvent.objects.get(action="institutions.election_meeting_linked")
    assert event.changes == {"meeting_id": [None, 41]}


# UP-UP ----------------------------------------------------------------------------------------


def test_each_up_unit_exists_once_per_village(bajur, terong_tawah):
    services.up_unit_create(actor=None, village=bajur, kind=UPKind.UPK)
    with pytest.raises(ValidationError) as refused:
        services.up_unit_create(actor=None, village=bajur, kind=UPKind.UPK)
    assert "Unit ini sudah ada di desa ini." in refused.value.messages
    services.up_unit_create(actor=None, village=terong_tawah, kind=UPKind.UPK)


# TIPP -----------------------------------------------------------------------------------------


def test_tipp_gender_balance_and_confirmation(bajur):
    tipp_with(bajur, men=9, women=6, confirmed=False)
    team = selectors.tipp_view(bajur)
    assert (team.balance.men, team.balance.women, str(team.balance.women_share)) == (9, 6, "40.0")
    assert team.meets_women_target
    assert not team.tipp.is_confirmed
    services.tipp_save(
        actor=None,
        village=bajur,
        formed_on=dt.date(2026, 2, 10),
        confirmed_by_bkm_on=dt.date(2026, 2, 17),
        confirmed_by_lurah_on=None,
    )
    assert not selectors.tipp_view(bajur).tipp.is_confirmed  # the Lurah has not confirmed yet
    services.tipp_save(
        actor=None,
        village=bajur,
        formed_on=dt.date(2026, 2, 10),
        confirmed_by_bkm_on=dt.date(2026, 2, 17),
        confirmed_by_lurah_on=dt.date(2026, 2, 24),
    )
    assert selectors.tipp_view(bajur).tipp.is_confirmed
    event = AuditEvent.objects.filter(action="institutions.tipp_saved").first()
    assert event.changes == {"confirmed_by_lurah_on": [None, "2026-02-24"]}


def test_a_tipp_with_too_few_women_falls_short_of_the_target(bajur):
    tipp_with(bajur, men=8, women=3)
    team = selectors.tipp_view(bajur)
    assert str(team.balance.women_share) == "27.3"
    assert not team.meets_women_target


def test_tipp_cannot_be_confirmed_in_the_future_or_before_it_was_formed(bajur):
    with pytest.raises(ValidationError) as refused:
        services.tipp_save(
            actor=None,
            village=bajur,
            formed_on=dt.date(2026, 2, 10),
            confirmed_by_bkm_on=dt.date(2026, 2, 1),
            confirmed_by_lurah_on=dt.date.today() + dt.timedelta(days=3),
        )
    errors = refused.value.message_dict
    assert errors["confirmed_by_bkm_on"] == [
        "Tanggal pengukuhan tidak boleh sebelum TIPP dibentuk."
    ]
    assert errors["confirmed_by_lurah_on"] == ["Tanggal pengukuhan tidak boleh di masa depan."]


def test_no_tipp_yet(bajur):
    team = selectors.tipp_view(bajur)
    assert team.tipp is None and team.members == [] and team.balance.women_share is None


# KSM ------------------------------------------------------------------------------------------


def test_a_ksm_with_two_members_is_refused(bajur):
    a, b = people(bajur, 2)
    with pytest.raises(ValidationError) as refused:
        services.ksm_create(actor=None, village=bajur, name="KSM Dua", members=[a, b])
    assert refused_code(refused) == "ksm_too_few_members"
    assert refused.value.messages == [
        "KSM harus beranggota sedikitnya 3 orang; yang dipilih baru 2 orang."
    ]
    assert not KSM.objects.exists() and not AuditEvent.objects.exists()


def test_the_same_person_twice_does_not_make_three(bajur):
    a, b = people(bajur, 2)
    with pytest.raises(ValidationError) as refused:
        services.ksm_create(actor=None, village=bajur, name="KSM", members=[a, b, a])
    assert "baru 2 orang" in refused.value.messages[0]


def test_a_ksm_with_three_members_is_formed(bajur):
    a, b, c = people(bajur, 3)
    ksm = services.ksm_create(
        actor=None, village=bajur, name="KSM Karya Bersama", members=[a, b, c], leader=b
    )
    assert set(ksm.members.values_list("person", flat=True)) == {a.pk, b.pk, c.pk}
    assert ksm.leader == b
    event = AuditEvent.objects.get(action="institutions.ksm_created")
    assert sorted(event.changes["members"][1]) == sorted([a.pk, b.pk, c.pk])


def test_a_ksm_leader_is_one_of_its_members(bajur):
    a, b, c, outsider = people(bajur, 4)
    with pytest.raises(ValidationError) as refused:
        services.ksm_create(
            actor=None, village=bajur, name="KSM", members=[a, b, c], leader=outsider
        )
    assert refused_code(refused) == "ksm_leader_not_member"


def test_removing_a_member_down_to_two_is_refused(bajur):
    ksm = ksm_with(bajur, 4)
    first, second = ksm.members.exclude(person=ksm.leader).order_by("id")[:2]
    services.ksm_member_remove(actor=None, member=first)  # 4 -> 3: fine
    with pytest.raises(ValidationError) as refused:
        services.ksm_member_remove(actor=None, member=second)  # 3 -> 2: refused
    assert refused_code(refused) == "ksm_too_few_members"
    assert "akan tinggal 2 anggota" in refused.value.messages[0]
    assert ksm.members.count() == 3
    assert AuditEvent.objects.filter(action="institutions.ksm_member_removed").count() == 1


def test_the_leader_cannot_leave_until_replaced(bajur):
    ksm = ksm_with(bajur, 4)
    leader_seat = KSMMember.objects.get(ksm=ksm, person=ksm.leader)
    with pytest.raises(ValidationError) as refused:
        services.ksm_member_remove(actor=None, member=leader_seat)
    assert refused_code(refused) == "ksm_leader_cannot_leave"
    other = ksm.members.exclude(pk=leader_seat.pk).first().person
    services.ksm_update(
        actor=None, ksm=ksm, name=ksm.name, activity="", leader=other, formed_on=None
    )
    services.ksm_member_remove(actor=None, member=leader_seat)
    assert ksm.members.count() == 3
