"""Benchmark: import all official regions (91,599 rows) into a fresh database.

Run from the project root:

    .venv/bin/python bench/regions.py [--runs 5]

Options: --pg-url URL (admin database, default postgres://postgres@127.0.0.1:5432/postgres),
--pg-raw copy|executemany (raw PostgreSQL baseline, default copy), --require-pg, --strict,
--no-sqlite.

For SQLite and (when it can connect) PostgreSQL, each run:

1. creates a fresh empty database, runs the Django migrations of the regions app, then times
   `tridaya.regions.importer.import_regions()` (the service behind `manage.py import_regions`)
   in its own subprocess, which also reports its peak resident memory (ru_maxrss);
2. times a second import into that same database (idempotent: nothing to write);
3. creates another fresh, migrated database and times the raw baseline: the same four CSV files
   read with the csv module and the same rows inserted into `regions_region` through the bare
   driver (sqlite3 executemany; psycopg COPY or executemany; one transaction), no Django.
   Both sides end with a row count and a hash of the table, checked to be equal.

It prints medians with min/max, the ratio import/raw (the price of the checks and the ORM over
the driver alone) and PASS/FAIL against the target: the whole import in 10 s or less on a
2-core machine. Exit code is 0 unless `--strict` (FAIL gives 1) or `--require-pg` (no
PostgreSQL gives 2). Memory comes from ru_maxrss, not tracemalloc: tracemalloc slows
allocation-heavy code several times over and would distort the timings.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data" / "idn-area"
EXPECTED_ROWS = 91_599
TARGET_SECONDS = 10.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "tridaya_bench"
COLUMNS = "code, parent_code, level, kind, name"
# (file, level, has parent column), parents first so the foreign key holds at every row.
FILES = (
    ("provinces.csv", 1, False),
    ("regencies.csv", 2, True),
    ("districts.csv", 3, True),
    ("villages.csv", 4, True),
)
VILLAGE_KINDS = {"1": "kelurahan", "2": "desa", "3": "desa_adat"}


# --- children: one measured run each, printing one JSON line -------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def table_digest(cursor) -> tuple[int, str]:
    """Row count and a hash of every row, so the parent can check both wrote the same rows."""
    cursor.execute(f"SELECT {COLUMNS} FROM regions_region ORDER BY code")
    digest = hashlib.sha256()
    count = 0
    for row in cursor.fetchall():
        digest.update(repr(tuple(row)).encode())
        count += 1
    return count, digest.hexdigest()[:16]


def child_import() -> dict:
    """Time import_regions() in a set-up Django; the parent has migrated the database."""
    import django

    django.setup()
    from django.db import connection

    from tridaya.regions.importer import import_regions

    rss_before = peak_rss_mb()
    start = time.perf_counter()
    result = import_regions()
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    with connection.cursor() as cursor:
        rows, digest = table_digest(cursor)
    return {
        "seconds": seconds,
        "created": result.created_total,
        "rows": rows,
        "digest": digest,
        "rss_mb": rss,
        "rss_before_mb": rss_before,
    }


def raw_kind(level: int, code: str, name: str) -> str:
    """The same kind the importer derives (tridaya.regions.importer.kind_for)."""
    if level == 1:
        return "provinsi"
    if level == 2:
        return "kota" if int(code[3:5]) >= 71 or name.startswith("Kota ") else "kabupaten"
    if level == 3:
        return "kecamatan"
    return VILLAGE_KINDS[code[9]]


def read_raw_rows() -> list[tuple]:
    rows = []
    for filename, level, has_parent in FILES:
        with (DATA_DIR / filename).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            next(reader)
            for row in reader:
                code, name = row[0], row[-1]
                parent = row[1] if has_parent else None
                rows.append((code, parent, level, raw_kind(level, code, name), name))
    return rows


def insert_sqlite(path: str, rows: list[tuple]):
    """executemany in one transaction, with the pragmas the settings give Django."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO regions_region ({COLUMNS}) VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    return conn


