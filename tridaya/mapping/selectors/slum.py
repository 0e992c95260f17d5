"""Reads of RT profiles and slum scores: the village's table of RTs for a year with each RT's
score, class, aspect averages and re-score after handled volumes, the aggregate of the village
(or of a kawasan: any set of its RTs), the 100-0-100 indicators and the choropleth data. Scores are
computed here from the stored volumes with the pure functions of `scoring`; a fixed number of
queries whatever the number of RTs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tridaya.core.selectors import one_of
from tridaya.mapping import scoring
from tridaya.mapping.criteria import criteria_of, current_criteria_set
from tridaya.mapping.models import RTProfile, SlumCriteriaSet, SlumVolume
from tridaya.mapping.selectors.problems import rt_label
from tridaya.regions.models import RT, Region


class RowStatus:
    MISSING = "missing"  # no profile for the year
    INCOMPLETE = "incomplete"  # some criteria have no volume yet
    ERROR = "error"  # a volume is negative or above its denominator
    SCORED = "scored"


@dataclass
class RTRow:
    rt: RT
    profile: RTProfile | None = None
    volumes: dict[str, Decimal] = field(default_factory=dict)
    handled: dict[str, Decimal] = field(default_factory=dict)
    status: str = RowStatus.MISSING
    score: scoring.SlumScore | None = None
    rescore: scoring.Rescore | None = None  # only when some volume was handled
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return rt_label(self.rt)

    @property
    def figures(self) -> scoring.Figures | None:
        return scoring.Figures.of(self.profile) if self.profile else None


def _volumes_of(profile: RTProfile) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    volumes = {v.code: v.volume for v in profile.volumes.all()}
    handled = {v.code: v.handled for v in profile.volumes.all() if v.handled}
    return volumes, handled


@dataclass(frozen=True)
class Scored:
    """What the scoring rules make of one RT's stored figures and volumes."""

    status: str
    score: scoring.SlumScore | None = None
    rescore: scoring.Rescore | None = None  # only when some volume was handled
    errors: tuple[str, ...] = ()


def score_volumes(
    cset: scoring.CriteriaSet,
    figures: scoring.Figures,
    volumes: dict[str, Decimal],
    handled: dict[str, Decimal],
) -> Scored:
    """The one rule set for an RT with a profile, used by the village's page (`score_row`) and
    by the bulk read of many villages (`rt_classes_by_village`): a bad volume is an error, a
    missing one leaves the RT incomplete, else its score (re-scored after handled volumes).
    The volumes are checked once, by the scoring itself (its error lists every problem)."""
    try:
        if handled:
            rescore = scoring.rescore(cset, figures, volumes, handled)
            return Scored(RowStatus.SCORED, score=rescore.before, rescore=rescore)
        return Scored(RowStatus.SCORED, score=scoring.score(cset, figures, volumes))
    except scoring.ScoringError as error:
        problems = error.problems
    bad = [p for p in problems if p.kind != scoring.VolumeProblemKind.MISSING]
    if bad:
        return Scored(RowStatus.ERROR, errors=tuple(p.message for p in bad))
    missing = len(problems)
    message = ngettext(
        "%(n)s kriteria belum diisi volumenya.",
        "%(n)s kriteria belum diisi volumenya.",
        missing,
    ) % {"n": missing}
    return Scored(RowStatus.INCOMPLETE, errors=(message,))


def score_row(rt: RT, profile: RTProfile | None, cset: scoring.CriteriaSet) -> RTRow:
    """One RT's row: its score, or why it has none (no profile, volumes missing, bad volume)."""
    row = RTRow(rt=rt, profile=profile)
    if profile is None:
        return row
    row.volumes, row.handled = _volumes_of(profile)
    scored = score_volumes(cset, scoring.Figures.of(profile), row.volumes, row.handled)
    row.status, row.score, row.rescore = scored.status, scored.score, scored.rescore
    row.errors = list(scored.errors)
    return row


@dataclass
class AreaScore:
    """The scores of a set of RTs taken together (the village, or a kawasan)."""

    rows: list[RTRow]
    figures: scoring.Figures
    score: scoring.SlumScore | None
    rescore: scoring.Rescore | None
    indicators: scoring.BaselineIndicators | None


