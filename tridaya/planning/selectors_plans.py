"""Reads of RPLP and RTPLP plans, each with a fixed number of queries whatever the number of
programs, rows, activities or RAB lines.

`PlanLine` is the one shape of an investment-plan row that the page, the documents, the XLSX
export and the API all use: for an RPLP it is a stored row, for an RTPLP it is an activity whose
amount is its RAB total."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from shapely.geometry import shape

from tridaya.cycle.selectors import village_region
from tridaya.mapping.models import Problem, ProblemKind, ProblemStatus, TridayaDomain
from tridaya.mapping.scoring import CLASS_LABELS
from tridaya.planning import poverty, safeguards
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource, decimal_text, line_amount
from tridaya.planning.indicators import rt_slum_score
from tridaya.planning.models import (
    EDITABLE_STATES,
    Activity,
    Feedback,
    InvestmentRow,
    Plan,
    PlanKind,
    PlanProgram,
    PlanSignOff,
    PlanVersion,
    PriceItem,
    PriceList,
    PriorityArea,
    RABItem,
    SignatoryKind,
)
from tridaya.planning.selectors_kawasan import newest_profiles, rt_label
from tridaya.regions.models import RT, Region

DOMAIN_ORDER = [d.value for d in TridayaDomain]


# --- Plans of a village ----------------------------------------------------------------------


def village_plans(village: Region) -> list[Plan]:
    """The village's plans, RPLP first, each with its versions newest first (2 queries)."""
    return list(
        Plan.objects.filter(village=village)
        .select_related("kawasan")
        .prefetch_related(Prefetch("versions", queryset=PlanVersion.objects.order_by("-number")))
        .order_by("-kind", "id")  # "rtplp" > "rplp": RPLP first after reversing
    )


def plan_for_village(code: str, plan_id: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("village", "kawasan"), pk=plan_id, village_id=code
    )


def version_of(plan: Plan, number: int) -> PlanVersion:
    version = get_object_or_404(
        PlanVersion.objects.select_related("public_test_meeting", "based_on"),
        plan=plan,
        number=number,
    )
    version.plan = plan
    return version


def newest_version(plan: Plan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def legalised_version(village_id: str, kind: str) -> PlanVersion | None:
    """The village's legalised version in force of a kind (RTPLP: of any kawasan)."""
    return (
        PlanVersion.objects.filter(plan__village_id=village_id, plan__kind=kind, state="sah")
        .select_related("plan")
        .order_by("-legalised_on", "-id")
        .first()
    )


# --- Lines of an investment plan -------------------------------------------------------------


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
        return decimal_text(self.volume)

    @property
    def funding_labelled(self) -> list[tuple[str, int]]:
        return [(str(FundingSource(s).label), a) for s, a in self.funding.items() if a]

    @property
    def funding_list(self) -> list[int]:
        return [self.funding[s] for s in FUNDING_FIELDS]


def _funding(obj) -> dict[str, int]:
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


# --- A version, whole ------------------------------------------------------------------------


@dataclass
class ProgramView:
    program: PlanProgram
    problems: list[Problem]
    budget: int
    households: int
    poor_households: int

    @property
    def years(self) -> list[int]:
        return list(self.program.years or [])


@dataclass
class VersionPage:
    village: Region
    plan: Plan
    version: PlanVersion
    versions: list[PlanVersion]
    programs: list[ProgramView]
    lines: list[PlanLine]
    activities: list[Activity]
    feedback: list[Feedback]
    signoffs: list[PlanSignOff]
    problems: list[Problem]  # the problems the plan should answer (village or kawasan)
    totals: Totals
    poverty: poverty.PovertyCheck
    safeguards: list[tuple[Any, str, str]]

    @property
    def is_rtplp(self) -> bool:
        return self.plan.kind == PlanKind.RTPLP

    @property
    def missing_signoffs(self) -> list[str]:
        signed = {s.kind for s in self.signoffs}
        return [str(k.label) for k in SignatoryKind if k.value not in signed]

    @property
    def unanswered(self) -> int:
        return sum(1 for f in self.feedback if not f.answer.strip())


def _problem_facts(problem: Problem) -> poverty.ProblemFacts:
    return poverty.ProblemFacts(
        problem.pk,
        problem.title,
        problem.households_affected,
        problem.poor_households_affected,
        problem.domain,
    )


def plan_problems(plan: Plan) -> list[Problem]:
    """Problems the plan should answer: the village's mapped problems (not rejected); for an
    RTPLP those inside its kawasan prioritas (1 query)."""
    problems = list(
        Problem.objects.filter(village_id=plan.village_id, kind=ProblemKind.PROBLEM)
        .exclude(status=ProblemStatus.REJECTED)
        .order_by("-severity", "id")
    )
    if plan.kind == PlanKind.RTPLP and plan.kawasan is not None:
        area = shape(plan.kawasan.geometry)
        problems = [p for p in problems if p.geometry and area.intersects(shape(p.geometry))]
    return problems


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
            "problems",
            "attachments",
        )
        .order_by("position", "id")
    )


