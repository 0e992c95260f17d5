"""Reads of marketing. `funding_gaps` is the one place the gap of an activity, a plan, a kawasan
and a region is computed (pages, documents, exports, API, gates and roll-ups all read it)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Concat

from tridaya.marketing import funding as arithmetic
from tridaya.marketing import targets
from tridaya.marketing.definitions import current_sources
from tridaya.marketing.funding import Funding, FundingStatus
from tridaya.marketing.models import (
    COUNTED_STATES,
    CountsAs,
    Forum,
    FundingSource,
    Partner,
    PartnerContact,
    Pledge,
    PledgeState,
    Prospectus,
    ProspectusState,
)
from tridaya.planning.selectors.plans import legalised_versions_under


@dataclass
class GapRow:
    target: targets.Target
    funding: Funding

    @property
    def status_label(self) -> str:
        return str(FundingStatus(self.funding.status).label)


@dataclass
class GapGroup:
    key: str
    label: str
    village_id: str
    rows: list[GapRow] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class GapReport:
    code: str
    rows: list[GapRow]
    plans: list[GapGroup]
    kawasan: list[GapGroup]
    villages: list[GapGroup]
    totals: dict[str, int]
    counts: dict[str, int]
    # Rupiah committed on activities an amendment of the plan removed (they count nowhere).
    orphaned: int = 0

    def row(self, key: str) -> GapRow | None:
        return next((r for r in self.rows if r.target.key == key), None)

    @property
    def unfunded_rows(self) -> list[GapRow]:
        return [r for r in self.rows if r.funding.gap > 0 and not r.target.detailed]


_PLEDGE_FIELDS = (
    "activity_id",
    "investment_row_id",
    "state",
    # What a pledge on a superseded version is matched by in the version that amended it.
    "activity__version__plan_id",
    "activity__version__state",
    "activity__name",
    "activity__domain",
    "investment_row__version__plan_id",
    "investment_row__version__state",
    "investment_row__component",
    "investment_row__detail",
    "investment_row__domain",
)


def _match_key(r: dict) -> tuple | None:
    """(kind, plan, domain, name) of a pledge's target when its version was superseded by an
    amendment; None when the target's version is the one in force (or not yet legalised)."""
    if r["activity_id"]:
        if r["activity__version__state"] != targets.SUPERSEDED:
            return None
        return (
            "activity",
            r["activity__version__plan_id"],
            r["activity__domain"],
            r["activity__name"],
        )
    if r["investment_row__version__state"] != targets.SUPERSEDED:
        return None
    component, detail = r["investment_row__component"], r["investment_row__detail"]
    return (
        "row",
        r["investment_row__version__plan_id"],
        r["investment_row__domain"],
        f"{component}: {detail}" if detail else component,
    )


def _pledge_sums(code: str) -> tuple[dict[str, list[int]], dict[tuple, list[int]]]:
    """target key -> [counted, pending pledged] for the pledges of villages under `code`, and
    the same per match key for pledges whose target's plan version was amended (1 query)."""
    rows = (
        _under(Pledge.objects.all(), "village", code)
        .values(*_PLEDGE_FIELDS)
        .annotate(amount=Sum("amount"), realised=Sum("realised_amount"))
    )
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    amended: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        match = _match_key(r)
        if match is not None:
            bucket = amended[match]
        else:
            key = (
                f"activity-{r['activity_id']}"
                if r["activity_id"]
                else f"row-{r['investment_row_id']}"
            )
            bucket = sums[key]
        if r["state"] == PledgeState.COMMITTED:
            bucket[0] += r["amount"]
        elif r["state"] == PledgeState.REALISED:
            bucket[0] += r["realised"] or 0
        elif r["state"] == PledgeState.PLEDGED:
            bucket[1] += r["amount"]
    return sums, amended


def _carried(target: targets.Target, amended: dict[tuple, list[int]]) -> list[int]:
    """The pledges made on the superseded version's copy of this activity or row."""
    return amended.pop((target.kind, target.plan_id, target.domain, target.name), [0, 0])


