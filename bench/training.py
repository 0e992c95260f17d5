"""Benchmark: the training roll-up of a province and the capacity map of one village.

Run from the project root:

    .venv/bin/python bench/training.py [--runs 5] [--villages 1000]

Options: --pg-url URL (admin database, default postgres://postgres@127.0.0.1:5432/postgres),
--no-pg, --no-sqlite.

For SQLite and (when it can connect) PostgreSQL, the script creates a fresh database
(`tridaya_bench_training` on PostgreSQL), runs every migration, and fills a synthetic province
(code 99, ten kecamatan) with `--villages` villages. Each village has 40 people, a BKM of 9, a UPK
of 3, a UPL and a UPS of 2, a TIPP of 15 (2 from the village apparatus), two KSM of 5, and one
closed training on the six core modules: 18 participants, 6 sessions, attendance (about 5% absent),
pre-test and post-test scores. Then, in a fresh subprocess for each measured run:

1. `selectors.trainings.region_rollup(province)`: trainings, people trained by sex and group,
   average gain, and every village's capacity map with its gaps (what `/wilayah/99/pelatihan/`
   and its XLSX export read); and `selectors.participants.village_capacity(village)` for one
   village;
2. the raw baseline: the same rows (members of the institutions, participants, sessions, modules
   of the trainings, attendance, scores) read with the bare driver (sqlite3 / psycopg), no Django
   and no computation.

It prints medians with min/max, the ratio roll-up / raw (the price of the ORM and of computing
outcomes, capacity maps and averages over merely fetching the rows), the number of queries of
each call (fixed whatever the size) and the peak resident memory of each subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
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
)

BENCH_DB = "tridaya_bench_training"
PROVINCE = "99"
DISTRICTS = 10
CORE = (
    "konsep_plpbk",
    "peran_pelaku",
    "siklus_plpbk",
    "pemetaan_swadaya",
    "penyusunan_rencana",
    "pendanaan_blm",
)


# --- children ----------------------------------------------------------------------------------


def _regions(villages: int) -> list[str]:
    """The province, one regency, its kecamatan and `villages` villages; their codes."""
    from tridaya.regions.importer import kind_for
    from tridaya.regions.models import Region

    regions = [Region(code=PROVINCE, level=1, kind="provinsi", name="Provinsi Uji")]
    regions.append(
        Region(code="99.01", parent_id=PROVINCE, level=2, kind="kabupaten", name="Kabupaten Uji")
    )
    codes = []
    for d in range(1, DISTRICTS + 1):
        district = f"99.01.{d:02d}"
        regions.append(
            Region(
                code=district,
                parent_id="99.01",
                level=3,
                kind="kecamatan",
                name=f"Kecamatan {d}",
            )
        )
        for v in range(villages // DISTRICTS):
            code = f"{district}.2{v + 1:03d}"
            codes.append(code)
            regions.append(
                Region(
                    code=code,
                    parent_id=district,
                    level=4,
                    kind=kind_for(4, code, "Desa"),
                    name=f"Desa {d}-{v + 1}",
                )
            )
    Region.objects.bulk_create(regions)
    return codes


def _institutions(codes: list[str]) -> dict[str, list]:
    """40 people per village with a BKM, UP-UP, TIPP and two KSM; the people by village."""
    import datetime as dt

    from tridaya.institutions import models as inst

    people = inst.Person.objects.bulk_create(
        inst.Person(village_id=code, name=f"Warga {code} {i:02d}", sex="LP"[i % 2])
        for code in codes
        for i in range(40)
    )
    by_village = {code: people[n * 40 : (n + 1) * 40] for n, code in enumerate(codes)}
    term = (dt.date(2025, 9, 1), dt.date(2028, 8, 31))
    bkms = inst.BKM.objects.bulk_create(inst.BKM(village_id=c, name=f"BKM {c}") for c in codes)
    inst.BKMMember.objects.bulk_create(
        inst.BKMMember(
            bkm=b,
            person=p,
            term_start=term[0],
            term_end=term[1],
            no_party_declaration=True,
            declaration_date=term[0],
        )
        for b in bkms
        for p in by_village[b.village_id][:9]
    )
    units = inst.UPUnit.objects.bulk_create(
        inst.UPUnit(village_id=c, kind=k) for c in codes for k in ("UPK", "UPL", "UPS")
    )
    slots = {"UPK": range(9, 12), "UPL": range(12, 14), "UPS": range(14, 16)}
    inst.UPStaff.objects.bulk_create(
        inst.UPStaff(unit=u, person=by_village[u.village_id][i], position="Staf")
        for u in units
        for i in slots[u.kind]
    )
    tipps = inst.TIPP.objects.bulk_create(inst.TIPP(village_id=c) for c in codes)
    inst.TIPPMember.objects.bulk_create(
        inst.TIPPMember(
            tipp=t,
            person=by_village[t.village_id][i],
            group="aparat" if i in (16, 17) else "relawan",
        )
        for t in tipps
        for i in (*range(16, 28), 0, 1, 2)
    )
    ksms = inst.KSM.objects.bulk_create(
        inst.KSM(village_id=c, name=f"KSM {c} {k}") for c in codes for k in (1, 2)
    )
    inst.KSMMember.objects.bulk_create(
        inst.KSMMember(ksm=k, person=by_village[k.village_id][28 + 5 * (n % 2) + i])
        for n, k in enumerate(ksms)
        for i in range(5)
    )
    return by_village


def _trainings(codes: list[str], by_village: dict[str, list], rng) -> dict:
    """One closed core training per village with attendance and scores; the counts."""
    import datetime as dt

    import django

    from tridaya.training.definitions import sync_curricula
    from tridaya.training.models import (
        Attendance,
        Participant,
        Session,
        TestResult,
        Training,
        TrainingStatus,
    )

    [curriculum] = [c for c in sync_curricula() if c.code == "plpbk-inti"]
    modules = list(curriculum.modules.filter(code__in=CORE).order_by("order"))
    trainings = Training.objects.bulk_create(
        Training(
            region_id=c,
            curriculum=curriculum,
            title="Pelatihan dasar",
            place="Balai",
            starts_on=dt.date(2026, 4, 7),
            ends_on=dt.date(2026, 4, 10),
            status=TrainingStatus.DONE,
            pass_mark=70,
            max_absence_pct=25,
        )
        for c in codes
    )
    through = Training.modules.through
    through.objects.bulk_create(through(training=t, module=m) for t in trainings for m in modules)
    now = django.utils.timezone.now()
    sessions = Session.objects.bulk_create(
        Session(
            training=t,
            date=dt.date(2026, 4, 7) + dt.timedelta(days=i // 2),
            module=m,
            attendance_recorded_at=now,
        )
        for t in trainings
        for i, m in enumerate(modules)
    )
    groups = ["bkm"] * 9 + ["upk"] * 3 + ["upl"] * 2 + ["ups"] * 2 + ["aparat"] * 2
    participants = Participant.objects.bulk_create(
        Participant(training=t, person=p, village_id=t.region_id, name=p.name, sex=p.sex, group=g)
        for t in trainings
        for p, g in zip(by_village[t.region_id][:18], groups, strict=True)
    )
    by_training: dict[int, list] = {}
    for s in sessions:
        by_training.setdefault(s.training_id, []).append(s)
    present, results = [], []
    for p in participants:
        for s in by_training[p.training_id]:
            if rng.random() < 0.05:
                continue
            present.append(Attendance(session=s, participant=p))
            pre = rng.randint(6, 14) * 5
            results.append(TestResult(participant=p, module_id=s.module_id, kind="pre", score=pre))
            results.append(
                TestResult(
                    participant=p,
                    module_id=s.module_id,
                    kind="post",
                    score=min(100, pre + rng.randint(2, 7) * 5),
                )
            )
    Attendance.objects.bulk_create(present, batch_size=5000)
    TestResult.objects.bulk_create(results, batch_size=5000)
    return {"participants": len(participants), "attendance": len(present), "results": len(results)}


def child_setup(villages: int) -> dict:
    """Fill the migrated database with the synthetic province (bulk inserts, no services: the
    benchmark measures reading)."""
    import random

    import django

    django.setup()
    from django.db import transaction

    rng = random.Random(99)
    start = time.perf_counter()
    with transaction.atomic():
        codes = _regions(villages)
        by_village = _institutions(codes)
        counts = _trainings(codes, by_village, rng)
    return {
        "seconds": time.perf_counter() - start,
        "villages": len(codes),
        "people": sum(len(p) for p in by_village.values()),
        **counts,
    }


def child_rollup() -> dict:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tridaya.regions.models import Region
    from tridaya.training.selectors.participants import village_capacity
    from tridaya.training.selectors.trainings import region_rollup

    province = Region.objects.get(code=PROVINCE)
    village = Region.objects.filter(level=4).order_by("code").first()
    rss_before = peak_rss_mb()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        rollup = region_rollup(province)
        seconds = time.perf_counter() - start
    rollup_queries = len(queries)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        cap = village_capacity(village)
        village_seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "queries": rollup_queries,
        "village_seconds": village_seconds,
        "village_queries": len(queries),
        "people": rollup.people.total,
        "avg_gain": str(rollup.overall.avg_gain),
        "villages": len(rollup.villages),
        "with_gaps": len(rollup.villages_with_gaps),
        "village_gaps": len(cap.gaps(core_only=True)),
        "rss_mb": peak_rss_mb(),
        "rss_before_mb": rss_before,
    }


RAW_QUERIES = [
    "SELECT code FROM regions_region WHERE level = 4 AND code LIKE %s",
    """SELECT b.village_id, m.person_id, p.name FROM institutions_bkmmember m
       JOIN institutions_bkm b ON b.id = m.bkm_id
       JOIN institutions_person p ON p.id = m.person_id
       WHERE b.village_id LIKE %s AND m.term_end >= %s""",
    """SELECT u.village_id, u.kind, s.person_id, p.name FROM institutions_upstaff s
       JOIN institutions_upunit u ON u.id = s.unit_id
       JOIN institutions_person p ON p.id = s.person_id
       WHERE u.village_id LIKE %s""",
    """SELECT t.village_id, m."group", m.person_id, p.name FROM institutions_tippmember m
       JOIN institutions_tipp t ON t.id = m.tipp_id
       JOIN institutions_person p ON p.id = m.person_id
       WHERE t.village_id LIKE %s""",
    """SELECT k.village_id, m.person_id, p.name FROM institutions_ksmmember m
       JOIN institutions_ksm k ON k.id = m.ksm_id
       JOIN institutions_person p ON p.id = m.person_id
       WHERE k.village_id LIKE %s""",
    """SELECT p.id, p.training_id, t.status, t.pass_mark, t.max_absence_pct, t.require_pass,
              p.person_id, p.name, p.sex, p.is_poor, p."group", p.village_id
       FROM training_participant p JOIN training_training t ON t.id = p.training_id
       WHERE p.village_id LIKE %s AND t.status <> 'cancelled'""",
    """SELECT s.id, s.training_id, s.module_id, s.attendance_recorded_at FROM training_session s
       JOIN training_training t ON t.id = s.training_id
       WHERE t.status = 'done' AND t.region_id LIKE %s""",
    """SELECT tm.training_id, tm.module_id, m.code FROM training_training_modules tm
       JOIN training_module m ON m.id = tm.module_id
       JOIN training_training t ON t.id = tm.training_id
       WHERE t.status = 'done' AND t.region_id LIKE %s""",
    """SELECT a.participant_id, a.session_id FROM training_attendance a
       JOIN training_participant p ON p.id = a.participant_id
       JOIN training_training t ON t.id = p.training_id
       WHERE t.status = 'done' AND p.village_id LIKE %s""",
    """SELECT r.participant_id, r.module_id, r.kind, r.score FROM training_testresult r
       JOIN training_participant p ON p.id = r.participant_id
       JOIN training_training t ON t.id = p.training_id
       WHERE t.status = 'done' AND p.village_id LIKE %s""",
]


def child_raw(url: str) -> dict:
    """Read the same rows with the bare driver: connect, run the queries, fetch everything."""
    start = time.perf_counter()
    like = PROVINCE + ".%"
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        placeholder = "?"
    else:
        import psycopg

        conn = psycopg.connect(url)
        placeholder = "%s"
    rows = 0
    cursor = conn.cursor()
    for sql in RAW_QUERIES:
        params = (like, "2026-11-28") if "term_end" in sql else (like,)
        cursor.execute(sql.replace("%s", placeholder), params)
        rows += len(cursor.fetchall())
    seconds = time.perf_counter() - start
    conn.close()
    return {"seconds": seconds, "rows": rows, "rss_mb": peak_rss_mb()}


# --- parent ------------------------------------------------------------------------------------


def child(kind: str, url: str, var_dir: Path, villages: int = 0) -> dict:
    argv = [sys.executable, __file__, "--child", kind, "--villages", str(villages)]
    return json.loads(spawn(argv, url, var_dir).strip().splitlines()[-1])


def run_backend(name: str, url: str, work: Path, args) -> dict:
    spawn([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], url, work)
    setup = child("setup", url, work, args.villages)
    print(
        f"  {name}: filled in {setup['seconds']:.1f} s: {setup['villages']} villages, "
        f"{setup['people']} people, {setup['participants']} participants, "
        f"{setup['attendance']} attendance rows, {setup['results']} scores",
        flush=True,
    )
    rollups, raws = [], []
    for run in range(1, args.runs + 1):
        rollups.append(child("rollup", url, work))
        raws.append(child("raw", url, work))
        print(
            f"  {name} run {run}/{args.runs}: roll-up {rollups[-1]['seconds']:.3f} s, "
            f"raw {raws[-1]['seconds']:.3f} s",
            flush=True,
        )
    first = rollups[0]
    assert all(r["people"] == first["people"] for r in rollups)
    return {"name": name, "setup": setup, "rollups": rollups, "raws": raws}


def report(results: list[dict], runs: int) -> None:
    print(f"\nmedian [min-max] of {runs} runs, each in a fresh process")
    fmt = "{:<11} {:<22} {:<22} {:>6} {:>4} {:<22} {:>4} {:>8} {:>8}"
    header = fmt.format(
        "backend", "roll-up s", "raw s", "ratio", "q", "one village s", "q", "peak MB", "raw MB"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        roll = [x["seconds"] for x in r["rollups"]]
        raw = [x["seconds"] for x in r["raws"]]
        print(
            fmt.format(
                r["name"],
                spread(roll, 1, 3),
                spread(raw, 1, 3),
                f"{statistics.median(roll) / statistics.median(raw):.1f}",
                r["rollups"][0]["queries"],
                spread([x["village_seconds"] for x in r["rollups"]], 1, 3),
                r["rollups"][0]["village_queries"],
                f"{statistics.median(x['rss_mb'] for x in r['rollups']):.0f}",
                f"{statistics.median(x['rss_mb'] for x in r['raws']):.0f}",
            )
        )
    for r in results:
        x = r["rollups"][0]
        print(
            f"{r['name']}: {x['villages']} villages ({x['with_gaps']} with core gaps), "
            f"{x['people']} people trained, average gain {x['avg_gain']}; raw read "
            f"{r['raws'][0]['rows']} rows; Django before the call "
            f"{statistics.median(y['rss_before_mb'] for y in r['rollups']):.0f} MB"
        )
    print("ratio = median roll-up s / median raw s; q = queries of the call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--child", choices=["setup", "rollup", "raw"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        print(json.dumps(child_setup(args.villages)))
        return
    if args.child == "rollup":
        print(json.dumps(child_rollup()))
        return
    if args.child == "raw":
        print(json.dumps(child_raw(os.environ["DATABASE_URL"])))
        return
    print(machine())
    results = [
        run_backend(name, url, work, args)
        for name, url, work in backends(
            bench_db=BENCH_DB, pg_url=args.pg_url, sqlite=not args.no_sqlite, pg=not args.no_pg
        )
    ]
    report(results, args.runs)


if __name__ == "__main__":
    main()
