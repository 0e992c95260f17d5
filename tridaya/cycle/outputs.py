"""Outputs the cycle checks itself, from the apps it may read (institutions)."""

from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.cycle.gates import register_output
from tridaya.cycle.models import Step
from tridaya.institutions.selectors import tipp_view


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
