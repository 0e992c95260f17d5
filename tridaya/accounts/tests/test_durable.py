"""Every accounts service runs in a durable transaction: a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them."""

import pytest
from django.db import transaction

from tridaya.accounts import services
from tridaya.accounts.models import Role, RoleAssignment
from tridaya.accounts.tests.factories import UserFactory
from tridaya.core.tests.durable import atomic_services

SERVICES = atomic_services("tridaya.accounts.services", [])


def test_the_services_are_found():
    names = {name for name, _ in SERVICES}
    assert names == {"role_assign", "role_revoke", "roles_change", "user_create"}


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_every_service_is_durable(name, durable):
    assert durable


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    user = UserFactory()
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.role_assign(actor=None, user=user, role=Role.BKM, region=bajur)
    assert not RoleAssignment.objects.filter(user=user).exists()
