"""Benchmark: import a realistic KoBoToolbox export of 1,000,000 households into one village.

Run from the project root:

    .venv/bin/python bench/household_import.py [--rows 1000000] [--runs 3]

Options: --pg-url URL (admin database, default postgres://postgres@127.0.0.1:5432/postgres),
--pg-raw copy|executemany (raw PostgreSQL baseline, default copy), --require-pg, --strict,
--no-sqlite, --no-pg, --keep-file.

It first writes the export once (`;`-separated KoBo CSV: groups joined with `/`, `_uuid`,
`_submission_time`, geopoints as text and split columns, the village's RT choice names, about
10% of heads without NIK and 8% of homes without a location; `tridaya.mapping.importers.samples`
makes it, the same generator as the demo seed). Then, for SQLite and (when it can connect)
PostgreSQL, each run:

1. creates a fresh database, runs every migration, and sets up the demo village (Desa Bajur with
   4 RW x 4 RT and boundaries) in a subprocess;
2. times `services.surveys.survey_import()` (the service behind the web upload and
   `manage.py import_survey`, strict mode) in its own subprocess, which also reports its peak
   resident memory (ru_maxrss); the households and their heads are checked to be there;
3. times a second import of the same file into that database (nothing to write: every row is
   read, checked and found unchanged);
4. creates another fresh, migrated, set-up database and times the raw baseline: the same file
   read with the csv module and the same household rows written through the bare driver
   (sqlite3 executemany / psycopg COPY, one transaction, ids assigned in the script, no Django,
   no checks). Both sides end with a count and a hash of the household rows, checked to be
   equal.

It prints medians with min/max, rows per second, the ratio import/raw, peak memory and
PASS/FAIL against the targets: at least 20,000 rows/s and under 300 MB peak. Exit code is 0
unless `--strict` (FAIL gives 1) or `--require-pg` (no PostgreSQL gives 2).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import DEFAULT_PG_URL, database_url, machine, peak_rss_mb, pg_admin, spawn, spread

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_ROWS_PER_S = 20_000
TARGET_PEAK_MB = 300
DEFAULT_ROWS = 1_000_000
BENCH_DB = "tridaya_bench_households"
BAJUR = "52.01.08.2006"
SEED = 2006


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tridaya.settings")
    os.environ.setdefault("TRIDAYA_TESTING", "1")
    import django

    django.setup()


# --- the export ------------------------------------------------------------------------------


def demo_rts():
    """The RTs of the demo village and their boxes, as the regions demo lays them out (no
    database needed to write the file)."""
    from tridaya.mapping.importers.samples import SampleRT
    from tridaya.regions import demo

    spec = demo.DEMO_VILLAGES[BAJUR]
    lat, lon = spec["centre"]
    west0 = lon - demo.RW_WIDTH_DEG * len(spec["rws"]) / 2
    north = lat + demo.HEIGHT_DEG / 2
    step = demo.HEIGHT_DEG / demo.RTS_PER_RW
    rts = []
    for index in range(len(spec["rws"])):
        west = west0 + index * demo.RW_WIDTH_DEG
        east = west + demo.RW_WIDTH_DEG
        for rt_index in range(demo.RTS_PER_RW):
            top = north - rt_index * step
            rts.append(SampleRT(index + 1, rt_index + 1, (west, top - step, east, top)))
    return rts


def write_export(path: Path, rows: int) -> None:
    django_setup()
    from tridaya.mapping.importers import samples

    with path.open("w", newline="", encoding="utf-8") as handle:
        samples.write_csv(
            handle,
            samples.household_header("kobo"),
            samples.household_rows(demo_rts(), rows, kind="kobo", seed=SEED),
            delimiter=";",
        )


# --- children: one measured step each, printing one JSON line ----------------------------


HASH_SQL = (
    "SELECT instance_id, rt_id, head_name, head_sex, head_nik, members, women, disabled, "
    "criteria_met, is_poor, water_source FROM mapping_household ORDER BY instance_id"
)


def table_digest(cursor) -> tuple[int, str]:
    cursor.execute(HASH_SQL)
    digest = hashlib.sha256()
    count = 0
    while batch := cursor.fetchmany(20_000):
        for row in batch:
            digest.update(repr(tuple(int(v) if isinstance(v, bool) else v for v in row)).encode())
            count += 1
    return count, digest.hexdigest()[:16]


def child_setup() -> dict:
    django_setup()
    from tridaya.regions import demo
    from tridaya.regions.tests.factories import region

    region(BAJUR)
    demo.seed_village(BAJUR, demo.DEMO_VILLAGES[BAJUR])
    return {"ok": True}


def child_import(path: str) -> dict:
    django_setup()
    from django.db import connection

    from tridaya.mapping.models import SurveyForm
    from tridaya.mapping.services.surveys import survey_import
    from tridaya.regions.models import Region

    village = Region.objects.get(code=BAJUR)
    rss_before = peak_rss_mb()
    start = time.perf_counter()
    with open(path, "rb") as handle:
        batch = survey_import(
            actor=None, village=village, form=SurveyForm.HOUSEHOLD, file=handle, filename="x"
        )
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    with connection.cursor() as cursor:
        rows, digest = table_digest(cursor)
        cursor.execute("SELECT COUNT(*) FROM institutions_person")
        people = cursor.fetchone()[0]
    return {
        "seconds": seconds,
        "status": batch.status,
        "read": batch.rows,
        "created": batch.created,
        "unchanged": batch.unchanged,
        "bad": batch.bad_rows,
        "rows": rows,
        "people": people,
        "digest": digest,
        "rss_mb": rss,
        "rss_before_mb": rss_before,
    }


def raw_rows(path: str, rt_ids: dict[str, int], next_household: int):
    """Household rows from the export, transformed the way the importer stores them, with no
    checks."""
    selects = [
        "land_tenure",
        "building_tenure",
        "housing_condition",
        "water_source",
        "sanitation",
        "waste",
        "electricity",
        "cooking_fuel",
        "income_source",
    ]
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        at = {name.rsplit("/", 1)[-1]: i for i, name in enumerate(header)}
        for row in reader:
            criteria = [row[at[name]] == "ya" for name in CRITERIA_FIELDS]
            met = sum(criteria)
            poor = met >= 9
            location = None
            if row[at["location"]]:
                lat, lon = row[at["location"]].split()[:2]
                location = f'{{"type": "Point", "coordinates": [{float(lon)!r}, {float(lat)!r}]}}'
            yield (
                next_household, BAJUR, rt_ids[row[at["rt"]]], row[at["head_name"]],
                row[at["head_sex"]], row[at["head_nik"]],
                int(row[at["members"]]), int(row[at["women"]]), int(row[at["disabled"]]),
                *[row[at[name]] for name in selects], *criteria, met, poor, location,
                row[at["survey_date"]], "survey", row[at["_uuid"]],
                row[at["_submission_time"]].replace("T", " "), "",
            )  # fmt: skip
            next_household += 1


# The 14 BPS criteria columns (tridaya.mapping.models.CRITERIA_FIELDS; no Django here).
CRITERIA_FIELDS = (
    "crit_floor_area", "crit_floor_material", "crit_wall_material", "crit_toilet",
    "crit_electricity", "crit_water", "crit_cooking_fuel", "crit_protein", "crit_clothing",
    "crit_meals", "crit_health_cost", "crit_income", "crit_education", "crit_savings",
)  # fmt: skip
HOUSEHOLD_COLUMNS = (
    "id, village_id, rt_id, head_name, head_sex, head_nik, members, women, disabled, "
    "land_tenure, building_tenure, housing_condition, water_source, sanitation, waste, "
    "electricity, cooking_fuel, income_source, crit_floor_area, crit_floor_material, "
    "crit_wall_material, crit_toilet, crit_electricity, crit_water, crit_cooking_fuel, "
    "crit_protein, crit_clothing, crit_meals, crit_health_cost, crit_income, crit_education, "
    "crit_savings, criteria_met, is_poor, location, surveyed_on, source, instance_id, "
    "submitted_at, source_digest, created_at, updated_at"
)


def child_raw(path: str, url: str, pg_raw: str) -> dict:
    """The raw baseline: the driver alone writes the same rows (chunks of 2,000)."""
    start = time.perf_counter()
    now = "2026-01-01 00:00:00"
    fixed = (now, now)
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        rows = raw_rows(path, dict(_rt_ids(cur, "?")), 1)
        marks = ", ".join(["?"] * len(HOUSEHOLD_COLUMNS.split(",")))
        statement = f"INSERT INTO mapping_household ({HOUSEHOLD_COLUMNS}) VALUES ({marks})"
        while chunk := [(*row, *fixed) for _, row in zip(range(2000), rows, strict=False)]:
            cur.executemany(statement, chunk)
        cur.execute("COMMIT")
    else:
        import psycopg

        conn = psycopg.connect(url)
        conn.execute("SET TIME ZONE 'UTC'")
        cur = conn.cursor()
        rows = raw_rows(path, dict(_rt_ids(cur, "%s")), 1)
        copy_sql = f"COPY mapping_household ({HOUSEHOLD_COLUMNS}) FROM STDIN"
        marks = ", ".join(["%s"] * len(HOUSEHOLD_COLUMNS.split(",")))
        insert_sql = f"INSERT INTO mapping_household ({HOUSEHOLD_COLUMNS}) VALUES ({marks})"
        while chunk := [(*row, *fixed) for _, row in zip(range(2000), rows, strict=False)]:
            if pg_raw == "executemany":
                cur.executemany(insert_sql, chunk)
                continue
            with cur.copy(copy_sql) as copy:
                for row in chunk:
                    copy.write_row(row)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('mapping_household', 'id'), "
            "(SELECT MAX(id) FROM mapping_household))"
        )
        conn.commit()
    seconds = time.perf_counter() - start
    rss = peak_rss_mb()
    rows, digest = table_digest(conn.cursor())
    conn.close()
    return {"seconds": seconds, "rows": rows, "digest": digest, "rss_mb": rss}


def _rt_ids(cursor, mark: str):
    cursor.execute(
        "SELECT rt.id, rw.number, rt.number FROM regions_rt rt JOIN regions_rw rw "
        f"ON rw.id = rt.rw_id WHERE rt.village_id = {mark}",
        [BAJUR],
    )
    for rt_id, rw, rt in cursor.fetchall():
        yield f"rw{rw:02d}_rt{rt:02d}", rt_id


def run_child(args: argparse.Namespace) -> None:
    if args.child == "setup":
        result = child_setup()
    elif args.child == "raw":
        result = child_raw(args.file, os.environ["DATABASE_URL"], args.pg_raw)
    else:
        result = child_import(args.file)
    print(json.dumps(result))


# --- parent: fresh databases, subprocesses, figures --------------------------------------


@dataclass
class Backend:
    name: str
    url: str = ""
    raw_method: str = ""
    version: str = ""
    imports: list[dict] = field(default_factory=list)
    reimports: list[dict] = field(default_factory=list)
    raws: list[dict] = field(default_factory=list)


def step(kind: str, url: str, var_dir: Path, args: argparse.Namespace, path: Path) -> dict:
    argv = [sys.executable, __file__, "--child", kind, "--file", str(path), "--pg-raw", args.pg_raw]
    return json.loads(spawn(argv, url, var_dir).strip().splitlines()[-1])


def fresh_database(backend: Backend, work: Path, label: str, args, path: Path) -> str:
    """A new database, migrated, with the demo village and its RTs; returns its URL."""
    if backend.name == "sqlite":
        db_dir = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=work))
        url = f"sqlite:///{db_dir / 'bench.sqlite3'}"
    else:
        pg_admin(
            args.pg_url,
            f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)",
            f"CREATE DATABASE {BENCH_DB}",
        )
        url = backend.url
    spawn([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], url, work)
    step("setup", url, work, args, path)
    return url


def run_backend(backend: Backend, args, work: Path, path: Path) -> None:
    for run in range(1, args.runs + 1):
        url = fresh_database(backend, work, f"import{run}", args, path)
        first = step("import", url, work, args, path)
        if first["status"] != "imported" or first["rows"] != args.rows:
            sys.exit(f"import: {first}")
        backend.imports.append(first)
        again = step("import", url, work, args, path)
        if again["created"] or again["unchanged"] != args.rows:
            sys.exit(f"second import was not a no-op: {again}")
        backend.reimports.append(again)
        if backend.name == "sqlite":
            shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)
        url = fresh_database(backend, work, f"raw{run}", args, path)
        raw = step("raw", url, work, args, path)
        if raw["digest"] != first["digest"] or raw["rows"] != first["rows"]:
            sys.exit(f"the raw baseline wrote other rows than the import: {raw} vs {first}")
        backend.raws.append(raw)
        if backend.name == "sqlite":
            shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)
        print(
            f"  {backend.name} run {run}/{args.runs}: import {first['seconds']:.1f} s "
            f"({args.rows / first['seconds']:,.0f} rows/s, peak {first['rss_mb']:.0f} MB), "
            f"re-import {again['seconds']:.1f} s, raw {raw['seconds']:.1f} s",
            flush=True,
        )


def report(backends: list[Backend], args) -> bool:
    fmt = "{:<11} {:<22} {:<24} {:<20} {:>6} {:<22} {:<16} {}"
    header = fmt.format(
        "backend", "import s", "import rows/s", "raw s", "ratio", "re-import s", "peak MB",
        "target",
    )  # fmt: skip
    print(f"\n{args.rows:,} households, fresh database each run; median [min-max] of {args.runs}")
    print(header)
    print("-" * len(header))
    all_pass = True
    for b in backends:
        seconds = [r["seconds"] for r in b.imports]
        rates = [args.rows / s for s in seconds]
        peaks = [r["rss_mb"] for r in b.imports]
        ratio = statistics.median(seconds) / statistics.median(r["seconds"] for r in b.raws)
        ok = (statistics.median(rates) >= TARGET_ROWS_PER_S
              and statistics.median(peaks) < TARGET_PEAK_MB)  # fmt: skip
        all_pass &= ok
        print(
            fmt.format(
                b.name,
                spread(seconds, 1, 1, grouping=True),
                spread(rates, 1, 0, grouping=True),
                spread([r["seconds"] for r in b.raws], 1, 1, grouping=True),
                f"{ratio:.2f}",
                spread([r["seconds"] for r in b.reimports], 1, 1, grouping=True),
                spread(peaks, 1, 0, grouping=True),
                f"{'PASS' if ok else 'FAIL'} (>= {TARGET_ROWS_PER_S:,} rows/s, "
                f"< {TARGET_PEAK_MB} MB)",
            )  # fmt: skip
        )
    print()
    for b in backends:
        before = statistics.median(r["rss_before_mb"] for r in b.imports)
        raw_mb = statistics.median(r["rss_mb"] for r in b.raws)
        print(
            f"{b.name}: {b.version}; raw baseline: {b.raw_method} (peak {raw_mb:.0f} MB); "
            f"Django before the import: {before:.0f} MB"
        )
    print("ratio = median import s / median raw s (same backend, same rows, same run)")
    print("re-import = the same file again: every row read, checked and found unchanged")
    return all_pass


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--runs", type=int, default=3, help="measured runs per backend")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="admin database URL")
    parser.add_argument("--pg-raw", choices=["copy", "executemany"], default="copy")
    parser.add_argument("--require-pg", action="store_true", help="exit 2 without PostgreSQL")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--keep-file", help="write the export here and keep it")
    parser.add_argument("--child", choices=["setup", "import", "raw"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        run_child(args)
        return
    print(machine())
    backends = []
    if not args.no_sqlite:
        backends.append(
            Backend("sqlite", "", "sqlite3 executemany", f"SQLite {sqlite3.sqlite_version}")
        )
    if not args.no_pg:
        try:
            version = pg_admin(args.pg_url)
        except Exception as exc:  # any failure to connect means "no PostgreSQL"
            print(f"PostgreSQL skipped: cannot connect to {args.pg_url}: {exc}")
            if args.require_pg:
                sys.exit(2)
        else:
            method = "psycopg COPY" if args.pg_raw == "copy" else "psycopg executemany"
            backends.append(
                Backend("postgresql", database_url(args.pg_url, BENCH_DB), method, version)
            )
    if not backends:
        sys.exit("no backend to measure")
    work = Path(tempfile.mkdtemp(prefix="tridaya-bench-households-"))
    path = Path(args.keep_file) if args.keep_file else work / "kobo_households.csv"
    try:
        if not path.exists():
            start = time.perf_counter()
            write_export(path, args.rows)
            size = path.stat().st_size / 1e6
            print(
                f"export: {args.rows:,} rows, {size:,.0f} MB in {time.perf_counter() - start:.0f} s"
            )
        for backend in backends:
            run_backend(backend, args, work, path)
        if any(b.name == "postgresql" for b in backends):
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    all_pass = report(backends, args)
    if args.strict and not all_pass:
        sys.exit(1)


if __name__ == "__main__":
    main()
