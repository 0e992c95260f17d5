"""Outputs the cycle checks itself, from the apps it may read (institutions)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.core.navigation import VillageStatus
from tridaya.cycle import selectors
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.institutions.selectors import tipp_view
from tridaya.regions.models import Region


def tipp_confirmed(step: Step) -> tuple[bool, str]:
    """The TIPP exists, is confirmed by both BKM and Lurah/Kepala Desa, and has at least the
    program's share of women."""
    view = tipp_view(step.cycle.village)
    tipp = view.tipp
    if tipp is None or not view.members:
        return False, _("TIPP belum dibentuk atau belum beranggota.")
    missing = []
    if tipp.confirmed_by_bkm_on is None:
        missing.append(_("BKM"))
    if tipp.confirmed_by_lurah_on is None:
        missing.append(_("Lurah/Kepala Desa"))
    if missing:
        return False, _("TIPP belum dikukuhkan oleh %(who)s.") % {"who": _(" dan ").join(missing)}
    balance, minimum = view.balance, step.cycle.program.women_min_pct
    params = {"women": balance.women, "total": balance.total, "min": f"{minimum:g}"}
    if not balance.reaches(minimum):
        return False, _(
            "Perempuan di TIPP %(women)s dari %(total)s anggota, kurang dari minimal %(min)s%%."
        ) % params
    confirmed = [d for d in (tipp.confirmed_by_bkm_on, tipp.confirmed_by_lurah_on) if d]
    params["date"] = format_date_id(max(confirmed))
    return True, _(
        "TIPP %(total)s anggota (%(women)s perempuan), dikukuhkan lengkap pada %(date)s."
    ) % params


def register_builtin_outputs() -> None:
    register_output("tipp_confirmed", _("TIPP dibentuk dan dikukuhkan"), tipp_confirmed)


# Figures for the dashboards (tridaya/core/figures.py), registered from CycleConfig.ready().

STUCK_DAYS = 90
DONE_STATE = "selesai"


def _open_steps(codes) -> dict[str, tuple[str, int]]:
    from tridaya.core.figures import shared

    return shared("cycle_open_steps", codes, _read_open_steps)


def _read_open_steps(codes) -> dict[str, tuple[str, int]]:
    """{village: (stage of its first unfinished step, days that step has been open)} of each
    village's newest cycle; a cycle with every step done is in the state `selesai`."""
    from django.db.models import Max
    from django.utils import timezone

    from tridaya.cycle.models import StepStatus, VillageCycle

    newest = (
        VillageCycle.objects.filter(village_id__in=codes)
        .values("village_id")
        .annotate(year=Max("program__year"))
        .order_by()
    )
    wanted = {row["village_id"]: row["year"] for row in newest}
    steps = (
        Step.objects.filter(cycle__village_id__in=codes)
        .exclude(status=StepStatus.DONE)
        .values_list("cycle__village_id", "cycle__program__year", "stage_code", "opened_at")
        .order_by("cycle__village_id", "order")
    )
    now = timezone.now()
    found: dict[str, tuple[str, int]] = {}
    for village, year, stage, opened in steps:
        if year == wanted.get(village) and village not in found:
            found[village] = (stage, (now - opened).days if opened else 0)
    for village in wanted:
        found.setdefault(village, (DONE_STATE, 0))
    return found


def _stage(codes):
    return {code: stage for code, (stage, _days) in _open_steps(codes).items()}


def _days_on_step(codes):
    return {c: days for c, (stage, days) in _open_steps(codes).items() if stage != DONE_STATE}


def _stuck(codes):
    return {c: int(days > STUCK_DAYS) for c, days in _days_on_step(codes).items()}


def _enrolled(codes):
    return dict.fromkeys(_open_steps(codes), 1)


def register_figures() -> None:
    from django.utils.translation import gettext_lazy

    from tridaya.core.figures import Figure, Rollup, register
    from tridaya.core.stages import STAGES

    states = tuple((s.slug, s.title) for s in STAGES) + ((DONE_STATE, gettext_lazy("Selesai")),)
    days = gettext_lazy("hari")
    villages = gettext_lazy("desa")
    for figure in (
        Figure(
            "cycle_villages",
            gettext_lazy("Desa dalam program"),
            villages,
            _enrolled,
            headline=True,
            order=10,
        ),
        Figure(
            "cycle_stage",
            gettext_lazy("Desa per tahap"),
            villages,
            _stage,
            rollup=Rollup.COUNT_BY_STATE,
            states=states,
            order=11,
        ),
        Figure(
            "cycle_days_on_step",
            gettext_lazy("Lama di langkah berjalan (median)"),
            days,
            _days_on_step,
            rollup=Rollup.MEDIAN,
            attention_at=STUCK_DAYS,
            order=12,
        ),
        Figure(
            "cycle_stuck",
            gettext_lazy("Desa tertahan > 90 hari"),
            villages,
            _stuck,
            headline=True,
            order=13,
        ),
    ):
        register(figure)


def village_status(village: Region) -> VillageStatus | None:
    """The village's current step and what blocks it, for its home page (None when the village
    is not enrolled)."""
    page = selectors.cycle_page(village.code, village)
    if page.cycle is None:
        return None
    if page.current is None:
        return VillageStatus(
            heading=_("Siklus PLPBK"),
            current=_("Semua langkah selesai."),
            url=reverse("cycle:timeline", args=[village.code]),
        )
    return VillageStatus(
        heading=_("Siklus PLPBK"),
        current=page.current.title,
        url=reverse("cycle:step", args=[village.code, page.current.code]),
        blockers=[r.message for r in page.blockers],
    )
