"""Reads of the works: the package list with status filters and map features, the package page
(photo timeline, S-curve plan vs actual, money, reports), per-village plan vs actual, the
progress finance's tranche conditions read, assets overdue for a check, and the hectares that
left a slum class rolled up from villages. Fixed query counts whatever the data size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from tridaya.core.choices import Sex
from tridaya.core.errors import NotFound
from tridaya.regions.models import Region
from tridaya.works import conf
from tridaya.works.models import (
    Asset,
    EntryStatus,
    FieldReport,
    FunctionalityCheck,
    HandledVolume,
    PackageStatus,
    Photo,
    ProgressEntry,
    WorkItem,
    WorkPackage,
)
from tridaya.works.money_source import ActivityMoney, money_of_plan_activities
from tridaya.works.schedule import (
    Line,
    actual_curve,
    deviations,
    percent_of,
    plan_curve,
    planned_at,
    week_count,
    week_end,
    weighted_progress,
)

if TYPE_CHECKING:
    from tridaya.works.slum_source import Reduction


def _under(field_name: str, code: str) -> Q:
    """Rows whose Kemendagri code is `code` or lies under it (the code is a materialized path)."""
    return Q(**{field_name: code}) | Q(**{f"{field_name}__startswith": f"{code}."})


def packages_of(village: Region, status: str = "") -> QuerySet[WorkPackage]:
    queryset = WorkPackage.objects.filter(village=village).select_related("ksm")
    if status in PackageStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("starts_on", "id")


def package_of(village: Region, package_id: int) -> WorkPackage:
    package = (
        WorkPackage.objects.filter(village=village, pk=package_id)
        .select_related("ksm", "rt__rw", "quality_by")
        .first()
    )
    if package is None:
        raise NotFound(f"work package {package_id}")
    package.village = village
    return package


@dataclass
class Curve:
    labels: list[str]
    plan: list[Decimal]
    actual: list[Decimal | None]


@dataclass
class PackageFigures:
    package: WorkPackage
    curve: Curve
    planned_now: Decimal
    money: ActivityMoney | None
    money_used: Decimal | None  # spent / released, percent
    money_flags: list[str] = field(default_factory=list)


def _curve(
    package: WorkPackage,
    items: Iterable[WorkItem],
    approved: Iterable[tuple[dt.date, Decimal]],
    today: dt.date,
) -> tuple[Curve, Decimal]:
    weeks = week_count(package.starts_on, package.ends_on)
    plan = plan_curve([Line(i.amount, i.start_week, i.end_week) for i in items], weeks)
    actual = actual_curve(approved, package.starts_on, weeks, today)
    while len(plan) < len(actual):
        plan.append(plan[-1] if plan else Decimal(100))
    labels = [week_end(package.starts_on, w).strftime("%d/%m") for w in range(1, len(plan) + 1)]
    return Curve(labels, plan, actual), planned_at(plan, package.starts_on, today)


def figures_of(
    package: WorkPackage,
    items: Iterable[WorkItem],
    approved: Iterable[tuple[dt.date, Decimal]],
    money: ActivityMoney | None,
    today: dt.date,
) -> PackageFigures:
    curve, planned_now = _curve(package, items, approved, today)
    if package.status == PackageStatus.DONE:
        planned_now = min(planned_now, package.progress)
    used = percent_of(money.spent, money.released) if money else None
    flags = deviations(
        planned=planned_now,
        physical=package.progress,
        money_used=used,
        late_threshold=conf.late_threshold(),
        money_threshold=conf.money_gap_threshold(),
    )
    return PackageFigures(package, curve, planned_now, money, used, flags)


@dataclass
class PackagePage:
    figures: PackageFigures
    items: list
    entries: list[ProgressEntry]
    photos: list[Photo]
    reports: list[FieldReport]
    handover: object | None
    asset: Asset | None
    checks: list[FunctionalityCheck]
    handled: list[HandledVolume]

    @property
    def package(self) -> WorkPackage:
        return self.figures.package


def package_page(village: Region, package_id: int, today: dt.date | None = None) -> PackagePage:
    """Everything the package page shows (a fixed number of queries for any number of
    reports and photos)."""
    today = today or timezone.localdate()
    package = package_of(village, package_id)
    items = list(package.items.all())
    entries = list(
        package.entries.select_related("created_by", "decided_by").order_by("-date", "-id")
    )
    approved = [(e.date, e.percent) for e in entries if e.status == EntryStatus.APPROVED]
    photos = list(package.photos.order_by("-taken_at", "-id"))
    reports = list(package.reports.order_by("-date", "-id"))
    money = money_of_plan_activities(village.code, [package.plan_activity_id])
    figures = figures_of(package, items, approved, money.get(package.plan_activity_id), today)
    asset = Asset.objects.filter(package=package).select_related("handover__kpp").first()
    checks = list(asset.checks.all()) if asset else []
    handled = list(package.handled.select_related("rt__rw"))
    handover = asset.handover if asset else None
    return PackagePage(figures, items, entries, photos, reports, handover, asset, checks, handled)


def photos_by_entry(photos: list[Photo]) -> dict[int, list[Photo]]:
    grouped: dict[int, list[Photo]] = {}
    for photo in photos:
        if photo.entry_id:
            grouped.setdefault(photo.entry_id, []).append(photo)
    return grouped


@dataclass
class VillageWorks:
    village: Region
    rows: list[PackageFigures]
    physical: Decimal | None
    money_used: Decimal | None
    counts: dict[str, int]


def village_works(village: Region, status: str = "", today: dt.date | None = None) -> VillageWorks:
    """The package list with each package's plan vs actual and the village's weighted
    totals (4 queries: packages, items, approved entries, finance's money)."""
    today = today or timezone.localdate()
    every = list(
        packages_of(village).prefetch_related(
            "items",
            Prefetch(
                "entries",
                queryset=ProgressEntry.objects.filter(status=EntryStatus.APPROVED),
                to_attr="approved",
            ),
        )
    )
    money = money_of_plan_activities(village.code, [p.plan_activity_id for p in every])
    rows = []
    for package in every:
        package.village = village
        approved = [(e.date, e.percent) for e in package.approved]
        rows.append(
            figures_of(
                package, package.items.all(), approved, money.get(package.plan_activity_id), today
            )
        )
    counts = dict.fromkeys(PackageStatus.values, 0)
    for package in every:
        counts[package.status] += 1
    spent = sum(m.spent for m in money.values())
    released = sum(m.released for m in money.values())
    physical = weighted_progress((p.value, p.progress) for p in every)
    shown = [r for r in rows if not status or r.package.status == status]
    return VillageWorks(village, shown, physical, percent_of(spent, released), counts)


def approved_progress(village_code: str, allocation: object = None) -> Decimal | None:
    """finance's progress provider: the village's physical progress weighted by RAB value,
    from approved entries only; None when nothing is approved yet."""
    rows = list(
        WorkPackage.objects.filter(village_id=village_code).values_list("value", "progress")
    )
    if not ProgressEntry.objects.filter(
        package__village_id=village_code, status=EntryStatus.APPROVED
    ).exists():
        return None
    return weighted_progress(rows)


def map_features(rows: list[PackageFigures]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": r.package.geometry,
                "properties": {
                    "id": r.package.pk,
                    "name": r.package.name,
                    "status": r.package.status,
                    "progress": float(r.package.progress),
                },
            }
            for r in rows
        ],
    }