def version_page(code: str, plan_id: int, number: int) -> VersionPage:
    """Everything the page and the documents of a version show (a fixed 13 or so queries)."""
    village = village_region(code)
    plan = plan_for_village(code, plan_id)
    plan.village = village
    version = version_of(plan, number)
    return version_data(village, plan, version)


def version_data(village: Region, plan: Plan, version: PlanVersion) -> VersionPage:
    versions = list(plan.versions.order_by("number"))
    programs = list(
        PlanProgram.objects.filter(version=version)
        .prefetch_related("problems")
        .order_by("domain", "position", "id")
    )
    rows = list(
        InvestmentRow.objects.filter(version=version)
        .select_related("rt__rw", "program")
        .order_by("year", "domain", "position", "id")
    )
    activities = list(activities_of(version)) if plan.kind == PlanKind.RTPLP else []
    problems = plan_problems(plan)
    if plan.kind == PlanKind.RPLP:
        detailed = _detailed_totals(version)
        lines = [
            line_of_row(r, r.program.name if r.program else "", detailed.get(r.pk)) for r in rows
        ]
    else:
        lines = [line_of_activity(a) for a in activities]
    facts = {p.pk: _problem_facts(p) for p in problems}
    budgets: dict[int, int] = defaultdict(int)
    unassigned = 0
    for line in lines:
        if line.program_id:
            budgets[line.program_id] += line.total
        elif plan.kind == PlanKind.RPLP:
            unassigned += line.total
    program_views = []
    units = []
    if plan.kind == PlanKind.RPLP:
        for program in programs:
            linked = list(program.problems.all())
            for p in linked:
                facts.setdefault(p.pk, _problem_facts(p))
            program_views.append(
                ProgramView(
                    program,
                    linked,
                    budgets.get(program.pk, 0),
                    sum(p.households_affected for p in linked),
                    sum(p.poor_households_affected for p in linked),
                )
            )
            units.append(
                poverty.Unit(
                    f"program-{program.pk}",
                    program.name,
                    budgets.get(program.pk, 0),
                    tuple(p.pk for p in linked),
                )
            )
    else:
        for activity in activities:
            linked = list(activity.problems.all())
            for p in linked:
                facts.setdefault(p.pk, _problem_facts(p))
            units.append(
                poverty.Unit(
                    f"activity-{activity.pk}",
                    activity.name,
                    activity.rab_total,
                    tuple(p.pk for p in linked),
                )
            )
    check = poverty.check(
        units,
        list(facts.values()),
        unassigned_budget=unassigned,
        candidates={p.pk for p in problems},
    )
    return VersionPage(
        village=village,
        plan=plan,
        version=version,
        versions=versions,
        programs=program_views,
        lines=lines,
        activities=activities,
        feedback=list(version.feedback.order_by("number")),
        signoffs=list(version.signoffs.order_by("created_at")),
        problems=problems,
        totals=totals_of(lines, version.years),
        poverty=check,
        safeguards=safeguards.rows(version.safeguards),
    )


def activity_in(version: PlanVersion, activity_id: int) -> Activity:
    return get_object_or_404(activities_of(version), pk=activity_id)


# --- Map -------------------------------------------------------------------------------------


def rt_slum_classes(village: Region) -> dict[int, tuple[str, str]]:
    """RT id -> (slum class code, label) from its newest profile, when it can be scored."""
    classes = {}
    for rt_id, profile in newest_profiles(village).items():
        scored = rt_slum_score(profile)
        if scored is not None:
            classes[rt_id] = (str(scored.slum_class), str(CLASS_LABELS[scored.slum_class]))
    return classes


