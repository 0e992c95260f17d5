"""Every regions service runs in a durable transaction: a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. The admin saves an
RW with its RT lines through one service (`rw_save_with_rts`) outside its own transaction."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.regions import services
from tridaya.regions.models import RW

SERVICES = atomic_services("tridaya.regions.services", [])


def test_the_services_are_found():
    assert {name for name, _ in SERVICES} == {
        "profile_update", "rw_save", "rt_save", "rt_delete", "rw_save_with_rts",
    }  # fmt: skip


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_every_service_is_durable(name, durable):
    assert durable


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        services.rw_save(actor=None, village=bajur, number=7)
    assert not RW.objects.filter(village=bajur, number=7).exists()
