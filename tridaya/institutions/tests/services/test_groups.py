"""UP-UP, TIPP (gender balance, confirmation) and KSM (three members, a leader among them)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tridaya.core.models import AuditEvent
from tridaya.institutions import selectors, services
from tridaya.institutions.models import KSM, KSMMember, UPKind
from tridaya.institutions.tests.factories import ksm_with, people, refused_code, tipp_with

pytestmark = pytest.mark.django_db


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
