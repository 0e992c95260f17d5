"""Top-level services run in a durable transaction, so a caller composing two of them in one
transaction fails at once (RuntimeError) instead of silently nesting them. The services below
stay non-durable for now, each for the reason given."""

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

NOT_DURABLE = {
    # called inside areas_import and area_derive
    "kawasan.area_create",
    # called inside scores_fill_from_data
    "ranking.scores_set",
    # the works demo seeds a plan, its RAB and its versions inside one transaction, and the
    # RAB property test composes them in one transaction per example
    *(f"plans.{n}" for n in ("plan_create", "version_update_texts", "version_set_safeguards",
                             "program_save", "program_delete", "investment_row_save",
                             "investment_row_delete")),
    # saved from the admin's change form (inside the admin's transaction) and from the outlines
    "plans.outline_save",
    *(f"rab.{n}" for n in ("activity_save", "activity_delete", "rab_item_add", "rab_item_delete",
                           "attachment_add", "attachment_delete")),
    *(f"versions.{n}" for n in ("version_start_public_test", "feedback_add", "feedback_answer",
                                "version_revise", "version_sign", "version_legalise",
                                "version_amend")),
}  # fmt: skip


def _atomic_services():
    return atomic_services("tridaya.planning.services", MODULES)


@pytest.mark.parametrize(("name", "durable"), _atomic_services(), ids=lambda x: str(x))
def test_top_level_services_are_durable(name, durable):
    assert durable == (name not in NOT_DURABLE)


def test_every_exception_is_still_a_service():
    names = {name for name, _durable in _atomic_services()}
    assert names >= NOT_DURABLE


@pytest.mark.django_db
def test_a_service_refuses_to_run_inside_another_transaction(bajur):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        priorities.round_create(
            actor=None, village=bajur, title="Putaran 1", criteria=f.criteria(("Dampak", 3))
        )
    assert not PriorityRound.objects.exists()
