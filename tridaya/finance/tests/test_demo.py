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
