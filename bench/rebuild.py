"""Benchmark: the full rebuild of the figures, and where its time goes (PostgreSQL).

On a database filled by `seed_national` (any size; see bench/dashboards.py), from the project
root:

    .venv/bin/python bench/rebuild.py --database-url $DATABASE_URL [--runs 3] [--rebuild-runs 1]

Prints (medians of `--runs`, and of `--rebuild-runs` for the rebuild):

1. the RT slum figures (classes and slum ha) of every village, three ways in the same run:
   - **raw**: the RT profiles and their volumes read with the bare driver (psycopg), nothing
     computed: the baseline;
   - **bulk**: mapping's bulk selector `rt_classes_by_village` (what the rebuild uses now);
   - **per-RT**: the path the rebuild used before: profiles with prefetched volumes and RTs
     through the ORM, each scored by `score_row` (the village page's path);
   and checks that bulk and per-RT give the same class for every RT;
2. the full rebuild (`services.rebuild_all`): seconds, villages/s, and the share of the time
   spent in each figure (timed per figure around the registry's compute calls).

Everything stays on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tridaya.settings")
    os.environ.pop("TRIDAYA_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def village_codes() -> list[str]:
    from tridaya.regions.models import Level, Region

    return list(
        Region.objects.filter(level=Level.VILLAGE).order_by("code").values_list("code", flat=True)
    )


def raw_read(codes: list[str], batch: int) -> int:
    """The baseline: the same profiles and volumes through the driver, nothing computed."""
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        for start in range(0, len(codes), batch):
            part = codes[start : start + batch]
            cursor.execute(
                "SELECT id, village_id, rt_id, year, criteria_set_id, buildings, area_ha, "
                "road_length_m, drainage_length_m, households FROM mapping_rtprofile "
                "WHERE village_id = ANY(%s)",
                [part],
            )
            ids = [row[0] for row in cursor.fetchall()]
            rows += len(ids)
            cursor.execute(
                "SELECT profile_id, code, volume, handled FROM mapping_slumvolume "
                "WHERE profile_id = ANY(%s)",
                [ids],
            )
            rows += len(cursor.fetchall())
    return rows


def bulk(codes: list[str], batch: int) -> dict[tuple[str, int], str | None]:
    from tridaya.mapping.selectors.slum_bulk import rt_classes_by_village

    found = {}
    for start in range(0, len(codes), batch):
        for village, rows in rt_classes_by_village(codes[start : start + batch]).items():
            for row in rows:
                found[(village, row.rt_id)] = row.slum_class
    return found


def per_rt(codes: list[str], batch: int) -> dict[tuple[str, int], str | None]:
    """The rebuild's former path (ORM instances, one `score_row` each) on the same years."""
    from django.db.models import Prefetch

    from tridaya.mapping.criteria import criteria_of
    from tridaya.mapping.models import RTProfile, SlumVolume
    from tridaya.mapping.selectors.slum import score_row
    from tridaya.mapping.selectors.slum_bulk import rt_classes_by_village

    found = {}
    for start in range(0, len(codes), batch):
        part = codes[start : start + batch]
        years = {  # the same year choice as the bulk read (not timed apart: a small share)
            village: rows[0].year for village, rows in rt_classes_by_village(part).items()
        }
        profiles = (
            RTProfile.objects.filter(village_id__in=part)
            .select_related("criteria_set", "rt")
            .prefetch_related(Prefetch("volumes", queryset=SlumVolume.objects.order_by("code")))
        )
        sets: dict = {}
        for profile in profiles:
            if profile.year != years.get(profile.village_id):
                continue
            if profile.criteria_set_id not in sets:
                sets[profile.criteria_set_id] = criteria_of(profile.criteria_set)
            row = score_row(profile.rt, profile, sets[profile.criteria_set_id])
            found[(profile.village_id, profile.rt_id)] = row.score.slum_class if row.score else None
    return found


def timed(run, *args):
    start = time.perf_counter()
    result = run(*args)
    return time.perf_counter() - start, result


def slum_figures(codes: list[str], runs: int, batch: int) -> None:
    raw, bulk_s, old = [], [], []
    for _ in range(runs):
        seconds, rows = timed(raw_read, codes, batch)
        raw.append(seconds)
        seconds, new_classes = timed(bulk, codes, batch)
        bulk_s.append(seconds)
        seconds, old_classes = timed(per_rt, codes, batch)
        old.append(seconds)
    same = new_classes == old_classes
    raw_m, bulk_m, old_m = (statistics.median(x) for x in (raw, bulk_s, old))
    print(f"1. RT slum figures of {len(codes)} villages ({len(new_classes)} RT profiles scored, ")
    print(f"   {rows} rows read), median of {runs}:")
    print(f"   raw driver read      {raw_m:8.2f} s   1.00")
    print(f"   bulk selector        {bulk_m:8.2f} s   {bulk_m / raw_m:5.2f} x raw")
    print(f"   per-RT (former path) {old_m:8.2f} s   {old_m / raw_m:5.2f} x raw")
    print(f"   bulk / per-RT {bulk_m / old_m:.2f}; same class for every RT: {same}")


def rebuild(codes: list[str], runs: int) -> None:
    from tridaya.core import figures as registry
    from tridaya.dashboards import services

    spent: dict[str, float] = defaultdict(float)
    originals = {}
    for item in registry.figures():  # time each figure's compute (shared reads go to the first)
        originals[item.key] = item.compute

        def wrapped(batch, _key=item.key, _run=item.compute):
            start = time.perf_counter()
            try:
                return _run(batch)
            finally:
                spent[_key] += time.perf_counter() - start

        object.__setattr__(item, "compute", wrapped)
    times = []
    try:
        for _ in range(runs):
            seconds, _n = timed(services.rebuild_all)
            times.append(seconds)
    finally:
        for item in registry.figures():
            object.__setattr__(item, "compute", originals[item.key])
    median = statistics.median(times)
    total = sum(times)
    print(
        f"\n2. Full rebuild of {len(codes)} villages: median {median:.1f} s of {runs} "
        f"({len(codes) / median:.0f} villages/s; all 83,762 would take "
        f"{83762 / (len(codes) / median) / 60:.1f} min)"
    )
    by_app: dict[str, float] = defaultdict(float)
    for key, seconds in spent.items():
        by_app[key.split("_")[0]] += seconds
    for app, seconds in sorted(by_app.items(), key=lambda kv: -kv[1]):
        print(f"   {app:<10} {100 * seconds / total:5.1f} % of the rebuild time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--runs", type=int, default=3, help="runs of the slum figures")
    parser.add_argument("--rebuild-runs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--no-rebuild", action="store_true")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("Give --database-url postgres://... of a database seeded with seed_national.")
    setup_django(args.database_url)
    codes = village_codes()
    slum_figures(codes, args.runs, args.batch)
    if not args.no_rebuild:
        rebuild(codes, args.rebuild_runs)


if __name__ == "__main__":
    main()