def _under(queryset: QuerySet, field_name: str, code: str) -> QuerySet:
    """Rows whose region (a foreign key to Region) is `code` or under it."""
    from django.db.models import Q

    return queryset.filter(
        Q(**{f"{field_name}_id": code}) | Q(**{f"{field_name}__code__startswith": code + "."})
    )


def _targets(code: str) -> list[targets.Target]:
    versions = legalised_versions_under(code)
    detailed = {a.rplp_row_id for v in versions for a in v.activities.all() if a.rplp_row_id}
    found: list[targets.Target] = []
    for version in versions:
        for activity in version.activities.all():
            found.append(targets.of_activity(activity, version))
        for row in version.investment_rows.all():
            found.append(targets.of_row(row, version, detailed=row.pk in detailed))
    return found


def _group(groups: dict[str, GapGroup], key: str, label: str, row: GapRow) -> None:
    group = groups.get(key)
    if group is None:
        group = groups[key] = GapGroup(key, label, row.target.village_id)
    group.rows.append(row)
    if not row.target.detailed:
        arithmetic.add(group.totals, row.funding)
        status = row.funding.status
        group.counts[status] = group.counts.get(status, 0) + 1


def funding_gaps(code: str) -> GapReport:
    """Cost, BLM, swadaya, commitments, the gap and any over-commitment of every activity of
    the legalised plans of a village or of every village in a region, grouped per plan, per
    kawasan and per village, with totals (5 queries whatever the number of plans and pledges).

    A pledge made on a version that an amendment superseded counts on the amended version's
    activity or row of the same plan, domain and name (an amendment copies them); a commitment
    whose activity the amendment removed is reported as `orphaned`.

    An RPLP row detailed by a legalised RTPLP activity is listed but left out of the totals, so
    nothing is counted twice."""
    sums, amended = _pledge_sums(code)
    rows = []
    for target in _targets(code):
        committed, pending = sums.get(target.key, (0, 0))
        carried = _carried(target, amended)
        funding = target.funding(committed + carried[0], pending + carried[1])
        rows.append(GapRow(target, funding))
    plans: dict[str, GapGroup] = {}
    kawasan: dict[str, GapGroup] = {}
    villages: dict[str, GapGroup] = {}
    totals: dict[str, int] = {}
    counts: dict[str, int] = dict.fromkeys(FundingStatus.values, 0)
    for row in rows:
        t = row.target
        _group(plans, f"plan-{t.plan_id}", t.plan_title, row)
        if t.kawasan_id:
            _group(kawasan, f"kawasan-{t.kawasan_id}", t.kawasan_name, row)
        _group(villages, t.village_id, t.village_id, row)
        if not t.detailed:
            arithmetic.add(totals, row.funding)
            counts[row.funding.status] += 1
    for name in ("cost", "blm", "swadaya", "committed", "pledged", "funded", "gap", "over"):
        totals.setdefault(name, 0)
    return GapReport(
        code,
        rows,
        list(plans.values()),
        list(kawasan.values()),
        list(villages.values()),
        totals,
        counts,
        orphaned=sum(v[0] for v in amended.values()),
    )


# --- Partners ---------------------------------------------------------------------------------


def partners_of_city(city_code: str) -> QuerySet[Partner]:
    """The city's register with sources and pledge counts (2 queries)."""
    return (
        Partner.objects.filter(city_id=city_code)
        .select_related("acts_in")
        .prefetch_related(Prefetch("sources", queryset=FundingSource.objects.order_by("position")))
        .annotate(pledge_count=Count("pledges"))
        .order_by("name")
    )


def contacts_of(partner: Partner) -> QuerySet[PartnerContact]:
    return partner.contacts.order_by("name")


def partner_sources() -> list[FundingSource]:
    """The sources a partner may draw on (the newest list, without BLM)."""
    return [s for s in current_sources() if s.counts_as != CountsAs.BLM]


