"""Reads of households and survey imports, each with a fixed number of queries whatever the
number of households, RTs or imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from tridaya.core.params import parse_int
from tridaya.core.selectors import one_of
from tridaya.mapping.models import (
    SAFE_SANITATION,
    SAFE_WATER,
    Household,
    ImportBatch,
    QuarantinedRow,
)
from tridaya.mapping.selectors.reach import Reach
from tridaya.regions.models import RT, Region, VillageProfile

DEFAULT_COVERAGE_MIN_PCT = 80


def coverage_min_pct() -> Decimal:
    """The share of a village's households the survey must reach before the pemetaan swadaya
    step can be completed (setting TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT, default 80)."""
    return Decimal(
        str(getattr(settings, "TRIDAYA_HOUSEHOLD_SURVEY_MIN_PCT", DEFAULT_COVERAGE_MIN_PCT))
    )


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal; None when there is no whole."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Stats:
    """Counts that name nobody: safe for public pages."""

    households: int = 0
    people: int = 0
    women: int = 0
    disabled: int = 0
    poor: int = 0
    safe_water: int = 0
    safe_sanitation: int = 0
    located: int = 0

    @property
    def poor_share(self) -> Decimal | None:
        return share(self.poor, self.households)

    @property
    def women_share(self) -> Decimal | None:
        return share(self.women, self.people)

    @property
    def water_share(self) -> Decimal | None:
        return share(self.safe_water, self.households)

    @property
    def sanitation_share(self) -> Decimal | None:
        return share(self.safe_sanitation, self.households)

    def add(self, other: Stats) -> None:
        for name in (
            "households",
            "people",
            "women",
            "disabled",
            "poor",
            "safe_water",
            "safe_sanitation",
            "located",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


STATS_AGGREGATES = {
    "households": Count("id"),
    "people": Sum("members"),
    "women": Sum("women"),
    "disabled": Sum("disabled"),
    "poor": Count("id", filter=Q(is_poor=True)),
    "safe_water": Count("id", filter=Q(water_source__in=sorted(SAFE_WATER))),
    "safe_sanitation": Count("id", filter=Q(sanitation__in=sorted(SAFE_SANITATION))),
    "located": Count("id", filter=Q(location__isnull=False)),
}


def _stats(row: Mapping[str, Any]) -> Stats:
    return Stats(**{name: row.get(name) or 0 for name in STATS_AGGREGATES})


@dataclass
class RTStats:
    rt: RT
    stats: Stats


@dataclass
class VillageHouseholds:
    village: Region
    total: Stats
    rts: list[RTStats] = field(default_factory=list)
    profile_households: int | None = None

    @property
    def coverage(self) -> Decimal | None:
        return share(self.total.households, self.profile_households or 0)


def village_households(village: Region) -> VillageHouseholds:
    """Counts per RT and for the village, with every RT listed (3 queries)."""
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rows = (
        Household.objects.filter(village=village)
        .order_by()
        .values("rt_id")
        .annotate(**STATS_AGGREGATES)
    )
    by_rt = {row["rt_id"]: _stats(row) for row in rows}
    total = Stats()
    listed = []
    for rt in rts:
        stats = by_rt.get(rt.pk, Stats())
        total.add(stats)
        listed.append(RTStats(rt, stats))
    profile = VillageProfile.objects.filter(village=village).values_list("households", flat=True)
    return VillageHouseholds(village, total, listed, next(iter(profile), None))


def rt_of(village: Region, rt_id: int) -> RT:
    """One RT of the village; NotFound for an RT elsewhere."""
    return one_of(RT.objects.select_related("rw"), pk=rt_id, village=village)


def rt_stats(rt: RT) -> Stats:
    """Counts of one RT (1 query)."""
    row = Household.objects.filter(rt=rt).order_by().aggregate(**STATS_AGGREGATES)
    return _stats(row)


def households_of(
    village: Region,
    *,
    rt: RT | None = None,
    poor: bool | None = None,
    query: str = "",
    search_personal: bool = False,
) -> QuerySet[Household]:
    """Households of a village (or one RT) with their RT and RW; `query` matches the head's
    name or whole NIK only when the caller may see them (searching would otherwise confirm who
    is poor)."""
    households = (
        Household.objects.filter(village=village)
        .select_related("rt__rw")
        .order_by("rt__rw__number", "rt__number", "id")
    )
    if rt is not None:
        households = households.filter(rt=rt)
    if poor is not None:
        households = households.filter(is_poor=poor)
    query = query.strip()
    if query and search_personal:
        match = Q(head_name__icontains=query)
        if parse_int(query) is not None and len(query) == 16:
            match |= Q(head_nik=query)
        households = households.filter(match)
    return households


def household_of(village: Region, pk: int) -> Household:
    """One household of the village; NotFound for one elsewhere."""
    households = Household.objects.select_related("rt__rw", "head", "import_batch")
    return one_of(households, pk=pk, village=village)


def poor_household_features(village: Region, *, personal: bool, rt: RT | None = None) -> list[dict]:
    """The located poor households as GeoJSON features (1 query). Head names only when the
    caller may see them."""
    rows = Household.objects.filter(village=village, is_poor=True, location__isnull=False)
    if rt is not None:
        rows = rows.filter(rt=rt)
    fields = ["id", "location", "members", "criteria_met", "rt__number", "rt__rw__number"]
    if personal:
        fields.append("head_name")
    features = []
    for row in rows.order_by("id").values(*fields):
        properties = {
            "id": row["id"],
            "rt": f"RT {row['rt__number']:02d} / RW {row['rt__rw__number']:02d}",
            "members": row["members"],
            "criteria": row["criteria_met"],
        }
        if personal:
            properties["head"] = row["head_name"]
        features.append({"type": "Feature", "geometry": row["location"], "properties": properties})
    return features


def rt_boundary_features(village_households: VillageHouseholds) -> list[dict]:
    """RT boundaries with their counts, for the maps (no query: from `village_households`)."""
    features = []
    for item in village_households.rts:
        if not item.rt.boundary:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": item.rt.boundary,
                "properties": {
                    "label": str(item.rt),
                    "households": item.stats.households,
                    "poor": item.stats.poor,
                },
            }
        )
    return features


@dataclass(frozen=True)
class Coverage:
    surveyed: int
    known: int | None  # households the village profile counts

    @property
    def pct(self) -> Decimal | None:
        return share(self.surveyed, self.known or 0)

    def reaches(self, minimum: Decimal) -> bool:
        return bool(self.known) and self.surveyed * 100 >= minimum * (self.known or 0)


def household_coverage(village: Region) -> Coverage:
    """Households recorded against the number the village profile counts (2 queries)."""
    known = VillageProfile.objects.filter(village=village).values_list("households", flat=True)
    surveyed = Household.objects.filter(village=village).count()
    return Coverage(surveyed=surveyed, known=next(iter(known), None))


def import_batches(village: Region) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.filter(village=village).select_related("actor")


def batch_of(village: Region, pk: int) -> ImportBatch:
    """One survey import of the village; NotFound for one elsewhere."""
    return one_of(ImportBatch.objects.select_related("actor"), pk=pk, village=village)


def quarantined_rows(
    batch: ImportBatch, *, unresolved_only: bool = True
) -> QuerySet[QuarantinedRow]:
    rows = QuarantinedRow.objects.filter(batch=batch).order_by("line")
    if unresolved_only:
        rows = rows.filter(resolved_by__isnull=True)
    return rows


def unresolved_quarantine_count(village: Region) -> int:
    return QuarantinedRow.objects.filter(village=village, resolved_by__isnull=True).count()


@dataclass(frozen=True)
class HouseholdPoint:
    """A household as later apps count it: its RT, size, poverty status and point (lon, lat;
    None when it has no location). No name, no NIK."""

    rt_id: int | None
    members: int
    is_poor: bool
    lon: float | None
    lat: float | None


def household_points(village: Region) -> list[HouseholdPoint]:
    """Every household of the village as plain data with no personal data (1 query)."""
    points = []
    for rt_id, members, is_poor, location in Household.objects.filter(village=village).values_list(
        "rt_id", "members", "is_poor", "location"
    ):
        lon = lat = None
        if isinstance(location, dict) and location.get("type") == "Point":
            coordinates = location.get("coordinates") or []
            if len(coordinates) >= 2:
                lon, lat = float(coordinates[0]), float(coordinates[1])
        points.append(HouseholdPoint(rt_id, members, is_poor, lon, lat))
    return points


def surveyed_by_rt(village: Region | str) -> dict[int, Reach]:
    """RT id -> households and poor households of the survey (computed from the households, the
    bound of `reach.distinct_reach`); one query."""
    code = village if isinstance(village, str) else village.code
    rows = (
        Household.objects.filter(village_id=code)
        .values("rt_id")
        .annotate(n=Count("id"), poor=Count("id", filter=Q(is_poor=True)))
        .values_list("rt_id", "n", "poor")
    )
    return {rt_id: Reach(n, poor) for rt_id, n, poor in rows}
