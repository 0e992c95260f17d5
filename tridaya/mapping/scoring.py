"""Slum scores of Permen PUPR 14/PRT/M/2018 as pure functions: no database, no model. Everything
here follows DOMAIN.md section 3 to the letter:

- per criterion, p = volume / denominator as a percentage ROUNDED TO TWO DECIMALS (half up, so
  75.995 % counts as 76 %); the score is the band p falls in: p >= 76 -> 5, 51 <= p < 76 -> 3,
  25 <= p < 51 -> 1, p < 25 -> 0. A percentage between the bands (50.4 %) takes the lower band;
- the total (0-80) gives the class: 60-80 berat, 38-59 sedang, 16-37 ringan, 0-15 tidak kumuh;
- per aspect, the average of its criteria's percentages; the RT's rata-rata kekumuhan is the
  average of the aspect averages (both computed exactly, shown rounded to two decimals);
- a negative volume, a volume larger than its denominator, or a missing one is a data error to
  report (ScoringError lists every one), never a score;
- after investment, the handled volume is subtracted (not below 0) and the RT re-scored;
  kontribusi penanganan = (rata-rata before - rata-rata after) / rata-rata before, at most 1;
- an area (a kawasan or the whole village) is scored on the SUMS of its RTs' volumes and
  denominators, so each RT weighs by its own size in each criterion.

The bands, aspects and criteria come from the versioned criteria set (criteria_data/*.toml), read
into a `CriteriaSet` with `CriteriaSet.from_definition`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")

DENOMINATORS = ("buildings", "area_ha", "road_length_m", "drainage_length_m", "households")
DENOMINATOR_LABELS = {
    "buildings": gettext_lazy("jumlah bangunan"),
    "area_ha": gettext_lazy("luas terverifikasi (ha)"),
    "road_length_m": gettext_lazy("panjang jalan ideal (m)"),
    "drainage_length_m": gettext_lazy("panjang drainase ideal (m)"),
    "households": gettext_lazy("jumlah KK"),
}


class SlumClass(StrEnum):
    NONE = "tidak"
    LIGHT = "ringan"
    MEDIUM = "sedang"
    HEAVY = "berat"


CLASS_LABELS = {
    SlumClass.NONE: gettext_lazy("Tidak kumuh"),
    SlumClass.LIGHT: gettext_lazy("Kumuh ringan"),
    SlumClass.MEDIUM: gettext_lazy("Kumuh sedang"),
    SlumClass.HEAVY: gettext_lazy("Kumuh berat"),
}
CLASS_ORDER = (SlumClass.NONE, SlumClass.LIGHT, SlumClass.MEDIUM, SlumClass.HEAVY)


def two_decimals(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- The criteria set -------------------------------------------------------------------------


def _in_language(text: str, text_en: str) -> str:
    return text_en if text_en and (get_language() or "").startswith("en") else text


@dataclass(frozen=True)
class Criterion:
    code: str
    aspect: str
    title_id: str
    title_en: str
    unit: str
    denominator: str

    @property
    def title(self) -> str:
        return _in_language(self.title_id, self.title_en)


@dataclass(frozen=True)
class Aspect:
    key: str
    title_id: str
    title_en: str
    criteria: tuple[Criterion, ...]

    @property
    def title(self) -> str:
        return _in_language(self.title_id, self.title_en)


@dataclass(frozen=True)
class CriteriaSet:
    code: str
    version: int
    name: str
    aspects: tuple[Aspect, ...]
    score_bands: tuple[tuple[Decimal, int], ...]  # (lowest %, score), highest band first
    class_bands: tuple[tuple[int, SlumClass], ...]  # (lowest total, class), highest first
    water_code: str = "3a"
    sanitation_code: str = "5a"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for aspect in self.aspects for c in aspect.criteria)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria)

    @property
    def max_total(self) -> int:
        top = max((score for _pct, score in self.score_bands), default=0)
        return top * len(self.criteria)

    def criterion(self, code: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        raise KeyError(code)

    @classmethod
    def from_definition(cls, data: Mapping[str, Any]) -> CriteriaSet:
        """Read a criteria-set definition (the TOML file's content). Raises ValueError naming
        what is wrong."""
        try:
            aspects = []
            for a in data["aspects"]:
                criteria = []
                for c in a["criteria"]:
                    if c["denominator"] not in DENOMINATORS:
                        raise ValueError(f"criterion {c['code']}: unknown denominator")
                    criteria.append(
                        Criterion(
                            code=str(c["code"]),
                            aspect=str(a["key"]),
                            title_id=str(c["title"]),
                            title_en=str(c.get("title_en", "")),
                            unit=str(c["unit"]),
                            denominator=str(c["denominator"]),
                        )
                    )
                aspects.append(
                    Aspect(
                        key=str(a["key"]),
                        title_id=str(a["title"]),
                        title_en=str(a.get("title_en", "")),
                        criteria=tuple(criteria),
                    )
                )
            score_bands = tuple(
                sorted(
                    ((Decimal(str(b["min"])), int(b["score"])) for b in data["score_bands"]),
                    reverse=True,
                )
            )
            class_bands = tuple(
                sorted(
                    ((int(b["min"]), SlumClass(b["class"])) for b in data["class_bands"]),
                    key=lambda band: band[0],
                    reverse=True,
                )
            )
            indicators = data.get("indicators", {})
            result = cls(
                code=str(data["code"]),
                version=int(data["version"]),
                name=str(data["name"]),
                aspects=tuple(aspects),
                score_bands=score_bands,
                class_bands=class_bands,
                water_code=str(indicators.get("water", "3a")),
                sanitation_code=str(indicators.get("sanitation", "5a")),
            )
        except (KeyError, TypeError, InvalidOperation) as exc:
            raise ValueError(f"criteria set definition: missing or bad {exc}") from exc
        codes = result.codes
        if len(set(codes)) != len(codes):
            raise ValueError("criteria set definition: a criterion code appears twice")
        for code in (result.water_code, result.sanitation_code):
            if code not in codes:
                raise ValueError(f"criteria set definition: indicator criterion {code} unknown")
        return result


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


def _number(value: Decimal) -> str:
    """12.50 -> '12,5'; 100.00 -> '100' (Indonesian decimal comma)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


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
        params: dict[str, Any] = {
            "code": criterion.code,
            "title": criterion.title,
            "unit": criterion.unit,
        }
        if raw is None:
            if complete:
                problems.append(
                    VolumeProblem(
                        criterion.code,
                        VolumeProblemKind.MISSING,
                        _("Kriteria %(code)s (%(title)s): volume belum diisi.") % params,
                    )
                )
            continue
        volume = to_decimal(raw)
        denominator = figures.get(criterion.denominator)
        params.update(
            volume=_number(volume),
            denominator=_number(denominator),
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

    @property
    def is_slum(self) -> bool:
        return self.slum_class != SlumClass.NONE


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