# --- Pledges ----------------------------------------------------------------------------------


def in_force_twin(target: targets.Target) -> targets.Target:
    """The target a pledge counts on: itself while its plan version is in force; for a target of
    a superseded version, the in-force version's activity or row of the same plan, kind,
    domain and name (an amendment copies them), or itself when the amendment removed it."""
    if target.version_state != targets.SUPERSEDED:
        return target
    for version in legalised_versions_under(target.village_id):
        if version.plan_id != target.plan_id:
            continue
        candidates = (
            [targets.of_activity(a, version) for a in version.activities.all()]
            if target.kind == "activity"
            else [targets.of_row(r, version) for r in version.investment_rows.all()]
        )
        for twin in candidates:
            if (twin.domain, twin.name) == (target.domain, target.name):
                return twin
    return target


def _row_name() -> Case:
    return Case(
        When(investment_row__detail="", then=F("investment_row__component")),
        default=Concat(
            F("investment_row__component"),
            Value(": "),
            F("investment_row__detail"),
            output_field=CharField(),
        ),
        output_field=CharField(),
    )


def counted_on(target: targets.Target) -> QuerySet[Pledge]:
    """The pledges that count on `target`: its own, and those carried over from the copies of
    it in superseded versions of the same plan (same domain and name), as `funding_gaps`
    counts them. Unordered and unlocked; the caller locks."""
    if target.kind == "activity":
        return Pledge.objects.filter(
            Q(activity_id=target.pk)
            | Q(
                activity__version__plan_id=target.plan_id,
                activity__version__state=targets.SUPERSEDED,
                activity__domain=target.domain,
                activity__name=target.name,
            )
        )
    return Pledge.objects.annotate(row_name=_row_name()).filter(
        Q(investment_row_id=target.pk)
        | Q(
            investment_row__version__plan_id=target.plan_id,
            investment_row__version__state=targets.SUPERSEDED,
            investment_row__domain=target.domain,
            row_name=target.name,
        )
    )


def carried_from(pledge: Pledge) -> dict | None:
    """Where a pledge made on a superseded plan version now counts: the old activity or row
    (its name and version number) and the in-force one it is carried to (or None when the
    amendment removed it). None for a pledge on a version in force."""
    target = targets.of_pledge(pledge)
    if target.version_state != targets.SUPERSEDED:
        return None
    old = pledge.activity if pledge.activity_id else pledge.investment_row
    assert old is not None  # a database constraint: exactly one target
    twin = in_force_twin(target)
    return {
        "name": target.name,
        "version": old.version.number,
        "to": twin if twin.key != target.key else None,
    }


def pledges_of_village(code: str) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(village_id=code)
        .select_related(
            "partner", "source", "meeting", "activity__version", "investment_row__version"
        )
        .order_by("-pledged_on", "-id")
    )


def pledges_under(code: str) -> QuerySet[Pledge]:
    return _under(Pledge.objects.all(), "village", code)


def commitments_count(code: str) -> int:
    return pledges_under(code).filter(state__in=COUNTED_STATES).count()


# --- Prospectus and forums -------------------------------------------------------------------


def prospectuses_of_village(code: str) -> QuerySet[Prospectus]:
    return Prospectus.objects.filter(village_id=code).select_related("version__plan")


def published_prospectus(code: str) -> Prospectus | None:
    return (
        prospectuses_of_village(code)
        .filter(state=ProspectusState.PUBLISHED)
        .order_by("-published_on", "-id")
        .first()
    )


def forums_under(code: str) -> QuerySet[Forum]:
    """Forums held in a region or any region under it, and those above it that cover it."""
    from django.db.models import Q

    parts = code.split(".")
    above = [".".join(parts[:n]) for n in range(1, len(parts))]
    return (
        Forum.objects.filter(
            Q(region_id=code) | Q(region__code__startswith=code + ".") | Q(region_id__in=above)
        )
        .select_related("region", "meeting")
        .order_by("-meeting__held_on", "-id")
    )


