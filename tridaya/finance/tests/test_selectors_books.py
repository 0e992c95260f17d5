import datetime as dt

import pytest

from tridaya.finance.models import Account, CostCategory, Purpose, SwadayaForm
from tridaya.finance.selectors.books import (
    account_book,
    balance_sheet,
    bank_book,
    cash_book,
    income_statement,
    ksm_book,
    village_totals,
)
from tridaya.finance.services.ledger import account_by_purpose, voucher_reverse
from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record
from tridaya.finance.tests.factories import advance, bank, receive_blm, spend

pytestmark = pytest.mark.django_db

JAN1, DEC31 = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def year_of_books(village, months=3):
    """Money in each month, released to a KSM, spent, swadaya, one reversal."""
    receive_blm(village, 50_000, date=dt.date(2025, 12, 15))  # before the year: opening
    account = advance(village, 600_000, date=dt.date(2026, 1, 5))
    for month in range(1, months + 1):
        day = dt.date(2026, month, 20)
        spend(village, account, 10_000 * month, date=day)
        spend(village, account, 1_000, date=day, category=CostCategory.UPAH)
    wrong = spend(village, account, 7_000, date=dt.date(2026, 4, 2))
    voucher_reverse(
        actor=None,
        voucher=wrong,
        date=dt.date(2026, 4, 3),
        reason="Nota salah toko, dibeli di toko lain",
    )
    swadaya_record(
        actor=None,
        village=village,
        data=SwadayaInput(
            form=SwadayaForm.CASH, date=dt.date(2026, 4, 5), description="Iuran", amount=25_000
        ),
    )
    return account


def test_cash_book_opening_running_balance_and_closing_match_the_accounts(bajur):
    year_of_books(bajur)
    book = cash_book(bajur, JAN1, DEC31)
    assert book.opening == 50_000
    assert book.rows[0].number.startswith("BKM/2026/")
    assert [r.balance for r in book.rows][-1] == book.closing
    cash = account_by_purpose(bajur, Purpose.CASH)
    assert book.closing == bank(bajur).balance + cash.balance == 50_000 + 25_000


def test_ksm_and_activity_books_show_spending_and_the_reversal(bajur):
    account = year_of_books(bajur)
    book = ksm_book(bajur, account.ksm, JAN1, DEC31)
    assert book.total_debit == 600_000 + 7_000
    assert book.closing == Account.objects.get(pk=account.pk).balance == 600_000 - 63_000
    assert account_book(account, JAN1, DEC31).rows == book.rows
    assert bank_book(bajur, JAN1, DEC31).closing == bank(bajur).balance


def test_balance_sheet_balances_and_income_statement_explains_the_surplus(bajur):
    year_of_books(bajur)
    sheet = balance_sheet(bajur, DEC31)
    assert sheet.total_assets == sheet.total_liabilities_and_equity == 650_000 + 25_000 - 63_000
    statement = income_statement(bajur, JAN1, DEC31)
    assert statement.total_income == 600_000 + 25_000
    assert statement.total_expenses == 63_000
    assert income_statement(bajur, dt.date(2025, 1, 1), DEC31).surplus == sheet.surplus


def test_public_totals(bajur):
    year_of_books(bajur)
    totals = village_totals(bajur, DEC31)
    assert (totals.received, totals.released_to_ksm, totals.spent) == (650_000, 607_000, 63_000)
    assert (totals.swadaya, totals.cash_and_bank) == (25_000, 75_000)


@pytest.mark.parametrize("months", [1, 6])
def test_books_run_a_fixed_number_of_queries(bajur, months, django_assert_num_queries):
    account = year_of_books(bajur, months)
    with django_assert_num_queries(2):
        cash_book(bajur, JAN1, DEC31)
    with django_assert_num_queries(2):
        ksm_book(bajur, account.ksm, JAN1, DEC31)
    with django_assert_num_queries(2):
        balance_sheet(bajur, DEC31)
    with django_assert_num_queries(2):
        income_statement(bajur, JAN1, DEC31)
    with django_assert_num_queries(1):
        village_totals(bajur, DEC31)
