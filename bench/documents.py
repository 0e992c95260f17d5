"""Benchmark: the full RPLP of the demo village (Desa Bajur) as PDF and as DOCX.

Run from the project root:

    .venv/bin/python bench/documents.py [--runs 5] [--no-pg] [--strict]

For SQLite and (when it can connect) PostgreSQL, the script builds a fresh database (migrate,
import_regions, seed_demo), then in one child process per backend times, `--runs` times each:

- pdf:  what the download view does: read the version (selectors), draw the maps and charts
        (matplotlib), build the document from the outline, render with WeasyPrint;
- docx: the same, written with python-docx;
- pdf baseline:  WeasyPrint alone on the very same HTML, rendered beforehand (no queries, no
        figures, no template work);
- docx baseline: python-docx alone on the very same document data (no queries, no figures).

It prints medians with min/max, the ratio full/baseline (the price of reading the data and
drawing the figures over the bare renderer), the size of each file, the peak resident memory of
the child (ru_maxrss), and PASS/FAIL against the target: each document in under 5 s on a 2-core
machine. Exit code 0 unless --strict (a FAIL gives 1).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "tridaya_bench_documents"
BAJUR = "52.01.08.2006"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function, runs: int) -> tuple[list[float], int]:
    seconds, size = [], 0
    for _run in range(runs):
        start = time.perf_counter()
        content = function()
        seconds.append(time.perf_counter() - start)
        size = len(content)
    return seconds, size


def child(runs: int) -> dict:
    import django

    django.setup()
    from weasyprint import HTML

    from tridaya.documents.pdf import OFFLINE_BASE_URL, OfflineURLFetcher
    from tridaya.documents.plan_document import plan_docx, plan_html, plan_pdf
    from tridaya.planning.documents import plans as plan_documents
    from tridaya.planning.models import Plan, PlanKind
    from tridaya.planning.selectors import plans as selectors

    plan = Plan.objects.get(village_id=BAJUR, kind=PlanKind.RPLP)
    number = plan.versions.order_by("-number").first().number

    def full(fmt: str):
        def run() -> bytes:
            page = selectors.version_page(BAJUR, plan.pk, number)
            return plan_documents.plan_file(page, fmt)[0]

        return run

    rss_before = peak_rss_mb()
    full("pdf")()  # warm up: fonts, templates, matplotlib caches
    page = selectors.version_page(BAJUR, plan.pk, number)
    doc = plan_documents.plan_document(page)
    html = plan_html(doc)

    def pdf_baseline() -> bytes:
        return HTML(
            string=html, base_url=OFFLINE_BASE_URL, url_fetcher=OfflineURLFetcher()
        ).write_pdf()

    results = {}
    for name, function in (
        ("pdf", full("pdf")),
        ("pdf_baseline", pdf_baseline),
        ("docx", full("docx")),
        ("docx_baseline", lambda: plan_docx(doc)),
    ):
        seconds, size = _timed(function, runs)
        results[name] = {"seconds": seconds, "bytes": size}
    assert plan_pdf(doc)[:4] == b"%PDF"
    results["rss_mb"] = peak_rss_mb()
    results["rss_before_mb"] = rss_before
    results["chapters"] = len(doc.chapters)
    results["total"] = page.totals.total
    results["lines"] = len(page.lines)
    return results


# --- parent ----------------------------------------------------------------------------------


def env_for(url: str, var_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="tridaya.settings",
        TRIDAYA_TESTING="1",
        TRIDAYA_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
    )
    return env


def run(argv: list[str], url: str, var_dir: Path) -> str:
    done = subprocess.run(argv, cwd=ROOT, env=env_for(url, var_dir), capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(argv)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(url: str, var_dir: Path) -> None:
    python = sys.executable
    for argv in (
        [python, "manage.py", "migrate", "--no-input", "-v", "0"],
        [python, "manage.py", "import_regions"],
        [python, "manage.py", "seed_demo"],
    ):
        run(argv, url, var_dir)


def pg_admin(admin_url: str, *statements: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        for statement in statements:
            conn.execute(statement)
        return conn.execute("SHOW server_version").fetchone()[0]


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def report(name: str, result: dict) -> bool:
    ok = True
    print(
        f"\n{name}: {result['chapters']} chapters, {result['lines']} investment rows, "
        f"total Rp {result['total']:,}".replace(",", ".")
    )
    print(f"{'document':<6} {'full s':<18} {'baseline s':<18} {'ratio':>6} {'KB':>7}  target")
    for fmt in ("pdf", "docx"):
        full, base = result[fmt], result[f"{fmt}_baseline"]
        median = statistics.median(full["seconds"])
        ratio = median / statistics.median(base["seconds"])
        passed = median < TARGET_SECONDS
        ok &= passed
        print(
            f"{fmt:<6} {spread(full['seconds']):<18} {spread(base['seconds']):<18} "
            f"{ratio:>6.1f} {full['bytes'] / 1024:>7.0f}  "
            f"{'PASS' if passed else 'FAIL'} (< {TARGET_SECONDS:.0f} s)"
        )
    print(f"peak MB {result['rss_mb']:.0f} (Django and apps loaded: {result['rss_before_mb']:.0f})")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.runs)))
        return
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"CPUs: {os.cpu_count()}, load average: {load}, Python {sys.version.split()[0]}")
    work = Path(tempfile.mkdtemp(prefix="tridaya-bench-docs-"))
    backends = [("sqlite", f"sqlite:///{work / 'bench.sqlite3'}")]
    if not args.no_pg:
        try:
            version = pg_admin(
                args.pg_url,
                f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)",
                f"CREATE DATABASE {BENCH_DB}",
            )
            url = urlunsplit(urlsplit(args.pg_url)._replace(path=f"/{BENCH_DB}"))
            backends.append((f"postgresql {version}", url))
        except Exception as exc:  # no server: measure SQLite only
            print(f"PostgreSQL skipped: {' '.join(str(exc).split())}")
    all_ok = True
    try:
        for name, url in backends:
            print(f"preparing {name} (migrate, import_regions, seed_demo) ...", flush=True)
            prepare(url, work)
            out = run([sys.executable, __file__, "--child", "--runs", str(args.runs)], url, work)
            all_ok &= report(name, json.loads(out.strip().splitlines()[-1]))
    finally:
        if len(backends) > 1:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nmedian [min-max] of {args.runs} runs; ratio = median full / median baseline")
    if args.strict and not all_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
