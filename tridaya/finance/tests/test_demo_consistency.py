"""The seeded demo's KSM money is what the rules allow: every transfer to a KSM is a release
against a verified proposal within its tranche, each RPD stays within its tranche, each
proposal's released total is what the ledger moved, and no advance is overspent. Seeds the demo
through the KSM step (the steps the money does not read are skipped)."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from tridaya.core import demo as core_demo
from tridaya.finance import demo
from tridaya.finance.models import (
    Account,
    DisbursementRequest,
    Entry,
    KsmRelease,
    Lpj,
    Proposal,
    ProposalStatus,
    Purchase,
    Purpose,
    RequestStatus,
    Voucher,
    VoucherKind,
)
from tridaya.finance.selectors.activities import money_of_plan_activities
from tridaya.finance.services.proposals import ksm_tranche_cap
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region

pytestmark = pytest.mark.django_db
SKIPPED = {"mapping_households", "training", "cycle_history", "marketing", "oversight"}


@pytest.fixture
def seeded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    lines: list[str] = []
    for step in core_demo.steps():
        if step.name not in SKIPPED:
            step.run(lines.append)
        if step.name == "finance_proposal":
            break
    return lines


def _releases_are_against_verified_proposals():
    advances = Account.objects.filter(village_id=demo.BAJUR, purpose=Purpose.KSM_ADVANCE)
    assert advances.count() == 5 and not advances.filter(activity_key="").exists()
    transfers = Voucher.objects.filter(
        village_id=demo.BAJUR,
        kind=VoucherKind.TRANSFER,
        entries__account__purpose=Purpose.KSM_ADVANCE,
        entries__debit__gt=0,
        reverses__isnull=True,
    ).distinct()
    releases = KsmRelease.objects.select_related("activity__proposal__allocation__ksm_scheme")
    assert transfers.count() == releases.count() == 5
    assert set(transfers.values_list("pk", flat=True)) == set(
        releases.values_list("voucher_id", flat=True)
    )
    for release in releases:
        activity = release.activity
        assert activity.proposal.status == ProposalStatus.VERIFIED
        assert activity.proposal.verified_on < release.voucher.date
        released = activity.releases.filter(tranche__lte=release.tranche).aggregate(
            total=Sum("amount")
        )["total"]
        assert released <= ksm_tranche_cap(activity, release.tranche)


def _plans_within_tranches_and_releases_match_the_ledger():
    proposals = Proposal.objects.filter(village_id=demo.BAJUR).prefetch_related("activities")
    assert proposals.count() == 4
    maju = proposals.get(ksm__name=demo.FOURTH_KSM)
    assert maju.activities.get().releases.exists()  # the KSM of the issue shows its release
    for proposal in proposals:
        for activity in proposal.activities.all():
            planned = activity.cash_plan.filter(tranche=1).aggregate(total=Sum("amount"))
            assert 0 < planned["total"] <= ksm_tranche_cap(activity, 1)
            released = activity.releases.aggregate(total=Sum("amount"))["total"] or 0
            account = Account.objects.filter(activity_key=activity.key).first()
            if account is None:
                assert released == 0  # the package starting next year is not released yet
                continue
            moved_in = Entry.objects.filter(
                account=account, voucher__kind=VoucherKind.TRANSFER
            ).aggregate(total=Sum("debit"))["total"]
            assert released == moved_in == planned["total"]
            spent = Purchase.objects.filter(activity=activity).aggregate(total=Sum("amount"))
            assert 0 < spent["total"] <= released and account.balance >= 0
            money = money_of_plan_activities(demo.BAJUR, [activity.plan_activity_id])
            assert money[activity.plan_activity_id].released == released


def _year_is_complete_and_balances(capsys):
    assert 130 <= Voucher.objects.filter(village_id=demo.BAJUR).count() <= 180
    payments = Voucher.objects.filter(kind=VoucherKind.PAYMENT, reverses__isnull=True)
    assert payments.count() >= 100
    assert all(v.evidence.name.endswith(".png") for v in payments)
    assert Voucher.objects.filter(reverses__isnull=False).count() == 1
    assert Lpj.objects.filter(status="accepted").count() == 1
    assert DisbursementRequest.objects.filter(status=RequestStatus.DISBURSED).count() == 3
    call_command("ledger_check")
    assert "OK" in capsys.readouterr().out
    counts = (Voucher.objects.count(), Proposal.objects.count(), KsmRelease.objects.count())
    demo.seed_proposal(lambda _m: None)
    assert counts == (
        Voucher.objects.count(),
        Proposal.objects.count(),
        KsmRelease.objects.count(),
    )


def test_seeded_demo_money_follows_the_rules(seeded, capsys):
    """One seed (it is slow) for the three checks."""
    assert any("usulan KSM diverifikasi" in line for line in seeded)
    _releases_are_against_verified_proposals()
    _plans_within_tranches_and_releases_match_the_ledger()
    _year_is_complete_and_balances(capsys)
