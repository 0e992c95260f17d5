"""Every write to the ledger: opening the chart, posting and reversing vouchers, closing months.

Posting order (the same for every caller, so two postings never wait on each other in a cycle):
1. lock the village-year voucher sequence row; 2. lock the touched accounts sorted by id;
3. check the closed periods, the balances and the evidence; 4. take the next number, write the
voucher, its entries and the new running balances; 5. audit. Everything is one transaction: a
refused or failed posting writes nothing and uses no number."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.money import format_rupiah
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.finance.chart import STANDARD_CHART, ksm_advance_code
from tridaya.finance.errors import FinanceError, refuse
from tridaya.finance.evidence import check_evidence
from tridaya.finance.models import (
    MONEY,
    Account,
    AccountKind,
    Entry,
    PeriodClose,
    Purpose,
    Voucher,
    VoucherKind,
    VoucherSequence,
)
from tridaya.institutions.models import KSM
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from django.core.files import File

    from tridaya.accounts.models import User


def reason_required(text: str | None, *, field: str = "reason") -> str:
    """A written reason of at least core's MIN_REASON_LENGTH letters, with this app's code."""
    return require_reason(text, field=field, code=FinanceError.REASON_TOO_SHORT)


@dataclass(frozen=True)
class Line:
    """One line of a voucher to post: a positive debit or a positive credit on an account."""

    account: Account
    debit: int = 0
    credit: int = 0
    memo: str = ""


def require_village(village: Region) -> None:
    if not village.is_village:
        raise refuse(
            FinanceError.NOT_A_VILLAGE,
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
        )


@transaction.atomic(durable=True)
def chart_open(*, actor: User | None, village: Region) -> list[Account]:
    """Open the standard chart of accounts for a village (once)."""
    require_village(village)
    authorize(actor, "finance.manage_chart", village)
    if Account.objects.filter(village=village).exists():
        raise refuse(
            FinanceError.CHART_EXISTS,
            _("Daftar akun %(village)s sudah dibuka.") % {"village": village.name},
        )
    accounts = [
        Account(
            village=village,
            code=spec.code,
            name=str(spec.name),
            kind=spec.kind,
            purpose=spec.purpose,
            category=spec.category,
        )
        for spec in STANDARD_CHART
    ]
    for account in accounts:
        account.full_clean(validate_unique=False)
    Account.objects.bulk_create(accounts)
    record_event(
        actor=actor,
        action="finance.chart_opened",
        obj=village,
        changes={"accounts": [None, [a.code for a in accounts]]},
        region_code=village.code,
    )
    return list(Account.objects.filter(village=village))


def account_by_purpose(village: Region, purpose: str, category: str = "") -> Account:
    """The village's one account with this purpose (and cost category for expenses)."""
    try:
        return Account.objects.get(village=village, purpose=purpose, category=category, ksm=None)
    except Account.DoesNotExist:
        raise refuse(
            FinanceError.NO_CHART,
            _("Daftar akun %(village)s belum dibuka: buka dulu daftar akun.")
            % {"village": village.name},
        ) from None


def _ksm_advance_open(*, actor: User | None, ksm: KSM, activity_key: str = "") -> Account:
    """The advance account of a KSM (or of one of its activities), opened on first use."""
    authorize(actor, "finance.manage_chart", ksm.village_id)
    code = ksm_advance_code(ksm.pk, activity_key)
    account = Account.objects.filter(village_id=ksm.village_id, code=code).first()
    if account is not None:
        return account
    name = _("Uang muka KSM %(ksm)s") % {"ksm": ksm.name}
    if activity_key:
        name = _("%(name)s, kegiatan %(activity)s") % {"name": name, "activity": activity_key}
    account = Account(
        village_id=ksm.village_id,
        code=code,
        name=name[:200],
        kind=AccountKind.ASSET,
        purpose=Purpose.KSM_ADVANCE,
        ksm=ksm,
        activity_key=activity_key,
    )
    account.full_clean()
    account.save()
    record_event(actor=actor, action="finance.account_opened", obj=account)
    return account


ksm_advance_open = transaction.atomic(durable=True)(_ksm_advance_open)


def sequence_locked(village: Region, year: int) -> VoucherSequence:
    """The village-year numbering row, locked; created on first use (a racing creator's row is
    read back instead)."""
    try:
        with transaction.atomic():
            VoucherSequence.objects.get_or_create(village=village, year=year)
    except IntegrityError:
        pass
    return VoucherSequence.objects.select_for_update().get(village=village, year=year)


def _closed(village: Region, date: dt.date) -> bool:
    return PeriodClose.objects.filter(village=village, year=date.year, month=date.month).exists()


