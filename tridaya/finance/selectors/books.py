"""The books, each a view of the entries (nothing here is stored): Buku Kas Umum, Buku Bank,
buku pembantu per KSM and per activity, Neraca and the income/expense statement. One selector
per figure; each runs a fixed number of queries whatever the number of entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tridaya.finance.models import (
    Account,
    AccountKind,
    Entry,
    Purpose,
    VoucherKind,
)
from tridaya.finance.models.ledger import VOUCHER_PREFIX
from tridaya.institutions.models import KSM
from tridaya.regions.models import Region


@dataclass(frozen=True)
class BookRow:
    date: dt.date
    number: str
    voucher_id: int
    description: str
    account: str
    debit: int
    credit: int
    balance: int


@dataclass
class Book:
    """A journal of some accounts over a period, with the running balance (debit-positive)."""

    title: str
    start: dt.date
    end: dt.date
    opening: int
    rows: list[BookRow] = field(default_factory=list)

    @property
    def total_debit(self) -> int:
        return sum(r.debit for r in self.rows)

    @property
    def total_credit(self) -> int:
        return sum(r.credit for r in self.rows)

    @property
    def closing(self) -> int:
        return self.opening + self.total_debit - self.total_credit


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _book(title: str, accounts: Q, village: Region, start: dt.date, end: dt.date) -> Book:
    """Two queries: the opening balance, then the period's entries with their vouchers. The
    book's accounts are a subquery on the village's (small) chart, so the entries are reached
    through the (account, date) index whatever the size of the table."""
    ids = Account.objects.filter(accounts, village=village).values("pk")
    entries = Entry.objects.filter(account__in=ids, village=village)
    opening = entries.filter(date__lt=start).aggregate(
        value=Coalesce(Sum("debit"), 0) - Coalesce(Sum("credit"), 0)
    )["value"]
    book = Book(title=title, start=start, end=end, opening=opening)
    balance = opening
    rows = (
        entries.filter(date__gte=start, date__lte=end)
        .order_by("date", "voucher_id", "line")
        .values_list(
            "date",
            "voucher__kind",
            "voucher__year",
            "voucher__number",
            "voucher_id",
            "voucher__description",
            "account__code",
            "debit",
            "credit",
        )
    )
    for date, kind, year, number, voucher_id, description, code, debit, credit in rows:
        balance += debit - credit
        book.rows.append(
            BookRow(
                date=date,
                number=f"{VOUCHER_PREFIX[VoucherKind(kind)]}/{year}/{number:04d}",
                voucher_id=voucher_id,
                description=description,
                account=code,
                debit=debit,
                credit=credit,
                balance=balance,
            )
        )
    return book


SWADAYA_PURPOSES = [Purpose.SWADAYA_CASH, Purpose.SWADAYA_LABOUR, Purpose.SWADAYA_MATERIAL]
MONEY_OF_BKM = Q(account__purpose__in=[Purpose.CASH, Purpose.BANK], account__ksm__isnull=True)
BKM_MONEY_ACCOUNTS = Q(purpose__in=[Purpose.CASH, Purpose.BANK], ksm__isnull=True)


def cash_book(village: Region, start: dt.date, end: dt.date) -> Book:
    """Buku Kas Umum: every movement of the UPK's cash box and the BKM bank account."""
    return _book(_("Buku Kas Umum"), BKM_MONEY_ACCOUNTS, village, start, end)


def bank_book(village: Region, start: dt.date, end: dt.date) -> Book:
    return _book(_("Buku Bank"), Q(purpose=Purpose.BANK), village, start, end)


def ksm_book(village: Region, ksm: KSM, start: dt.date, end: dt.date) -> Book:
    """Buku pembantu of a KSM: its advances (all its activities)."""
    title = _("Buku pembantu KSM %(ksm)s") % {"ksm": ksm.name}
    return _book(title, Q(purpose=Purpose.KSM_ADVANCE, ksm=ksm), village, start, end)


def account_book(account: Account, start: dt.date, end: dt.date) -> Book:
    """Buku pembantu of one account (one activity's advance, for instance)."""
    return _book(account.name, Q(pk=account.pk), account.village, start, end)


@dataclass(frozen=True)
class AccountLine:
    code: str
    name: str
    amount: int  # in the account's normal direction (credit-normal accounts shown positive)


@dataclass
class BalanceSheet:
    """Neraca: assets = liabilities + equity, where equity includes the surplus to date."""

    as_of: dt.date
    assets: list[AccountLine]
    liabilities: list[AccountLine]
    equity: list[AccountLine]
    surplus: int

    @property
    def total_assets(self) -> int:
        return sum(line.amount for line in self.assets)

    @property
    def total_liabilities_and_equity(self) -> int:
        return (
            sum(line.amount for line in self.liabilities)
            + sum(line.amount for line in self.equity)
            + self.surplus
        )