def map_features(page: VersionPage) -> dict[str, list[dict]]:
    """GeoJSON features of the plan's map: RTs (with slum class), problems, kawasan prioritas
    and planned works (4 queries)."""
    classes = rt_slum_classes(page.village)
    rts = []
    for rt in RT.objects.filter(village=page.village).select_related("rw"):
        if rt.boundary:
            klass, label = classes.get(rt.pk, ("", ""))
            rts.append(
                {
                    "type": "Feature",
                    "geometry": rt.boundary,
                    "properties": {"label": rt_label(rt), "class": klass, "class_label": label},
                }
            )
    problems = [
        {
            "type": "Feature",
            "geometry": p.geometry,
            "properties": {
                "label": p.title,
                "domain": p.domain,
                "poor": p.poor_households_affected,
            },
        }
        for p in page.problems
        if p.geometry
    ]
    areas = [
        {
            "type": "Feature",
            "geometry": area.geometry,
            "properties": {"label": area.name, "status": area.status},
        }
        for area in PriorityArea.objects.filter(village=page.village).order_by("name")
        if area.geometry
    ]
    works = [
        {
            "type": "Feature",
            "geometry": a.geometry,
            "properties": {"label": a.name, "domain": a.domain},
        }
        for a in page.activities
        if a.geometry
    ]
    if page.plan.kind == PlanKind.RPLP:
        # The planned works of the village's RTPLPs (their newest versions).
        for activity in (
            Activity.objects.filter(version__plan__village=page.village, geometry__isnull=False)
            .annotate(
                newest=Subquery(
                    PlanVersion.objects.filter(plan=OuterRef("version__plan"))
                    .order_by("-number")
                    .values("number")[:1]
                )
            )
            .filter(version__number=F("newest"))
        ):
            works.append(
                {
                    "type": "Feature",
                    "geometry": activity.geometry,
                    "properties": {"label": activity.name, "domain": activity.domain},
                }
            )
    return {"rts": rts, "problems": problems, "areas": areas, "works": works}


# --- Version differences ---------------------------------------------------------------------


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ItemDiff:
    label: str
    status: str  # "added", "removed", "changed"
    changes: list[Change] = field(default_factory=list)


@dataclass
class VersionDiff:
    old: PlanVersion
    new: PlanVersion
    texts: list[Change]
    programs: list[ItemDiff]
    lines: list[ItemDiff]
    total_before: int
    total_after: int

    @property
    def is_empty(self) -> bool:
        return not (self.texts or self.programs or self.lines) and (
            self.total_before == self.total_after
        )


def _rupiah(value: int) -> str:
    from tridaya.core.money import format_rupiah

    return format_rupiah(value)


def _compare(
    old: dict[str, Any], new: dict[str, Any], labels: dict[str, str], status_label: str
) -> list[ItemDiff]:
    out = []
    for key in [*old, *[k for k in new if k not in old]]:
        if key not in new:
            out.append(ItemDiff(old[key]["_label"], "removed"))
        elif key not in old:
            out.append(ItemDiff(new[key]["_label"], "added"))
        else:
            changes = [
                Change(labels[f], str(old[key][f]), str(new[key][f]))
                for f in labels
                if old[key][f] != new[key][f]
            ]
            if changes:
                out.append(ItemDiff(new[key]["_label"], "changed", changes))
    return out


def version_diff(old_page: VersionPage, new_page: VersionPage) -> VersionDiff:
    """What changed from one version to another: texts, programs (matched by domain and name),
    investment lines / activities (matched by year, domain and component), and the total."""
    from django.utils.translation import gettext as _

    old, new = old_page.version, new_page.version
    text_labels = {
        "vision": _("Visi"),
        "mission": _("Misi"),
        "concept": _("Konsep penataan"),
        "community_rules": _("Aturan bersama"),
        "env_social_notes": _("Rencana pengelolaan lingkungan dan sosial"),
        "start_year": _("Tahun pertama"),
    }
    texts = [
        Change(label, str(getattr(old, name)), str(getattr(new, name)))
        for name, label in text_labels.items()
        if getattr(old, name) != getattr(new, name)
    ]
    for key in sorted(set(old.sections) | set(new.sections)):
        if old.sections.get(key, "") != new.sections.get(key, ""):
            texts.append(
                Change(
                    _("Bab %(key)s") % {"key": key},
                    old.sections.get(key, ""),
                    new.sections.get(key, ""),
                )
            )

    def programs(page: VersionPage) -> dict[str, dict]:
        return {
            f"{v.program.domain}:{v.program.name}": {
                "_label": f"{v.program.domain}. {v.program.name}",
                "description": v.program.description,
                "years": ", ".join(str(y) for y in v.years),
                "problems": ", ".join(p.title for p in v.problems),
                "budget": _rupiah(v.budget),
            }
            for v in page.programs
        }

    def lines(page: VersionPage) -> dict[str, dict]:
        found = {}
        for line in page.lines:
            key = f"{line.year}:{line.domain}:{line.component}:{line.detail}"
            found[key] = {
                "_label": f"{line.year} · {line.domain} · {line.component}",
                "volume": f"{line.volume.normalize():f} {line.unit}",
                "unit_cost": _rupiah(line.unit_cost),
                "total": _rupiah(line.total),
                "funding": "; ".join(
                    f"{FundingSource(s).label}: {_rupiah(a)}" for s, a in line.funding.items() if a
                ),
                "beneficiaries": f"{line.people}/{line.women}/{line.mbr}/{line.households}/"
                f"{line.poor_households}",
            }
        return found

    program_labels = {
        "description": _("Uraian"),
        "years": _("Tahun"),
        "problems": _("Masalah yang dijawab"),
        "budget": _("Anggaran"),
    }
    line_labels = {
        "volume": _("Volume"),
        "unit_cost": _("Biaya satuan"),
        "total": _("Jumlah"),
        "funding": _("Sumber dana"),
        "beneficiaries": _("Penerima manfaat (jiwa/perempuan/MBR/KK/KK miskin)"),
    }
    return VersionDiff(
        old=old,
        new=new,
        texts=texts,
        programs=_compare(programs(old_page), programs(new_page), program_labels, ""),
        lines=_compare(lines(old_page), lines(new_page), line_labels, ""),
        total_before=old_page.totals.total,
        total_after=new_page.totals.total,
    )


