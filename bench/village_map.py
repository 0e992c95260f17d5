"""Benchmark: the village map with 2,000 features (layers and problems) on SQLite and PostgreSQL.

Run from the project root:

    .venv/bin/python bench/village_map.py [--runs 15] [--features 2000]

Options: --pg-url URL (admin database, default postgres://postgres@127.0.0.1:5432/postgres),
--require-pg, --strict, --no-sqlite.

For each backend, in a subprocess on a freshly created and migrated database (PostgreSQL: its own
database `tridaya_bench_village_map`, dropped at the end), it:

1. builds Desa Bajur (regions tree, profile, 4 RW x 4 RT with boundaries) and 2,000 map features
   through the services: 60 problems and potentials, and layers of roads (lines), buildings
   (polygons) and wells (points) imported from a generated GeoJSON;
2. times, `--runs` times each: the page `/wilayah/<code>/pemetaan/peta/` and the API
   `/api/v1/villages/<code>/map/` through Django's test client (URL resolving, middleware,
   policy, selector, JSON and template rendering: everything but the socket), counting the SQL
   queries of each request;
3. times the raw baseline: the same rows read with the bare driver (sqlite3 / psycopg), every
   JSON column parsed, the same FeatureCollections assembled and serialised with `json.dumps`.

It prints medians with min/max, the ratio page/raw and api/raw, the queries per request, the
response sizes, peak memory (ru_maxrss) and PASS/FAIL against the target: the page answers in
under a second. Exit code is 0 unless `--strict` (FAIL gives 1) or `--require-pg` (no
PostgreSQL gives 2)."""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import time
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

BENCH_DB = "tridaya_bench_village_map"
BAJUR = "52.01.08.2006"
TARGET_SECONDS = 1.0
PROBLEMS = 60


# --- child: build, then measure -------------------------------------------------------------------


def _features(count: int, rts: list, rng: random.Random) -> dict[str, list[dict]]:
    """Roads (lines), buildings (polygons) and wells (points) spread over the RTs."""
    from tridaya.core.geo import parse_geometry

    out: dict[str, list[dict]] = {"jalan": [], "bangunan": [], "lainnya": []}
    kinds = ["bangunan", "bangunan", "jalan", "lainnya"]
    for i in range(count):
        west, south, east, north = parse_geometry(rts[i % len(rts)].boundary).bounds
        x = west + (east - west) * rng.uniform(0.05, 0.9)
        y = south + (north - south) * rng.uniform(0.05, 0.9)
        kind = kinds[i % len(kinds)]
        if kind == "bangunan":
            s = 0.00008
            ring = [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]
            geometry = {
                "type": "Polygon",
                "coordinates": [[[round(a, 7), round(b, 7)] for a, b in ring]],
            }
            props = {"id_bangunan": i, "fungsi": "rumah", "lantai": 1 + i % 2, "atap": "genteng"}
        elif kind == "jalan":
            geometry = {
                "type": "LineString",
                "coordinates": [
                    [round(x, 7), round(y, 7)],
                    [round(x + 0.0004, 7), round(y + 0.0002, 7)],
                ],
            }
            props = {"nama": f"Gang {i}", "lebar_m": 2.5, "perkerasan": "rabat beton"}
        else:
            geometry = {"type": "Point", "coordinates": [round(x, 7), round(y, 7)]}
            props = {"nama": f"Sumur {i}", "jenis": "sumur gali", "layak": i % 3 != 0}
        out[kind].append({"type": "Feature", "geometry": geometry, "properties": props})
    return out


def build(total: int) -> int:
    from tridaya.core.choices import TridayaDomain
    from tridaya.mapping.models import ProblemKind, Sector
    from tridaya.mapping.services import layers as services_layers
    from tridaya.mapping.services import problems as services_problems
    from tridaya.regions import demo as regions_demo
    from tridaya.regions.models import RT
    from tridaya.regions.tests.factories import region

    village = region(BAJUR)
    regions_demo.seed_village(BAJUR, regions_demo.DEMO_VILLAGES[BAJUR])
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rng = random.Random(2006)
    layers = _features(total - PROBLEMS, rts, rng)
    for kind, features in layers.items():
        services_layers.layer_import(
            actor=None,
            village=village,
            name=f"Bench {kind}",
            kind=kind,
            data=json.dumps({"type": "FeatureCollection", "features": features}).encode(),
            file_name=f"{kind}.geojson",
        )
    from tridaya.core.geo import parse_geometry
    from tridaya.mapping.spatial import village_extent

    extent = village_extent(village)
    for i in range(PROBLEMS):
        point = parse_geometry(rts[i % len(rts)].boundary).representative_point()
        services_problems.problem_create(
            actor=None,
            village=village,
            kind=ProblemKind.PROBLEM if i % 3 else ProblemKind.POTENTIAL,
            domain=TridayaDomain.ENVIRONMENT,
            sector=Sector.DRAINAGE,
            title=f"Temuan {i}",
            geometry={"type": "Point", "coordinates": [point.x + 0.0001 * (i % 5), point.y]},
            severity=1 + i % 5,
            households_affected=10,
            poor_households_affected=3,
            extent=extent,
        )
    return sum(len(v) for v in layers.values()) + PROBLEMS


