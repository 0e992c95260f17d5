"""Top-level services run in a durable transaction, so a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. Services composed by
others (`kawasan.area_create` inside the import and the derivation, `ranking.scores_set` inside
the fill from data) are durable wrappers of the private step their composers call."""

import pytest
from django.db import transaction

from tridaya.core.tests.durable import atomic_services
from tridaya.planning.models import PriorityRound
from tridaya.planning.services import priorities
from tridaya.planning.tests import factories as f

MODULES = [
    "documents", "kawasan", "kawasan_derive", "plans", "price_lists", "priorities", "rab",
    "ranking", "snapshots", "versions",
]  # fmt: skip


def _atomic_services():
    return atomic_services("tridaya.planning.services", MODULES)


@pytest.mark.parametrize(("name", "durable"), _atomic_services(), ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable


def test_every_service_is_found():
    names = {name for name, _durable in _atomic_services()}
    assert {"plans.plan_create", "rab.rab_item_add", "versions.version_amend"} <= names
    assert {"kawasan.area_create", "ranking.scores_set", "plans.outline_save"} <= names


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        priorities.round_create(
            actor=None, village=bajur, title="Putaran 1", criteria=f.criteria(("Dampak", 3))
        )
    assert not PriorityRound.objects.exists()