def assets_overdue(region_code: str, today: dt.date | None = None) -> list[Asset]:
    """Assets under a region (the korkot's city) with no functionality check within the
    interval since handover or their last check (2 queries)."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=conf.check_interval_days())
    assets = list(
        Asset.objects.filter(_under("village__code", region_code))
        .select_related("handover__kpp", "village")
        .prefetch_related(
            Prefetch("checks", queryset=FunctionalityCheck.objects.order_by("-checked_on"))
        )
        .order_by("village_id", "name")
    )
    overdue = []
    for asset in assets:
        checks = list(asset.checks.all())
        last = checks[0].checked_on if checks else asset.handed_on
        if last <= limit:
            asset.last_checked = last
            overdue.append(asset)
    return overdue


def slum_reduction(region_code: str, year: int | None = None) -> Reduction:
    """Hectares whose RTs moved down a slum class after the works, per village and in total,
    for a village, kecamatan, city or province code (mapping's scores, read per village that has
    handled volumes)."""
    from tridaya.works.slum_source import Reduction, village_reduction

    codes = (
        HandledVolume.objects.filter(_under("package__village__code", region_code))
        .values_list("package__village_id", flat=True)
        .distinct()
    )
    villages = Region.objects.filter(code__in=list(codes)).order_by("code")
    return Reduction([village_reduction(v, year) for v in villages])


@dataclass(frozen=True)
class GateCounts:
    packages: int
    done: int
    handed_over: int
    om_planned: int
    checked: int


def gate_counts(village_code: str) -> GateCounts:
    """What the cycle's works steps ask: packages, completed ones, handed over (assets), assets
    with an O&M plan and with a functionality check (3 queries)."""
    from django.db.models import Count

    by_status = dict(
        WorkPackage.objects.filter(village_id=village_code)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    assets = Asset.objects.filter(village_id=village_code)
    figures = assets.aggregate(
        handed=Count("id", distinct=True),
        planned=Count("id", filter=Q(om_plans__isnull=False), distinct=True),
    )
    checked = assets.filter(checks__isnull=False).distinct().count()
    return GateCounts(
        packages=sum(by_status.values()),
        done=by_status.get(PackageStatus.DONE, 0),
        handed_over=figures["handed"],
        om_planned=figures["planned"],
        checked=checked,
    )


def work_items(package: WorkPackage) -> list[WorkItem]:
    return list(package.items.order_by("position", "id"))


def week_labels(package: WorkPackage) -> list[str]:
    """The end date of each planned week (dd/mm), for the schedule's header."""
    weeks = week_count(package.starts_on, package.ends_on)
    return [week_end(package.starts_on, w).strftime("%d/%m") for w in range(1, weeks + 1)]


