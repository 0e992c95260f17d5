"""Reads of the aggregate tables for the dashboard pages, the XLSX and the API. They read only
`FigureValue` (plus region names and village points), in a fixed number of queries whatever the
number of villages below the region."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Subquery
from django.db.models.functions import Substr

from tridaya.core import figures as registry
from tridaya.core.errors import NotFound
from tridaya.dashboards.models import NATION, NATION_LEVEL, FiguresVersion, FigureValue
from tridaya.dashboards.services import within
from tridaya.regions.models import Level, Region, VillageProfile

TREND_MONTHS = 12
ATTENTION_SHOWN = 20


@dataclass
class Column:
    key: str
    state: str
    label: str
    unit: str
    money: bool = False


@dataclass
class Child:
    code: str
    name: str
    values: dict[tuple[str, str], Decimal | None] = field(default_factory=dict)
    lat: float | None = None
    lon: float | None = None

    def cells(self, columns: list[Column]) -> list[Decimal | None]:
        return [self.values.get((c.key, c.state)) for c in columns]


@dataclass
class Attention:
    code: str
    name: str
    figure: registry.Figure
    value: Decimal | None


@dataclass
class Dashboard:
    region: Region | None  # None: the nation
    month: dt.date | None
    values: dict[tuple[str, str], FigureValue]
    columns: list[Column]
    children: list[Child]
    child_level: int
    trends: dict[str, list[tuple[str, float | None]]]
    attention: list[Attention]

    @property
    def code(self) -> str:
        return self.region.code if self.region else NATION

    @property
    def cards(self) -> list[tuple[registry.Figure, Decimal | None]]:
        return [(f, self.value(f.key)) for f in registry.figures() if f.headline]

    def value(self, key: str, state: str = "") -> Decimal | None:
        row = self.values.get((key, state))
        return row.value if row else None

    @property
    def stages(self) -> list[tuple[str, str, Decimal | None]]:  # (figure, state, villages)
        out = []
        for f in registry.figures():
            if f.rollup == registry.Rollup.COUNT_BY_STATE:
                out += [(str(f.label), str(label), self.value(f.key, s)) for s, label in f.states]
        return out


def figures_version() -> int:
    return FiguresVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


_recent: dict[str, float] = {}


def recent_figures_version() -> int:
    """The figures version as this process read it at most `TRIDAYA_FIGURES_VERSION_SECONDS`
    ago (pages shared by every anonymous visitor need no query; fresh within seconds)."""
    now = time.monotonic()
    if now - _recent.get("at", -math.inf) >= settings.TRIDAYA_FIGURES_VERSION_SECONDS:
        _recent["version"], _recent["at"] = figures_version(), now
    return int(_recent["version"])


def latest_month() -> dt.date | None:
    return (
        FigureValue.objects.filter(level=NATION_LEVEL, region_code=NATION)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )


def region_of(code: str) -> Region | None:
    """The region of a dashboard (not a village: a village's figures are its own pages)."""
    if not code:
        return None
    region = Region.objects.filter(code=code).exclude(level=Level.VILLAGE).first()
    if region is None:
        raise NotFound(code)
    return region


def columns() -> list[Column]:
    """The columns of the child-region table and the XLSX: every figure (a column per state)."""
    out = []
    for f in registry.figures():
        if f.rollup == registry.Rollup.COUNT_BY_STATE:
            out += [Column(f.key, s, f"{f.label}: {label}", str(f.unit)) for s, label in f.states]
        else:
            out.append(Column(f.key, "", str(f.label), str(f.unit), f.money))
    return out


def _children(code: str, level: int, month: dt.date | None) -> list[Child]:
    regions = Region.objects.filter(level=level + 1)
    if code:
        regions = regions.filter(parent_id=code)
    children = {r.code: Child(r.code, r.name) for r in regions.order_by("code")}
    if month is not None:
        rows = FigureValue.objects.filter(month=month, level=level + 1, **within(code))
        for key, state, value, rc in rows.values_list("figure", "state", "value", "region_code"):
            if rc in children:
                children[rc].values[(key, state)] = value
    return list(children.values())


def _points(code: str, level: int, children: list[Child]) -> None:
    """Points of the child regions where their villages' profiles give coordinates (the mean of
    their villages' points); provinces are drawn from their outlines instead."""
    if level == NATION_LEVEL:
        return
    lengths: dict[int, int] = {Level.PROVINCE: 5, Level.REGENCY: 8, Level.DISTRICT: 13}
    length = lengths[level]
    rows = (
        VillageProfile.objects.filter(
            village_id__gte=f"{code}.", village_id__lt=f"{code}/", latitude__isnull=False
        )
        .annotate(child=Substr("village_id", 1, length))
        .values("child")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"), n=Count("village_id"))
        .order_by()
    )
    found = {r["child"]: r for r in rows}
    for child in children:
        if child.code in found:
            child.lat = float(found[child.code]["lat"])
            child.lon = float(found[child.code]["lon"])


def _trends(code: str) -> dict[str, list[tuple[str, float | None]]]:
    keys = [f.key for f in registry.figures() if f.headline]
    rows = FigureValue.objects.filter(
        region_code=code, level=len(code.split(".")) if code else NATION_LEVEL, figure__in=keys
    ).order_by("-month")[: TREND_MONTHS * len(keys)]
    series: dict[str, list] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r.month):
        series[row.figure].append(
            (row.month.strftime("%Y-%m"), float(row.value) if row.value is not None else None)
        )
    return dict(series)


