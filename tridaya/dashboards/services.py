"""Writes of the aggregate tables: mark villages dirty, refresh them and their ancestors, rebuild
everything. Only the jobs and the management commands call these (the tables are derived data:
no audit event; the changes that make them stale are audited by their own services)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import CharField, Sum, Value
from django.db.models.functions import Substr
from django.utils import timezone

from tridaya.core import figures as registry
from tridaya.core import jobs
from tridaya.dashboards.models import (
    NATION,
    NATION_LEVEL,
    DirtyVillage,
    FiguresVersion,
    FigureValue,
)
from tridaya.regions.models import Level, Region

VILLAGE_PARTS = 4
BATCH = 2000
REFRESH_JOB = "dashboards.refresh_figures"
REBUILD_JOB = "dashboards.rebuild_figures"


def this_month(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()).replace(day=1)


def level_of(code: str) -> int:
    return code.count(".") + 1 if code else NATION_LEVEL


def ancestors_of(code: str) -> list[str]:
    """'52.01.08.2006' -> ['52.01.08', '52.01', '52', ''] (nearest first, the nation last)."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)] + [NATION]


def within(code: str) -> dict[str, str]:
    """Lookup for the codes strictly under `code` (an index range; the nation: everything)."""
    if not code:
        return {}
    return {"region_code__gte": f"{code}.", "region_code__lt": f"{code}/"}


# Marking (called inside the changing service's transaction, through core.figures).


def mark_dirty(region_code: str) -> None:
    parts = region_code.split(".")
    if len(parts) >= VILLAGE_PARTS:
        DirtyVillage.objects.bulk_create(
            [DirtyVillage(code=".".join(parts[:VILLAGE_PARTS]))], ignore_conflicts=True
        )
    else:
        codes = Region.objects.filter(
            level=Level.VILLAGE, code__gte=f"{region_code}.", code__lt=f"{region_code}/"
        ).values_list("code", flat=True)
        DirtyVillage.objects.bulk_create(
            [DirtyVillage(code=c) for c in codes], ignore_conflicts=True, batch_size=BATCH
        )
    transaction.on_commit(schedule_refresh)


def schedule_refresh() -> None:
    """After the commit: one refresh job for any number of marks (a queued job is reused; a
    job that already ran leaves nothing dirty, so later callbacks queue nothing)."""
    if DirtyVillage.objects.exists():
        jobs.enqueue(REFRESH_JOB, dedupe=True)


def bump_version() -> None:
    """Tell every process that the figures changed (pages cache under this number)."""
    from django.db.models import F

    if not FiguresVersion.objects.filter(pk=1).update(version=F("version") + 1):
        FiguresVersion.objects.get_or_create(pk=1, defaults={"version": 1})


# Refresh of dirty villages (the job).


def refresh_dirty(*, limit: int = 20000, month: dt.date | None = None) -> int:
    """Recompute the dirty villages (up to `limit`) and their ancestors; returns how many."""
    month = month or this_month()
    ensure_month(month)
    codes = list(DirtyVillage.objects.order_by("code").values_list("code", flat=True)[:limit])
    if not codes:
        return 0
    marks = dict(DirtyVillage.objects.filter(code__in=codes).values_list("code", "marked_at"))
    for start in range(0, len(codes), BATCH):
        write_villages(codes[start : start + BATCH], month)
    refresh_ancestors(codes, month)
    bump_version()
    # A village changed again while it was being computed keeps its mark for the next run.
    for code, marked in marks.items():
        DirtyVillage.objects.filter(code=code, marked_at=marked).delete()
    return len(codes)


def ensure_month(month: dt.date) -> None:
    """A new month starts from the last month's rows (figures are end-of-month snapshots)."""
    if FigureValue.objects.filter(month=month, level=NATION_LEVEL).exists():
        return
    last = (
        FigureValue.objects.filter(month__lt=month, level=NATION_LEVEL)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    if last is None:
        return
    table = FigureValue._meta.db_table
    columns = "region_code, level, figure, state, total, weight, villages, value"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (month, {columns}) SELECT %s, {columns} "  # noqa: S608
            f"FROM {table} WHERE month = %s",
            [month, last],
        )


def _village_rows(codes: Sequence[str], month: dt.date) -> list[FigureValue]:
    values = registry.compute_villages(codes)
    rows = []
    for item in registry.figures():
        for code in codes:
            value = values[code].get(item.key)
            if value is None:
                continue
            weight = values[code].get(item.weight) if item.weight else None
            if item.rollup == registry.Rollup.MEAN and not weight:
                continue
            for state, part in registry.village_parts(item, value, weight).items():
                shown = Decimal(str(value)) if not state else part.total
                rows.append(
                    FigureValue(
                        region_code=code,
                        level=Level.VILLAGE,
                        month=month,
                        figure=item.key,
                        state=state,
                        total=part.total,
                        weight=part.weight,
                        villages=part.villages,
                        value=shown,
                    )
                )
    return rows


def write_villages(codes: Sequence[str], month: dt.date) -> None:
    rows = _village_rows(codes, month)
    with transaction.atomic():
        FigureValue.objects.filter(
            month=month, level=Level.VILLAGE, region_code__in=list(codes)
        ).delete()
        FigureValue.objects.bulk_create(rows, batch_size=BATCH)


