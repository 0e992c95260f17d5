"""Synthetic national data for benchmarks (`manage.py seed_national`): every village of the
official region data (or an evenly spread sample), about 120 households each, RW/RT units,
village profiles with points, and for the program villages a cycle, a closed training with
pre/post tests, RT profiles with slum volumes and, for some, a legalised RPLP with investment rows.

Bench data only: rows are written straight into the tables (COPY on PostgreSQL, multi-row
INSERT on SQLite) with no services and no audit events, like the raw-driver baselines of the
other benchmarks; the figures are then built with `rebuild_figures`. Reproducible: the same
seed on the same region data writes the same rows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from tridaya.cycle.definitions import current_template, step_definitions, sync_templates
from tridaya.cycle.models import Program, Step, StepStatus, VillageCycle
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import Household, RTProfile, SlumVolume
from tridaya.mapping.models.households import POVERTY_CRITERIA
from tridaya.planning.models import InvestmentRow, Plan, PlanKind, PlanVersion, VersionState
from tridaya.regions.models import RT, RW, Level, Region, VillageProfile
from tridaya.training.models import (
    ActorGroup,
    Participant,
    TestKind,
    TestResult,
    Training,
    TrainingStatus,
)

RTS_PER_RW = 4
RWS = 4
CHUNK = 50_000
PARTICIPANTS = 24
GROUPS = [g for g in ActorGroup.values if g != ActorGroup.OTHER]
CRITERIA = [c.field for c in POVERTY_CRITERIA]


@dataclass(frozen=True)
class Options:
    seed: int = 1
    villages: int | None = None  # None: every village
    households_per_village: int = 120
    program_share: float = 0.1  # villages in the PLPBK program
    plan_share: float = 0.4  # of program villages: a legalised RPLP
    year: int = 2026


# Writing rows fast: COPY on PostgreSQL, multi-row INSERT on SQLite.


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _default(field: models.Field) -> Any:
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return None


def _db_value(field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    return value


def write_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Write dict rows (by field attname) into the model's table; missing fields get their
    default. Returns the number of rows."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    # The primary key comes from its sequence unless the rows give it (to link children).
    fields = [f for f in _columns(model) if not f.primary_key or f.attname in first]
    defaults = {f.attname: _default(f) for f in fields}
    now = timezone.now()
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now
    table = model._meta.db_table
    names = [str(f.column) for f in fields]
    count = 0
    batch: list[tuple] = []
    for row in itertools.chain([first], rows):
        values = {**defaults, **row}
        batch.append(tuple(_db_value(f, values[f.attname]) for f in fields))
        if len(batch) >= CHUNK:
            _flush(table, names, batch)
            count += len(batch)
            batch = []
    if batch:
        _flush(table, names, batch)
        count += len(batch)
    return count


def _flush(table: str, names: list[str], batch: list[tuple]) -> None:
    columns = ", ".join(connection.ops.quote_name(n) for n in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608
                for row in batch:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            step = max(1, 900 // len(names))
            for start in range(0, len(batch), step):
                part = batch[start : start + step]
                sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join(  # noqa: S608
                    [f"({marks})"] * len(part)
                )
                cursor.execute(sql, [v for row in part for v in row])


def _next_id(model: type[models.Model]) -> int:
    return (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# What to seed.


def pick_villages(count: int | None) -> list[str]:
    codes = list(
        Region.objects.filter(level=Level.VILLAGE).order_by("code").values_list("code", flat=True)
    )
    if count is None or count >= len(codes):
        return codes
    step = len(codes) / count
    return [codes[int(i * step)] for i in range(count)]


def province_centres() -> dict[str, tuple[float, float]]:
    from shapely.geometry import shape

    path = Path(settings.BASE_DIR) / "data" / "boundaries" / "provinces.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    centres = {}
    for feature in data["features"]:
        point = shape(feature["geometry"]).representative_point()
        centres[feature["properties"]["code"]] = (point.y, point.x)
    return centres


def seed(options: Options, progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    rng = random.Random(options.seed)
    villages = pick_villages(options.villages)
    if RW.objects.filter(village_id__in=villages[:1000]).exists():
        raise ValueError("These villages already have RW/RT units: seed into an empty database.")
    counts: dict[str, int] = {"villages": len(villages)}
    program = set(rng.sample(villages, int(len(villages) * options.program_share)))
    with transaction.atomic():
        rts = _units(villages, rng, counts, progress)
        _households(villages, rts, rng, options, counts, progress)
        _program(sorted(program), rts, rng, options, counts, progress)
        _reset_sequences([RW, RT, Household, VillageCycle, Step, RTProfile, SlumVolume])
        _reset_sequences([Training, Participant, TestResult, Plan, PlanVersion, InvestmentRow])
    return counts


def _units(villages, rng, counts, progress) -> dict[str, list[int]]:
    centres = province_centres()
    rw_id, rt_id = _next_id(RW), _next_id(RT)
    rws, rts, profiles = [], [], []
    by_village: dict[str, list[int]] = {}
    for code in villages:
        lat, lon = centres.get(code[:2], (-2.5, 118.0))
        profiles.append(
            {
                "village_id": code,
                "latitude": Decimal(str(round(lat + rng.uniform(-0.8, 0.8), 6))),
                "longitude": Decimal(str(round(lon + rng.uniform(-0.8, 0.8), 6))),
            }
        )
        ids = []
        for rw in range(1, RWS + 1):
            rws.append({"id": rw_id, "village_id": code, "number": rw})
            for rt in range(1, RTS_PER_RW + 1):
                rts.append({"id": rt_id, "rw_id": rw_id, "village_id": code, "number": rt})
                ids.append(rt_id)
                rt_id += 1
            rw_id += 1
        by_village[code] = ids
    VillageProfile.objects.filter(village_id__in=villages).delete()
    counts["village_profiles"] = write_rows(VillageProfile, profiles)
    counts["rw"] = write_rows(RW, rws)
    counts["rt"] = write_rows(RT, rts)
    progress(f"{counts['rt']} RT")
    return by_village


def _household_rows(villages, rts, rng, options) -> Iterator[dict[str, Any]]:
    for code in villages:
        n = max(
            1, int(rng.gauss(options.households_per_village, options.households_per_village / 4))
        )
        poor_share = rng.betavariate(2, 8)
        for i in range(n):
            poor = rng.random() < poor_share
            met = rng.randint(9, 14) if poor else rng.randint(0, 8)
            row = {
                "village_id": code,
                "rt_id": rts[code][i % len(rts[code])],
                "head_name": f"KK {i + 1}",
                "head_sex": "P" if rng.random() < 0.15 else "L",
                "members": rng.randint(1, 8),
                "instance_id": f"seed-{code}-{i}",
                "criteria_met": met,
                "is_poor": met >= 9,
                "surveyed_on": dt.date(options.year, rng.randint(1, 12), rng.randint(1, 28)),
            }
            for index, name in enumerate(CRITERIA):
                row[name] = index < met
            yield row


def _households(villages, rts, rng, options, counts, progress) -> None:
    counts["households"] = write_rows(Household, _household_rows(villages, rts, rng, options))
    progress(f"{counts['households']} households")


def _program(villages, rts, rng, options, counts, progress) -> None:
    if not villages:
        return
    _cycles(villages, rng, options, counts)
    _rt_profiles(villages, rts, rng, options, counts)
    _trainings(villages, rng, options, counts)
    _plans(villages, rng, options, counts)
    progress(f"{len(villages)} program villages")


def _cycles(villages, rng, options, counts) -> None:
    sync_templates()
    program, _ = Program.objects.get_or_create(
        code=f"plpbk-{options.year}", defaults={"name": "PLPBK", "year": options.year}
    )
    template = current_template(program.template_code)
    steps = step_definitions(template)
    cycle_id, step_id = _next_id(VillageCycle), _next_id(Step)
    now = timezone.now()
    cycles, rows = [], []
    for code in villages:
        cycles.append(
            {
                "id": cycle_id,
                "village_id": code,
                "program_id": program.pk,
                "template_id": template.pk,
            }
        )
        current = rng.randint(1, len(steps))
        for order, d in enumerate(steps, start=1):
            status = (
                StepStatus.DONE
                if order < current
                else StepStatus.OPEN
                if order == current
                else StepStatus.LOCKED
            )
            rows.append(
                {
                    "id": step_id,
                    "cycle_id": cycle_id,
                    "order": order,
                    "stage_code": d["stage_code"],
                    "stage_title": d["stage_title"],
                    "stage_order": d["stage_order"],
                    "code": d["code"],
                    "title": d["title"],
                    "definition": {},
                    "status": status,
                    "opened_at": now - dt.timedelta(days=rng.randint(1, 200))
                    if order <= current
                    else None,
                    "completed_at": now if order < current else None,
                }
            )
            step_id += 1
        cycle_id += 1
    counts["cycles"] = write_rows(VillageCycle, cycles)
    counts["steps"] = write_rows(Step, rows)


def _rt_profiles(villages, rts, rng, options, counts) -> None:
    criteria_set = current_criteria_set()
    cset = criteria_of(criteria_set)
    profile_id = _next_id(RTProfile)
    profiles, volumes = [], []
    for code in villages:
        for rt_id in rts[code]:
            figures = {
                "area_ha": Decimal(rng.randint(200, 1500)) / 100,
                "buildings": rng.randint(40, 200),
                "population": rng.randint(150, 800),
                "households": rng.randint(40, 200),
                "road_length_m": Decimal(rng.randint(300, 3000)),
                "drainage_length_m": Decimal(rng.randint(300, 3000)),
            }
            profiles.append(
                {
                    "id": profile_id,
                    "rt_id": rt_id,
                    "village_id": code,
                    "year": options.year,
                    "criteria_set_id": criteria_set.pk,
                    **figures,
                }
            )
            share = Decimal(rng.randint(0, 90)) / 100
            for c in cset.criteria:
                volume = (Decimal(figures[c.denominator]) * share).quantize(Decimal("0.01"))
                volumes.append({"profile_id": profile_id, "code": c.code, "volume": volume})
            profile_id += 1
    counts["rt_profiles"] = write_rows(RTProfile, profiles)
    counts["slum_volumes"] = write_rows(SlumVolume, volumes)


def _trainings(villages, rng, options, counts) -> None:
    from tridaya.training.definitions import sync_curricula
    from tridaya.training.models import Curriculum

    sync_curricula()
    curriculum = Curriculum.objects.filter(is_active=True).prefetch_related("modules").first()
    module = curriculum.modules.order_by("order").first() if curriculum else None
    if curriculum is None or module is None:
        return
    training_id, participant_id = _next_id(Training), _next_id(Participant)
    trainings, participants, results = [], [], []
    day = dt.date(options.year, 3, 1)
    for code in villages:
        trainings.append(
            {
                "id": training_id,
                "region_id": code,
                "curriculum_id": curriculum.pk,
                "title": "Pelatihan BKM dan UP-UP",
                "place": "Balai desa",
                "starts_on": day,
                "ends_on": day,
                "status": TrainingStatus.DONE,
                "pass_mark": 70,
                "max_absence_pct": 20,
            }
        )
        for i in range(PARTICIPANTS):
            participants.append(
                {
                    "id": participant_id,
                    "training_id": training_id,
                    "village_id": code,
                    "name": f"Peserta {i + 1}",
                    "sex": "P" if rng.random() < 0.4 else "L",
                    "group": GROUPS[i % len(GROUPS)],
                    "is_poor": rng.random() < 0.2,
                }
            )
            pre = rng.randint(30, 70)
            for kind, score in (
                (TestKind.PRE, pre),
                (TestKind.POST, min(100, pre + rng.randint(0, 35))),
            ):
                results.append(
                    {
                        "participant_id": participant_id,
                        "module_id": module.pk,
                        "kind": kind,
                        "score": Decimal(score),
                    }
                )
            participant_id += 1
        training_id += 1
    counts["trainings"] = write_rows(Training, trainings)
    counts["participants"] = write_rows(Participant, participants)
    counts["test_results"] = write_rows(TestResult, results)


def _plans(villages, rng, options, counts) -> None:
    chosen = [v for v in villages if rng.random() < options.plan_share]
    plan_id, version_id = _next_id(Plan), _next_id(PlanVersion)
    plans, versions, rows = [], [], []
    for code in chosen:
        plans.append({"id": plan_id, "village_id": code, "kind": PlanKind.RPLP, "title": "RPLP"})
        versions.append(
            {
                "id": version_id,
                "plan_id": plan_id,
                "number": 1,
                "state": VersionState.DRAFT,
                "start_year": options.year,
                "horizon_years": 5,
            }
        )
        for position in range(5):
            volume = Decimal(rng.randint(1, 500))
            unit_cost = rng.randint(50, 2000) * 1000
            rows.append(
                {
                    "version_id": version_id,
                    "position": position,
                    "year": options.year,
                    "domain": "L",
                    "component": f"Komponen {position + 1}",
                    "volume": volume,
                    "unit": "m",
                    "unit_cost": unit_cost,
                    "fund_blm": int(volume * unit_cost),
                }
            )
        plan_id += 1
        version_id += 1
    counts["plans"] = write_rows(Plan, plans)
    write_rows(PlanVersion, versions)
    counts["investment_rows"] = write_rows(InvestmentRow, rows)
    # Legalised once their rows are in: the database refuses rows under a legalised version.
    PlanVersion.objects.filter(pk__in=[v["id"] for v in versions]).update(
        state=VersionState.LEGALISED, legalised_on=dt.date(options.year, 6, 1)
    )