def check_lines(village: Region, lines: Sequence[Line]) -> None:
    if len(lines) < 2:
        raise refuse(
            FinanceError.TOO_FEW_LINES,
            _("Satu bukti sedikitnya dua baris: satu debit dan satu kredit."),
            field="lines",
        )
    for number, line in enumerate(lines, start=1):
        amounts = (line.debit, line.credit)
        whole = all(isinstance(a, int) and not isinstance(a, bool) for a in amounts)
        if not whole or min(amounts) < 0 or (line.debit > 0) == (line.credit > 0):
            raise refuse(
                FinanceError.BAD_AMOUNT,
                _(
                    "Baris %(line)s: isi debit atau kredit (salah satu saja) dengan rupiah "
                    "bulat lebih dari nol."
                )
                % {"line": number},
                field="lines",
            )
        if line.account.village_id != village.code:
            raise refuse(
                FinanceError.FOREIGN_ACCOUNT,
                _("Baris %(line)s: akun %(account)s milik desa lain.")
                % {"line": number, "account": line.account},
                field="lines",
            )
    debit = sum(line.debit for line in lines)
    credit = sum(line.credit for line in lines)
    if debit != credit:
        raise refuse(
            FinanceError.UNBALANCED,
            _("Bukti tidak seimbang: debit %(debit)s, kredit %(credit)s. Samakan jumlahnya.")
            % {"debit": format_rupiah(debit), "credit": format_rupiah(credit)},
            field="lines",
        )


def check_kind(kind: str, lines: Sequence[Line]) -> None:
    """Kas Masuk puts money into a money account; Kas Keluar takes money out of one."""
    if kind == VoucherKind.RECEIPT:
        ok = any(line.debit and line.account.purpose in MONEY for line in lines)
        message = _("Bukti Kas Masuk harus mendebit kas, bank atau uang muka KSM.")
    elif kind == VoucherKind.PAYMENT:
        ok = any(line.credit and line.account.purpose in MONEY for line in lines)
        message = _("Bukti Kas Keluar harus mengkredit kas, bank atau uang muka KSM.")
    else:
        return
    if not ok:
        raise refuse(FinanceError.KIND_MISMATCH, message, field="kind")


def _deltas(lines: Sequence[Line]) -> dict[int, int]:
    """The change of each account's debit-positive balance."""
    deltas: dict[int, int] = defaultdict(int)
    for line in lines:
        deltas[line.account.pk] += line.debit - line.credit
    return deltas


def _lock_and_check_balances(deltas: dict[int, int]) -> None:
    """Lock the accounts in id order, then refuse a spend that would take a guarded account
    (cash, bank, a KSM or activity advance) below zero."""
    locked = list(Account.objects.select_for_update().filter(pk__in=deltas).order_by("pk"))
    for account in locked:
        after = account.balance + deltas[account.pk]
        if account.guarded and after < 0 and deltas[account.pk] < 0:
            raise refuse(
                FinanceError.OVERDRAWN,
                _(
                    "Saldo %(account)s tidak cukup: tersedia %(available)s, diminta "
                    "%(wanted)s. Kurangi jumlahnya atau cairkan dana lebih dulu."
                )
                % {
                    "account": account.name,
                    "available": format_rupiah(account.balance),
                    "wanted": format_rupiah(-deltas[account.pk]),
                },
                field="lines",
            )


def _existing(village: Region, idempotency_key: str) -> Voucher | None:
    if not idempotency_key:
        return None
    return Voucher.objects.filter(village=village, idempotency_key=idempotency_key).first()


def _write(voucher: Voucher, lines: Sequence[Line], deltas: dict[int, int]) -> None:
    voucher.save()
    Entry.objects.bulk_create(
        Entry(
            voucher=voucher,
            account=line.account,
            village_id=voucher.village_id,
            date=voucher.date,
            line=number,
            debit=line.debit,
            credit=line.credit,
            memo=line.memo[:200],
        )
        for number, line in enumerate(lines, start=1)
    )
    for account_id, delta in sorted(deltas.items()):
        if delta:
            Account.objects.filter(pk=account_id).update(balance=F("balance") + delta)


def post_lines(
    *,
    actor: User | None,
    village: Region,
    kind: str,
    date: dt.date,
    description: str,
    lines: Sequence[Line],
    evidence: File | None = None,
    idempotency_key: str = "",
    reverses: Voucher | None = None,
    evidence_required: bool = True,
) -> tuple[Voucher, bool]:
    """Post inside the caller's transaction (for this app's services), or return (earlier
    voucher, False) for a repeated idempotency key. The caller checks the policy and audits."""
    sequence = sequence_locked(village, date.year)
    existing = _existing(village, idempotency_key)
    if existing is not None:
        return existing, False
    check_lines(village, lines)
    check_kind(kind, lines)
    if _closed(village, date):
        raise refuse(
            FinanceError.PERIOD_CLOSED,
            _("Bulan %(month)s sudah ditutup: pilih tanggal di bulan yang masih terbuka.")
            % {"month": date.strftime("%m/%Y")},
            field="date",
        )
    if evidence is not None:
        check_evidence(evidence)
    elif kind == VoucherKind.PAYMENT and reverses is None and evidence_required:
        raise refuse(
            FinanceError.EVIDENCE_MISSING,
            _("Bukti Kas Keluar perlu foto atau pindaian kuitansi/nota."),
            field="evidence",
        )
    deltas = _deltas(lines)
    _lock_and_check_balances(deltas)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    voucher = Voucher(
        village=village,
        year=date.year,
        number=sequence.last_number,
        kind=kind,
        date=date,
        description=description.strip(),
        reverses=reverses,
        idempotency_key=idempotency_key,
        posted_by=actor if actor is not None and actor.is_authenticated else None,
    )
    if evidence is not None:
        voucher.evidence.save(getattr(evidence, "name", "bukti") or "bukti", evidence, save=False)
    voucher.full_clean(exclude=["evidence", "reverses"])
    _write(voucher, lines, deltas)
    return voucher, True


