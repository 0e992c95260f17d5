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

import statistics

from harness import demo_bench_main, peak_rss_mb, spread, timed

TARGET_SECONDS = 5.0
BENCH_DB = "tridaya_bench_documents"
BAJUR = "52.01.08.2006"


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
        seconds, size = timed(function, runs)
        results[name] = {"seconds": seconds, "bytes": size}
    assert plan_pdf(doc)[:4] == b"%PDF"
    results["rss_mb"] = peak_rss_mb()
    results["rss_before_mb"] = rss_before
    results["chapters"] = len(doc.chapters)
    results["total"] = page.totals.total
    results["lines"] = len(page.lines)
    return results


# --- parent ----------------------------------------------------------------------------------


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
            f"{fmt:<6} {spread(full['seconds'], 1, 2):<18} {spread(base['seconds'], 1, 2):<18} "
            f"{ratio:>6.1f} {full['bytes'] / 1024:>7.0f}  "
            f"{'PASS' if passed else 'FAIL'} (< {TARGET_SECONDS:.0f} s)"
        )
    print(f"peak MB {result['rss_mb']:.0f} (Django and apps loaded: {result['rss_before_mb']:.0f})")
    return ok


def main() -> None:
    demo_bench_main(
        script=__file__,
        description=__doc__.splitlines()[0],
        child=child,
        report=report,
        bench_db=BENCH_DB,
        footer="ratio = median full / median baseline",
    )


if __name__ == "__main__":
    main()
