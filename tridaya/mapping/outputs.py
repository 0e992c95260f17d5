"""Gate outputs of the pemetaan swadaya step that this app checks (registered in ready())."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.mapping.models import Problem, ProblemKind
from tridaya.mapping.selectors_slum import rt_profile_coverage

MISSING_SHOWN = 8


def rt_profiles_complete(step: Step) -> tuple[bool, str]:
    """Every RT of the village has a profile for the program's year."""
    village, year = step.cycle.village, step.cycle.program.year
    coverage = rt_profile_coverage(village, year)
    params = {"year": year, "n": coverage.profiled, "total": coverage.total}
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


def register_outputs() -> None:
    register_output(
        "mapping_rt_profiles_complete",
        gettext_lazy("Setiap RT punya profil untuk tahun program"),
        rt_profiles_complete,
    )
    register_output(
        "mapping_problems_mapped",
        gettext_lazy("Masalah dan potensi terpetakan"),
        problems_mapped,
    )
