"""Benchmark: the investment prospectus of the demo RPLP (Desa Bajur) as PDF and as DOCX.

Run from the project root:

    .venv/bin/python bench/prospectus.py [--runs 5] [--no-pg] [--strict]

For SQLite and (when it can connect) PostgreSQL, the script builds a fresh database (migrate,
import_regions, seed_demo: Bajur's legalised RPLP, its pledges and its published prospectus),
then in one child process per backend times, `--runs` times each:

- pdf:  what the download view does: read the plan, the slum and poverty picture and the gaps
        (selectors), draw the map (matplotlib), re-encode the problem photos, build the
        prospectus and render it with WeasyPrint;
- docx: the same, written with python-docx;
- empty pdf / empty docx: a prospectus with a cover and no chapter, through the very same
        renderer (`prospectus_pdf`, `prospectus_docx`) in the same process.

It prints medians with min/max, the ratio full/empty (the price of the data, the figures and the
pages over the bare renderer), the size of each file, the peak resident memory of the child, and
PASS/FAIL against the target: each document in under 3 s on a 2-core machine. Exit code 0
unless --strict (a FAIL gives 1).
"""

from __future__ import annotations

import statistics

from harness import demo_bench_main, peak_rss_mb, spread, timed

TARGET_SECONDS = 3.0
BENCH_DB = "tridaya_bench_prospectus"
BAJUR = "52.01.08.2006"


def child(runs: int) -> dict:
    import dataclasses

    import django

    django.setup()
    from tridaya.documents.prospectus import prospectus_docx, prospectus_pdf
    from tridaya.marketing import prospectus as builder
    from tridaya.marketing.selectors import published_prospectus

    found = published_prospectus(BAJUR)
    assert found is not None, "the demo has no published prospectus"

    def full(fmt: str):
        def run() -> bytes:
            return builder.render(builder.prospectus_data(found), fmt)

        return run

    rss_before = peak_rss_mb()
    full("pdf")()  # warm up: fonts, templates, matplotlib caches
    data = builder.prospectus_data(found)
    empty = dataclasses.replace(builder.prospectus_document(data), chapters=[])
    results = {}
    for name, function in (
        ("pdf", full("pdf")),
        ("pdf_empty", lambda: prospectus_pdf(empty)),
        ("docx", full("docx")),
        ("docx_empty", lambda: prospectus_docx(empty)),
    ):
        seconds, size = timed(function, runs)
        results[name] = {"seconds": seconds, "bytes": size}
    results["rss_mb"] = peak_rss_mb()
    results["rss_before_mb"] = rss_before
    results["offers"] = len(data.offers)
    results["gap"] = data.totals["gap"]
    return results


# --- parent ----------------------------------------------------------------------------------


def report(name: str, result: dict) -> bool:
    ok = True
    print(
        f"\n{name}: {result['offers']} activities offered, gap Rp {result['gap']:,}".replace(
            ",", "."
        )
    )
    print(f"{'document':<8} {'full s':<18} {'empty s':<18} {'ratio':>6} {'KB':>7}  target")
    for fmt in ("pdf", "docx"):
        full, empty = result[fmt], result[f"{fmt}_empty"]
        median = statistics.median(full["seconds"])
        ratio = median / statistics.median(empty["seconds"])
        passed = median < TARGET_SECONDS
        ok &= passed
        print(
            f"{fmt:<8} {spread(full['seconds'], 1, 2):<18} {spread(empty['seconds'], 1, 2):<18} "
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
        footer="",
    )


if __name__ == "__main__":
    main()
