"""Benchmark: the money ledger at scale, on SQLite and PostgreSQL.

Run from the project root:

    .venv/bin/python bench/ledger.py                      # 100,000 entries (100 villages)
    .venv/bin/python bench/ledger.py --entries 1000000    # the issue's 1,000,000 (1,000 villages)
    .venv/bin/python bench/ledger.py --no-pg | --pg-url postgres://postgres@127.0.0.1:5432/postgres

For each backend the script makes a fresh database (migrated in a subprocess), then in one child
process:

1. creates 2 x N villages (N = entries / 1,000) with the standard chart of accounts and a KSM
   advance account each (not timed);
2. posts a year of books for each of the N villages, 500 vouchers = 1,000 entries each
   (receipts into the bank, releases to the KSM advance, expenses from it), through the service
   `vouchers_post_bulk` (all checks, gap-free numbers, running balances, audit): **posted/s**;
3. interleaved with step 2, inserts the very same voucher and entry rows for the N twin villages
   with the bare database driver (`executemany`, one transaction per village): **raw/s**; the
   ratio is service time / raw time in the same run;
4. times the Buku Kas Umum and the Neraca of one village holding a year of entries (median of 5,
   with the number of queries), and reports the child's peak resident memory.

Targets (the issue): each book under 200 ms with a constant number of queries, peak memory under
300 MB. Exit code 0 unless --strict (a FAIL gives 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import DEFAULT_PG_URL, database_url, machine, peak_rss_mb, pg_admin, spawn

BENCH_DB = "tridaya_bench_ledger"
PER_VILLAGE = 1000  # entries in a village's year: 500 vouchers of 2 lines
BOOK_TARGET_MS = 200
MEMORY_TARGET_MB = 300


# --- child ---------------------------------------------------------------------------------


def _villages(count: int) -> list:
    """2 x count villages under a bench province 99, each with its chart and a KSM advance."""
    from tridaya.finance.chart import STANDARD_CHART
    from tridaya.finance.models import Account, AccountKind, Purpose
    from tridaya.regions.models import Kind, Level, Region

    province = Region.objects.create(
        code="99", level=Level.PROVINCE, kind=Kind.PROVINSI, name="Provinsi Bench"
    )
    regency = Region.objects.create(
        code="99.01",
        parent=province,
        level=Level.REGENCY,
        kind=Kind.KABUPATEN,
        name="Kabupaten Bench",
    )
    villages = []
    for block in range((2 * count + 998) // 999):
        district = Region.objects.create(
            code=f"99.01.{block + 1:02d}",
            parent=regency,
            level=Level.DISTRICT,
            kind=Kind.KECAMATAN,
            name=f"Kecamatan {block + 1}",
        )
        size = min(999, 2 * count - len(villages))
        villages += Region.objects.bulk_create(
            Region(
                code=f"{district.code}.{2001 + i}",
                parent=district,
                level=Level.VILLAGE,
                kind=Kind.DESA,
                name=f"Desa {block}-{i}",
            )
            for i in range(size)
        )
    accounts = [
        Account(
            village=v,
            code=s.code,
            name=str(s.name),
            kind=s.kind,
            purpose=s.purpose,
            category=s.category,
        )
        for v in villages
        for s in STANDARD_CHART
    ] + [
        Account(
            village=v,
            code="1301-b",
            name="Uang muka KSM",
            kind=AccountKind.ASSET,
            purpose=Purpose.KSM_ADVANCE,
        )
        for v in villages
    ]
    Account.objects.bulk_create(accounts, batch_size=5000)
    return villages


def _drafts(accounts: dict[str, object], year: int):
    """A village's year: per 10 vouchers one receipt of 10 juta into the bank, one release of 5
    juta to the KSM advance and eight expenses of 500 ribu from it (never overdrawn)."""
    from tridaya.finance.services.imports import VoucherDraft
    from tridaya.finance.services.ledger import Line

    bank, income, advance = accounts["1102"], accounts["4101"], accounts["1301-b"]
    expenses = [accounts[c] for c in ("5101", "5102", "5103", "5104")]
    drafts = []
    start = dt.date(year, 1, 1)
    for i in range(PER_VILLAGE // 2):
        day = start + dt.timedelta(days=i * 365 // (PER_VILLAGE // 2))
        if i % 10 == 0:
            lines = [Line(bank, debit=10_000_000), Line(income, credit=10_000_000)]
            drafts.append(VoucherDraft("masuk", day, f"Penerimaan {i}", lines))
        elif i % 10 == 1:
            lines = [Line(advance, debit=5_000_000), Line(bank, credit=5_000_000)]
            drafts.append(VoucherDraft("pindah", day, f"Pencairan KSM {i}", lines))
        else:
            lines = [Line(expenses[i % 4], debit=500_000), Line(advance, credit=500_000)]
            drafts.append(VoucherDraft("pindah", day, f"Biaya kegiatan {i}", lines))
    return drafts


def _raw_ids(connection, cursor, count: int) -> list[int]:
    """Ids for the raw vouchers from the database itself, as an insert would take them."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('finance_voucher', 'id')) "
            "FROM generate_series(1, %s)",
            (count,),
        )
        return [row[0] for row in cursor.fetchall()]
    cursor.execute("BEGIN IMMEDIATE")  # the write lock first: nobody else takes ids meanwhile
    cursor.execute("SELECT COALESCE(MAX(id), 0) FROM finance_voucher")
    top = cursor.fetchone()[0]
    return list(range(top + 1, top + count + 1))


