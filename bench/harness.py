"""What the page benchmarks share: a child process per backend with its own settings, the
PostgreSQL admin connection that creates the bench database, peak memory and a median [min-max]
spread. A benchmark script runs as `python bench/<name>.py`, so this module imports as `harness`."""

from __future__ import annotations

import argparse
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
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_env(url: str, var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tridaya.settings",
        TRIDAYA_TESTING="1",
        TRIDAYA_HTTPS="0",
        TRIDAYA_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def spawn(argv: list[str], url: str, var_dir: Path) -> str:
    """Run `argv` in the project with the database `url`; stop the benchmark when it fails."""
    done = subprocess.run(
        argv, cwd=ROOT, env=child_env(url, var_dir), capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def pg_admin(admin_url: str, *statements: str) -> str:
    """Run `statements` on the admin connection; return the server version."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)
        return conn.execute("SHOW server_version").fetchone()[0]


def spread(
    values: list[float], scale: float = 1000.0, places: int = 0, grouping: bool = False
) -> str:
    """'median [min-max]' of `values` times `scale` (seconds to milliseconds by default);
    `grouping` separates thousands with commas."""
    med, low, high = (statistics.median(values) * scale, min(values) * scale, max(values) * scale)
    f = f"{',' if grouping else ''}.{places}f"
    return f"{med:{f}} [{low:{f}}-{high:{f}}]"


def database_url(admin_url: str, name: str) -> str:
    """The URL of database `name` on the server of `admin_url`."""
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


def machine() -> str:
    """The line a benchmark prints first: cores, load and Python, to read its figures by."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"CPUs: {os.cpu_count()}, load average: {load}, Python {sys.version.split()[0]}"


def timed(function: Callable[[], bytes], runs: int) -> tuple[list[float], int]:
    """The seconds of each of `runs` calls of `function`, and the size of what it returned."""
    seconds, size = [], 0
    for _run in range(runs):
        start = time.perf_counter()
        content = function()
        seconds.append(time.perf_counter() - start)
        size = len(content)
    return seconds, size


def timed_requests(path: str, runs: int) -> dict:
    """GET `path` `runs` times with Django's test client after one warm-up request (templates
    compiled, connection open): the seconds of each, the distinct query counts, the size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)
    seconds, queries, size = [], [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        queries.append(len(captured))
        size = len(response.content)
    return {"seconds": seconds, "queries": sorted(set(queries)), "bytes": size}


def backends(
    *, bench_db: str, pg_url: str, sqlite: bool = True, pg: bool = True, require_pg: bool = False
) -> Iterator[tuple[str, str, Path]]:
    """The databases to measure on, as (label, URL, work directory): a fresh SQLite file, then a
    fresh PostgreSQL database `bench_db` when the server answers (dropped afterwards; without a
    server SQLite only, or exit 2 when `require_pg`). The work directory is removed at the end."""
    work = Path(tempfile.mkdtemp(prefix=f"{bench_db}-"))
    drop = f"DROP DATABASE IF EXISTS {bench_db} WITH (FORCE)"
    try:
        if sqlite:
            yield f"sqlite {sqlite3.sqlite_version}", f"sqlite:///{work / 'bench.sqlite3'}", work
        if not pg:
            return
        try:
            version = pg_admin(pg_url, drop, f"CREATE DATABASE {bench_db}")
        except Exception as exc:  # noqa: BLE001  (any failure to connect means "no PostgreSQL")
            print(f"PostgreSQL skipped: {' '.join(str(exc).split())}")
            if require_pg:
                sys.exit(2)
            return
        try:
            yield f"pg {version.split()[0]}", database_url(pg_url, bench_db), work
        finally:
            pg_admin(pg_url, drop)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prepare_demo(url: str, var_dir: Path) -> None:
    """A fresh database at `url` with the official regions and the demo seed."""
    python = sys.executable
    for argv in (
        [python, "manage.py", "migrate", "--no-input", "-v", "0"],
        [python, "manage.py", "import_regions"],
        [python, "manage.py", "seed_demo"],
    ):
        spawn(argv, url, var_dir)


def demo_bench_main(
    *,
    script: str,
    description: str,
    child: Callable[[int], dict],
    report: Callable[[str, dict], bool],
    bench_db: str,
    footer: str = "",
) -> None:
    """The command line of a benchmark over the demo seed: `--child` measures in this process;
    otherwise one database per backend (SQLite, and PostgreSQL when it answers), prepared with
    `prepare_demo`, measured in a child process and reported. `--strict`: exit 1 on a FAIL."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.runs)))
        return
    print(machine())
    work = Path(tempfile.mkdtemp(prefix=f"tridaya-{bench_db}-"))
    backends = [("sqlite", f"sqlite:///{work / 'bench.sqlite3'}")]
    if not args.no_pg:
        try:
            drop = f"DROP DATABASE IF EXISTS {bench_db} WITH (FORCE)"
            version = pg_admin(args.pg_url, drop, f"CREATE DATABASE {bench_db}")
            url = database_url(args.pg_url, bench_db)
            backends.append((f"postgresql {version}", url))
        except Exception as exc:  # noqa: BLE001  (no server: measure SQLite only)
            print(f"PostgreSQL skipped: {' '.join(str(exc).split())}")
    ok = True
    try:
        for name, url in backends:
            var_dir = work / name.split()[0]
            var_dir.mkdir(exist_ok=True)
            print(f"preparing {name} (migrate, import_regions, seed_demo) ...", flush=True)
            prepare_demo(url, var_dir)
            out = spawn([sys.executable, script, "--child", "--runs", str(args.runs)], url, var_dir)
            ok &= report(name, json.loads(out.strip().splitlines()[-1]))
    finally:
        if len(backends) > 1:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {bench_db} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    if footer:
        print(f"\nmedian [min-max] of {args.runs} runs; {footer}")
    if args.strict and not ok:
        sys.exit(1)