@transaction.atomic(durable=True)
def voucher_post(
    *,
    actor: User | None,
    village: Region,
    kind: str,
    date: dt.date,
    description: str,
    lines: Sequence[Line],
    evidence: File | None = None,
    idempotency_key: str = "",
) -> Voucher:
    """Post one balanced voucher. A repeated request with the same idempotency key returns the
    voucher posted the first time and posts nothing."""
    require_village(village)
    authorize(actor, "finance.post_voucher", village)
    voucher, created = post_lines(
        actor=actor,
        village=village,
        kind=kind,
        date=date,
        description=description,
        lines=lines,
        evidence=evidence,
        idempotency_key=idempotency_key,
    )
    if created:
        _audit_posted(actor, voucher, lines, "finance.voucher_posted")
    return voucher


def _audit_posted(actor: User | None, voucher: Voucher, lines: Sequence[Line], action: str) -> None:
    record_event(
        actor=actor,
        action=action,
        obj=voucher,
        changes={
            "number": [None, voucher.display_number],
            "date": [None, voucher.date.isoformat()],
            "amount": [None, sum(line.debit for line in lines)],
            "lines": [None, [[ln.account.code, ln.debit, ln.credit] for ln in lines]],
        },
    )


@transaction.atomic(durable=True)
def voucher_reverse(
    *, actor: User | None, voucher: Voucher, date: dt.date, reason: str, idempotency_key: str = ""
) -> Voucher:
    """Post the mirror image of a voucher, naming it. A voucher is reversed at most once, and a
    reversal is not itself reversed (post the voucher again instead)."""
    authorize(actor, "finance.post_voucher", voucher)
    reason = reason_required(reason)
    village = voucher.village
    existing = _existing(village, idempotency_key)
    if existing is not None:
        return existing
    if voucher.reverses_id is not None:
        raise refuse(
            FinanceError.REVERSING_A_REVERSAL,
            _("%(number)s sudah berupa pembatalan; bukukan ulang transaksi aslinya.")
            % {"number": voucher.display_number},
        )
    if Voucher.objects.filter(reverses=voucher).exists():
        raise refuse(
            FinanceError.ALREADY_REVERSED,
            _("%(number)s sudah pernah dibatalkan.") % {"number": voucher.display_number},
        )
    lines = [
        Line(account=e.account, debit=e.credit, credit=e.debit, memo=e.memo)
        for e in voucher.entries.select_related("account").order_by("line")
    ]
    kind: dict[str, str] = {
        VoucherKind.RECEIPT: VoucherKind.PAYMENT,
        VoucherKind.PAYMENT: VoucherKind.RECEIPT,
    }
    reversal, created = post_lines(
        actor=actor,
        village=village,
        kind=kind.get(voucher.kind, VoucherKind.TRANSFER),
        date=date,
        description=_("Pembatalan %(number)s: %(reason)s")
        % {"number": voucher.display_number, "reason": reason},
        lines=lines,
        idempotency_key=idempotency_key,
        reverses=voucher,
    )
    if created:
        _audit_posted(actor, reversal, lines, "finance.voucher_reversed")
    return reversal


@transaction.atomic(durable=True)
def period_close(
    *, actor: User | None, village: Region, year: int, month: int, today: dt.date | None = None
) -> PeriodClose:
    """Close a month of the village's books. Takes the same numbering lock as posting, so a
    posting into the month either commits before the close or is refused after it."""
    require_village(village)
    authorize(actor, "finance.close_period", village)
    today = today or dt.date.today()
    if (year, month) >= (today.year, today.month):
        raise refuse(
            FinanceError.PERIOD_IN_FUTURE,
            _("Bulan %(month)02d/%(year)s belum berakhir; tutup sesudah akhir bulan.")
            % {"month": month, "year": year},
            field="month",
        )
    sequence_locked(village, year)
    if PeriodClose.objects.filter(village=village, year=year, month=month).exists():
        raise refuse(
            FinanceError.PERIOD_ALREADY_CLOSED,
            _("Bulan %(month)02d/%(year)s sudah ditutup.") % {"month": month, "year": year},
        )
    period = PeriodClose(village=village, year=year, month=month)
    period.closed_by = actor if actor is not None and actor.is_authenticated else None
    period.full_clean()
    period.save()
    record_event(actor=actor, action="finance.period_closed", obj=period)
    return period
