"""The register of people: NIK rules, audit without personal data, the policy, and the survey
import's bulk link of household heads."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions import selectors, services
from tridaya.institutions.models import Person, Sex
from tridaya.institutions.tests.factories import next_nik, refused_code

pytestmark = pytest.mark.django_db


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


# Household heads from the survey import ----------------------------------------------------


def _person(village, nik: str, *, is_poor: bool = False) -> Person:
    return services.person_create(
        actor=None, village=village, name=f"Warga {nik[-2:]}", sex="L", nik=nik, is_poor=is_poor
    )


def test_heads_take_their_households_status_in_one_audited_bulk_write(
    bajur, users, django_assert_max_num_queries
):
    poor_now = _person(bajur, "5201080101900001")
    stays_poor = _person(bajur, "5201080101900002", is_poor=True)
    not_poor_now = _person(bajur, "5201080101900003", is_poor=True)
    found = selectors.people_by_nik(bajur, ["5201080101900001", "5201080101900003", "", "999"])
    assert found == {"5201080101900001": poor_now.pk, "5201080101900003": not_poor_now.pk}

    heads = {poor_now.pk: True, stays_poor.pk: True, not_poor_now.pk: False}
    with django_assert_max_num_queries(8):
        result = services.people_mark_household_heads(
            actor=users["village_bkm"], village=bajur, heads=heads, source="survei #7"
        )
    assert (result.people, result.became_poor, result.became_not_poor) == (
        3,
        [poor_now.pk],
        [not_poor_now.pk],
    )
    statuses = dict(Person.objects.values_list("pk", "is_poor"))
    assert statuses == {poor_now.pk: True, stays_poor.pk: True, not_poor_now.pk: False}
    event = AuditEvent.objects.get(action="institutions.household_heads_marked")
    assert event.region_code == bajur.code and event.actor == users["village_bkm"]
    assert event.changes == {
        "source": [None, "survei #7"],
        "became_poor": [None, [poor_now.pk]],
        "became_not_poor": [None, [not_poor_now.pk]],
    }

    # The same import again changes nothing and records nothing more.
    again = services.people_mark_household_heads(
        actor=None, village=bajur, heads=heads, source="survei #7"
    )
    assert again.became_poor == again.became_not_poor == []
    assert AuditEvent.objects.filter(action="institutions.household_heads_marked").count() == 1


def test_people_of_another_village_and_unauthorised_actors_are_refused(bajur, terong_tawah, users):
    stranger = _person(terong_tawah, "5201080101900009")
    with pytest.raises(DomainError) as error:
        services.people_mark_household_heads(
            actor=None, village=bajur, heads={stranger.pk: True}, source="survei #1"
        )
    assert error.value.code == "person_not_in_village"
    assert not Person.objects.get(pk=stranger.pk).is_poor
    with pytest.raises(PermissionDenied):
        services.people_mark_household_heads(
            actor=users["village_resident"], village=bajur, heads={}, source="survei #1"
        )
