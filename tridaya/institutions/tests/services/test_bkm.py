"""BKM: its members (party declaration, one seat per term), elections and their rembug."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tridaya.core.models import AuditEvent
from tridaya.institutions import selectors, services
from tridaya.institutions.models import BKMMember, BKMPosition, Election
from tridaya.institutions.tests.factories import bkm_with_members, people, person, refused_code

pytestmark = pytest.mark.django_db


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
