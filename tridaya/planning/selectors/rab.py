"""Cost lines of a plan: `PlanLine` is the one shape of an investment-plan row that the page, the
documents, the XLSX export and the API all use: for an RPLP it is a stored row, for an RTPLP it is
an activity whose amount is its RAB total. Reads of RTPLP activities and their RAB."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, Sum

from tridaya.core.choices import TridayaDomain
from tridaya.core.formats import format_number
from tridaya.core.selectors import one_of
from tridaya.mapping.selectors.problems import Problem
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.models import (
    Activity,
    InvestmentRow,
    PlanVersion,
    RABItem,
)
from tridaya.planning.selectors.kawasan import rt_label

# --- Lines of an investment plan -------------------------------------------------------------

DOMAIN_ORDER = [d.value for d in TridayaDomain]


@dataclass
class PlanLine:
    key: str
    year: int
    domain: str
    component: str
    detail: str
    location: str
    quantity: int
    volume: Decimal
    unit: str
    unit_cost: int
    funding: dict[str, int]
    people: int
    women: int
    mbr: int
    households: int
    poor_households: int
    program: str = ""
    program_id: int | None = None
    detailed_total: int | None = None  # RPLP rows: what the RTPLPs detail of this row
    activity_id: int | None = None
    row_id: int | None = None

    @property
    def total(self) -> int:
        return sum(self.funding.values(), 0)

    @property
    def domain_label(self) -> str:
        return str(TridayaDomain(self.domain).label) if self.domain in DOMAIN_ORDER else ""

    @property
    def volume_text(self) -> str:
        return format_number(self.volume)

    @property
    def funding_labelled(self) -> list[tuple[str, int]]:
        return [(str(FundingSource(s).label), a) for s, a in self.funding.items() if a]

    @property
    def funding_list(self) -> list[int]:
        return [self.funding[s] for s in FUNDING_FIELDS]


def _funding(obj: Any) -> dict[str, int]:
    return {source: getattr(obj, name) for source, name in FUNDING_FIELDS.items()}


def line_of_row(row: InvestmentRow, program: str = "", detailed: int | None = None) -> PlanLine:
    return PlanLine(
        key=f"row-{row.pk}",
        year=row.year,
        domain=row.domain,
        component=row.component,
        detail=row.detail,
        location=row.location or (rt_label(row.rt) if row.rt_id and row.rt else ""),
        quantity=row.quantity,
        volume=row.volume,
        unit=row.unit,
        unit_cost=row.unit_cost,
        funding=_funding(row),
        people=row.people,
        women=row.women,
        mbr=row.mbr,
        households=row.households,
        poor_households=row.poor_households,
        program=program,
        program_id=row.program_id,
        detailed_total=detailed,
        row_id=row.pk,
    )


def unit_cost_of(activity: Activity) -> int:
    if not activity.volume:
        return activity.rab_total
    return int((Decimal(activity.rab_total) / activity.volume).quantize(Decimal(1), ROUND_HALF_UP))


def line_of_activity(activity: Activity) -> PlanLine:
    return PlanLine(
        key=f"activity-{activity.pk}",
        year=activity.year,
        domain=activity.domain,
        component=activity.name,
        detail=activity.description[:300],
        location=activity.location,
        quantity=1,
        volume=activity.volume,
        unit=activity.unit,
        unit_cost=unit_cost_of(activity),
        funding=_funding(activity),
        people=activity.people,
        women=activity.women,
        mbr=activity.mbr,
        households=activity.households,
        poor_households=activity.poor_households,
        activity_id=activity.pk,
    )


@dataclass
class Totals:
    total: int = 0
    by_domain: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    by_year_domain: dict[tuple[int, str], int] = field(default_factory=dict)
    beneficiaries: dict[str, int] = field(default_factory=dict)

    def domain_rows(self) -> list[tuple[str, int]]:
        return [(str(TridayaDomain(d).label), self.by_domain.get(d, 0)) for d in DOMAIN_ORDER]

    def source_rows(self) -> list[tuple[str, int]]:
        return [(str(s.label), self.by_source.get(s.value, 0)) for s in FundingSource]


def totals_of(lines: list[PlanLine], years: list[int]) -> Totals:
    totals = Totals(
        by_domain=dict.fromkeys(DOMAIN_ORDER, 0),
        by_source=dict.fromkeys(FUNDING_FIELDS, 0),
        by_year=dict.fromkeys(years, 0),
        beneficiaries=dict.fromkeys(("people", "women", "mbr", "households", "poor_households"), 0),
    )
    for line in lines:
        totals.total += line.total
        totals.by_domain[line.domain] = totals.by_domain.get(line.domain, 0) + line.total
        totals.by_year[line.year] = totals.by_year.get(line.year, 0) + line.total
        key = (line.year, line.domain)
        totals.by_year_domain[key] = totals.by_year_domain.get(key, 0) + line.total
        for source, amount in line.funding.items():
            totals.by_source[source] += amount
        for name in totals.beneficiaries:
            totals.beneficiaries[name] += getattr(line, name)
    return totals


def _detailed_totals(version: PlanVersion) -> dict[int, int]:
    """RPLP row id -> RAB total of the activities detailing it in the newest version of each
    RTPLP (1 query)."""
    newest = Subquery(
        PlanVersion.objects.filter(plan=OuterRef("version__plan"))
        .order_by("-number")
        .values("number")[:1]
    )
    rows = (
        Activity.objects.filter(rplp_row__version=version)
        .annotate(newest=newest)
        .filter(version__number=F("newest"))
        .values("rplp_row_id")
        .annotate(total=Sum("rab_total"))
    )
    return {r["rplp_row_id"]: r["total"] for r in rows}


def activities_of(version: PlanVersion) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(version=version)
        .select_related("rt__rw", "rplp_row")
        .prefetch_related(
            Prefetch("rab_items", queryset=RABItem.objects.order_by("position", "id")),
            Prefetch("problems", queryset=Problem.objects.select_related("rt__rw")),
            "attachments",
        )
        .order_by("position", "id")
    )


def activity_in(version: PlanVersion, activity_id: int) -> Activity:
    return one_of(activities_of(version), pk=activity_id)
