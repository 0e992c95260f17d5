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
    Proposal,
    RequestStatus,
    SwadayaContribution,
    Voucher,
)
from tridaya.institutions import demo as institutions_demo
from tridaya.institutions.models import KSM
from tridaya.regions import demo as regions_demo
from tridaya.regions.tests.factories import region

pytestmark = pytest.mark.django_db


def _seed_until_institutions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    regions_demo.seed(lambda _m: None)
    accounts_demo.seed(lambda _m: None)
    institutions_demo.seed(lambda _m: None)


def test_first_money_step_receives_tranche_one_and_opens_the_books_once(settings, tmp_path, capsys):
    _seed_until_institutions(settings, tmp_path)
    lines = []
    demo.seed(lines.append)
    village = demo.BAJUR
    assert KSM.objects.filter(village_id=village).count() == 4
    received = DisbursementRequest.objects.filter(status=RequestStatus.DISBURSED)
    assert received.count() == 2 and Allocation.objects.count() == 2
    assert SwadayaContribution.objects.filter(form="labour").exists()
    # No money moves to a KSM before its proposal (the RTPLP is legalised later).
    assert not Account.objects.filter(village_id=village, purpose="ksm_advance").exists()
    call_command("ledger_check")
    assert "OK" in capsys.readouterr().out
    counts = (Voucher.objects.count(), Entry.objects.count(), Allocation.objects.count())
    demo.seed(lines.append)
    assert (Voucher.objects.count(), Entry.objects.count(), Allocation.objects.count()) == counts


def test_ksm_step_without_a_legalised_rtplp_says_so_and_moves_no_money(settings, tmp_path):
    _seed_until_institutions(settings, tmp_path)
    demo.seed(lambda _m: None)
    lines = []
    demo.seed_proposal(lines.append)
    assert "RTPLP" in lines[0]
    assert not Proposal.objects.exists() and not Lpj.objects.exists()
