"""Benchmark: a works package page with 200 field reports and 600 photos, SQLite and PostgreSQL.

Run from the project root:

    .venv/bin/python bench/works_page.py [--runs 15] [--reports 200]

Options: --pg-url URL (admin database, default postgres://postgres@127.0.0.1:5432/postgres),
--require-pg, --strict, --no-sqlite.

For each backend, in a subprocess on a freshly created and migrated database (PostgreSQL: its own
database `tridaya_bench_works_page`, dropped at the end), it:

1. builds Desa Bajur, a legalised RTPLP activity with three RAB lines and a work package made
   from it through the services; then `--reports` daily reports, three photos each (600) and 20
   approved progress entries, written in bulk (the read is what is measured);
2. times, `--runs` times: the package page `/wilayah/<code>/pembangunan/<id>/` through Django's
   test client (URL resolving, middleware, policy, selectors, S-curve, template rendering:
   everything but the socket), counting the SQL queries of each request;
3. times the raw baseline: the same rows (package, RAB lines, entries, photos, reports) read
   with the bare driver and kept as Python tuples.

It prints medians with min/max, the ratio page/raw, the queries per request, peak memory
(ru_maxrss) and PASS/FAIL against the target: the page answers in under a second with the same
number of queries on every request."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from harness import (
    DEFAULT_PG_URL,
    backends,
    machine,
    peak_rss_mb,
    spawn,
    spread,
    timed_requests,
)

BENCH_DB = "tridaya_bench_works_page"
BAJUR = "52.01.08.2006"
TARGET_SECONDS = 1.0
PHOTOS_PER_REPORT = 3
ENTRIES = 20


# --- child: build, then measure -------------------------------------------------------------------


def build(reports: int) -> int:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from tridaya.institutions.tests.factories import ksm_with
    from tridaya.regions.tests.factories import region
    from tridaya.works.models import EntryStatus, FieldReport, Photo, ProgressEntry
    from tridaya.works.photos import jpeg_with_exif
    from tridaya.works.tests.factories import LAT, LON, legalised_activity, package

    village = region(BAJUR)
    activity = legalised_activity(
        village,
        lines=((Decimal("120"), 350_000), (Decimal("300"), 90_000), (Decimal("40"), 1_250_000)),
    )
    work = package(
        village,
        ksm=ksm_with(village),
        activity=activity,
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 9, 27),
    )
    name = default_storage.save(
        "works/bench.jpg", ContentFile(jpeg_with_exif(LON, LAT, dt.datetime(2026, 2, 1, 9, 0)))
    )
    rows = FieldReport.objects.bulk_create(
        FieldReport(
            package=work,
            kind="harian",
            date=work.starts_on + dt.timedelta(days=i),
            workers_men=8,
            workers_women=4,
            workers_mbr=6,
            hok_days=12,
            hok_rate=90_000,
            materials="Semen 10 sak",
            weather="Cerah",
        )
        for i in range(reports)
    )
    entries = ProgressEntry.objects.bulk_create(
        ProgressEntry(
            package=work,
            date=work.starts_on + dt.timedelta(days=10 * i),
            percent=Decimal(5 * (i + 1)),
            status=EntryStatus.APPROVED,
            decided_at=timezone.now(),
        )
        for i in range(ENTRIES)
    )
    taken = timezone.now()
    Photo.objects.bulk_create(
        Photo(
            package=work,
            report=report,
            entry=entries[index % ENTRIES] if index % 5 == 0 else None,
            slot=None,
            image=name,
            taken_at=taken,
            latitude=Decimal(str(LAT)),
            longitude=Decimal(str(LON)),
            distance_m=Decimal("12.5"),
        )
        for index, report in enumerate(rows)
        for _photo in range(PHOTOS_PER_REPORT)
    )
    work.progress = Decimal(5 * ENTRIES)
    work.status = "berjalan"
    work.save(update_fields=["progress", "status"])
    return work.pk


RAW_SQL = {
    "package": "SELECT * FROM works_workpackage WHERE id = {p}",
    "items": "SELECT * FROM works_workitem WHERE package_id = {p} ORDER BY position, id",
    "entries": "SELECT * FROM works_progressentry WHERE package_id = {p} ORDER BY date DESC, id",
    "photos": "SELECT * FROM works_photo WHERE package_id = {p} ORDER BY taken_at DESC, id",
    "reports": "SELECT * FROM works_fieldreport WHERE package_id = {p} ORDER BY date DESC, id",
}


def raw_once(conn, placeholder: str, package_id: int) -> int:
    cur = conn.cursor()
    count = 0
    for sql in RAW_SQL.values():
        cur.execute(sql.format(p=placeholder), (package_id,))
        count += len(cur.fetchall())
    return count


def raw_timings(url: str, runs: int, package_id: int) -> dict:
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        placeholder = "?"
    else:
        import psycopg

        conn = psycopg.connect(url)
        placeholder = "%s"
    raw_once(conn, placeholder, package_id)
    seconds, rows = [], 0
    for _run in range(runs):
        start = time.perf_counter()
        rows = raw_once(conn, placeholder, package_id)
        seconds.append(time.perf_counter() - start)
    conn.close()
    return {"seconds": seconds, "rows": rows}


def child(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    start = time.perf_counter()
    package_id = build(args.reports)
    built = time.perf_counter() - start
    page = timed_requests(f"/wilayah/{BAJUR}/pembangunan/{package_id}/", args.runs)
    raw = raw_timings(os.environ["DATABASE_URL"], args.runs, package_id)
    print(
        json.dumps(
            {
                "reports": args.reports,
                "photos": args.reports * PHOTOS_PER_REPORT,
                "build_seconds": built,
                "page": page,
                "raw": raw,
                "rss_mb": peak_rss_mb(),
            }
        )
    )


# --- parent ---------------------------------------------------------------------------------------


def measure_backend(name: str, url: str, work: Path, args: argparse.Namespace) -> dict:
    spawn([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], url, work)
    argv = [
        sys.executable,
        __file__,
        "--child",
        "--runs",
        str(args.runs),
        "--reports",
        str(args.reports),
    ]
    result = json.loads(spawn(argv, url, work).strip().splitlines()[-1])
    result["backend"] = name
    return result


def report(results: list[dict], runs: int) -> bool:
    fmt = "{:<14} {:>8} {:>7} {:<17} {:<15} {:>6} {:>7} {:>8}  {}"
    header = fmt.format(
        "backend",
        "reports",
        "photos",
        "page ms",
        "raw ms",
        "p/raw",
        "queries",
        "peak MB",
        "target",
    )
    print(f"\nworks package page, median [min-max] of {runs} requests per measure")
    print(header)
    print("-" * len(header))
    ok_all = True
    for r in results:
        page = statistics.median(r["page"]["seconds"])
        raw = statistics.median(r["raw"]["seconds"])
        ok = page < TARGET_SECONDS and len(r["page"]["queries"]) == 1
        ok_all &= ok
        print(
            fmt.format(
                r["backend"],
                r["reports"],
                r["photos"],
                spread(r["page"]["seconds"]),
                spread(r["raw"]["seconds"]),
                f"{page / raw:.1f}",
                "/".join(str(q) for q in r["page"]["queries"]),
                f"{r['rss_mb']:.0f}",
                f"{'PASS' if ok else 'FAIL'} (page < {TARGET_SECONDS:.0f} s, constant queries)",
            )
        )
    print()
    for r in results:
        print(
            f"{r['backend']}: page {r['page']['bytes'] / 1024:.0f} KiB, raw rows "
            f"{r['raw']['rows']}; data built in {r['build_seconds']:.1f} s"
        )
    print("p/raw = median page time / median raw-driver read of the same rows (same run)")
    return ok_all


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--require-pg", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        child(args)
        return
    print(machine())
    results = [
        measure_backend(name, url, work, args)
        for name, url, work in backends(
            bench_db=BENCH_DB,
            pg_url=args.pg_url,
            sqlite=not args.no_sqlite,
            pg=not args.no_pg,
            require_pg=args.require_pg,
        )
    ]
    if not results:
        sys.exit("no backend to measure")
    ok = report(results, args.runs)
    if args.strict and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