RAW_SQL = {
    "village": "SELECT code, name FROM regions_region WHERE code = {p}",
    "rts": (
        "SELECT r.boundary, r.number, w.number FROM regions_rt r "
        "JOIN regions_rw w ON w.id = r.rw_id WHERE r.village_id = {p}"
    ),
    "layers": "SELECT id, name, kind FROM mapping_layer WHERE village_id = {p} ORDER BY kind, name",
    "features": (
        "SELECT f.layer_id, f.geometry, f.properties FROM mapping_layerfeature f "
        "JOIN mapping_layer l ON l.id = f.layer_id WHERE l.village_id = {p} "
        "ORDER BY f.layer_id, f.position"
    ),
    "problems": (
        "SELECT id, geometry, kind, title, severity, status FROM mapping_problem "
        "WHERE village_id = {p}"
    ),
}


def raw_once(conn, placeholder: str) -> int:
    """The same rows with the bare driver, JSON parsed, collections built and serialised."""

    def load(value):
        return json.loads(value) if isinstance(value, str | bytes) else value

    cur = conn.cursor()
    rows = {}
    for name, sql in RAW_SQL.items():
        cur.execute(sql.format(p=placeholder), (BAJUR,))
        rows[name] = cur.fetchall()
    boundaries = [
        {
            "type": "Feature",
            "geometry": load(b),
            "properties": {"label": f"RT {n:02d} / RW {w:02d}"},
        }
        for b, n, w in rows["rts"]
    ]
    by_layer: dict[int, list] = {}
    for layer_id, geometry, properties in rows["features"]:
        by_layer.setdefault(layer_id, []).append(
            {"type": "Feature", "geometry": load(geometry), "properties": load(properties)}
        )
    layers = [
        {
            "id": i,
            "name": n,
            "kind": k,
            "features": {"type": "FeatureCollection", "features": by_layer.get(i, [])},
        }
        for i, n, k in rows["layers"]
    ]
    problems = [
        {
            "type": "Feature",
            "geometry": load(g),
            "properties": {"id": i, "kind": k, "title": t, "severity": s, "status": st},
        }
        for i, g, k, t, s, st in rows["problems"]
    ]
    payload = {
        "boundaries": {"type": "FeatureCollection", "features": boundaries},
        "layers": layers,
        "problems": {"type": "FeatureCollection", "features": problems},
    }
    return len(json.dumps(payload))


def raw_timings(url: str, runs: int) -> dict:
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        placeholder = "?"
    else:
        import psycopg

        conn = psycopg.connect(url)
        placeholder = "%s"
    raw_once(conn, placeholder)
    seconds = []
    size = 0
    for _run in range(runs):
        start = time.perf_counter()
        size = raw_once(conn, placeholder)
        seconds.append(time.perf_counter() - start)
    conn.close()
    return {"seconds": seconds, "bytes": size}


def child(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    start = time.perf_counter()
    features = build(args.features)
    built = time.perf_counter() - start
    page = timed_requests(f"/wilayah/{BAJUR}/pemetaan/peta/", args.runs)
    api = timed_requests(f"/api/v1/villages/{BAJUR}/map/", args.runs)
    raw = raw_timings(os.environ["DATABASE_URL"], args.runs)
    print(
        json.dumps(
            {
                "features": features,
                "build_seconds": built,
                "page": page,
                "api": api,
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
        "--features",
        str(args.features),
    ]
    result = json.loads(spawn(argv, url, work).strip().splitlines()[-1])
    result["backend"] = name
    return result


def report(results: list[dict], runs: int) -> bool:
    fmt = "{:<14} {:>8} {:<17} {:<17} {:<15} {:>6} {:>6} {:>7} {:>8}  {}"
    header = fmt.format(
        "backend",
        "features",
        "page ms",
        "api ms",
        "raw ms",
        "p/raw",
        "a/raw",
        "queries",
        "peak MB",
        "target",
    )
    print(f"\nvillage map, median [min-max] of {runs} requests per measure")
    print(header)
    print("-" * len(header))
    ok_all = True
    for r in results:
        page = statistics.median(r["page"]["seconds"])
        api = statistics.median(r["api"]["seconds"])
        raw = statistics.median(r["raw"]["seconds"])
        ok = page < TARGET_SECONDS
        ok_all &= ok
        queries = (
            "/".join(str(q) for q in r["page"]["queries"])
            + ","
            + "/".join(str(q) for q in r["api"]["queries"])
        )
        print(
            fmt.format(
                r["backend"],
                r["features"],
                spread(r["page"]["seconds"]),
                spread(r["api"]["seconds"]),
                spread(r["raw"]["seconds"]),
                f"{page / raw:.1f}",
                f"{api / raw:.1f}",
                queries,
                f"{r['rss_mb']:.0f}",
                f"{'PASS' if ok else 'FAIL'} (page < {TARGET_SECONDS:.0f} s)",
            )
        )
    print()
    for r in results:
        kib = {k: r[k]["bytes"] / 1024 for k in ("page", "api", "raw")}
        print(
            f"{r['backend']}: page {kib['page']:.0f} KiB, api {kib['api']:.0f} KiB, "
            f"raw payload {kib['raw']:.0f} KiB; data built in {r['build_seconds']:.1f} s"
        )
    print(
        "p/raw, a/raw = median page or API time / median raw-driver time (same backend, same run)"
    )
    print("queries = SQL queries per page request, per API request (the same on every request)")
    return ok_all


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--features", type=int, default=2000)
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
