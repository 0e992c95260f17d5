"""What planning offers to other apps' registries: gate outputs of the cycle steps "Penentuan
prioritas", "Penetapan kawasan prioritas", "Legalisasi RPLP" and "Penyusunan RTPLP" (registered
with tridaya.cycle.gates.register_output; a template names them with
`{ rule = "output", name = "planning_priorities_closed" }`, `"planning_kawasan_chosen"`,
`"planning_rplp_legalised"` and `"planning_rtplp_legalised"`)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.planning.models import (
    AreaStatus,
    PlanKind,
    PlanVersion,
    PriorityArea,
    PriorityRound,
    RoundStatus,
    VersionState,
)

PRIORITIES_CLOSED = "planning_priorities_closed"
KAWASAN_CHOSEN = "planning_kawasan_chosen"


def priorities_closed(step: Step) -> tuple[bool, str]:
    """A prioritisation round of the village, of this cycle (or of none), is closed with its
    vote counted (one query)."""
    closed = (
        PriorityRound.objects.filter(
            Q(cycle_id=step.cycle_id) | Q(cycle__isnull=True),
            village_id=step.cycle.village_id,
            status=RoundStatus.CLOSED,
        )
        .select_related("meeting")
        .order_by("-closed_at", "-id")
        .first()
    )
    if closed is None:
        return False, _("Belum ada putaran prioritas yang ditutup dengan hasil pemungutan suara.")
    vote = closed.result.get("vote", {})
    winner = next(
        (t["title"] for t in vote.get("tallies", []) if t["key"] == vote.get("winner")), "-"
    )
    when = timezone.localtime(closed.closed_at).date() if closed.closed_at else None
    return True, _(
        "Putaran '%(title)s' ditutup pada %(date)s: %(ballots)s surat suara, prioritas pertama "
        "'%(winner)s'."
    ) % {
        "title": closed.title,
        "date": format_date_id(when) if when else "-",
        "ballots": vote.get("ballots", 0),
        "winner": winner,
    }


def kawasan_chosen(step: Step) -> tuple[bool, str]:
    """At least one kawasan prioritas of the village is chosen (its Permen PUPR 02/2016
    criteria are then recorded: choosing requires them). One query."""
    areas = list(
        PriorityArea.objects.filter(
            village_id=step.cycle.village_id, status=AreaStatus.CHOSEN
        ).order_by("name")
    )
    if not areas:
        return False, _("Belum ada kawasan prioritas yang ditetapkan.")
    names = ", ".join(f"{a.name} ({a.area_ha} ha)".replace(".", ",") for a in areas)
    return True, _("Kawasan prioritas ditetapkan: %(areas)s.") % {"areas": names}


def _register_priority_outputs() -> None:
    register_output(
        PRIORITIES_CLOSED,
        _("Putaran prioritas ditutup dengan hasil pemungutan suara"),
        priorities_closed,
    )
    register_output(KAWASAN_CHOSEN, _("Kawasan prioritas ditetapkan"), kawasan_chosen)


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


def _register_plan_outputs() -> None:
    register_output(RPLP_LEGALISED, _("RPLP disahkan"), rplp_legalised)
    register_output(RTPLP_LEGALISED, _("RTPLP disahkan"), rtplp_legalised)


def register_outputs() -> None:
    """Called once from PlanningConfig.ready()."""
    _register_priority_outputs()
    _register_plan_outputs()
