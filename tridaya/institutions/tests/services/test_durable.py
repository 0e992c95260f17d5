"""Top-level institutions services run in a durable transaction: a caller composing two of them in
one transaction fails at once (RuntimeError) instead of silently nesting them. The admin saves an
institution with its member lines through one service (`services.memberships`). The services
below stay non-durable, each for the reason given."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.institutions import services
from tridaya.institutions.models import BKM, Person

MODULES = ["bkm", "groups", "memberships", "people", "personal_data"]
SERVICES = atomic_services("tridaya.institutions.services", MODULES)

NOT_DURABLE = {
    # run inside another app's service: cycle's `meeting_link_election`, mapping's household
    # services (a head's poverty status) and the survey import's transaction
    "bkm.election_link_meeting_nested",
    "people.person_update_nested",
    "people.people_mark_household_heads",
}


def test_the_services_are_found():
    assert {name for name, _ in SERVICES} == {
        "bkm.bkm_save", "bkm.bkm_member_add", "bkm.bkm_member_remove", "bkm.election_record",
        "bkm.election_link_meeting", "bkm.election_link_meeting_nested",
        "groups.up_unit_create", "groups.up_staff_add", "groups.up_staff_remove",
        "groups.tipp_save", "groups.tipp_member_add", "groups.tipp_member_remove",
        "groups.pokja_create", "groups.pokja_member_add", "groups.pokja_member_remove",
        "groups.ksm_create", "groups.ksm_update", "groups.ksm_member_add",
        "groups.ksm_member_remove", "groups.kpp_create", "groups.kpp_update",
        "groups.kpp_member_add", "groups.kpp_member_remove",
        "memberships.bkm_save_with_members", "memberships.up_unit_save_with_staff",
        "memberships.tipp_save_with_members", "memberships.pokja_save_with_members",
        "memberships.ksm_update_with_members", "memberships.kpp_save_with_members",
        "people.person_create", "people.person_update", "people.person_update_nested",
        "people.people_mark_household_heads",
        "personal_data.person_data_export", "personal_data.person_erase",
    }  # fmt: skip


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable == (name not in NOT_DURABLE)


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.bkm_save(actor=None, village=bajur, name="BKM Bajur Sejahtera")
    assert not BKM.objects.exists()


@pytest.mark.django_db
def test_two_services_cannot_be_composed_in_one_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.person_create(actor=None, village=bajur, name="Sahnan", sex="L")
    assert not Person.objects.exists()