def area_score(cset: scoring.CriteriaSet, rows: Iterable[RTRow]) -> AreaScore:
    """Sums of the scored RTs' volumes and denominators, scored like one RT (each RT weighs by
    its own size in each criterion); the 100-0-100 indicators from the same RTs."""
    scored = [r for r in rows if r.status == RowStatus.SCORED and r.profile is not None]
    if not scored:
        return AreaScore(scored, scoring.Figures(), None, None, None)
    figures, volumes = scoring.aggregate(
        cset, [(scoring.Figures.of(r.profile), r.volumes) for r in scored]
    )
    handled = scoring.sum_volumes(r.handled for r in scored)
    rescore = scoring.rescore(cset, figures, volumes, handled) if handled else None
    score = rescore.before if rescore else scoring.score(cset, figures, volumes)
    indicators = scoring.indicators(
        cset,
        [
            (scoring.Figures.of(r.profile), r.volumes, r.score.slum_class if r.score else None)
            for r in scored
        ],
    )
    return AreaScore(scored, figures, score, rescore, indicators)


@dataclass
class SlumPage:
    village: Region
    year: int
    years: list[int]
    criteria_set: SlumCriteriaSet
    cset: scoring.CriteriaSet
    rows: list[RTRow]
    area: AreaScore

    @property
    def profiled(self) -> int:
        return sum(1 for r in self.rows if r.profile is not None)

    @property
    def class_counts(self) -> list[tuple[str, str, int]]:
        counts = dict.fromkeys(scoring.CLASS_ORDER, 0)
        for row in self.rows:
            if row.score is not None:
                counts[row.score.slum_class] += 1
        return [(k.value, str(scoring.CLASS_LABELS[k]), counts[k]) for k in scoring.CLASS_ORDER]


