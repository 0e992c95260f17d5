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
