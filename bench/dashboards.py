"""Benchmark: roll-up dashboards on the national synthetic data (PostgreSQL).

Prepare once (about 20 minutes on a 2-core machine; see bench/README.md):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tridaya_dashboards DJANGO_DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py import_regions
    .venv/bin/python manage.py seed_national --seed 1      # 83,762 villages, ~10M households
    .venv/bin/python manage.py rebuild_figures             # prints villages/s

Then, from the project root:

    .venv/bin/python bench/dashboards.py --database-url $DATABASE_URL [--runs 30] [--rebuild]
        [--load-runs 3] [--only-load]

It measures, in this order:

1. the national, province (`--province`, default 33 Jawa Tengah, the most villages) and city
   (`--city`, default 33.74 Kota Semarang) dashboards through Django's test client: the first
   request after a change (the body rendered from the aggregate tables) and `--runs` repeated
   requests (the body from the cache), p50/p95 and queries per request;
2. the XLSX of every village of the province (median of 3);
3. a household recorded in one village through the mapping service, until the national figure
   has it (no broker: the refresh job runs in-process right after the commit);
4. with `--rebuild`, the full rebuild of every village (villages/s);
5. a load test: gunicorn with 2 workers on 127.0.0.1 (production settings, WhiteNoise) and
   `wrk` (2 threads, 16 connections, `--seconds` each) on the national and province dashboards
   and on a static file through the same stack, in the same run.

Every loop is bounded; everything stays on the loopback interface."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 300
TARGET_XLSX_S = 5
TARGET_CHANGE_S = 60
TARGET_REBUILD_S = 15 * 60
TARGET_RPS = 150


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tridaya.settings")
    os.environ.pop("TRIDAYA_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pages(args) -> list[tuple[str, float, bool]]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    print("\n1. Dashboard pages (Django test client)")
    print(
        f"{'page':<28}{'first ms':>10}{'q':>4}{'p50 ms':>9}{'p95 ms':>9}{'q':>4}"
        "  target p95 < 300 ms"
    )
    for label, url in (
        ("national /dasbor/", "/dasbor/"),
        (f"province {args.province}", f"/wilayah/{args.province}/dasbor/"),
        (f"city {args.city}", f"/wilayah/{args.city}/dasbor/"),
    ):
        cold = []
        for _ in range(3):
            cache.clear()
            with CaptureQueriesContext(connection) as first_q:
                start = time.perf_counter()
                response = client.get(url)
                cold.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as warm_q:
                start = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - start) * 1000)
        first = statistics.median(cold)
        p95 = pct(times, 95)
        ok = first < TARGET_P95_MS and p95 < TARGET_P95_MS
        print(
            f"{label:<28}{first:>10.1f}{len(first_q):>4}{statistics.median(times):>9.1f}"
            f"{p95:>9.1f}{len(warm_q):>4}  {verdict(ok)} (first max {max(cold):.0f} ms)"
        )
        results.append((label, p95, ok))
    return results


def xlsx(args) -> bool:
    from django.test import Client

    client = Client()
    url = f"/wilayah/{args.province}/dasbor/desa.xlsx"
    times, size = [], 0
    for _ in range(3):
        start = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(time.perf_counter() - start)
        size = len(body)
    from tridaya.regions.models import Level, Region

    villages = Region.objects.filter(
        level=Level.VILLAGE, code__startswith=f"{args.province}."
    ).count()
    median = statistics.median(times)
    ok = median < TARGET_XLSX_S
    print(
        f"\n2. XLSX of the {villages} villages of province {args.province}: "
        f"median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f}), "
        f"{size / 1e6:.1f} MB  target < 5 s  {verdict(ok)}"
    )
    return ok


def change(args) -> bool:
    from tridaya.dashboards.models import NATION, FigureValue
    from tridaya.mapping.services.households import household_create
    from tridaya.regions.models import RT

    def national() -> int:
        row = (
            FigureValue.objects.filter(region_code=NATION, figure="mapping_households", state="")
            .order_by("-month")
            .first()
        )
        return int(row.value) if row else 0

    rt = (
        RT.objects.filter(village__code__startswith=f"{args.city}.")
        .select_related("village")
        .first()
    )
    before = national()
    start = time.perf_counter()
    household_create(
        actor=None,
        village=rt.village,
        rt=rt,
        criteria={},
        head_name="KK bench",
        head_sex="L",
        members=3,
        women=1,
    )
    after = national()
    seconds = time.perf_counter() - start
    ok = after == before + 1 and seconds < TARGET_CHANGE_S
    print(
        f"\n3. One household in {rt.village_id} -> national households {before} -> {after} "
        f"in {seconds:.2f} s (service, commit, refresh job, 4 ancestors)  target < 60 s  "
        f"{verdict(ok)}"
    )
    return ok


def rebuild() -> bool:
    from tridaya.dashboards import services

    start = time.perf_counter()
    villages = services.rebuild_all()
    seconds = time.perf_counter() - start
    ok = seconds < TARGET_REBUILD_S
    print(
        f"\n4. Full rebuild: {villages} villages in {seconds:.0f} s "
        f"({villages / seconds:.0f} villages/s)  target < 15 min  {verdict(ok)}"
    )
    return ok


def wrk(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"   {url}: {errors.group(1)} non-2xx responses")
    return float(match.group(1)) if match else 0.0


def load(args) -> bool:
    if not shutil.which("wrk"):
        print("\n5. Load test skipped: wrk is not installed (apt-get install -y wrk)")
        return False
    var = Path(tempfile.mkdtemp(prefix="tridaya-bench-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "TRIDAYA_HTTPS": "0",
        "TRIDAYA_VAR_DIR": str(var),
        "DATABASE_CONN_MAX_AGE": "600",
        "PYTHONPATH": str(ROOT),
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = args.port
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "tridaya.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(var / "gunicorn.log"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        for _ in range(60):  # bounded wait for the workers
            try:
                urllib.request.urlopen(base + "/dasbor/", timeout=5).read()
                break
            except OSError:
                time.sleep(1)
        for path in ("/dasbor/", f"/wilayah/{args.province}/dasbor/"):  # warm both workers
            for _ in range(4):
                urllib.request.urlopen(base + path, timeout=30).read()
        print(
            f"\n5. Load test: gunicorn 2 workers on 127.0.0.1, wrk 2 threads, 16 connections, "
            f"{args.seconds} s each, {args.load_runs} interleaved runs (median)"
        )
        urls = {
            "national dashboard": base + "/dasbor/",
            "province dashboard": base + f"/wilayah/{args.province}/dasbor/",
            "static file": base + "/static/js/dashboard.js",
        }
        runs: dict[str, list[float]] = {name: [] for name in urls}
        for _ in range(args.load_runs):  # interleaved: a burst of load elsewhere hits each alike
            for name, url in urls.items():
                runs[name].append(wrk(url, args.seconds))
        rps = {name: statistics.median(values) for name, values in runs.items()}
        static = rps["static file"]
        for name in ("national dashboard", "province dashboard"):
            print(
                f"   {name:<19} {rps[name]:>8.0f} req/s  runs {[round(v) for v in runs[name]]}  "
                f"{rps[name] / static:.2f} x static  target >= 150  "
                f"{verdict(rps[name] >= TARGET_RPS)}"
            )
        static_runs = [round(v) for v in runs["static file"]]
        print(f"   static file         {static:>8.0f} req/s  runs {static_runs}  (same stack)")
        return min(rps["national dashboard"], rps["province dashboard"]) >= TARGET_RPS
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--province", default="33")
    parser.add_argument("--city", default="33.74")
    parser.add_argument("--rebuild", action="store_true", help="also time a full rebuild")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per URL")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--load-runs", type=int, default=3, help="interleaved wrk runs per URL")
    parser.add_argument("--only-load", action="store_true", help="only the load test (step 5)")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("Give --database-url postgres://... of a database seeded with seed_national.")
    setup_django(args.database_url)
    from tridaya.dashboards.selectors import latest_month

    if latest_month() is None:
        sys.exit("No figures: run seed_national and rebuild_figures first (see the docstring).")
    if args.only_load:
        sys.exit(0 if load(args) else 1)
    results = [ok for _label, _p95, ok in pages(args)]
    results.append(xlsx(args))
    results.append(change(args))
    if args.rebuild:
        results.append(rebuild())
    if not args.no_load:
        results.append(load(args))
    print(f"\n{sum(results)} of {len(results)} targets met")


if __name__ == "__main__":
    main()