def profile_years(village: Region) -> list[int]:
    return list(
        RTProfile.objects.filter(village=village)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def default_year(years: list[int]) -> int:
    return years[0] if years else timezone.localdate().year


def year_criteria_set(
    sets: dict[int, SlumCriteriaSet], current: SlumCriteriaSet
) -> SlumCriteriaSet:
    """The criteria set a village's year is scored with: the one set all its profiles use, else
    the set in force (profiles of another set are then errors, see `other_set_error`)."""
    if len(sets) == 1:
        return next(iter(sets.values()))
    return current


def other_set_error(criteria_set: SlumCriteriaSet) -> str:
    return _("Profil ini memakai %(set)s; tahun ini memakai set kriteria lain.") % {
        "set": criteria_set
    }


def slum_page(village: Region, year: int | None = None, rt_ids: Iterable[int] = ()) -> SlumPage:
    """Every RT of the village for the year, scored, and their aggregate (5 queries: years,
    criteria set, RTs, profiles, volumes). With `rt_ids`, the aggregate is of those RTs only
    (a kawasan)."""
    years = profile_years(village)
    year = year or default_year(years)
    criteria_set = current_criteria_set()
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rts.sort(key=lambda rt: (rt.rw.number, rt.number))
    profiles = {
        p.rt_id: p
        for p in RTProfile.objects.filter(village=village, year=year)
        .select_related("criteria_set")
        .prefetch_related(Prefetch("volumes", queryset=SlumVolume.objects.order_by("code")))
    }
    criteria_set = year_criteria_set(
        {p.criteria_set_id: p.criteria_set for p in profiles.values()}, criteria_set
    )
    cset = criteria_of(criteria_set)
    rows = []
    for rt in rts:
        profile = profiles.get(rt.pk)
        if profile is not None and profile.criteria_set_id != criteria_set.pk:
            row = RTRow(rt=rt, profile=profile, status=RowStatus.ERROR)
            row.errors = [other_set_error(profile.criteria_set)]
        else:
            row = score_row(rt, profile, cset)
        rows.append(row)
    wanted = set(rt_ids)
    selected = [r for r in rows if r.rt.pk in wanted] if wanted else rows
    return SlumPage(
        village=village,
        year=year,
        years=years,
        criteria_set=criteria_set,
        cset=cset,
        rows=rows,
        area=area_score(cset, selected),
    )


def rt_of_village(village: Region, rt_pk: int) -> RT:
    """NotFound for an RT of another village."""
    return one_of(RT.objects.select_related("rw"), pk=rt_pk, village=village)


def rt_profile(rt: RT, year: int) -> RTProfile | None:
    """The RT's profile for the year with its volumes (2 queries)."""
    return (
        RTProfile.objects.filter(rt=rt, year=year)
        .select_related("criteria_set")
        .prefetch_related("volumes")
        .first()
    )


def choropleth(page: SlumPage) -> dict:
    """RT boundaries with each RT's class, total, rata-rata and per-criterion percentage and
    score, for the thematic map (no query: from the page)."""
    features = []
    for row in page.rows:
        if not row.rt.boundary:
            continue
        props: dict = {
            "label": row.label,
            "status": row.status,
            "class": row.score.slum_class.value if row.score else None,
            "class_label": row.score.class_label if row.score else None,
            "total": row.score.total if row.score else None,
            "average": str(row.score.average) if row.score else None,
            "criteria": {},
        }
        if row.score:
            props["criteria"] = {
                code: {"pct": str(item.percentage), "score": item.score}
                for code, item in row.score.by_code.items()
            }
        features.append({"type": "Feature", "geometry": row.rt.boundary, "properties": props})
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Coverage:
    total: int
    profiled: int
    missing: list[str]


def rt_profile_coverage(village: Region, year: int) -> Coverage:
    """How many of the village's RTs have a profile for the year, and which do not (2
    queries)."""
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    rts.sort(key=lambda rt: (rt.rw.number, rt.number))
    done = set(RTProfile.objects.filter(village=village, year=year).values_list("rt_id", flat=True))
    return Coverage(
        total=len(rts),
        profiled=sum(1 for rt in rts if rt.pk in done),
        missing=[rt_label(rt) for rt in rts if rt.pk not in done],
    )


# --- The one slum-score read for other apps ---------------------------------------------------


@dataclass(frozen=True)
class RTScore:
    """One RT's slum score for a year, as plain data. `score` is the RT's score for the year (the
    class the mapping page and its map show); `after` is its re-score once the handled volumes
    are subtracted (the same as `score` when nothing is handled). An RT with no profile, missing
    volumes or a bad volume has no score: `status` and `errors` say why."""

    rt_id: int
    label: str
    boundary: dict | None
    status: str
    year: int | None
    score: scoring.SlumScore | None
    after: scoring.SlumScore | None
    contribution_pct: Decimal | None
    errors: tuple[str, ...]
    cset: scoring.CriteriaSet | None
    figures: scoring.Figures | None
    volumes: dict[str, Decimal]
    handled: dict[str, Decimal]
    population: int | None
    households: int | None

    @property
    def scored(self) -> bool:
        return self.status == RowStatus.SCORED

    @property
    def slum_class(self) -> str | None:
        return str(self.score.slum_class) if self.score else None

    @property
    def class_label(self) -> str:
        return self.score.class_label if self.score else ""


@dataclass(frozen=True)
class RTScores:
    village: Region
    year: int | None  # None: no RT of the village has a profile yet
    complete: bool  # every RT of the village is scored for the year
    cset: scoring.CriteriaSet
    rows: tuple[RTScore, ...]

    @property
    def by_rt(self) -> dict[int, RTScore]:
        return {row.rt_id: row for row in self.rows}

    @property
    def incomplete(self) -> tuple[RTScore, ...]:
        """The RTs without a score for the year (no profile, missing or bad volumes)."""
        return tuple(row for row in self.rows if not row.scored)


def complete_years(village: Region) -> list[int]:
    """The years, newest first, in which every RT of the village has a profile with a volume
    for every criterion of its set (2 queries, plus one to load the criteria set the first
    time)."""
    rt_count = RT.objects.filter(village=village).count()
    if rt_count == 0:
        return []
    per_year = (
        RTProfile.objects.filter(village=village)
        .values("year", "criteria_set_id")
        .annotate(profiles=Count("pk", distinct=True), volume_rows=Count("volumes"))
        .order_by("-year")
    )
    return years_complete(rt_count, per_year, _criteria_count)


def _criteria_count(set_id: int) -> int:
    return len(criteria_of(SlumCriteriaSet.objects.get(pk=set_id)).codes)


def years_complete(
    rt_count: int, per_year: Iterable[Mapping[str, Any]], criteria_count: Callable[[int], int]
) -> list[int]:
    """The rule of `complete_years` on counted rows ({year, criteria_set_id, profiles,
    volume_rows} per year and set): every RT profiled and every criterion of each profile's set
    given a volume. Newest first."""
    sets: dict[int, int] = {}
    totals: dict[int, list[int]] = {}
    for item in per_year:
        set_id = item["criteria_set_id"]
        if set_id not in sets:
            sets[set_id] = criteria_count(set_id)
        found = totals.setdefault(item["year"], [0, 0, 0])
        found[0] += item["profiles"]
        found[1] += item["volume_rows"]
        found[2] += item["profiles"] * sets[set_id]
    return [
        year
        for year, (profiles, volumes, needed) in sorted(totals.items(), reverse=True)
        if rt_count and profiles == rt_count and volumes == needed
    ]


def default_scores_year(complete: list[int], years: list[int]) -> int | None:
    """The year `rt_scores` reads by default: the newest complete year, else the newest year
    with any profile, else none."""
    return complete[0] if complete else (years[0] if years else None)


def _rt_score(row: RTRow, year: int | None, cset: scoring.CriteriaSet) -> RTScore:
    profile = row.profile
    after = row.rescore.after if row.rescore else row.score
    return RTScore(
        rt_id=row.rt.pk,
        label=row.label,
        boundary=row.rt.boundary,
        status=row.status,
        year=year if profile is not None else None,
        score=row.score,
        after=after,
        contribution_pct=row.rescore.contribution_pct if row.rescore else None,
        errors=tuple(row.errors),
        cset=cset if profile is not None else None,
        figures=row.figures,
        volumes=dict(row.volumes),
        handled=dict(row.handled),
        population=profile.population if profile else None,
        households=profile.households if profile else None,
    )


def rt_scores(village: Region, year: int | None = None) -> RTScores:
    """Every RT of the village with its slum score for the year: the one read of RT slum scores
    for every app (planning's maps and kawasan indicators read it; the mapping page scores the
    same rows). By default the newest year in which every RT is complete, else the newest year
    with any profile. RTs that cannot be scored are reported (`incomplete`, each with its
    reasons), never dropped; volumes are checked, never trusted."""
    if year is None:
        year = default_scores_year(complete_years(village), profile_years(village))
    if year is None:
        page = slum_page(village, default_year([]))
        rows = tuple(_rt_score(row, None, page.cset) for row in page.rows)
        return RTScores(village=village, year=None, complete=False, cset=page.cset, rows=rows)
    page = slum_page(village, year)
    rows = tuple(_rt_score(row, year, page.cset) for row in page.rows)
    done = bool(rows) and all(row.scored for row in rows)
    return RTScores(village=village, year=year, complete=done, cset=page.cset, rows=rows)


def slum_class_label(value: str | None) -> str:
    """The label of a stored slum class code (`berat` -> 'Kumuh berat'); '' for none."""
    if not value:
        return ""
    try:
        return str(scoring.CLASS_LABELS[scoring.SlumClass(value)])
    except ValueError:
        return value


@dataclass(frozen=True)
class AreaSlum:
    """The slum score of an area made of parts of RTs (a kawasan): its RTs' figures and volumes,
    each taken at its share, summed and scored like one RT."""

    score: scoring.SlumScore
    after: scoring.SlumScore
    contribution_pct: Decimal | None
    max_total: int
    criteria_set: str
    rts_scored: int


def area_slum(parts: Iterable[tuple[RTScore, Decimal]]) -> AreaSlum | None:
    """Score an area from (RT score, share 0-1) pairs (plain data, no query). Only scored RTs
    of one criteria set count (the first scored RT's set); None when no part can be scored."""
    cset: scoring.CriteriaSet | None = None
    items = []
    handled_items = []
    for row, share in parts:
        if not row.scored or row.figures is None or row.cset is None:
            continue
        if cset is None:
            cset = row.cset
        elif row.cset != cset:
            continue
        figures = row.figures
        scaled = scoring.Figures(
            **{name: figures.get(name) * share for name in figures.__dataclass_fields__}
        )
        items.append((scaled, {c: scoring.to_decimal(v) * share for c, v in row.volumes.items()}))
        handled_items.append({c: scoring.to_decimal(v) * share for c, v in row.handled.items()})
    if cset is None or not items:
        return None
    figures, volumes = scoring.aggregate(cset, items)
    handled = scoring.sum_volumes(handled_items)
    rescore = scoring.rescore(cset, figures, volumes, handled) if handled else None
    score = rescore.before if rescore else scoring.score(cset, figures, volumes)
    return AreaSlum(
        score=score,
        after=rescore.after if rescore else score,
        contribution_pct=rescore.contribution_pct if rescore else None,
        max_total=cset.max_total,
        criteria_set=f"{cset.name} (v{cset.version})",
        rts_scored=len(items),
    )
