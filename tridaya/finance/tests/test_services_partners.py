"""A partner's money realised through the BKM's bank account lands in the ledger (posted through
marketing's registry, in the realisation's transaction) and leaves it when the realisation is
undone."""

import datetime as dt

import pytest

from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import Account, PartnerReceipt, Purpose, Voucher, VoucherKind
from tridaya.finance.services.ledger import period_close
from tridaya.finance.tests.factories import bank, opened
from tridaya.marketing.errors import MarketingError
from tridaya.marketing.models import PledgeState
from tridaya.marketing.services import pledges as pledge_services
from tridaya.marketing.tests import factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(bajur):
    opened(bajur)
    _version, rows = mf.legalised_rplp(bajur, rows=1)
    return mf.commit(mf.pledge(bajur, rows[0], mf.partner(bajur), amount=30_000))


def _income(village) -> Account:
    return Account.objects.get(village=village, purpose=Purpose.PARTNER_INCOME)


def test_money_through_the_bkm_is_a_receipt_in_the_bank_book(bajur, committed):
    mf.realise(committed, 25_000, through_bkm=True)
    receipt = PartnerReceipt.objects.select_related("voucher").get(pledge=committed)
    voucher = receipt.voucher
    assert voucher.kind == VoucherKind.RECEIPT and voucher.date == dt.date(2027, 2, 1)
    assert "Dinas Perumahan" in voucher.description
    assert bank(bajur).balance == 25_000
    assert _income(bajur).balance == -25_000  # credit-normal income, stored as debit - credit
    assert AuditEvent.objects.filter(
        action="finance.partner_receipt_posted", object_id=str(voucher.pk)
    ).exists()


def test_money_not_through_the_bkm_stays_out_of_the_books(bajur, committed):
    mf.realise(committed, 25_000)
    assert not PartnerReceipt.objects.exists()
    assert not Voucher.objects.filter(village=bajur).exists()


def test_undoing_the_realisation_reverses_the_receipt_and_a_new_one_posts_again(bajur, committed):
    mf.realise(committed, 25_000, through_bkm=True)
    first = PartnerReceipt.objects.get(pledge=committed).voucher
    pledge_services.pledge_revert(
        actor=None, pledge=committed, reason="Nilai realisasi salah ketik"
    )
    committed.refresh_from_db()
    assert committed.state == PledgeState.COMMITTED and not committed.through_bkm
    reversal = Voucher.objects.get(reverses=first)
    assert "salah ketik" in reversal.description
    assert bank(bajur).balance == 0
    mf.realise(committed, 30_000, through_bkm=True)
    assert PartnerReceipt.objects.filter(pledge=committed).count() == 2
    assert bank(bajur).balance == 30_000


def test_a_closed_month_refuses_the_realisation_and_writes_nothing(bajur, committed):
    period_close(actor=None, village=bajur, year=2027, month=2, today=dt.date(2027, 3, 5))
    with pytest.raises(DomainError) as refused:
        mf.realise(committed, 25_000, through_bkm=True)
    assert refused.value.code == FinanceError.PERIOD_CLOSED
    committed.refresh_from_db()
    assert committed.state == PledgeState.COMMITTED and committed.realised_amount is None
    assert not Voucher.objects.filter(village=bajur).exists()


def test_goods_in_kind_cannot_pass_through_the_bank(bajur, committed):
    with pytest.raises(DomainError) as refused:
        mf.realise(committed, 25_000, through_bkm=True, in_kind=True, in_kind_description="Semen")
    assert refused.value.code == MarketingError.BKM_IN_KIND
    assert not Voucher.objects.filter(village=bajur).exists()


def test_a_chart_opened_before_the_partner_account_gets_it_on_first_use(bajur, committed):
    Account.objects.filter(village=bajur, purpose=Purpose.PARTNER_INCOME).delete()
    mf.realise(committed, 25_000, through_bkm=True)
    assert _income(bajur).code == "4401"