def insert_postgres(url: str, rows: list[tuple], method: str):
    """COPY, or executemany (which psycopg 3 pipelines), in one transaction."""
    import psycopg

    conn = psycopg.connect(url)
    with conn.cursor() as cur:
        if method == "copy":
            with cur.copy(f"COPY regions_region ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO regions_region ({COLUMNS}) VALUES (%s, %s, %s, %s, %s)"
            cur.executemany(sql, rows)
    conn.commit()
    return conn


def child_raw(url: str, pg_raw: str) -> dict:
    """Time the raw baseline: connect, read the CSV files, insert, commit."""
    start = time.perf_counter()
    rows = read_raw_rows()
    if url.startswith("sqlite:"):
        conn = insert_sqlite(url.removeprefix("sqlite:///"), rows)
    else:
        conn = insert_postgres(url, rows, pg_raw)
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    count, digest = table_digest(conn.cursor())
    conn.close()
    return {
        "seconds": seconds,
        "created": len(rows),
        "rows": count,
        "digest": digest,
        "rss_mb": rss,
    }


def run_child(args: argparse.Namespace) -> None:
    if args.child == "raw":
        result = child_raw(os.environ["DATABASE_URL"], args.pg_raw)
    else:
        result = child_import()
    print(json.dumps(result))


# --- parent: fresh databases, subprocesses, figures ----------------------------------------


@dataclass
class Backend:
    name: str
    url: str = ""
    raw_method: str = ""
    version: str = ""
    imports: list[dict] = field(default_factory=list)
    reimports: list[dict] = field(default_factory=list)
    raws: list[dict] = field(default_factory=list)


def child_env(url: str, var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tridaya.settings",
        TRIDAYA_TESTING="1",
        TRIDAYA_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def spawn(argv: list[str], url: str, var_dir: Path) -> str:
    done = subprocess.run(
        argv, cwd=ROOT, env=child_env(url, var_dir), capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def migrate(url: str, var_dir: Path) -> None:
    """Migrate the regions app (and what it depends on): the import writes nothing else."""
    argv = [sys.executable, "manage.py", "migrate", "regions", "--no-input", "-v", "0"]
    spawn(argv, url, var_dir)


def measure(kind: str, url: str, var_dir: Path, pg_raw: str) -> dict:
    argv = [sys.executable, __file__, "--child", kind, "--pg-raw", pg_raw]
    result = json.loads(spawn(argv, url, var_dir).strip().splitlines()[-1])
    if result["rows"] != EXPECTED_ROWS:
        sys.exit(f"{kind}: {result['rows']} rows in the table, expected {EXPECTED_ROWS}")
    return result


def pg_admin(admin_url: str, *statements: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)
        return conn.execute("SHOW server_version").fetchone()[0]


def pg_fresh(admin_url: str) -> None:
    pg_admin(
        admin_url,
        f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)",
        f"CREATE DATABASE {BENCH_DB}",
    )


def pg_bench_url(admin_url: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def fresh_database(backend: Backend, work: Path, label: str, admin_url: str) -> str:
    """A new empty database, migrated; returns its DATABASE_URL."""
    if backend.name == "sqlite":
        db_dir = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=work))
        url = f"sqlite:///{db_dir / 'bench.sqlite3'}"
    else:
        pg_fresh(admin_url)
        url = backend.url
    migrate(url, work)
    return url


def run_backend(backend: Backend, runs: int, work: Path, args: argparse.Namespace) -> None:
    for run in range(1, runs + 1):
        url = fresh_database(backend, work, f"import{run}", args.pg_url)
        backend.imports.append(measure("import", url, work, args.pg_raw))
        second = measure("import", url, work, args.pg_raw)
        if second["created"]:
            sys.exit(f"second import created {second['created']} rows, expected 0")
        backend.reimports.append(second)
        url = fresh_database(backend, work, f"raw{run}", args.pg_url)
        backend.raws.append(measure("raw", url, work, args.pg_raw))
        if backend.raws[-1]["digest"] != backend.imports[-1]["digest"]:
            sys.exit("the raw baseline wrote other rows than the import (digest differs)")
        imp, raw = backend.imports[-1]["seconds"], backend.raws[-1]["seconds"]
        print(f"  {backend.name} run {run}/{runs}: import {imp:.2f} s, raw {raw:.2f} s", flush=True)


def postgres_backend(args: argparse.Namespace) -> Backend | None:
    try:
        version = pg_admin(args.pg_url)
    except Exception as exc:  # any failure to connect means "no PostgreSQL"
        reason = " ".join(str(exc).split())
        print(f"PostgreSQL skipped: cannot connect to {args.pg_url}: {reason}")
        if args.require_pg:
            sys.exit(2)
        return None
    method = "COPY" if args.pg_raw == "copy" else "executemany"
    return Backend("postgresql", pg_bench_url(args.pg_url), f"psycopg {method}", version)


def spread(values: list[float], digits: int = 2) -> str:
    """Median [min-max]."""
    med, low, high = statistics.median(values), min(values), max(values)
    return f"{med:.{digits}f} [{low:.{digits}f}-{high:.{digits}f}]"


COLUMNS_FORMAT = "{:<11} {:<18} {:<18} {:>6} {:<18} {:<14} {:>9}  {}"


def table_row(b: Backend) -> tuple[list[str], bool]:
    imp = [r["seconds"] for r in b.imports]
    ratio = statistics.median(imp) / statistics.median(r["seconds"] for r in b.raws)
    ok = statistics.median(imp) <= TARGET_SECONDS
    cells = [
        b.name,
        spread(imp),
        spread([r["seconds"] for r in b.raws]),
        f"{ratio:.1f}",
        spread([r["seconds"] for r in b.reimports]),
        spread([r["rss_mb"] for r in b.imports], 0),
        f"{statistics.median(r['rss_before_mb'] for r in b.imports):.0f}",
        f"{'PASS' if ok else 'FAIL'} (<= {TARGET_SECONDS:.0f} s)",
    ]
    return cells, ok


def report(backends: list[Backend], runs: int) -> bool:
    """Print the table; returns True when every backend met the target."""
    header = COLUMNS_FORMAT.format(
        "backend", "import s", "raw s", "ratio", "re-import s", "peak MB", "Django MB", "target"
    )
    print(f"\n{EXPECTED_ROWS:,} rows, fresh database each run; median [min-max] of {runs} runs")
    print(header)
    print("-" * len(header))
    all_pass = True
    for backend in backends:
        cells, ok = table_row(backend)
        all_pass &= ok
        print(COLUMNS_FORMAT.format(*cells))
    print()
    for b in backends:
        raw_mb = statistics.median(r["rss_mb"] for r in b.raws)
        print(f"{b.name}: {b.version}; raw baseline: {b.raw_method} (peak {raw_mb:.0f} MB)")
    print("ratio = median import s / median raw s (same backend, same run)")
    print("peak MB = ru_maxrss of the import child; Django MB = its peak before the import began")
    return all_pass


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per backend")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="admin database URL")
    parser.add_argument("--pg-raw", choices=["copy", "executemany"], default="copy")
    parser.add_argument("--require-pg", action="store_true", help="exit 2 without PostgreSQL")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target fails")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--child", choices=["import", "raw"], help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        run_child(args)
        return
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"CPUs: {os.cpu_count()}, load average: {load}, Python {sys.version.split()[0]}")
    backends = []
    if not args.no_sqlite:
        backends.append(
            Backend("sqlite", "", "sqlite3 executemany", f"SQLite {sqlite3.sqlite_version}")
        )
    pg = postgres_backend(args)
    if pg:
        backends.append(pg)
    if not backends:
        sys.exit("no backend to measure")
    work = Path(tempfile.mkdtemp(prefix="tridaya-bench-"))
    try:
        for backend in backends:
            run_backend(backend, args.runs, work, args)
        if pg:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    all_pass = report(backends, args.runs)
    if args.strict and not all_pass:
        sys.exit(1)


if __name__ == "__main__":
    main()
