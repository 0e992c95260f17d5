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

from tridaya.mapping.scoring.criteria_set import (
    CENT,
    CLASS_LABELS,
    CLASS_ORDER,
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
from tridaya.mapping.scoring.scores import (
    DEFAULT_CLASS_BANDS,
    DEFAULT_SCORE_BANDS,
    AspectScore,
    BaselineIndicators,
    CriterionScore,
    Figures,
    Rescore,
    ScoringError,
    SlumScore,
    VolumeProblem,
    VolumeProblemKind,
    aggregate,
    check_volumes,
    contribution,
    criterion_score,
    indicators,
    percentage,
    remaining,
    rescore,
    score,
    slum_class,
    sum_volumes,
    to_decimal,
)

__all__ = [
    "ZERO",
    "ONE",
    "HUNDRED",
    "CENT",
    "TEN_THOUSANDTH",
    "DENOMINATORS",
    "DENOMINATOR_LABELS",
    "SlumClass",
    "CLASS_LABELS",
    "CLASS_ORDER",
    "two_decimals",
    "Criterion",
    "Aspect",
    "CriteriaSet",
    "to_decimal",
    "Figures",
    "VolumeProblemKind",
    "VolumeProblem",
    "ScoringError",
    "check_volumes",
    "percentage",
    "DEFAULT_SCORE_BANDS",
    "DEFAULT_CLASS_BANDS",
    "criterion_score",
    "slum_class",
    "CriterionScore",
    "AspectScore",
    "SlumScore",
    "score",
    "remaining",
    "contribution",
    "Rescore",
    "rescore",
    "sum_volumes",
    "aggregate",
    "BaselineIndicators",
    "indicators",
]
