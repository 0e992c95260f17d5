"""Slum scores of an RT or an area from its figures and volumes (see the package docstring); no
database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from tridaya.core.formats import format_number
from tridaya.mapping.scoring.criteria_set import (
    CENT,
    CLASS_LABELS,
    DENOMINATOR_LABELS,
    DENOMINATORS,
    HUNDRED,
    ONE,
    TEN_THOUSANDTH,
    ZERO,
    Aspect,
    CriteriaSet,
    Criterion,
    SlumClass,
    two_decimals,
)

# --- Figures (denominators) and volumes -------------------------------------------------------


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


@dataclass(frozen=True)
class Figures:
    """The denominators of an RT profile (or their sums over an area)."""

    buildings: Decimal = ZERO
    area_ha: Decimal = ZERO
    road_length_m: Decimal = ZERO
    drainage_length_m: Decimal = ZERO
    households: Decimal = ZERO

    @classmethod
    def of(cls, obj: Any) -> Figures:
        """From any object with the five attributes (an RTProfile, a form's data...)."""
        return cls(**{name: to_decimal(getattr(obj, name) or 0) for name in DENOMINATORS})

    def get(self, name: str) -> Decimal:
        return getattr(self, name)

    def __add__(self, other: Figures) -> Figures:
        return Figures(**{n: self.get(n) + other.get(n) for n in DENOMINATORS})


class VolumeProblemKind(StrEnum):
    NEGATIVE = "negative"
    ABOVE_DENOMINATOR = "above_denominator"
    MISSING = "missing"
    UNKNOWN = "unknown_criterion"


@dataclass(frozen=True)
class VolumeProblem:
    code: str
    kind: VolumeProblemKind
    message: str


class ScoringError(ValueError):
    """Volumes that cannot be scored; `problems` lists every one (never only the first)."""

    def __init__(self, problems: list[VolumeProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]


def _criterion_params(criterion: Criterion) -> dict[str, Any]:
    return {"code": criterion.code, "title": criterion.title, "unit": criterion.unit}


def check_volumes(
    cset: CriteriaSet, figures: Figures, volumes: Mapping[str, Decimal], *, complete: bool = True
) -> list[VolumeProblem]:
    """Every problem with the volumes, each with a message naming the criterion and what to fix.
    With complete=False, a criterion without a volume is not a problem (partial entry)."""
    problems = []
    known = set(cset.codes)
    for code in volumes:
        if code not in known:
            problems.append(
                VolumeProblem(
                    code,
                    VolumeProblemKind.UNKNOWN,
                    _("Kriteria %(code)s tidak ada dalam %(set)s.")
                    % {"code": code, "set": cset.name},
                )
            )
    for criterion in cset.criteria:
        raw = volumes.get(criterion.code)
        if raw is None:
            if complete:
                problems.append(
                    VolumeProblem(
                        criterion.code,
                        VolumeProblemKind.MISSING,
                        _("Kriteria %(code)s (%(title)s): volume belum diisi.")
                        % _criterion_params(criterion),
                    )
                )
            continue
        volume = to_decimal(raw)
        denominator = figures.get(criterion.denominator)
        if 0 <= volume <= denominator:
            continue  # the common case: nothing to say (messages are built only for problems)
        params = _criterion_params(criterion)
        params.update(
            volume=format_number(volume, group=False),  # as typed: 2000, not 2.000
            denominator=format_number(denominator, group=False),
            label=DENOMINATOR_LABELS[criterion.denominator],
        )
        if volume < 0:
            problems.append(
                VolumeProblem(
                    criterion.code,
                    VolumeProblemKind.NEGATIVE,
                    _(
                        "Kriteria %(code)s (%(title)s): volume %(volume)s %(unit)s negatif; "
                        "isi 0 atau lebih."
                    )
                    % params,
                )
            )
        elif volume > denominator:
            problems.append(
                VolumeProblem(
                    criterion.code,
                    VolumeProblemKind.ABOVE_DENOMINATOR,
                    _(
                        "Kriteria %(code)s (%(title)s): volume %(volume)s %(unit)s melebihi "
                        "%(label)s %(denominator)s. Periksa volume atau profil RT."
                    )
                    % params,
                )
            )
    return problems


# --- Scores -----------------------------------------------------------------------------------


def percentage(volume: Decimal, denominator: Decimal) -> Decimal:
    """volume / denominator in percent, rounded half up to two decimals. A zero denominator
    with a zero volume is 0 % (nothing there, nothing slum); the caller has refused the rest."""
    if denominator == 0:
        return ZERO.quantize(CENT)
    return two_decimals(to_decimal(volume) * HUNDRED / to_decimal(denominator))


DEFAULT_SCORE_BANDS = ((Decimal(76), 5), (Decimal(51), 3), (Decimal(25), 1))
DEFAULT_CLASS_BANDS = ((60, SlumClass.HEAVY), (38, SlumClass.MEDIUM), (16, SlumClass.LIGHT))


def criterion_score(
    pct: Decimal, bands: tuple[tuple[Decimal, int], ...] = DEFAULT_SCORE_BANDS
) -> int:
    """The score of a percentage already rounded to two decimals (see `percentage`)."""
    for lowest, score in bands:
        if pct >= lowest:
            return score
    return 0


def slum_class(
    total: int, bands: tuple[tuple[int, SlumClass], ...] = DEFAULT_CLASS_BANDS
) -> SlumClass:
    for lowest, klass in bands:
        if total >= lowest:
            return klass
    return SlumClass.NONE


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    volume: Decimal
    denominator: Decimal
    percentage: Decimal
    score: int


@dataclass(frozen=True)
class AspectScore:
    aspect: Aspect
    criteria: tuple[CriterionScore, ...]
    exact_average: Decimal

    @property
    def average(self) -> Decimal:
        return two_decimals(self.exact_average)


@dataclass(frozen=True)
class SlumScore:
    aspects: tuple[AspectScore, ...]
    total: int
    slum_class: SlumClass
    exact_average: Decimal
    by_code: dict[str, CriterionScore] = field(default_factory=dict)

    @property
    def average(self) -> Decimal:
        """Rata-rata kekumuhan (percent, two decimals)."""
        return two_decimals(self.exact_average)

    @property
    def class_label(self) -> str:
        return str(CLASS_LABELS[self.slum_class])


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO) / len(values) if values else ZERO


def score(cset: CriteriaSet, figures: Figures, volumes: Mapping[str, Any]) -> SlumScore:
    """Score one RT (or an area's sums). Raises ScoringError listing every bad volume."""
    problems = check_volumes(cset, figures, volumes)
    if problems:
        raise ScoringError(problems)
    aspects = []
    by_code: dict[str, CriterionScore] = {}
    for aspect in cset.aspects:
        scored = []
        for criterion in aspect.criteria:
            volume = to_decimal(volumes[criterion.code])
            denominator = figures.get(criterion.denominator)
            pct = percentage(volume, denominator)
            item = CriterionScore(
                criterion, volume, denominator, pct, criterion_score(pct, cset.score_bands)
            )
            scored.append(item)
            by_code[criterion.code] = item
        aspects.append(AspectScore(aspect, tuple(scored), _mean([s.percentage for s in scored])))
    total = sum(item.score for item in by_code.values())
    return SlumScore(
        aspects=tuple(aspects),
        total=total,
        slum_class=slum_class(total, cset.class_bands),
        exact_average=_mean([a.exact_average for a in aspects]),
        by_code=by_code,
    )


def remaining(volumes: Mapping[str, Any], handled: Mapping[str, Any]) -> dict[str, Decimal]:
    """The volumes after investment: each minus what was handled, never below 0."""
    return {
        code: max(to_decimal(v) - to_decimal(handled.get(code, 0) or 0), ZERO)
        for code, v in volumes.items()
    }


def contribution(before: Decimal, after: Decimal) -> Decimal:
    """Kontribusi penanganan as a fraction (0-1, four decimals): (before - after) / before."""
    if before <= 0:
        return ZERO.quantize(TEN_THOUSANDTH)
    share = (before - after) / before
    share = min(max(share, ZERO), ONE)
    return share.quantize(TEN_THOUSANDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rescore:
    before: SlumScore
    after: SlumScore
    contribution: Decimal  # fraction 0-1

    @property
    def contribution_pct(self) -> Decimal:
        return two_decimals(self.contribution * HUNDRED)


def rescore(
    cset: CriteriaSet,
    figures: Figures,
    volumes: Mapping[str, Any],
    handled: Mapping[str, Any],
) -> Rescore:
    """The score before and after the handled volumes, and the kontribusi penanganan (computed
    from the exact rata-rata values)."""
    before = score(cset, figures, volumes)
    after = score(cset, figures, remaining(volumes, handled))
    return Rescore(before, after, contribution(before.exact_average, after.exact_average))


def sum_volumes(items: Iterable[Mapping[str, Any]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for volumes in items:
        for code, value in volumes.items():
            totals[code] = totals.get(code, ZERO) + to_decimal(value)
    return totals


def aggregate(
    cset: CriteriaSet, items: Iterable[tuple[Figures, Mapping[str, Any]]]
) -> tuple[Figures, dict[str, Decimal]]:
    """The sums of an area's RTs: figures and volumes (score them with `score`)."""
    figures = Figures()
    volume_maps = []
    for item_figures, volumes in items:
        figures = figures + item_figures
        volume_maps.append(volumes)
    return figures, sum_volumes(volume_maps)


@dataclass(frozen=True)
class BaselineIndicators:
    """KOTAKU's 100-0-100: safe water access, slum area, sanitation access."""

    water_access_pct: Decimal | None  # None when no household is recorded
    sanitation_access_pct: Decimal | None
    slum_area_ha: Decimal
    households: Decimal
    area_ha: Decimal


def indicators(
    cset: CriteriaSet, rows: Iterable[tuple[Figures, Mapping[str, Any], SlumClass | None]]
) -> BaselineIndicators:
    """From RTs with complete, valid volumes: water access = 100 - % of households without safe
    water (criterion `water_code`), sanitation access = 100 - % without a proper wastewater
    system (`sanitation_code`), slum area = the verified area of every RT classed as kumuh."""
    figures = Figures()
    water = sanitation = slum_area = ZERO
    for item_figures, volumes, klass in rows:
        figures = figures + item_figures
        water += to_decimal(volumes.get(cset.water_code, 0))
        sanitation += to_decimal(volumes.get(cset.sanitation_code, 0))
        if klass is not None and klass != SlumClass.NONE:
            slum_area += item_figures.area_ha
    households = figures.households
    return BaselineIndicators(
        water_access_pct=HUNDRED - percentage(water, households) if households else None,
        sanitation_access_pct=HUNDRED - percentage(sanitation, households) if households else None,
        slum_area_ha=two_decimals(slum_area),
        households=households,
        area_ha=two_decimals(figures.area_ha),
    )
