import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.db.models import Sum
from django.http import Http404

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.errors import DomainError
from tridaya.core.models import AuditEvent
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import Account, Entry, PeriodClose, Purpose, Voucher, VoucherKind
from tridaya.finance.services.ledger import (
    Line,
    account_by_purpose,
    chart_open,
    period_close,
    voucher_post,
    voucher_reverse,
)
from tridaya.finance.tests.factories import (
    DAY,
    advance,
    bank,
    expense,
    opened,
    receipt_png,
    receive_blm,
    spend,
)
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def refused(code):
    return _Refused(code)


class _Refused:
    def __init__(self, code):
        self.code = code

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        assert kind is not None and issubclass(kind, DomainError), (
            f"expected {self.code}, got {kind}"
        )
        assert error.code == self.code
        self.error = error
        return True


def test_chart_has_the_standard_accounts_once(bajur):
    accounts = chart_open(actor=None, village=bajur)
    purposes = {a.purpose for a in accounts}
    assert {Purpose.CASH, Purpose.BANK, Purpose.BLM_INCOME, Purpose.SWADAYA_LABOUR} <= purposes
    assert {a.category for a in accounts if a.purpose == Purpose.EXPENSE} == {
        "bahan",
        "alat",
        "upah",
        "operasional",
    }
    with refused(FinanceError.CHART_EXISTS):
        chart_open(actor=None, village=bajur)


def test_receipt_posts_balanced_entries_numbered_from_one(bajur):
    first = receive_blm(bajur, 600_000_000)
    second = receive_blm(bajur, 300_000_000)
    assert (first.number, second.number) == (1, 2)
    assert first.display_number == "BKM/2026/0001"
    assert bank(bajur).balance == 900_000_000
    totals = Entry.objects.filter(voucher=first).aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals == {"d": 600_000_000, "c": 600_000_000}
    event = AuditEvent.objects.get(action="finance.voucher_posted", object_id=str(first.pk))
    assert event.changes["amount"] == [None, 600_000_000]


def test_numbers_restart_each_year_and_per_village(bajur, terong_tawah):
    receive_blm(bajur, 10, date=dt.date(2026, 12, 31))
    assert receive_blm(bajur, 10, date=dt.date(2027, 1, 2)).number == 1
    assert receive_blm(terong_tawah, 10).number == 1


def test_unbalanced_voucher_is_refused_and_uses_no_number(bajur):
    income = account_by_purpose(opened(bajur), Purpose.BLM_INCOME)
    with refused(FinanceError.UNBALANCED) as caught:
        voucher_post(
            actor=None,
            village=bajur,
            kind=VoucherKind.RECEIPT,
            date=DAY,
            description="Salah hitung",
            lines=[Line(account=bank(bajur), debit=100), Line(account=income, credit=90)],
        )
    assert "Rp 100" in caught.error.message and "Rp 90" in caught.error.message
    assert receive_blm(bajur, 5).number == 1
    assert not Voucher.objects.exclude(number=1).exists()


@pytest.mark.parametrize(
    ("debit", "credit"), [(0, 0), (-5, 0), (5, 5), (1.5, 0), (True, 0)], ids=str
)
def test_line_amounts_must_be_one_sided_positive_whole_rupiah(bajur, debit, credit):
    income = account_by_purpose(opened(bajur), Purpose.BLM_INCOME)
    with refused(FinanceError.BAD_AMOUNT):
        voucher_post(
            actor=None,
            village=bajur,
            kind=VoucherKind.RECEIPT,
            date=DAY,
            description="x",
            lines=[Line(account=bank(bajur), debit=debit, credit=credit), Line(income, credit=5)],
        )


def test_account_of_another_village_is_refused(bajur, terong_tawah):
    income = account_by_purpose(opened(bajur), Purpose.BLM_INCOME)
    with refused(FinanceError.FOREIGN_ACCOUNT):
        voucher_post(
            actor=None,
            village=bajur,
            kind=VoucherKind.RECEIPT,
            date=DAY,
            description="x",
            lines=[Line(account=bank(terong_tawah), debit=5), Line(account=income, credit=5)],
        )


def test_payment_must_take_money_out_and_needs_evidence(bajur):
    account = advance(bajur, 1_000)
    with refused(FinanceError.KIND_MISMATCH):
        voucher_post(
            actor=None,
            village=bajur,
            kind=VoucherKind.PAYMENT,
            date=DAY,
            description="x",
            lines=[Line(account=account, debit=5), Line(account=expense(bajur), credit=5)],
        )
    with refused(FinanceError.EVIDENCE_MISSING):
        voucher_post(
            actor=None,
            village=bajur,
            kind=VoucherKind.PAYMENT,
            date=DAY,
            description="x",
            lines=[Line(account=expense(bajur), debit=5), Line(account=account, credit=5)],
        )


def test_spending_more_than_the_advance_is_refused_naming_what_is_available(bajur):
    account = advance(bajur, 1_000_000)
    spend(bajur, account, 400_000)
    with refused(FinanceError.OVERDRAWN) as caught:
        spend(bajur, account, 600_001)
    assert "Rp 600.000" in caught.error.message
    spend(bajur, account, 600_000)
    account.refresh_from_db()
    assert account.balance == 0