def _raw_insert(connection, village, drafts, accounts) -> None:
    """The same voucher and entry rows through the bare driver, in one transaction."""
    now = dt.datetime.now(dt.UTC)
    raw = connection.connection
    cursor = raw.cursor()
    ids = _raw_ids(connection, cursor, len(drafts))
    sqlite = connection.vendor == "sqlite"
    stamp = now.isoformat() if sqlite else now
    vouchers, entries = [], []
    for number, (voucher_id, draft) in enumerate(zip(ids, drafts, strict=True), start=1):
        day = draft.date.isoformat() if sqlite else draft.date
        vouchers.append(
            (
                voucher_id,
                village.code,
                draft.date.year,
                number,
                draft.kind,
                day,
                draft.description,
                "",
                "",
                stamp,
            )
        )
        for line_no, line in enumerate(draft.lines, start=1):
            entries.append(
                (
                    voucher_id,
                    accounts[line.account.code].pk,
                    village.code,
                    day,
                    line_no,
                    line.debit,
                    line.credit,
                    "",
                )
            )
    mark = "?" if sqlite else "%s"
    cursor.executemany(
        "INSERT INTO finance_voucher (id, village_id, year, number, kind, date, description, "
        "evidence, idempotency_key, posted_at) VALUES (" + ", ".join([mark] * 10) + ")",
        vouchers,
    )
    cursor.executemany(
        "INSERT INTO finance_entry (voucher_id, account_id, village_id, date, line, debit, "
        "credit, memo) VALUES (" + ", ".join([mark] * 8) + ")",
        entries,
    )
    raw.commit()


def child_post(entries: int) -> dict:
    import django

    django.setup()
    from django.db import connection

    from tridaya.finance.models import Account
    from tridaya.finance.services.imports import vouchers_post_bulk

    count = max(1, entries // PER_VILLAGE)
    villages = _villages(count)
    charts: dict[str, dict[str, Account]] = {}
    for account in Account.objects.filter(village__code__startswith="99.").order_by():
        charts.setdefault(account.village_id, {})[account.code] = account
    django_mb = peak_rss_mb()
    posted = raw = 0.0
    for index in range(count):
        village, twin = villages[2 * index], villages[2 * index + 1]
        drafts = _drafts(charts[village.code], 2026)
        start = time.perf_counter()
        vouchers_post_bulk(actor=None, village=village, drafts=drafts)
        posted += time.perf_counter() - start
        start = time.perf_counter()
        _raw_insert(connection, twin, drafts, charts[twin.code])
        raw += time.perf_counter() - start
    return {
        "villages": count,
        "entries": count * PER_VILLAGE,
        "posted_s": posted,
        "raw_s": raw,
        "books": _books(villages[0]),
        "django_mb": django_mb,
        "peak_mb": peak_rss_mb(),
    }


def _books(village) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tridaya.finance.selectors.books import balance_sheet, cash_book

    figures = {}
    for name, read in (
        ("bku", lambda: cash_book(village, dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        ("neraca", lambda: balance_sheet(village, dt.date(2026, 12, 31))),
    ):
        times = []
        for _run in range(5):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                read()
                times.append(time.perf_counter() - start)
        figures[name] = {"ms": statistics.median(times) * 1000, "queries": len(queries)}
    book = cash_book(village, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    figures["bku_rows"] = len(book.rows)
    return figures


# --- parent --------------------------------------------------------------------------------


def run_backend(name: str, args, work: Path) -> dict:
    if name == "sqlite":
        url = f"sqlite:///{Path(tempfile.mkdtemp(dir=work)) / 'bench.sqlite3'}"
    else:
        pg_admin(
            args.pg_url,
            f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)",
            f"CREATE DATABASE {BENCH_DB}",
        )
        url = database_url(args.pg_url, BENCH_DB)
    try:
        spawn([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], url, work)
        out = spawn(
            [sys.executable, __file__, "--child", "--entries", str(args.entries)], url, work
        )
        return json.loads(out.strip().splitlines()[-1])
    finally:
        if name == "postgresql":
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def report(name: str, r: dict) -> bool:
    posted_rate = r["entries"] / r["posted_s"]
    raw_rate = r["entries"] / r["raw_s"]
    books = r["books"]
    ok = (
        books["bku"]["ms"] < BOOK_TARGET_MS
        and books["neraca"]["ms"] < BOOK_TARGET_MS
        and r["peak_mb"] < MEMORY_TARGET_MB
    )
    print(
        f"{name:<10} {r['villages']:>6} villages {r['entries']:>9,} entries | "
        f"service {r['posted_s']:7.1f} s {posted_rate:9,.0f}/s | raw {r['raw_s']:6.1f} s "
        f"{raw_rate:9,.0f}/s | ratio {r['posted_s'] / r['raw_s']:4.1f} | "
        f"BKU {books['bku']['ms']:6.1f} ms ({books['bku']['queries']} q, {books['bku_rows']} "
        f"rows) | Neraca {books['neraca']['ms']:5.1f} ms ({books['neraca']['queries']} q) | "
        f"peak {r['peak_mb']:.0f} MB (Django {r['django_mb']:.0f}) | {'PASS' if ok else 'FAIL'}"
    )
    return ok


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--only-pg", action="store_true", help="PostgreSQL only")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(child_post(args.entries)))
        return
    print(machine())
    backends = [] if args.only_pg else ["sqlite"]
    if not args.no_pg:
        try:
            pg_admin(args.pg_url, "SELECT 1")
            backends.append("postgresql")
        except Exception as error:  # no server: measure SQLite only, and say so
            print(f"PostgreSQL not reachable ({error.__class__.__name__}); SQLite only")
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as work:
        for name in backends:
            ok = report(name, run_backend(name, args, Path(work))) and ok
    if args.strict and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
