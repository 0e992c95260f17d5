"""Bank reconciliation: the book balance is read from the ledger, never typed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.core.reasons import MIN_REASON_LENGTH
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.models import BankReconciliation
from tridaya.finance.selectors.books import bank_book
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from tridaya.accounts.models import User


@transaction.atomic(durable=True)
def bank_reconcile(
    *,
    actor: User | None,
    village: Region,
    statement_date: dt.date,
    statement_balance: int,
    explanation: str = "",
) -> BankReconciliation:
    """Record a bank statement balance against the Buku Bank of the same day; a difference
    must be explained (bank charges or interest not yet booked, a cheque not yet cashed...)."""
    authorize(actor, "finance.post_voucher", village)
    book = bank_book(village, statement_date, statement_date).closing
    explanation = (explanation or "").strip()
    if statement_balance != book and len(explanation) < MIN_REASON_LENGTH:
        raise refuse(
            FinanceError.DIFFERENCE_UNEXPLAINED,
            _(
                "Saldo bank %(bank)s berbeda %(diff)s dari Buku Bank %(book)s: jelaskan "
                "selisihnya (biaya/bunga bank belum dibukukan, setoran dalam perjalanan, ...)."
            )
            % {
                "bank": format_rupiah(statement_balance),
                "book": format_rupiah(book),
                "diff": format_rupiah(statement_balance - book),
            },
            field="explanation",
        )
    record = BankReconciliation(
        village=village,
        statement_date=statement_date,
        statement_balance=statement_balance,
        book_balance=book,
        explanation=explanation,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record.full_clean()
    record.save()
    record_event(
        actor=actor,
        action="finance.bank_reconciled",
        obj=record,
        changes={"statement": [None, statement_balance], "book": [None, book]},
    )
    return record
