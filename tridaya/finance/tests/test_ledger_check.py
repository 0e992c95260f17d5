import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tridaya.finance.models import Account, Entry, Voucher, VoucherKind
from tridaya.finance.services.ledger import period_close
from tridaya.finance.tests.factories import advance, bank, receive_blm, spend

pytestmark = pytest.mark.django_db


def problems_of(capsys):
    with pytest.raises(CommandError, match="problem"):
        call_command("ledger_check")
    return capsys.readouterr().err


@pytest.fixture
def books(bajur):
    """A small healthy year: money in, released to a KSM, spent, a closed month."""
    account = advance(bajur, 500_000, date=dt.date(2026, 1, 5))
    spend(bajur, account, 120_000, date=dt.date(2026, 1, 20))
    period_close(actor=None, village=bajur, year=2026, month=1, today=dt.date(2026, 2, 1))
    receive_blm(bajur, 1_000, date=dt.date(2026, 2, 2))
    return bajur


def test_healthy_books_pass(books, capsys):
    call_command("ledger_check")
    assert "OK (4 vouchers, 8 entries)" in capsys.readouterr().out


def _raw_voucher(village, number, date, **kw):
    """A voucher written around the service (what a bug or a hand-edit would leave)."""
    return Voucher.objects.create(
        village=village,
        year=date.year,
        number=number,
        kind=VoucherKind.TRANSFER,
        date=date,
        description="ditulis di luar layanan",
        **kw,
    )


def test_unbalanced_voucher_and_village_are_named(books, capsys):
    voucher = Voucher.objects.get(village=books, number=4)
    Entry.objects.create(
        voucher=voucher, account=bank(books), village=books, date=voucher.date, line=3, debit=7
    )
    Account.objects.filter(pk=bank(books).pk).update(balance=bank(books).balance + 7)
    err = problems_of(capsys)
    assert "voucher_unbalanced: BPB/2026/0004" in err or "voucher_unbalanced: BKM/2026/0004" in err
    assert "village_unbalanced" in err
    assert "balance_mismatch" not in err


def test_balance_differing_from_entries_is_named(books, capsys):
    Account.objects.filter(pk=bank(books).pk).update(balance=123)
    err = problems_of(capsys)
    assert "balance_mismatch: akun 1102" in err
    assert "Rp 123" in err


def test_gap_in_voucher_numbers_is_named(books, capsys):
    _raw_voucher(books, 7, dt.date(2026, 2, 3))
    err = problems_of(capsys)
    assert "number_gap" in err and "5, 6" in err


def test_voucher_posted_into_a_closed_month_is_named(books, capsys):
    from tridaya.finance.models import VoucherSequence

    late = _raw_voucher(books, 5, dt.date(2026, 1, 31))
    VoucherSequence.objects.filter(village=books).update(last_number=5)
    account = bank(books)
    Entry.objects.create(
        voucher=late, account=account, village=books, date=late.date, line=1, debit=1
    )
    Entry.objects.create(
        voucher=late, account=account, village=books, date=late.date, line=2, credit=1
    )
    assert late.posted_at <= timezone.now()
    err = problems_of(capsys)
    assert "posted_after_close: BPB/2026/0005 bertanggal 2026-01-31" in err
    assert "number_gap" not in err and "voucher_unbalanced" not in err


def test_one_village_can_be_checked_alone(books, terong_tawah, capsys):
    receive_blm(terong_tawah, 5)
    Account.objects.filter(pk=bank(terong_tawah).pk).update(balance=1)
    call_command("ledger_check", village=books.code)
    with pytest.raises(CommandError):
        call_command("ledger_check", village=terong_tawah.code)