# --- Price lists -----------------------------------------------------------------------------


def price_lists_for(code: str) -> list[PriceList]:
    """Price lists that apply to a region: its own and its ancestors' (newest year first)."""
    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return list(
        PriceList.objects.filter(region_id__in=codes)
        .select_related("region")
        .order_by("-year", "-region_id", "name")
    )


def price_list_in(code: str, list_id: int) -> PriceList:
    return get_object_or_404(PriceList.objects.select_related("region"), pk=list_id, region_id=code)


def price_items_for(code: str) -> QuerySet[PriceItem]:
    """Unit prices a village may pick from (its regency's and province's lists)."""
    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts))]
    return (
        PriceItem.objects.filter(price_list__region_id__in=codes)
        .select_related("price_list")
        .order_by("-price_list__year", "code")
    )


@dataclass
class Impact:
    activity: Activity
    lines: int
    total_before: int
    total_after: int
    editable: bool

    @property
    def delta(self) -> int:
        return self.total_after - self.total_before


def price_change_impact(item: PriceItem, new_price: int | None = None) -> list[Impact]:
    """The activities whose RAB a unit price moves: every RAB line priced from `item` whose
    price differs from `new_price` (default: the list's current price), grouped by activity,
    with its total now and after the change (1 query)."""
    price = item.price if new_price is None else new_price
    found: dict[int, Impact] = {}
    lines = (
        RABItem.objects.filter(price_item=item)
        .select_related("activity__version__plan__village")
        .order_by("activity_id", "id")
    )
    for line in lines:
        if line.unit_price == price:
            continue
        activity = line.activity
        impact = found.get(activity.pk)
        if impact is None:
            impact = Impact(
                activity,
                0,
                activity.rab_total,
                activity.rab_total,
                activity.version.state in EDITABLE_STATES,
            )
            found[activity.pk] = impact
        impact.lines += 1
        impact.total_after += line_amount(line.volume, price) - line.amount
    return list(found.values())


def open_versions_using(item: PriceItem) -> list[PlanVersion]:
    """Versions still open for editing with RAB lines priced from `item` (1 query)."""
    return list(
        PlanVersion.objects.filter(
            state__in=EDITABLE_STATES, activities__rab_items__price_item=item
        )
        .select_related("plan__village")
        .distinct()
    )


# --- For later apps (marketing) --------------------------------------------------------------


def legalised_versions_under(code: str) -> list[PlanVersion]:
    """The legalised versions in force of every plan of the villages in a region (the code
    itself or under it), with the plan, its village and kawasan, the RTPLP activities (with
    their RT) and the RPLP investment rows (with their program) loaded (3 queries)."""
    from django.db.models import Q

    return list(
        PlanVersion.objects.filter(state="sah")
        .filter(Q(plan__village_id=code) | Q(plan__village__code__startswith=code + "."))
        .select_related("plan__village", "plan__kawasan")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("rt__rw").order_by("position", "id"),
            ),
            Prefetch(
                "investment_rows",
                queryset=InvestmentRow.objects.select_related("program").order_by(
                    "year", "domain", "position", "id"
                ),
            ),
        )
        .order_by("plan__village_id", "-plan__kind", "plan_id")
    )
