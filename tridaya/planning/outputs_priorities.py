"""Gate outputs of the cycle steps "Penentuan prioritas" and "Penetapan kawasan prioritas"
(registered with tridaya.cycle.gates.register_output; a template names them with
`{ rule = "output", name = "planning_priorities_closed" }` and `"planning_kawasan_chosen"`)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.planning.models import AreaStatus, PriorityArea, PriorityRound, RoundStatus

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


def register_priority_outputs() -> None:
    register_output(
        PRIORITIES_CLOSED,
        _("Putaran prioritas ditutup dengan hasil pemungutan suara"),
        priorities_closed,
    )
    register_output(KAWASAN_CHOSEN, _("Kawasan prioritas ditetapkan"), kawasan_chosen)
