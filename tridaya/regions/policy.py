"""Who may do what with regions. Region pages are public (official data); changing a village's
profile or its RW/RT units is for the people who work in or over that village.

Role names are the values of `accounts.models.Role` (this app comes before `accounts` and cannot
import it; `manage.py check` verifies the names)."""

from django.utils.translation import gettext_lazy as _

from tridaya.core.audit import register_actions
from tridaya.core.policy import register

PROFILE_EDITORS = {
    "national_admin",
    "province_officer",
    "city_coordinator",
    "facilitator",
    "bkm",
    "village_apparatus",
}
UNIT_EDITORS = PROFILE_EDITORS | {"tipp"}

register("regions.view", public=True)
register("regions.change_profile", roles=PROFILE_EDITORS)
register("regions.manage_units", roles=UNIT_EDITORS)


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "regions.profile_updated": _("Profil desa diubah"),
        "regions.rw_saved": _("RW disimpan"),
        "regions.rt_saved": _("RT disimpan"),
        "regions.rt_deleted": _("RT dihapus"),
    }
)
