"""The demo money of Bajur: realistic, consistent books, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from tridaya.accounts import demo as accounts_demo
from tridaya.finance import demo
from tridaya.finance.models import (
    Account,
    Allocation,
    DisbursementRequest,
    Entry,
    Lpj,
    RequestStatus,
    SwadayaContribution,
    Voucher,
)
from tridaya.institutions import demo as institutions_demo
from tridaya.institutions.models import KSM
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_year_of_bajur_money_once(settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    regions_demo.seed(lambda _m: None)
    accounts_demo.seed(lambda _m: None)
    institutions_demo.seed(lambda _m: None)
    lines = []
    demo.seed(lines.append)
    village = demo.BAJUR
    assert 130 <= Voucher.objects.filter(village_id=village).count() <= 170
    assert KSM.objects.filter(village_id=village).count() == 4
    assert Account.objects.filter(village_id=village, purpose="ksm_advance").count() == 4
    received = DisbursementRequest.objects.filter(status=RequestStatus.DISBURSED)
    assert received.count() == 3 and Allocation.objects.count() == 2
    assert Lpj.objects.filter(status="accepted").count() == 1
    assert Voucher.objects.filter(reverses__isnull=False).count() == 1
    assert SwadayaContribution.objects.filter(form="labour").exists()
    payments = Voucher.objects.filter(kind="keluar", reverses__isnull=True)
    assert all(v.evidence.name.endswith(".png") for v in payments)
    call_command("ledger_check")
    assert "OK" in capsys.readouterr().out

    counts = (Voucher.objects.count(), Entry.objects.count(), Allocation.objects.count())
    demo.seed(lines.append)
    assert (Voucher.objects.count(), Entry.objects.count(), Allocation.objects.count()) == counts


def test_demo_ksm_proposal_is_drawn_from_the_rtplp_and_matches_its_purchases(
    settings, tmp_path, capsys
):
    from tridaya.finance.models import CashPlanItem, Proposal, ProposalStatus
    from tridaya.finance.tests.factories import legalised_rtplp_activity

    settings.MEDIA_ROOT = tmp_path
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    regions_demo.seed(lambda _m: None)
    accounts_demo.seed(lambda _m: None)
    institutions_demo.seed(lambda _m: None)
    demo.seed(lambda _m: None)
    plan_activity = legalised_rtplp_activity(
        region(demo.BAJUR), name=demo.PROPOSAL_ACTIVITY, volume="100", price=2_500_000
    )
    lines = []
    demo.seed_proposal(lines.append)
    proposal = Proposal.objects.get(village_id=demo.BAJUR)
    assert proposal.status == ProposalStatus.VERIFIED and proposal.verified_on is not None
    assert proposal.ksm.name == demo.FOURTH_KSM and proposal.allocation.scheme.code == "plpbk"
    activity = proposal.activities.get()
    assert activity.plan_activity_id == plan_activity.pk and activity.blm_amount > 0
    plan = list(CashPlanItem.objects.filter(activity=activity, tranche=1))
    assert len(plan) >= 4
    assert {row.category for row in plan} >= {"bahan", "upah"}
    bought = sum(
        amount for _quantity, amount in demo._bought(region(demo.BAJUR), proposal.ksm).values()
    )
    planned = sum(row.amount for row in plan)
    # The plan asks for what the KSM bought, at the average price it paid (rounded to Rp 500).
    assert abs(planned - bought) <= 250 * sum(int(row.requested) for row in plan)
    assert planned <= 120_000_000  # the advance released to the KSM in March
    assert all(row.realised_before + row.requested <= row.quantity_needed for row in plan)
    call_command("ledger_check")
    assert "OK" in capsys.readouterr().out
    demo.seed_proposal(lines.append)
    assert Proposal.objects.count() == 1 and len(lines) == 1