def _account_totals(village: Region, start: dt.date | None, end: dt.date) -> list[tuple]:
    """(account, debit-positive movement) for every account of the village: two queries."""
    entries = Entry.objects.filter(village=village, date__lte=end)
    if start is not None:
        entries = entries.filter(date__gte=start)
    moves = dict(
        entries.values("account_id")
        .annotate(net=Sum("debit") - Sum("credit"))
        .values_list("account_id", "net")
        .order_by()
    )
    accounts = Account.objects.filter(village=village).order_by("code")
    return [(a, moves.get(a.pk, 0)) for a in accounts]


def _line(account: Account, net: int) -> AccountLine:
    amount = net if account.kind in (AccountKind.ASSET, AccountKind.EXPENSE) else -net
    return AccountLine(account.code, account.name, amount)


def balance_sheet(village: Region, as_of: dt.date) -> BalanceSheet:
    totals = _account_totals(village, None, as_of)
    by_kind: dict[str, list[AccountLine]] = {kind: [] for kind in AccountKind.values}
    for account, net in totals:
        by_kind[account.kind].append(_line(account, net))
    surplus = sum(line.amount for line in by_kind[AccountKind.INCOME]) - sum(
        line.amount for line in by_kind[AccountKind.EXPENSE]
    )
    return BalanceSheet(
        as_of=as_of,
        assets=by_kind[AccountKind.ASSET],
        liabilities=by_kind[AccountKind.LIABILITY],
        equity=by_kind[AccountKind.EQUITY],
        surplus=surplus,
    )


@dataclass
class IncomeStatement:
    start: dt.date
    end: dt.date
    income: list[AccountLine]
    expenses: list[AccountLine]

    @property
    def total_income(self) -> int:
        return sum(line.amount for line in self.income)

    @property
    def total_expenses(self) -> int:
        return sum(line.amount for line in self.expenses)

    @property
    def surplus(self) -> int:
        return self.total_income - self.total_expenses


def income_statement(village: Region, start: dt.date, end: dt.date) -> IncomeStatement:
    """Pendapatan dan biaya over a period."""
    totals = _account_totals(village, start, end)
    return IncomeStatement(
        start=start,
        end=end,
        income=[_line(a, n) for a, n in totals if a.kind == AccountKind.INCOME],
        expenses=[_line(a, n) for a, n in totals if a.kind == AccountKind.EXPENSE],
    )


@dataclass(frozen=True)
class VillageTotals:
    """What anyone (residents, the public) may see: totals only, no accounts or receipts."""

    received: int
    released_to_ksm: int
    spent: int
    swadaya: int
    returned: int
    cash_and_bank: int


def village_totals(village: Region, as_of: dt.date) -> VillageTotals:
    """One query: the public figures of the village's money."""
    return totals_by_village([village.code], as_of).get(
        village.code, VillageTotals(0, 0, 0, 0, 0, 0)
    )


def totals_by_village(codes: Sequence[str], as_of: dt.date) -> dict[str, VillageTotals]:
    """One query: the public figures of the money of each village in `codes` (a village without
    entries is absent). The public page and the dashboards' figures read these."""
    rows = (
        Entry.objects.filter(village_id__in=list(codes), date__lte=as_of)
        .values("village_id")
        .annotate(
            received=Coalesce(Sum("credit", filter=Q(account__purpose=Purpose.BLM_INCOME)), 0)
            - Coalesce(Sum("debit", filter=Q(account__purpose=Purpose.BLM_INCOME)), 0),
            released=Coalesce(Sum("debit", filter=Q(account__purpose=Purpose.KSM_ADVANCE)), 0),
            spent=Coalesce(Sum("debit", filter=Q(account__kind=AccountKind.EXPENSE)), 0)
            - Coalesce(Sum("credit", filter=Q(account__kind=AccountKind.EXPENSE)), 0),
            swadaya=Coalesce(Sum("credit", filter=Q(account__purpose__in=SWADAYA_PURPOSES)), 0),
            returned=Coalesce(Sum("debit", filter=Q(account__purpose=Purpose.RETURNED)), 0),
            money=Coalesce(Sum("debit", filter=MONEY_OF_BKM), 0)
            - Coalesce(Sum("credit", filter=MONEY_OF_BKM), 0),
        )
        .order_by()
    )
    return {
        row["village_id"]: VillageTotals(
            received=row["received"],
            released_to_ksm=row["released"],
            spent=row["spent"],
            swadaya=row["swadaya"],
            returned=row["returned"],
            cash_and_bank=row["money"],
        )
        for row in rows
    }


def bank_balance(village: Region) -> int:
    """What the BKM bank account holds now (its running balance, kept from its entries)."""
    return (
        Account.objects.filter(village=village, purpose=Purpose.BANK).aggregate(
            total=Sum("balance")
        )["total"]
        or 0
    )
