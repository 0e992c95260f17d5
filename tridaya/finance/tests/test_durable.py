"""Top-level finance services run in a durable transaction: a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. The services below stay
non-durable, each for the reason given."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.finance.models import Account
from tridaya.finance.services import ledger

MODULES = [
    "allocations", "books", "imports", "ledger", "partners", "procurement", "proposals",
    "reports", "swadaya", "tranches",
]  # fmt: skip
SERVICES = atomic_services("tridaya.finance.services", MODULES)

NOT_DURABLE = {
    # marketing's pledge services post and reverse the partner's receipt through these hooks,
    # inside their own transaction (marketing.registry)
    "partners.partner_receipt_post",
    "partners.partner_receipt_reverse",
    # works' services record the swadaya reported with progress or upkeep inside theirs
    "swadaya.swadaya_record_nested",
}


def test_the_services_are_found():
    assert len(SERVICES) == 32
    assert {name.split(".")[0] for name, _ in SERVICES} == set(MODULES)


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable == (name not in NOT_DURABLE)


def test_every_exception_is_still_a_service():
    assert {name for name, _ in SERVICES} >= NOT_DURABLE


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        ledger.chart_open(actor=None, village=bajur)
    assert not Account.objects.filter(village=bajur).exists()
