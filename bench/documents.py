"""Benchmark: the full RPLP of the demo village (Desa Bajur) as PDF and as DOCX, warm and cold.

Run from the project root:

    .venv/bin/python bench/documents.py [--runs 5] [--cold-runs 3] [--no-pg] [--strict]

For SQLite and (when it can connect) PostgreSQL, the script builds a fresh database (migrate,
import_regions, seed_demo, then an amendment of the legalised RPLP: a draft version 2 with the
same content, since a legalised version's documents are stored once and served as files). Then:

1. cold, `--cold-runs` rounds, each row in a fresh child process (what the first download from a
   server process that just started costs):
   - url cold:  Django set up, then the first GET of the draft's PDF URL through the test client
                (URL conf, middleware, selectors, maps and charts, template, WeasyPrint, fonts);
   - url warmed: the same first GET after `tridaya.documents.warmup.warm_up()`, which a server
                process runs in the background once it has answered its first request
                (`tridaya/wsgi.py`);
   - url cold, figures cached: the same first GET when the maps and charts of the draft are
                in the shared figure cache (a server whose cache is Redis or var/cache/figures, and
                whose draft's data has not changed since they were drawn: no matplotlib at all);
   - raw cold:  the baseline: a fresh process that imports WeasyPrint and renders the very same
                HTML (written beforehand), nothing else.
2. warm, `--runs` rounds in one child process (each round runs every row once):
   - pdf / docx: what the download of the draft does (read the version, take the maps and
     charts from the figure cache, build the document, render with WeasyPrint / python-docx);
   - pdf, figures drawn: the same with the figure cache emptied first (the draft's data changed);
   - pdf url: the draft's PDF through its URL (test client);
   - legalised url: the legalised version's PDF through its URL (served from storage);
   - baselines: WeasyPrint alone on the same HTML; python-docx alone on the same document data;
   - layout before: WeasyPrint alone on the same HTML with the print styles the plan had before
     issue 11, item 12 was closed (`before_layout`), so old and new layout are timed in one run.

It prints medians with min/max, the ratios full/baseline, file sizes, the peak resident memory
of the warm child (ru_maxrss), and PASS/FAIL against the targets: a draft PDF through its URL
under 2 s cold, each warm document under 5 s. Exit code 0 unless --strict (a FAIL gives 1).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from harness import peak_rss_mb, pg_admin, spawn

COLD_TARGET = 2.0
WARM_TARGET = 5.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "tridaya_bench_documents"
BAJUR = "52.01.08.2006"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} [{min(values):.2f}-{max(values):.2f}]"


def _timed(function, runs: int) -> tuple[list[float], list[float], int]:
    seconds, cpu, size = [], [], 0
    for _run in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        content = function()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        size = len(content)
    return seconds, cpu, size


# --- children --------------------------------------------------------------------------------


def _setup() -> float:
    start = time.perf_counter()
    import django

    django.setup()
    return time.perf_counter() - start


def _urls() -> tuple[str, str]:
    """(draft PDF URL, legalised PDF URL) of Bajur's RPLP."""
    from tridaya.planning.models import Plan, PlanKind

    plan = Plan.objects.get(village_id=BAJUR, kind=PlanKind.RPLP)
    base = f"/wilayah/{BAJUR}/perencanaan/rencana/{plan.pk}"
    newest = plan.versions.order_by("-number").first()
    legalised = plan.versions.filter(state="sah").order_by("-number").first()
    return f"{base}/v{newest.number}/dokumen.pdf", f"{base}/v{legalised.number}/dokumen.pdf"


