import datetime as dt

import pytest

from tridaya.core.models import AuditEvent
from tridaya.finance.errors import FinanceError
from tridaya.finance.models import Account, Entry, Purpose, Voucher
from tridaya.finance.selectors.ledger import ledger_problems
from tridaya.finance.services.imports import VoucherDraft, vouchers_post_bulk
from tridaya.finance.services.ledger import Line, account_by_purpose, period_close
from tridaya.finance.tests.factories import bank, expense, opened, receive_blm
from tridaya.finance.tests.test_services_ledger import refused

pytestmark = pytest.mark.django_db


def drafts(village, n=10, amount=1_000, start=dt.date(2026, 3, 1)):
    income = account_by_purpose(village, Purpose.BLM_INCOME)
    cash = account_by_purpose(village, Purpose.CASH)
    rows = []
    for i in range(n):
        day = start + dt.timedelta(days=i)
        rows.append(
            VoucherDraft(
                "masuk",
                day,
                f"Masuk {i}",
                [Line(bank(village), debit=amount), Line(income, credit=amount)],
                idempotency_key=f"k{i}",
            )
        )
        rows.append(
            VoucherDraft(
                "pindah",
                day,
                f"Tarik tunai {i}",
                [Line(cash, debit=amount), Line(bank(village), credit=amount)],
            )
        )
    return rows


def test_bulk_posts_numbered_balanced_vouchers_once(bajur):
    opened(bajur)
    receive_blm(bajur, 5, date=dt.date(2026, 2, 1))
    assert vouchers_post_bulk(actor=None, village=bajur, drafts=drafts(bajur)) == 20
    numbers = list(Voucher.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, 22))
    assert Entry.objects.count() == 42
    assert bank(bajur).balance == 5
    assert ledger_problems() == []
    assert AuditEvent.objects.filter(action="finance.vouchers_imported").count() == 1
    # Repeated: the keyed receipts are skipped; the unkeyed transfers would overdraw the bank.
    with refused(FinanceError.OVERDRAWN):
        vouchers_post_bulk(actor=None, village=bajur, drafts=drafts(bajur))
    assert Voucher.objects.count() == 21


def test_an_overdraft_anywhere_in_the_order_refuses_the_whole_batch(bajur):
    opened(bajur)
    rows = drafts(bajur, n=3)
    rows.insert(0, rows.pop(1))  # a withdrawal before any money came in
    with refused(FinanceError.OVERDRAWN) as caught:
        vouchers_post_bulk(actor=None, village=bajur, drafts=rows)
    assert "Bukti ke-1" in caught.error.message
    assert not Voucher.objects.exists() and Account.objects.get(pk=bank(bajur).pk).balance == 0


def test_closed_month_and_missing_evidence_are_named(bajur):
    opened(bajur)
    period_close(actor=None, village=bajur, year=2026, month=2, today=dt.date(2026, 3, 1))
    rows = drafts(bajur, n=1, start=dt.date(2026, 2, 10))
    with refused(FinanceError.PERIOD_CLOSED):
        vouchers_post_bulk(actor=None, village=bajur, drafts=rows)
    payment = VoucherDraft(
        "keluar",
        dt.date(2026, 3, 2),
        "Beli",
        [Line(expense(bajur), debit=1), Line(bank(bajur), credit=1)],
    )
    with refused(FinanceError.EVIDENCE_MISSING):
        vouchers_post_bulk(actor=None, village=bajur, drafts=[payment])
