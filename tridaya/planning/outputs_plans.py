"""Gate outputs of the cycle steps "Legalisasi RPLP" and "Penyusunan RTPLP": a legalised
version of the village's plan (registered with tridaya.cycle.gates.register_output)."""

from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.planning.models import PlanKind, PlanVersion, VersionState

RPLP_LEGALISED = "planning_rplp_legalised"
RTPLP_LEGALISED = "planning_rtplp_legalised"


def _legalised(step: Step, kind: str) -> tuple[bool, str]:
    village = step.cycle.village_id
    version = (
        PlanVersion.objects.filter(
            plan__village_id=village, plan__kind=kind, state=VersionState.LEGALISED
        )
        .select_related("plan")
        .order_by("-legalised_on", "-id")
        .first()
    )
    label = PlanKind(kind).label
    if version is None:
        newest = (
            PlanVersion.objects.filter(plan__village_id=village, plan__kind=kind)
            .order_by("-number")
            .first()
        )
        if newest is None:
            return False, _("%(kind)s belum disusun.") % {"kind": label}
        return False, _("%(kind)s versi %(number)s masih berstatus %(state)s.") % {
            "kind": label,
            "number": newest.number,
            "state": newest.get_state_display().lower(),
        }
    assert version.legalised_on is not None
    return True, _("%(title)s versi %(number)s disahkan pada %(date)s.") % {
        "title": version.plan.title,
        "number": version.number,
        "date": format_date_id(version.legalised_on),
    }


def rplp_legalised(step: Step) -> tuple[bool, str]:
    return _legalised(step, PlanKind.RPLP)


def rtplp_legalised(step: Step) -> tuple[bool, str]:
    return _legalised(step, PlanKind.RTPLP)


def register_plan_outputs() -> None:
    register_output(RPLP_LEGALISED, _("RPLP disahkan"), rplp_legalised)
    register_output(RTPLP_LEGALISED, _("RTPLP disahkan"), rtplp_legalised)


# Figures for the dashboards (tridaya/core/figures.py), registered from PlanningConfig.ready().


def _legalised_plans(codes, kind: str) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        PlanVersion.objects.filter(
            plan__village_id__in=codes, plan__kind=kind, state=VersionState.LEGALISED
        )
        .values_list("plan__village_id")
        .annotate(n=Count("plan_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def _investment(codes) -> dict[str, int]:
    """Whole rupiah of the investment rows of each village's legalised RPLP (all sources)."""
    from django.db.models import F, Sum

    from tridaya.planning.calc import FUNDING_FIELDS
    from tridaya.planning.models import InvestmentRow

    total = sum((F(name) for name in FUNDING_FIELDS.values()), start=0)
    rows = (
        InvestmentRow.objects.filter(
            version__plan__village_id__in=codes,
            version__plan__kind=PlanKind.RPLP,
            version__state=VersionState.LEGALISED,
        )
        .values_list("version__plan__village_id")
        .annotate(rp=Sum(total))
        .order_by()
    )
    return {village: int(rp or 0) for village, rp in rows}


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, register

    plans = gettext_lazy("rencana")
    register(
        Figure(
            "planning_rplp_legalised",
            gettext_lazy("RPLP disahkan"),
            plans,
            lambda codes: _legalised_plans(codes, PlanKind.RPLP),
            headline=True,
            order=70,
        )
    )
    register(
        Figure(
            "planning_rtplp_legalised",
            gettext_lazy("RTPLP disahkan"),
            plans,
            lambda codes: _legalised_plans(codes, PlanKind.RTPLP),
            order=71,
        )
    )
    register(
        Figure(
            "planning_investment",
            gettext_lazy("Investasi direncanakan (RPLP disahkan)"),
            "Rp",
            _investment,
            headline=True,
            money=True,
            order=72,
        )
    )
