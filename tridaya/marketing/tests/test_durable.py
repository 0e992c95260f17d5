"""Top-level marketing services run in a durable transaction: a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. (`definitions.
sync_sources` is a loader, not a service: it runs lazily inside services and stays nested.)"""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.tests import factories as f

MODULES = ["forums", "partners", "pledges", "prospectus"]
SERVICES = atomic_services("tridaya.marketing.services", MODULES)


def test_the_services_are_found():
    assert len(SERVICES) == 13
    assert {name.split(".")[0] for name, _ in SERVICES} == set(MODULES)


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    partner = f.partner(bajur)
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        partner_services.contact_add(actor=None, where=bajur, partner=partner, name="Baiq Nur")
    assert not partner.contacts.exists()