def _get(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content[:4] == b"%PDF"
    return content


# The plan template's print styles before issue 11, item 12 was closed: the contents had a dotted
# bottom border on each line (painted dot by dot) and the page number floated right. The bench
# puts them back into today's HTML to time WeasyPrint on the old layout in the same run.
BEFORE_LAYOUT = (
    (
        "  .contents li { margin-bottom: 4pt; }",
        "  .contents li { border-bottom: 0.5pt dotted #999; margin-bottom: 4pt; }",
    ),
    (
        '  .contents li a::after { content: leader(". ") target-counter(attr(href), page); }',
        "  .contents li a::after { content: target-counter(attr(href), page); float: right; }",
    ),
)


def before_layout(html: str) -> str:
    """`html` with the print styles it had before (fails loudly if the template moved on)."""
    for new, old in BEFORE_LAYOUT:
        assert html.count(new) == 1, f"the plan template no longer has: {new}"
        html = html.replace(new, old)
    return html


def child_amend() -> dict:
    """Open an amendment of the legalised RPLP: the draft whose documents are rendered."""
    _setup()
    from tridaya.planning.models import Plan, PlanKind
    from tridaya.planning.services import versions

    plan = Plan.objects.get(village_id=BAJUR, kind=PlanKind.RPLP)
    newest = plan.versions.order_by("-number").first()
    if newest.state == "sah":
        versions.version_amend(
            actor=None, version=newest, reason="Versi draf untuk mengukur penyusunan dokumen."
        )
    return {}


def child_cold(warm_first: bool) -> dict:
    setup = _setup()
    from django.test import Client

    draft_url, _legalised = _urls()
    warmed = 0.0
    if warm_first:
        from tridaya.documents import warmup

        warmed = warmup.warm_up()
    start, cpu = time.perf_counter(), time.process_time()
    content = _get(Client(), draft_url)
    return {
        "setup": setup,
        "warmup": warmed,
        "first": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "bytes": len(content),
    }


def child_raw(html_file: str) -> dict:
    _setup()  # only for the offline URL fetcher's static roots; not timed, like the url runs
    start, cpu = time.perf_counter(), time.process_time()
    from weasyprint import HTML

    from tridaya.documents.pdf import OFFLINE_BASE_URL, OfflineURLFetcher

    html = Path(html_file).read_text()
    pdf = HTML(string=html, base_url=OFFLINE_BASE_URL, url_fetcher=OfflineURLFetcher()).write_pdf()
    assert pdf[:4] == b"%PDF"
    return {"first": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def child_warm(runs: int, html_file: str) -> dict:
    _setup()
    from django.core.cache import caches
    from django.test import Client
    from weasyprint import HTML

    from tridaya.documents.pdf import OFFLINE_BASE_URL, OfflineURLFetcher
    from tridaya.documents.plan_document import plan_docx, plan_html
    from tridaya.planning.documents import plans as plan_documents
    from tridaya.planning.models import Plan, PlanKind
    from tridaya.planning.selectors import plans as selectors

    plan = Plan.objects.get(village_id=BAJUR, kind=PlanKind.RPLP)
    number = plan.versions.order_by("-number").first().number
    draft_url, legalised_url = _urls()
    client = Client()

    def full(fmt: str):
        def run() -> bytes:
            page = selectors.version_page(BAJUR, plan.pk, number)
            return plan_documents.plan_file(page, fmt)[0]

        return run

    rss_before = peak_rss_mb()
    full("pdf")()  # warm up: fonts, templates, matplotlib caches
    _get(client, legalised_url)  # the first download stores it (no job ran in the seed? then now)
    page = selectors.version_page(BAJUR, plan.pk, number)
    doc = plan_documents.plan_document(page)
    html = plan_html(doc)
    Path(html_file).write_text(html)

    def weasyprint_alone(source: str):
        def run() -> bytes:
            fetcher = OfflineURLFetcher()
            return HTML(string=source, base_url=OFFLINE_BASE_URL, url_fetcher=fetcher).write_pdf()

        return run

    def figures_drawn() -> bytes:
        caches["figures"].clear()
        return full("pdf")()

    functions = {
        "pdf": full("pdf"),
        "pdf_drawn": figures_drawn,
        "pdf_baseline": weasyprint_alone(html),
        "pdf_before": weasyprint_alone(before_layout(html)),
        "pdf_url": lambda: _get(client, draft_url),
        "legalised_url": lambda: _get(client, legalised_url),
        "docx": full("docx"),
        "docx_baseline": lambda: plan_docx(doc),
    }
    results: dict = {name: {"seconds": [], "cpu": [], "bytes": 0} for name in functions}
    for _run in range(runs):  # round by round: a change in the machine's load hits every row alike
        for name, function in functions.items():
            seconds, cpu, size = _timed(function, 1)
            results[name]["seconds"] += seconds
            results[name]["cpu"] += cpu
            results[name]["bytes"] = size
    caches["figures"].clear()
    full("pdf")()  # leave the figure cache filled, as the last download did, for the cold runs
    results["rss_mb"] = peak_rss_mb()
    results["rss_before_mb"] = rss_before
    results["chapters"] = len(doc.chapters)
    results["total"] = page.totals.total
    results["lines"] = len(page.lines)
    return results


# --- parent ----------------------------------------------------------------------------------


def _child(args: list[str], url: str, work: Path, figure_cache: Path | None = None) -> dict:
    """Run this script as a child; `figure_cache` is the folder of its shared figure cache
    (without it, a child keeps figures in its own memory, as the tests do)."""
    if figure_cache:
        os.environ["TRIDAYA_FIGURE_CACHE_DIR"] = str(figure_cache)
    try:
        out = spawn([sys.executable, __file__, *args], url, work)
    finally:
        os.environ.pop("TRIDAYA_FIGURE_CACHE_DIR", None)
    return json.loads(out.strip().splitlines()[-1])


def prepare(url: str, work: Path) -> None:
    python = sys.executable
    for argv in (
        [python, "manage.py", "migrate", "--no-input", "-v", "0"],
        [python, "manage.py", "import_regions"],
        [python, "manage.py", "seed_demo"],
    ):
        spawn(argv, url, work)
    _child(["--amend"], url, work)


def measure(url: str, work: Path, runs: int, cold_runs: int) -> dict:
    html_file = str(work / "plan.html")
    figure_cache = work / "figures"
    warm = _child(["--warm", "--runs", str(runs), "--html", html_file], url, work, figure_cache)
    result: dict = {"warm": warm, "cold": [], "warmed": [], "cached": [], "raw": []}
    for _n in range(cold_runs):  # round by round, like the warm rows
        result["cold"].append(_child(["--cold"], url, work))
        result["warmed"].append(_child(["--cold", "--warm-first"], url, work))
        result["cached"].append(_child(["--cold"], url, work, figure_cache))
        result["raw"].append(_child(["--raw", "--html", html_file], url, work))
    return result


def report(name: str, result: dict) -> bool:
    warm = result["warm"]
    ok = True
    print(
        f"\n{name}: {warm['chapters']} chapters, {warm['lines']} investment rows, "
        f"total Rp {warm['total']:,}".replace(",", ".")
    )
    raw = [r["first"] for r in result["raw"]]
    raw_cpu = statistics.median([r["cpu"] for r in result["raw"]])
    print(
        f"{'cold, fresh process':<34} {'wall s':<18} {'ratio':>6}  {'CPU s':<18} {'CPU ratio':>9}"
    )
    rows = (
        ("draft PDF url, first request", result["cold"]),
        ("  after warm_up() (server start)", result["warmed"]),
        ("  figures in the shared cache", result["cached"]),
        ("raw: WeasyPrint alone, same HTML", result["raw"]),
    )
    for label, runs in rows:
        wall = [r["first"] for r in runs]
        verdict = ""
        if runs is result["cold"]:
            passed = statistics.median(wall) < COLD_TARGET
            ok &= passed
            verdict = f"{'PASS' if passed else 'FAIL'} (< {COLD_TARGET:.0f} s)"
        ratio = statistics.median(wall) / statistics.median(raw)
        cpu = [r["cpu"] for r in runs]
        print(
            f"{label:<34} {spread(wall):<18} {ratio:>6.1f}"
            f"  {spread(cpu):<18} {statistics.median(cpu) / raw_cpu:>9.2f} {verdict}"
        )
    print(
        f"  (Django setup before the request: {spread([r['setup'] for r in result['cold']])} s; "
        f"warm_up(): {spread([r['warmup'] for r in result['warmed']])} s)"
    )
    print(
        f"\n{'warm, one process':<34} {'wall s':<18} {'ratio':>6} {'KB':>7}  {'CPU s':<18} "
        f"{'CPU ratio':>9}"
    )
    rows = (
        ("pdf", "pdf", "pdf_baseline"),
        ("pdf, figures drawn (cache emptied)", "pdf_drawn", "pdf_baseline"),
        ("pdf url (draft)", "pdf_url", "pdf_baseline"),
        ("pdf url (legalised, stored)", "legalised_url", "pdf_baseline"),
        ("docx", "docx", "docx_baseline"),
    )
    for label, key, base in rows:
        median = statistics.median(warm[key]["seconds"])
        ratio = median / statistics.median(warm[base]["seconds"])
        cpu_ratio = statistics.median(warm[key]["cpu"]) / statistics.median(warm[base]["cpu"])
        passed = median < WARM_TARGET
        ok &= passed
        print(
            f"{label:<34} {spread(warm[key]['seconds']):<18} {ratio:>6.1f} "
            f"{warm[key]['bytes'] / 1024:>7.0f}  {spread(warm[key]['cpu']):<18} "
            f"{cpu_ratio:>9.2f} {'PASS' if passed else 'FAIL'} (< {WARM_TARGET:.0f} s)"
        )
    for label, key in (
        ("pdf baseline", "pdf_baseline"),
        ("pdf baseline, layout before", "pdf_before"),
        ("docx baseline", "docx_baseline"),
    ):
        print(
            f"{label:<34} {spread(warm[key]['seconds']):<18} {1.0:>6.1f} {'':>7}  "
            f"{spread(warm[key]['cpu']):<18}"
        )
    before, after = (statistics.median(warm[k]["cpu"]) for k in ("pdf_before", "pdf_baseline"))
    print(
        f"layout: WeasyPrint CPU on today's HTML / on the same HTML styled as before: "
        f"{after / before:.2f} ({after:.2f} s / {before:.2f} s)"
    )
    print(f"peak MB {warm['rss_mb']:.0f} (Django and apps loaded: {warm['rss_before_mb']:.0f})")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--strict", action="store_true")
    for hidden in ("--amend", "--warm", "--cold", "--warm-first", "--raw"):
        parser.add_argument(hidden, action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--html", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["TRIDAYA_WARM_DOCUMENTS"] = "0"  # children measure cold on purpose
    if args.amend:
        print(json.dumps(child_amend()))
        return
    if args.warm:
        print(json.dumps(child_warm(args.runs, args.html)))
        return
    if args.cold:
        print(json.dumps(child_cold(args.warm_first)))
        return
    if args.raw:
        print(json.dumps(child_raw(args.html)))
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
            print(f"preparing {name} (migrate, import_regions, seed_demo, amend) ...", flush=True)
            prepare(url, work)
            all_ok &= report(name, measure(url, work, args.runs, args.cold_runs))
    finally:
        if len(backends) > 1:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\nmedian [min-max]; warm: {args.runs} runs, cold: {args.cold_runs} fresh processes each"
    )
    if args.strict and not all_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
