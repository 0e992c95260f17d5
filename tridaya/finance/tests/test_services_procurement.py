from decimal import Decimal

import pytest

from tridaya.finance.errors import FinanceError
from tridaya.finance.services.procurement import (
    QuoteInput,
    price_survey_record,
    purchase_post,
    tax_deposit_record,
    tax_line_add,
)
from tridaya.finance.tests.factories import DAY, receipt_png, released_activity
from tridaya.finance.tests.test_services_ledger import refused

pytestmark = pytest.mark.django_db


def survey(activity, quotes, tender=""):
    return price_survey_record(
        actor=None,
        activity=activity,
        item="Semen 50 kg",
        unit="sak",
        surveyed_on=DAY,
        surveyor="Bu Nur",
        quotes=[QuoteInput(shop=s, unit_price=p, quoted_on=DAY, written=w) for s, p, w in quotes],
        tender_reference=tender,
    )


def buy(activity, s, quantity, quote=None):
    return purchase_post(
        actor=None,
        activity=activity,
        survey=s,
        quote=quote or s.quotes.order_by("unit_price").first(),
        quantity=Decimal(quantity),
        date=DAY,
        evidence=receipt_png(),
    )


@pytest.fixture
def activity(bajur):
    return released_activity(bajur, 300_000_000, price=5_000_000, volume="100")


def test_small_purchase_needs_one_supplier_and_links_the_quote(activity):
    s = survey(activity, [("TB Maju", 65_000, False)])
    purchase = buy(activity, s, "100")
    assert (purchase.amount, purchase.method) == (6_500_000, "direct")
    assert purchase.voucher.kind == "keluar" and purchase.voucher.evidence
    assert purchase.quote.shop == "TB Maju"


def test_middle_band_needs_three_written_quotes(activity):
    s = survey(
        activity,
        [("TB Maju", 65_000, True), ("TB Jaya", 66_000, True), ("TB Sentosa", 67_000, False)],
    )
    with refused(FinanceError.BAND_EVIDENCE_MISSING) as caught:
        buy(activity, s, "1000")
    assert "3 penawaran tertulis" in caught.error.message and "baru ada 2" in caught.error.message
    s3 = survey(
        activity,
        [("TB Maju", 65_000, True), ("TB Jaya", 66_000, True), ("TB Sentosa", 67_000, True)],
    )
    assert buy(activity, s3, "1000").method == "quotations"


def test_above_200_juta_needs_a_tender(activity):
    quotes = [("A", 65_000, True), ("B", 66_000, True), ("C", 67_000, True)]
    with refused(FinanceError.BAND_EVIDENCE_MISSING) as caught:
        buy(activity, survey(activity, quotes), "4000")
    assert "tender" in caught.error.message
    assert buy(activity, survey(activity, quotes, tender="BA-07/2026"), "4000").method == "tender"


def test_quote_of_another_survey_is_refused(activity):
    a = survey(activity, [("TB Maju", 65_000, False)])
    b = survey(activity, [("TB Jaya", 60_000, False)])
    with refused(FinanceError.QUOTE_ELSEWHERE):
        buy(activity, a, "1", quote=b.quotes.get())


def test_tax_lines_are_off_by_default(activity, settings):
    purchase = buy(activity, survey(activity, [("TB Maju", 65_000, False)]), "10")
    with refused(FinanceError.TAX_LINES_OFF):
        tax_line_add(
            actor=None,
            voucher=purchase.voucher,
            tax_type="PPh 22",
            base=650_000,
            rate=Decimal("1.5"),
        )
    settings.FINANCE_TAX_LINES = True
    line = tax_line_add(
        actor=None,
        voucher=purchase.voucher,
        tax_type="PPh 22",
        base=650_000,
        rate=Decimal("1.5"),
        deposit_proof="1234-5678-90ab-cdef",
    )
    assert line.amount == 9_750 and line.deposit_proof == "1234567890ABCDEF"


@pytest.mark.parametrize(
    ("tax_type", "base", "rate", "field"),
    [
        ("PPh 99", 650_000, "1.5", "tax_type"),
        ("PPh 22", 0, "1.5", "base"),
        ("PPh 22", 650_000, "0", "rate"),
        ("PPh 22", 650_000, "101", "rate"),
    ],
)
def test_a_bad_tax_line_names_its_field(activity, settings, tax_type, base, rate, field):
    settings.FINANCE_TAX_LINES = True
    purchase = buy(activity, survey(activity, [("TB Maju", 65_000, False)]), "10")
    with refused(FinanceError.TAX_BAD) as caught:
        tax_line_add(
            actor=None, voucher=purchase.voucher, tax_type=tax_type, base=base, rate=Decimal(rate)
        )
    assert caught.error.field == field
    assert not purchase.voucher.tax_lines.exists()


def test_tax_only_on_an_expense_voucher_and_its_deposit_recorded_once(activity, settings):
    settings.FINANCE_TAX_LINES = True
    release = activity.releases.first().voucher
    with refused(FinanceError.TAX_BAD):
        tax_line_add(
            actor=None, voucher=release, tax_type="PPN", base=1_000_000, rate=Decimal("11")
        )
    purchase = buy(activity, survey(activity, [("TB Maju", 65_000, False)]), "10")
    line = tax_line_add(
        actor=None, voucher=purchase.voucher, tax_type="PPN", base=650_000, rate=Decimal("11")
    )
    assert (line.amount, line.deposit_proof) == (71_500, "")
    with refused(FinanceError.TAX_BAD):
        tax_deposit_record(actor=None, line=line, deposit_proof="  ")
    line = tax_deposit_record(actor=None, line=line, deposit_proof="0A1B 2C3D 4E5F 6071")
    assert line.deposit_proof == "0A1B2C3D4E5F6071"
    with refused(FinanceError.TAX_BAD):
        tax_deposit_record(actor=None, line=line, deposit_proof="9999888877776666")
