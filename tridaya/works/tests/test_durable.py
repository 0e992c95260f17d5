"""Top-level works services run in a durable transaction: a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. `entry_report` composes
the draft, photo and submit steps through their non-durable inner forms; the progress form's
import calls `entry_report_nested` inside its own transaction."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.works.models import WorkPackage
from tridaya.works.services import packages
from tridaya.works.tests import factories as f

MODULES = ["assets", "packages", "progress"]
SERVICES = atomic_services("tridaya.works.services", MODULES)

NOT_DURABLE = {
    # the progress form's import (works.fieldform) stores each row inside its transaction
    "progress.entry_report_nested",
}


def test_the_services_are_found():
    assert len(SERVICES) == 19
    assert {name.split(".")[0] for name, _ in SERVICES} == set(MODULES)


@pytest.mark.parametrize(("name", "durable"), SERVICES, ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable == (name not in NOT_DURABLE)


def test_every_exception_is_still_a_service():
    assert {name for name, _ in SERVICES} >= NOT_DURABLE


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    from tridaya.institutions.tests.factories import ksm_with

    activity = f.legalised_activity(bajur)
    ksm = ksm_with(bajur)
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        packages.package_create(
            actor=None,
            village=bajur,
            plan_activity_id=activity.pk,
            starts_on=f.START,
            ends_on=f.END,
            ksm=ksm,
        )
    assert not WorkPackage.objects.exists()
