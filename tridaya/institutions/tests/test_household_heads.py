"""The survey import sets the poverty status of registered people who head households through
`people_mark_household_heads`: bulk, policy-checked, one audit event per call."""

import pytest
from django.core.exceptions import PermissionDenied

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.institutions import selectors, services
from tridaya.institutions.models import Person

pytestmark = pytest.mark.django_db


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
