"""Reads of the ledger: balances from entries, and the integrity proof behind `ledger_check`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Manager, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tridaya.core.money import format_rupiah
from tridaya.finance.models import Account, Entry, PeriodClose, Voucher, VoucherSequence


@dataclass(frozen=True)
class Problem:
    """One broken rule of the books, named so a person can find it."""

    village: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.village}] {self.rule}: {self.detail}"


def _scoped(
    queryset: QuerySet | Manager, village_code: str | None, field: str = "village_id"
) -> QuerySet:
    return queryset.filter(**{field: village_code}) if village_code else queryset.all()


def _unbalanced_vouchers(code: str | None) -> list[Problem]:
    rows = (
        _scoped(Voucher.objects, code)
        .annotate(
            debit=Coalesce(Sum("entries__debit"), 0),
            credit=Coalesce(Sum("entries__credit"), 0),
            lines=Count("entries"),
        )
        .filter(~Q(debit=F("credit")) | Q(lines__lt=2))
        .order_by("village_id", "year", "number")
    )
    return [
        Problem(
            v.village_id,
            "voucher_unbalanced",
            _("%(number)s: debit %(debit)s, kredit %(credit)s, %(lines)s baris")
            % {
                "number": v.display_number,
                "debit": format_rupiah(v.debit),
                "credit": format_rupiah(v.credit),
                "lines": v.lines,
            },
        )
        for v in rows
    ]


def _village_totals(code: str | None) -> list[Problem]:
    rows = (
        _scoped(Entry.objects, code)
        .values("village_id")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
        .filter(~Q(debit=F("credit")))
        .order_by("village_id")
    )
    return [
        Problem(
            row["village_id"],
            "village_unbalanced",
            _("jumlah debit %(debit)s tidak sama dengan jumlah kredit %(credit)s")
            % {"debit": format_rupiah(row["debit"]), "credit": format_rupiah(row["credit"])},
        )
        for row in rows
    ]


def _balances(code: str | None) -> list[Problem]:
    rows = (
        _scoped(Account.objects, code)
        .annotate(derived=Coalesce(Sum("entries__debit"), 0) - Coalesce(Sum("entries__credit"), 0))
        .filter(~Q(balance=F("derived")))
        .order_by("village_id", "code")
    )
    return [
        Problem(
            a.village_id,
            "balance_mismatch",
            _("akun %(code)s: saldo tercatat %(stored)s, jumlah jurnal %(derived)s")
            % {
                "code": a.code,
                "stored": format_rupiah(a.balance),
                "derived": format_rupiah(a.derived),
            },
        )
        for a in rows
    ]


def _number_gaps(code: str | None) -> list[Problem]:
    problems: list[Problem] = []
    rows = (
        _scoped(Voucher.objects, code)
        .values("village_id", "year")
        .annotate(first=Min("number"), last=Max("number"), count=Count("id"))
        .order_by("village_id", "year")
    )
    issued = {(s.village_id, s.year): s.last_number for s in _scoped(VoucherSequence.objects, code)}
    for row in rows:
        key = (row["village_id"], row["year"])
        if row["first"] != 1 or row["last"] != row["count"] or issued.get(key) != row["last"]:
            numbers = set(
                Voucher.objects.filter(village_id=key[0], year=key[1]).values_list(
                    "number", flat=True
                )
            )
            top = max(row["last"], issued.get(key) or 0)
            missing = sorted(set(range(1, top + 1)) - numbers)
            problems.append(
                Problem(
                    key[0],
                    "number_gap",
                    _("tahun %(year)s: nomor hilang %(missing)s (terakhir %(last)s)")
                    % {
                        "year": key[1],
                        "missing": ", ".join(map(str, missing[:20])) or "-",
                        "last": top,
                    },
                )
            )
    return problems


def _posted_after_close(code: str | None) -> list[Problem]:
    problems: list[Problem] = []
    for period in _scoped(PeriodClose.objects, code).order_by("village_id", "year", "month"):
        late = Voucher.objects.filter(
            village_id=period.village_id,
            date__year=period.year,
            date__month=period.month,
            posted_at__gt=period.closed_at,
        ).order_by("number")
        problems.extend(
            Problem(
                period.village_id,
                "posted_after_close",
                _("%(number)s bertanggal %(date)s dibukukan sesudah bulan itu ditutup")
                % {"number": v.display_number, "date": v.date.isoformat()},
            )
            for v in late
        )
    return problems


def _entry_copies(code: str | None) -> list[Problem]:
    rows = (
        _scoped(Entry.objects, code)
        .filter(~Q(date=F("voucher__date")) | ~Q(village_id=F("voucher__village_id")))
        .values_list("village_id", "voucher_id", "line")
    )
    return [
        Problem(
            v,
            "entry_mismatch",
            _("jurnal %(voucher)s baris %(line)s tidak sama dengan buktinya")
            % {"voucher": voucher, "line": line},
        )
        for v, voucher, line in rows
    ]


def ledger_problems(village_code: str | None = None) -> list[Problem]:
    """Everything wrong with the books of one village (or all): unbalanced vouchers, villages
    whose debits and credits differ, running balances that differ from their entries, gaps in
    voucher numbers, vouchers posted into a month after it was closed."""
    checks = (
        _unbalanced_vouchers,
        _village_totals,
        _balances,
        _number_gaps,
        _posted_after_close,
        _entry_copies,
    )
    found: dict[str, list[Problem]] = defaultdict(list)
    for check in checks:
        for problem in check(village_code):
            found[problem.village].append(problem)
    return [problem for village in sorted(found) for problem in found[village]]


def ledger_counts(village_code: str | None = None) -> tuple[int, int]:
    return (
        _scoped(Voucher.objects, village_code).count(),
        _scoped(Entry.objects, village_code).count(),
    )


def ledger_totals() -> dict[str, int]:
    """Every village's books in four numbers (what a restored backup must reproduce)."""
    vouchers, entries = ledger_counts()
    sums = Entry.objects.aggregate(
        debit=Coalesce(Sum("debit"), 0), credit=Coalesce(Sum("credit"), 0)
    )
    return {"vouchers": vouchers, "entries": entries, **sums}
