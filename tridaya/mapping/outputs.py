"""Gate outputs of the pemetaan swadaya step that this app checks (registered in ready()): the
household survey reaches the set share of the village's households, every RT has a profile for
the program's year, problems and potentials are mapped."""

from __future__ import annotations

from typing import cast

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.core.formats import format_percent
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.mapping.models import Problem, ProblemKind
from tridaya.mapping.selectors.households import coverage_min_pct, household_coverage
from tridaya.mapping.selectors.slum import rt_profile_coverage

MISSING_SHOWN = 8


def rt_profiles_complete(step: Step) -> tuple[bool, str]:
    """Every RT of the village has a profile for the program's year."""
    village, year = step.cycle.village, step.cycle.program.year
    coverage = rt_profile_coverage(village, year)
    params: dict[str, object] = {"year": year, "n": coverage.profiled, "total": coverage.total}
    if coverage.total == 0:
        return False, _("Belum ada RT yang dicatat di kelurahan/desa ini.")
    if coverage.missing:
        shown = ", ".join(coverage.missing[:MISSING_SHOWN])
        if len(coverage.missing) > MISSING_SHOWN:
            shown += " " + _("dan %(n)s lainnya") % {"n": len(coverage.missing) - MISSING_SHOWN}
        params["missing"] = shown
        return False, _(
            "Profil RT tahun %(year)s baru %(n)s dari %(total)s RT; belum: %(missing)s."
        ) % params
    return True, _("Profil RT tahun %(year)s lengkap untuk %(total)s RT.") % params


def problems_mapped(step: Step) -> tuple[bool, str]:
    """At least one problem and one potential are on the village's map."""
    params = Problem.objects.filter(village=step.cycle.village).aggregate(
        problems=Count("pk", filter=Q(kind=ProblemKind.PROBLEM)),
        potentials=Count("pk", filter=Q(kind=ProblemKind.POTENTIAL)),
    )
    ok = params["problems"] > 0 and params["potentials"] > 0
    if ok:
        return True, _("Terpetakan %(problems)s masalah dan %(potentials)s potensi.") % params
    return False, _(
        "Peta baru berisi %(problems)s masalah dan %(potentials)s potensi; petakan paling "
        "sedikit satu masalah dan satu potensi."
    ) % params


HOUSEHOLD_COVERAGE = "mapping_household_coverage"


def _pct(value) -> str:
    """80 -> '80', 82.5 -> '82,5' (the message adds the % sign)."""
    return format_percent(value, 1).removesuffix("%")


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
        cast(
            str, gettext_lazy("Survei rumah tangga mencakup cukup KK")
        ),  # lazy: shown in the reader's language
        household_coverage_reached,
    )
    register_output(
        "mapping_rt_profiles_complete",
        cast(
            str, gettext_lazy("Setiap RT punya profil untuk tahun program")
        ),  # lazy: shown in the reader's language
        rt_profiles_complete,
    )
    register_output(
        "mapping_problems_mapped",
        cast(
            str, gettext_lazy("Masalah dan potensi terpetakan")
        ),  # lazy: shown in the reader's language
        problems_mapped,
    )


# Figures for the dashboards (tridaya/core/figures.py), registered from apps_maps.ready().


def _households(codes) -> dict[str, tuple[int, int]]:
    from tridaya.core.figures import shared

    return shared("mapping_households", codes, _read_households)


def _read_households(codes) -> dict[str, tuple[int, int]]:
    from tridaya.mapping.models import Household

    rows = (
        Household.objects.filter(village_id__in=codes)
        .values_list("village_id")
        .annotate(n=Count("id"), poor=Count("id", filter=Q(is_poor=True)))
        .order_by()
    )
    return {village: (n, poor) for village, n, poor in rows}


def _rt_scores(codes) -> dict[str, list]:
    from tridaya.core.figures import shared

    return shared("mapping_rt_scores", codes, _read_rt_scores)


def _read_rt_scores(codes) -> dict[str, list]:
    """{village: [(slum class, area in ha)] of its scored RTs} in the year the village's RT scores
    are read by default, from the one bulk slum-score selector (`rt_classes_by_village`, the
    same rules as the village's page)."""
    from tridaya.mapping.selectors.slum_bulk import rt_classes_by_village

    return {
        village: [(row.slum_class, row.area_ha) for row in rows if row.slum_class is not None]
        for village, rows in rt_classes_by_village(codes).items()
    }


def _rts_in_class(slum_class):
    def compute(codes):
        return {
            village: sum(1 for cls, _area in rows if cls == slum_class)
            for village, rows in _rt_scores(codes).items()
        }

    return compute


def _slum_ha(codes):
    from tridaya.mapping.scoring import SlumClass

    return {
        village: sum(area for cls, area in rows if cls != SlumClass.NONE)
        for village, rows in _rt_scores(codes).items()
    }


def register_figures() -> None:
    from django.utils.text import format_lazy

    from tridaya.core.figures import Figure, Rollup, register
    from tridaya.mapping.scoring import CLASS_LABELS, CLASS_ORDER

    kk = gettext_lazy("KK")
    register(
        Figure(
            "mapping_households",
            gettext_lazy("KK terdata"),
            kk,
            lambda codes: {c: n for c, (n, _p) in _households(codes).items()},
            headline=True,
            order=50,
        )
    )
    register(
        Figure(
            "mapping_poor_households",
            gettext_lazy("KK miskin"),
            kk,
            lambda codes: {c: p for c, (_n, p) in _households(codes).items()},
            headline=True,
            order=51,
        )
    )
    register(
        Figure(
            "mapping_poor_share",
            gettext_lazy("Bagian KK miskin"),
            "%",
            lambda codes: {c: 100 * p / n for c, (n, p) in _households(codes).items() if n},
            rollup=Rollup.MEAN,
            weight="mapping_households",
            order=52,
        )
    )
    for position, slum_class in enumerate(CLASS_ORDER):
        register(
            Figure(
                f"mapping_rt_{slum_class.value}",
                format_lazy("{}: {}", gettext_lazy("RT"), CLASS_LABELS[slum_class]),
                gettext_lazy("RT"),
                _rts_in_class(slum_class),
                order=55 + position,
            )
        )
    register(
        Figure(
            "mapping_slum_ha",
            gettext_lazy("Luas kumuh"),
            gettext_lazy("ha"),
            _slum_ha,
            headline=True,
            order=60,
        )
    )
