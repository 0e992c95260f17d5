"""The household-survey gate output of the pemetaan swadaya step (registered in ready()):
the survey has reached at least the set share of the village's households."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.mapping.selectors_households import coverage_min_pct, household_coverage

HOUSEHOLD_COVERAGE = "mapping_household_coverage"


def _pct(value) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def household_coverage_reached(step: Step) -> tuple[bool, str]:
    """Households recorded (form or survey import) against the households the village profile
    counts, compared in integers so that exactly the threshold passes."""
    coverage = household_coverage(step.cycle.village)
    minimum = coverage_min_pct()
    params = {"n": coverage.surveyed, "min": _pct(minimum)}
    if not coverage.known:
        return False, _(
            "Jumlah KK desa belum diisi di profil kelurahan/desa; tercatat %(n)s KK dari survei. "
            "Isi jumlah KK di profil agar cakupan survei bisa dihitung."
        ) % params
    params.update(total=coverage.known, pct=_pct(coverage.pct or 0))
    if coverage.reaches(minimum):
        return True, _(
            "Survei rumah tangga mencakup %(n)s dari %(total)s KK (%(pct)s%%, minimal %(min)s%%)."
        ) % params
    return False, _(
        "Survei rumah tangga baru mencakup %(n)s dari %(total)s KK (%(pct)s%%); minimal %(min)s%%."
    ) % params


def register_outputs() -> None:
    register_output(
        HOUSEHOLD_COVERAGE,
        gettext_lazy("Survei rumah tangga mencakup cukup KK"),
        household_coverage_reached,
    )
