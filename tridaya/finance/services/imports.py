"""Posting many vouchers at once (a year of paper books brought in, or a migration from another
system): the same rules as `voucher_post` (balanced lines of whole rupiah, accounts of the
village, kind, open months, no guarded account below zero at any point in the order given,
gap-free numbers, idempotency keys), checked for the whole batch before anything is written,
then written with a few bulk statements. One audit event names the batch and its numbers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.evidence import check_evidence
from tridaya.finance.models import (
    Account,
    Entry,
    PeriodClose,
    Voucher,
    VoucherKind,
)
from tridaya.finance.services.ledger import (
    Line,
    check_kind,
    check_lines,
    require_village,
    sequence_locked,
)
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from tridaya.accounts.models import User

BATCH = 2000


@dataclass(frozen=True)
class VoucherDraft:
    kind: str
    date: dt.date
    description: str
    lines: Sequence[Line]
    evidence: Any = None  # an uploaded file
    idempotency_key: str = ""


def _check_drafts(village: Region, drafts: Sequence[VoucherDraft]) -> None:
    closed = set(PeriodClose.objects.filter(village=village).values_list("year", "month"))
    for number, draft in enumerate(drafts, start=1):
        try:
            check_lines(village, draft.lines)
            check_kind(draft.kind, draft.lines)
            if draft.evidence is not None:
                check_evidence(draft.evidence)
            elif draft.kind == VoucherKind.PAYMENT:
                raise refuse(
                    FinanceError.EVIDENCE_MISSING,
                    _("Bukti Kas Keluar perlu foto atau pindaian kuitansi/nota."),
                )
            if (draft.date.year, draft.date.month) in closed:
                raise refuse(
                    FinanceError.PERIOD_CLOSED,
                    _("bulan %(month)s sudah ditutup") % {"month": draft.date.strftime("%m/%Y")},
                )
        except Exception as error:
            code = getattr(error, "code", FinanceError.BAD_AMOUNT)
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise refuse(
                code,
                _("Bukti ke-%(n)s (%(date)s, %(what)s): %(message)s")
                % {
                    "n": number,
                    "date": draft.date.isoformat(),
                    "what": draft.description[:60],
                    "message": message,
                },
            ) from error


def _check_running_balances(drafts: Sequence[VoucherDraft]) -> dict[int, int]:
    """Lock the touched accounts in id order and replay the drafts in order: no guarded
    account may go below zero at any point. Returns each account's total change."""
    ids = sorted({line.account.pk for d in drafts for line in d.lines})
    accounts = {
        a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    balances = {pk: a.balance for pk, a in accounts.items()}
    deltas: dict[int, int] = defaultdict(int)
    for number, draft in enumerate(drafts, start=1):
        for line in draft.lines:
            change = line.debit - line.credit
            balances[line.account.pk] += change
            deltas[line.account.pk] += change
            account = accounts[line.account.pk]
            if account.guarded and change < 0 and balances[account.pk] < 0:
                raise refuse(
                    FinanceError.OVERDRAWN,
                    _("Bukti ke-%(n)s: saldo %(account)s tidak cukup (kurang %(short)s).")
                    % {
                        "n": number,
                        "account": account.name,
                        "short": format_rupiah(-balances[account.pk]),
                    },
                )
    return deltas


def _numbered(village: Region, drafts: Sequence[VoucherDraft], actor: User | None) -> list[Voucher]:
    vouchers = []
    for year in sorted({d.date.year for d in drafts}):
        sequence = sequence_locked(village, year)
        for draft in (d for d in drafts if d.date.year == year):
            sequence.last_number += 1
            vouchers.append(
                Voucher(
                    village=village,
                    year=year,
                    number=sequence.last_number,
                    kind=draft.kind,
                    date=draft.date,
                    description=draft.description.strip()[:300],
                    idempotency_key=draft.idempotency_key,
                    posted_by=actor if actor is not None and actor.is_authenticated else None,
                )
            )
            if draft.evidence is not None:
                vouchers[-1].evidence.save(draft.evidence.name, draft.evidence, save=False)
        sequence.save(update_fields=["last_number"])
    return vouchers


def _fresh(village: Region, drafts: Sequence[VoucherDraft]) -> list[VoucherDraft]:
    """Drop drafts whose idempotency key was posted already (a repeated import posts once)."""
    keys = [d.idempotency_key for d in drafts if d.idempotency_key]
    if not keys:
        return list(drafts)
    seen = set(
        Voucher.objects.filter(village=village, idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    return [d for d in drafts if not d.idempotency_key or d.idempotency_key not in seen]


def _write_entries(village: Region, vouchers: list[Voucher], drafts: Sequence[VoucherDraft]) -> int:
    """The entries with one prepared INSERT run over all rows (this app's own table; the ORM's
    per-row SQL compilation would cost four times the insert itself)."""
    adapt = connection.ops.adapt_datefield_value
    rows = [
        (
            voucher.pk,
            line.account.pk,
            village.code,
            adapt(voucher.date),
            n,
            line.debit,
            line.credit,
            line.memo[:200],
        )
        for voucher, draft in zip(vouchers, drafts, strict=True)
        for n, line in enumerate(draft.lines, start=1)
    ]
    table = Entry._meta.db_table
    columns = "voucher_id, account_id, village_id, date, line, debit, credit, memo"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                rows[start : start + BATCH],
            )
    return len(rows)


@transaction.atomic(durable=True)
def vouchers_post_bulk(
    *, actor: User | None, village: Region, drafts: Sequence[VoucherDraft]
) -> int:
    """Post the drafts in their order (dates need not be sorted); all or nothing. Returns how
    many vouchers were written (drafts with an already-posted idempotency key are skipped)."""
    require_village(village)
    authorize(actor, "finance.post_voucher", village)
    for year in sorted({d.date.year for d in drafts}):
        sequence_locked(village, year)  # the numbering lock first, as in voucher_post
    drafts = _fresh(village, drafts)
    if not drafts:
        return 0
    _check_drafts(village, drafts)
    deltas = _check_running_balances(drafts)
    vouchers = _numbered(village, drafts, actor)
    Voucher.objects.bulk_create(vouchers, batch_size=BATCH)
    entries = _write_entries(village, vouchers, drafts)
    for account_id, delta in sorted(deltas.items()):
        if delta:
            Account.objects.filter(pk=account_id).update(balance=F("balance") + delta)
    record_event(
        actor=actor,
        action="finance.vouchers_imported",
        obj=village,
        region_code=village.code,
        changes={
            "vouchers": [None, len(vouchers)],
            "entries": [None, entries],
            "numbers": [None, [vouchers[0].display_number, vouchers[-1].display_number]],
        },
    )
    return len(vouchers)