def refresh_ancestors(village_codes: Iterable[str], month: dt.date) -> None:
    by_level: dict[int, set[str]] = defaultdict(set)
    for code in village_codes:
        for ancestor in ancestors_of(code):
            by_level[level_of(ancestor)].add(ancestor)
    for level in sorted(by_level, reverse=True):
        for code in sorted(by_level[level]):
            write_region(code, level, month)


def _median_values(code: str, month: dt.date) -> dict[str, Decimal | None]:
    keys = [f.key for f in registry.figures() if f.rollup == registry.Rollup.MEDIAN]
    found: dict[str, list[Decimal]] = defaultdict(list)
    rows = FigureValue.objects.filter(
        month=month, level=Level.VILLAGE, figure__in=keys, **within(code)
    ).values_list("figure", "value")
    for key, value in rows:
        if value is not None:
            found[key].append(value)
    return {key: registry.median(found[key]) for key in keys}


def write_region(code: str, level: int, month: dt.date) -> None:
    """Recompute one region's rows from its children's rows (medians from its villages)."""
    known = {f.key: f for f in registry.figures()}
    sums = (
        FigureValue.objects.filter(month=month, level=level + 1, **within(code))
        .values("figure", "state")
        .annotate(t=Sum("total"), w=Sum("weight"), v=Sum("villages"))
        .order_by()
    )
    medians = _median_values(code, month)
    rows = []
    for row in sums:
        item = known.get(row["figure"])
        if item is None:
            continue
        part = registry.Part(row["t"], row["w"], row["v"])
        value = medians.get(item.key) if item.rollup == registry.Rollup.MEDIAN else None
        rows.append(_region_row(code, level, month, item, row["state"], part, value))
    with transaction.atomic():
        FigureValue.objects.filter(month=month, level=level, region_code=code).delete()
        FigureValue.objects.bulk_create(rows)


def _region_row(
    code: str,
    level: int,
    month: dt.date,
    item: registry.Figure,
    state: str,
    part: registry.Part,
    median_value: Decimal | None,
) -> FigureValue:
    value = median_value if item.rollup == registry.Rollup.MEDIAN else registry.value_of(item, part)
    return FigureValue(
        region_code=code,
        level=level,
        month=month,
        figure=item.key,
        state=state,
        total=part.total,
        weight=part.weight,
        villages=part.villages,
        value=value,
    )


# Full rebuild (manage.py rebuild_figures, the rebuild job).

PREFIX_LENGTH: dict[int, int] = {Level.PROVINCE: 2, Level.REGENCY: 5, Level.DISTRICT: 8}


def rebuild_all(
    *, month: dt.date | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Recompute every village in batches, then each level from the one below in one grouped
    query per level; returns the number of villages."""
    month = month or this_month()
    started = timezone.now()
    codes = list(
        Region.objects.filter(level=Level.VILLAGE).order_by("code").values_list("code", flat=True)
    )
    FigureValue.objects.filter(month=month).delete()
    for start in range(0, len(codes), BATCH):
        batch = codes[start : start + BATCH]
        FigureValue.objects.bulk_create(_village_rows(batch, month), batch_size=BATCH)
        if progress:
            progress(start + len(batch), len(codes))
    for level in (Level.DISTRICT, Level.REGENCY, Level.PROVINCE, NATION_LEVEL):
        _rebuild_level(level, month)
    bump_version()
    # Villages marked while the rebuild ran keep their mark for the next refresh.
    DirtyVillage.objects.filter(marked_at__lt=started).delete()
    return len(codes)


def _rebuild_level(level: int, month: dt.date) -> None:
    """Every region of `level` from the rows of the level below, in one grouped query."""
    known = {f.key: f for f in registry.figures()}
    children = FigureValue.objects.filter(month=month, level=level + 1)
    if level:
        children = children.annotate(parent=Substr("region_code", 1, PREFIX_LENGTH[level]))
    else:
        children = children.annotate(parent=Value(NATION, output_field=CharField()))
    sums = (
        children.values("parent", "figure", "state")
        .annotate(t=Sum("total"), w=Sum("weight"), v=Sum("villages"))
        .order_by()
    )
    medians = _all_medians(level, month)
    rows = []
    for row in sums.iterator(chunk_size=BATCH):
        item = known.get(row["figure"])
        if item is None:
            continue
        part = registry.Part(row["t"], row["w"], row["v"])
        code = row["parent"]
        rows.append(
            _region_row(code, level, month, item, row["state"], part, medians[code].get(item.key))
        )
    FigureValue.objects.bulk_create(rows, batch_size=BATCH)


def _all_medians(level: int, month: dt.date) -> dict[str, dict[str, Decimal | None]]:
    keys = [f.key for f in registry.figures() if f.rollup == registry.Rollup.MEDIAN]
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rows = FigureValue.objects.filter(month=month, level=Level.VILLAGE, figure__in=keys)
    for code, key, value in rows.values_list("region_code", "figure", "value").iterator(
        chunk_size=BATCH
    ):
        parent = code[: PREFIX_LENGTH[level]] if level else NATION
        found[parent][key].append(value)
    return defaultdict(
        dict,
        {
            parent: {key: registry.median(values) for key, values in per.items()}
            for parent, per in found.items()
        },
    )