def test_evidence_is_checked_by_content_not_name(bajur, settings):
    account = advance(bajur, 1_000)
    fake = SimpleUploadedFile("kuitansi.jpg", b"PK\x03\x04 a spreadsheet", "image/jpeg")
    with refused(FinanceError.EVIDENCE_TYPE):
        _pay(bajur, account, evidence=fake)
    settings.FINANCE_EVIDENCE_MAX_BYTES = 10
    with refused(FinanceError.EVIDENCE_TOO_LARGE):
        _pay(bajur, account, evidence=receipt_png())
    settings.FINANCE_EVIDENCE_MAX_BYTES = 10_000
    pdf = SimpleUploadedFile("nota.pdf", b"%PDF-1.4\n%...", "application/pdf")
    voucher = _pay(bajur, account, evidence=pdf)
    assert voucher.evidence.name.endswith(".pdf")


def _pay(village, account, *, evidence, amount=5):
    return voucher_post(
        actor=None,
        village=village,
        kind=VoucherKind.PAYMENT,
        date=DAY,
        description="Beli paku",
        lines=[Line(account=expense(village), debit=amount), Line(account=account, credit=amount)],
        evidence=evidence,
    )


def test_same_idempotency_key_posts_once(bajur):
    first = receive_blm(bajur, 1_000, key="req-1")
    again = receive_blm(bajur, 1_000, key="req-1")
    assert again.pk == first.pk
    assert bank(bajur).balance == 1_000
    assert Voucher.objects.filter(village=bajur).count() == 1
    assert AuditEvent.objects.filter(action="finance.voucher_posted").count() == 1


def test_reversal_mirrors_the_voucher_once(bajur):
    account = advance(bajur, 1_000)
    wrong = spend(bajur, account, 300)
    reversal = voucher_reverse(
        actor=None, voucher=wrong, date=DAY, reason="Nota ganda, sudah dibukukan"
    )
    assert reversal.reverses == wrong
    assert reversal.kind == VoucherKind.RECEIPT
    assert wrong.display_number in reversal.description
    account.refresh_from_db()
    assert account.balance == 1_000
    assert expense(bajur).balance == 0
    with refused(FinanceError.ALREADY_REVERSED):
        voucher_reverse(
            actor=None, voucher=wrong, date=DAY, reason="Sekali lagi dibatalkan karena salah"
        )
    with refused(FinanceError.REVERSING_A_REVERSAL):
        voucher_reverse(
            actor=None, voucher=reversal, date=DAY, reason="Batalkan pembatalan yang sudah dibuat"
        )
    with refused(FinanceError.REASON_TOO_SHORT):
        voucher_reverse(actor=None, voucher=receive_blm(bajur, 5), date=DAY, reason="salah")


def test_nothing_is_posted_into_a_closed_month(bajur):
    receive_blm(bajur, 1_000, date=dt.date(2026, 2, 3))
    period_close(actor=None, village=bajur, year=2026, month=2, today=dt.date(2026, 3, 1))
    with refused(FinanceError.PERIOD_CLOSED):
        receive_blm(bajur, 1_000, date=dt.date(2026, 2, 28))
    with refused(FinanceError.PERIOD_ALREADY_CLOSED):
        period_close(actor=None, village=bajur, year=2026, month=2, today=dt.date(2026, 3, 1))
    with refused(FinanceError.PERIOD_IN_FUTURE):
        period_close(actor=None, village=bajur, year=2026, month=3, today=dt.date(2026, 3, 31))
    assert receive_blm(bajur, 1_000, date=dt.date(2026, 3, 1)).number == 2


def test_reversal_of_a_voucher_in_a_closed_month_is_dated_in_an_open_one(bajur):
    voucher = receive_blm(bajur, 1_000, date=dt.date(2026, 2, 3))
    period_close(actor=None, village=bajur, year=2026, month=2, today=dt.date(2026, 3, 1))
    with refused(FinanceError.PERIOD_CLOSED):
        voucher_reverse(
            actor=None,
            voucher=voucher,
            date=dt.date(2026, 2, 4),
            reason="Salah rekening tujuan transfer",
        )
    reversal = voucher_reverse(
        actor=None,
        voucher=voucher,
        date=dt.date(2026, 3, 2),
        reason="Salah rekening bank tujuan transfer",
    )
    assert reversal.date.month == 3


@pytest.mark.parametrize("table", ["finance_voucher", "finance_entry", "finance_periodclose"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET id = id", "DELETE FROM {t}"])
def test_the_database_refuses_changing_the_ledger(bajur, table, statement):
    receive_blm(bajur, 1_000, date=dt.date(2026, 2, 3))
    period_close(actor=None, village=bajur, year=2026, month=2, today=dt.date(2026, 3, 1))
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(t=table))
    assert Voucher.objects.count() == 1 and Entry.objects.count() == 2
    assert PeriodClose.objects.count() == 1


def test_orm_update_of_an_entry_is_refused(bajur):
    voucher = receive_blm(bajur, 1_000)
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(voucher=voucher).update(debit=0, credit=0)


def test_who_may_post(bajur, far_village):
    opened(bajur)
    income = account_by_purpose(bajur, Purpose.BLM_INCOME)
    lines = [Line(account=bank(bajur), debit=5), Line(account=income, credit=5)]

    def post(user):
        return voucher_post(
            actor=user,
            village=bajur,
            kind=VoucherKind.RECEIPT,
            date=DAY,
            description="x",
            lines=lines,
        )

    voucher = post(user_with_role("upk", BAJUR))
    assert voucher.posted_by.role_assignments.get().role == "upk"
    post(user_with_role("bkm", BAJUR))
    with pytest.raises(PermissionDenied):
        post(user_with_role("resident", BAJUR))
    with pytest.raises(PermissionDenied):
        post(user_with_role("facilitator", BAJUR))
    with pytest.raises(Http404):
        post(user_with_role("upk", far_village.code))
    assert Account.objects.get(pk=bank(bajur).pk).balance == 10