def pledges_of_meetings(meeting_ids: list[int]) -> dict[int, list[Pledge]]:
    found: dict[int, list[Pledge]] = defaultdict(list)
    for pledge in (
        Pledge.objects.filter(meeting_id__in=meeting_ids)
        .select_related("partner", "village")
        .order_by("id")
    ):
        if pledge.meeting_id is not None:
            found[pledge.meeting_id].append(pledge)
    return found


def pledge_state_counts(code: str) -> dict[str, int]:
    counts = dict.fromkeys(PledgeState.values, 0)
    for row in (
        Pledge.objects.filter(village_id=code).values("state").annotate(n=Count("id")).order_by()
    ):
        counts[row["state"]] = row["n"]
    return counts


# --- Roll-ups ---------------------------------------------------------------------------------


@dataclass
class SourceLine:
    code: str
    label: str
    committed: int
    realised: int


@dataclass
class Rollup:
    code: str
    report: GapReport
    sources: list[SourceLine]
    village_names: dict[str, str]

    @property
    def mobilised(self) -> int:
        """Partner money counted (commitments and realisations)."""
        return self.report.totals["committed"]

    @property
    def blm(self) -> int:
        return self.report.totals["blm"]

    @property
    def leverage_text(self) -> str:
        """Partner money per rupiah of BLM ('2,35'), '-' without BLM."""
        if not self.blm:
            return "-"
        from decimal import ROUND_HALF_UP, Decimal

        ratio = (Decimal(self.mobilised) / Decimal(self.blm)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        return f"{ratio:.2f}".replace(".", ",")


def rollup(code: str) -> Rollup:
    """Per region: partner money by source against BLM, and the activities funded, partly
    funded and unfunded per village (7 queries)."""
    from tridaya.regions.models import Region

    report = funding_gaps(code)
    by_source: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        pledges_under(code)
        .filter(state__in=COUNTED_STATES)
        .values("source_id", "state")
        .annotate(amount=Sum("amount"), realised=Sum("realised_amount"))
        .order_by()
    ):
        if row["state"] == PledgeState.REALISED:
            by_source[row["source_id"]][1] += row["realised"] or 0
        else:
            by_source[row["source_id"]][0] += row["amount"]
    sources = [
        SourceLine(s.code, s.label, by_source[s.pk][0], by_source[s.pk][1])
        for s in FundingSource.objects.filter(pk__in=list(by_source)).order_by(
            "source_list__version", "position"
        )
    ]
    names = dict(
        Region.objects.filter(code__in=[g.village_id for g in report.villages]).values_list(
            "code", "name"
        )
    )
    for group in report.villages:
        group.label = names.get(group.village_id, group.village_id)
    return Rollup(code, report, sources, names)


def pledges_of_partner(partner: Partner) -> QuerySet[Pledge]:
    return (
        Pledge.objects.filter(partner=partner)
        .select_related("village", "source", "activity", "investment_row")
        .order_by("-pledged_on", "-id")
    )


def pledge_in_village(code: str, pk: int) -> Pledge | None:
    return (
        Pledge.objects.filter(village_id=code, pk=pk)
        .select_related("partner", "source", "meeting", "activity", "investment_row", "village")
        .first()
    )


def carried_version(pledge: Pledge) -> int | None:
    """The number of the superseded plan version the pledge was made on (None when in force);
    reads the target's version loaded with it (no query with `pledges_of_village`)."""
    target = pledge.activity if pledge.activity_id else pledge.investment_row
    assert target is not None  # a database constraint: exactly one target
    return target.version.number if target.version.state == targets.SUPERSEDED else None


def target_name(pledge: Pledge) -> str:
    if pledge.activity is not None:
        return pledge.activity.name
    row = pledge.investment_row
    assert row is not None  # a database constraint: exactly one target
    return f"{row.component}: {row.detail}" if row.detail else row.component
