"""Top-level services run in a durable transaction, so a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. The services below
stay non-durable, each for the reason given."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.mapping.models import ProblemStatus
from tridaya.mapping.services import problems
from tridaya.mapping.tests.factories import problem, with_units

MODULES = ["households", "layers", "problem_photos", "problems", "slum", "slum_import", "surveys"]

NOT_DURABLE = {
    # called by the survey and GIS imports for each row, inside the import's transaction (and,
    # for RT profiles, by works' handled volumes inside its service)
    "problems.problem_upsert",
    "slum.rt_profile_upsert",
}


def _atomic_services():
    return atomic_services("tridaya.mapping.services", MODULES)


@pytest.mark.parametrize(("name", "durable"), _atomic_services(), ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable == (name not in NOT_DURABLE)


def test_every_exception_is_still_a_service():
    names = {name for name, _durable in _atomic_services()}
    assert names >= NOT_DURABLE


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    report = problem(with_units(bajur))
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        problems.problem_set_status(actor=None, problem=report, status=ProblemStatus.VERIFIED)
    report.refresh_from_db()
    assert report.status == ProblemStatus.REPORTED