@dataclass(frozen=True)
class BeneficiarySummary:
    planned_people: int
    planned_women: int
    planned_mbr: int
    planned_households: int
    planned_poor: int
    named: int
    named_women: int
    named_mbr: int
    named_poor: int


def beneficiary_summary(package: WorkPackage) -> BeneficiarySummary:
    """The package's planned beneficiary counts and the counts of its named list (no names:
    for every reader; 1 query)."""
    from django.db.models import Count

    counts = package.beneficiaries.aggregate(
        named=Count("id"),
        women=Count("id", filter=Q(sex=Sex.FEMALE)),
        mbr=Count("id", filter=Q(mbr=True)),
        poor=Count("id", filter=Q(poor=True)),
    )
    return BeneficiarySummary(
        package.people,
        package.women,
        package.mbr,
        package.households,
        package.poor_households,
        counts["named"],
        counts["women"],
        counts["mbr"],
        counts["poor"],
    )


def beneficiaries_of(package: WorkPackage) -> list:
    return list(package.beneficiaries.order_by("name", "id"))


def kpps_of(village: Region) -> list:
    from tridaya.institutions.models import KPP

    return list(KPP.objects.filter(village=village).order_by("name"))


def asset_of(package: WorkPackage) -> Asset:
    asset = Asset.objects.filter(package=package).select_related("handover__kpp", "village").first()
    if asset is None:
        raise NotFound(f"asset of work package {package.pk}")
    return asset


@dataclass
class AssetRecords:
    plans: list
    checks: list[FunctionalityCheck]
    maintenance: list
    iuran: list
    maintenance_cost: int
    iuran_total: int


def asset_records(asset: Asset) -> AssetRecords:
    """The asset's O&M plans, checks, maintenance and fees, newest first (4 queries)."""
    plans = list(asset.om_plans.order_by("-year"))
    checks = list(asset.checks.select_related("checked_by").order_by("-year"))
    maintenance = list(asset.maintenance.order_by("-date", "-id"))
    iuran = list(asset.iuran.order_by("-date", "-id"))
    return AssetRecords(
        plans,
        checks,
        maintenance,
        iuran,
        sum(m.cost for m in maintenance),
        sum(i.amount for i in iuran),
    )


def handled_choices(village: Region) -> tuple[list, list[int], list[tuple[str, str]]]:
    """The village's RTs, its slum profile years and the criteria of the set in force."""
    from tridaya.regions.models import RT
    from tridaya.works.slum_source import criteria_choices

    rts = list(
        RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
    )
    criteria, years = criteria_choices(village)
    return rts, years, criteria


def handled_of(package: WorkPackage) -> list[HandledVolume]:
    return list(
        package.handled.select_related("rt__rw").order_by(
            "year", "rt__rw__number", "rt__number", "code"
        )
    )


def progress_photos(village: Region, per_package: int = 3) -> dict[int, list[Photo]]:
    """One query: the latest photos that back approved progress of each package of the village
    (what the public page shows; photos of reports still under review stay off it)."""
    photos = (
        Photo.objects.filter(package__village=village, entry__status=EntryStatus.APPROVED)
        .only("id", "package_id", "image", "caption", "taken_at", "slot")
        .order_by("package_id", "-taken_at", "-id")
    )
    grouped: dict[int, list[Photo]] = {}
    for photo in photos:
        shown = grouped.setdefault(photo.package_id, [])
        if len(shown) < per_package:
            shown.append(photo)
    return grouped
