import datetime as dt
from decimal import Decimal

import pytest

from tridaya.finance.errors import FinanceError
from tridaya.finance.models import Account, Purpose
from tridaya.finance.services.allocations import allocation_create
from tridaya.finance.services.proposals import (
    cash_plan_item_add,
    ksm_release,
    proposal_activity_add,
    proposal_create,
    proposal_submit,
    proposal_verify,
)
from tridaya.finance.tests.factories import (
    DAY,
    legalised_rtplp_activity,
    opened,
    receive_blm,
    spend,
)
from tridaya.finance.tests.test_services_ledger import refused
from tridaya.institutions.tests.factories import ksm_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(bajur):
    opened(bajur)
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    plan_activity = legalised_rtplp_activity(bajur)  # Rp 15.000.000 of BLM
    proposal = proposal_create(
        actor=None,
        allocation=allocation,
        ksm=ksm_with(bajur),
        number="01/KSM/2026",
        proposed_on=DAY,
    )
    return proposal, plan_activity


def verified_activity(proposal, plan_activity):
    activity = proposal_activity_add(
        actor=None, proposal=proposal, plan_activity_id=plan_activity.pk
    )
    proposal_submit(actor=None, proposal=proposal)
    proposal_verify(actor=None, proposal=proposal, verified_on=DAY)
    return activity


def rpd(activity, tranche, requested="60"):
    return cash_plan_item_add(
        actor=None,
        activity=activity,
        tranche=tranche,
        category="bahan",
        item="Semen 50 kg",
        unit="sak",
        quantity_needed=Decimal("100"),
        requested=Decimal(requested),
        unit_price=150_000,
    )


def test_activity_is_copied_from_the_legalised_rtplp(setup):
    proposal, plan_activity = setup
    activity = proposal_activity_add(
        actor=None, proposal=proposal, plan_activity_id=plan_activity.pk
    )
    assert activity.blm_amount == 15_000_000
    assert (activity.people, activity.women, activity.mbr) == (120, 60, 40)
    assert activity.domain == "L" and activity.unit
    with refused(FinanceError.PROPOSAL_EXISTS):
        proposal_activity_add(actor=None, proposal=proposal, plan_activity_id=plan_activity.pk)
    with refused(FinanceError.NOT_IN_RTPLP):
        proposal_activity_add(actor=None, proposal=proposal, plan_activity_id=999_999)


def test_rpd_amount_and_quantities(setup):
    proposal, plan_activity = setup
    activity = verified_activity(proposal, plan_activity)
    line = rpd(activity, 1, requested="2.5")
    assert line.amount == 375_000
    with refused(FinanceError.RPD_BAD):
        cash_plan_item_add(
            actor=None,
            activity=activity,
            tranche=2,
            category="bahan",
            item="Semen",
            unit="sak",
            quantity_needed=Decimal(10),
            realised_before=Decimal(8),
            requested=Decimal(3),
            unit_price=1,
        )


def test_release_needs_a_verified_proposal_and_a_cash_plan(bajur, setup):
    proposal, plan_activity = setup
    activity = proposal_activity_add(
        actor=None, proposal=proposal, plan_activity_id=plan_activity.pk
    )
    receive_blm(bajur, 100_000_000)
    with refused(FinanceError.RELEASE_CONDITIONS) as caught:
        ksm_release(actor=None, activity=activity, tranche=1, amount=1, date=DAY)
    assert "belum diverifikasi" in caught.error.message and "RPD tahap 1" in caught.error.message


def test_release_never_exceeds_the_ksm_tranche_and_spending_never_the_release(bajur, setup):
    proposal, plan_activity = setup
    activity = verified_activity(proposal, plan_activity)
    receive_blm(bajur, 100_000_000)
    rpd(activity, 1)
    with refused(FinanceError.RELEASE_OVER_TRANCHE) as caught:
        ksm_release(actor=None, activity=activity, tranche=1, amount=9_000_001, date=DAY)
    assert "Rp 9.000.000" in caught.error.message
    release = ksm_release(
        actor=None,
        activity=activity,
        tranche=1,
        amount=9_000_000,
        date=DAY,
        idempotency_key="rel-1",
    )
    again = ksm_release(
        actor=None,
        activity=activity,
        tranche=1,
        amount=9_000_000,
        date=DAY,
        idempotency_key="rel-1",
    )
    assert again.pk == release.pk
    advance = Account.objects.get(purpose=Purpose.KSM_ADVANCE, activity_key=activity.key)
    assert advance.balance == 9_000_000
    with refused(FinanceError.RELEASE_CONDITIONS):
        ksm_release(actor=None, activity=activity, tranche=2, amount=1, date=DAY)
    rpd(activity, 2, requested="30")
    ksm_release(actor=None, activity=activity, tranche=2, amount=4_500_000, date=DAY)
    with refused(FinanceError.RELEASE_OVER_TRANCHE):
        ksm_release(actor=None, activity=activity, tranche=2, amount=1, date=DAY)
    spend(bajur, advance, 13_500_000)
    with refused(FinanceError.OVERDRAWN):
        spend(bajur, advance, 1)


def test_release_is_also_limited_by_the_bkm_bank(bajur, setup):
    proposal, plan_activity = setup
    activity = verified_activity(proposal, plan_activity)
    receive_blm(bajur, 1_000_000)
    rpd(activity, 1)
    with refused(FinanceError.OVERDRAWN):
        ksm_release(actor=None, activity=activity, tranche=1, amount=2_000_000, date=DAY)


def test_bkm_returns_a_proposal_with_a_reason(setup):
    proposal, plan_activity = setup
    proposal_activity_add(actor=None, proposal=proposal, plan_activity_id=plan_activity.pk)
    proposal_submit(actor=None, proposal=proposal)
    returned = proposal_verify(
        actor=None,
        proposal=proposal,
        verified_on=dt.date(2026, 3, 12),
        accept=False,
        reason="Daftar hadir rapat KSM belum dilampirkan",
    )
    assert returned.status == "returned" and "Daftar hadir" in returned.return_reason
    proposal_submit(actor=None, proposal=proposal)


def test_rpd_of_a_tranche_stays_within_its_share_of_the_blm(setup):
    """BLM Rp 15 juta: tranche I (60%) plans at most Rp 9 juta, tranche II (30%) Rp 4,5 juta."""
    proposal, plan_activity = setup
    activity = verified_activity(proposal, plan_activity)
    rpd(activity, 1, requested="50")  # Rp 7.500.000
    with refused(FinanceError.RPD_BAD) as caught:
        rpd(activity, 1, requested="11")  # would make Rp 9.150.000
    assert "melebihi bagian tahap itu" in caught.error.messages[0]
    assert "Rp 9.000.000" in caught.error.messages[0]
    rpd(activity, 1, requested="10")  # exactly Rp 9.000.000
    rpd(activity, 2, requested="30")  # Rp 4.500.000, the whole of tranche II
    with refused(FinanceError.RPD_BAD):
        rpd(activity, 2, requested="1")
    assert sum(line.amount for line in activity.cash_plan.filter(tranche=1)) == 9_000_000
