"""What an LPJ says, read from the ledger (so it reconciles to the books to the rupiah)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum

from tridaya.finance.models import Allocation, AnnualAudit, Voucher, VoucherKind
from tridaya.finance.selectors.books import balance_sheet, income_statement, year_bounds
from tridaya.regions.models import Region


@dataclass(frozen=True)
class ReceiptLine:
    number: str
    date: dt.date
    description: str
    amount: int
    has_evidence: bool


@dataclass
class LpjReport:
    village_name: str
    program: str
    tranche_label: str
    start: dt.date
    end: dt.date
    received: int
    swadaya: int
    expenses: dict[str, int]  # cost category label -> amount
    cash_and_bank: int
    ksm_advances: int
    receipts: list[ReceiptLine] = field(default_factory=list)

    @property
    def total_expenses(self) -> int:
        return sum(self.expenses.values())


def lpj_report(allocation: Allocation, tranche: int, end: dt.date) -> LpjReport:
    """The LPJ of a tranche (0 = final): from 1 January of the budget year to `end`. A fixed
    number of queries: the income statement, the balance sheet and the payment vouchers."""
    village = allocation.village
    start = year_bounds(allocation.budget_year)[0]
    statement = income_statement(village, start, end)
    sheet = balance_sheet(village, end)
    income = {line.code: line.amount for line in statement.income}
    expenses = {line.name: line.amount for line in statement.expenses}
    money = {line.code: line.amount for line in sheet.assets}
    receipts = [
        ReceiptLine(
            number=v.display_number,
            date=v.date,
            description=v.description,
            amount=v.amount,  # type: ignore[attr-defined]
            has_evidence=bool(v.evidence),
        )
        for v in payment_vouchers(village, start, end)
    ]
    return LpjReport(
        village_name=str(village),
        program=allocation.scheme.name,
        tranche_label=str(tranche) if tranche else "akhir",
        start=start,
        end=end,
        received=income.get("4101", 0),
        swadaya=sum(v for code, v in income.items() if code.startswith("42")),
        expenses=expenses,
        cash_and_bank=money.get("1101", 0) + money.get("1102", 0),
        ksm_advances=sum(v for code, v in money.items() if code.startswith("1301")),
        receipts=receipts,
    )


def payment_vouchers(village: Region, start: dt.date, end: dt.date) -> QuerySet[Voucher]:
    """Bukti Kas Keluar of the period with their amount (the money that left)."""
    return (
        Voucher.objects.filter(
            village=village, kind=VoucherKind.PAYMENT, date__gte=start, date__lte=end
        )
        .annotate(amount=Sum("entries__credit", filter=Q(entries__credit__gt=0)))
        .order_by("date", "number")
    )


def audits_of(village: Region) -> QuerySet[AnnualAudit]:
    return AnnualAudit.objects.filter(village=village).prefetch_related("findings")