def _attention(code: str, month: dt.date | None) -> list[Attention]:
    flagged = [f for f in registry.figures() if f.attention_at is not None]
    if month is None or not flagged:
        return []
    out: list[Attention] = []
    names = Region.objects.filter(code=OuterRef("region_code")).values("name")[:1]
    for item in flagged:
        rows = (
            FigureValue.objects.filter(
                month=month,
                level=Level.VILLAGE,
                figure=item.key,
                value__gte=item.attention_at,
                **within(code),
            )
            .annotate(name=Subquery(names))
            .order_by("-value", "region_code")
            .values_list("region_code", "name", "value")[:ATTENTION_SHOWN]
        )
        out += [Attention(c, name or c, item, v) for c, name, v in rows]
    return out


def dashboard(code: str) -> Dashboard:
    """Everything one dashboard page shows, whatever the size of the region: 6 queries for the
    nation, 8 for a province, regency or kecamatan (one more per figure with an attention level)."""
    region = region_of(code)
    level = region.level if region else NATION_LEVEL
    month = latest_month()
    values = {}
    if month is not None:
        rows = FigureValue.objects.filter(month=month, level=level, region_code=code)
        values = {(r.figure, r.state): r for r in rows}
    children = _children(code, level, month)
    _points(code, level, children)
    return Dashboard(
        region=region,
        month=month,
        values=values,
        columns=columns(),
        children=children,
        child_level=level + 1,
        trends=_trends(code),
        attention=_attention(code, month),
    )


def village_rows(code: str) -> Iterator[tuple[str, str, list[Decimal | None]]]:
    """Every village under the region with every column (for the XLSX), streamed: two queries."""
    cols = columns()
    index = {(c.key, c.state): i for i, c in enumerate(cols)}
    month = latest_month()
    if month is None:
        return
    names = dict(
        Region.objects.filter(level=Level.VILLAGE, **_code_range(code)).values_list("code", "name")
    )
    current: str | None = None
    cells: list[Decimal | None] = []
    rows = (
        FigureValue.objects.filter(month=month, level=Level.VILLAGE, **within(code))
        .order_by("region_code")
        .values_list("region_code", "figure", "state", "value")
    )
    seen = set()
    for rc, key, state, value in rows.iterator(chunk_size=5000):
        if rc != current:
            if current is not None:
                seen.add(current)
                yield current, names.get(current, ""), cells
            current, cells = rc, [None] * len(cols)
        if (key, state) in index:
            cells[index[(key, state)]] = value
    if current is not None:
        seen.add(current)
        yield current, names.get(current, ""), cells
    for vc in sorted(set(names) - seen):
        yield vc, names[vc], [None] * len(cols)


def _code_range(code: str) -> dict[str, str]:
    return {"code__gte": f"{code}.", "code__lt": f"{code}/"} if code else {}
