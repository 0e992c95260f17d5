"""Who may do what in pemetaan swadaya (self-help mapping)."""

# Households and surveys (PART A) ---------------------------------------------------------------
# Counts of households, people, women and poor households per village and RT are public: they
# name nobody. The list of households, their answers and the map of poor households identify
# families, so only the roles that work in or over the village see them (the same roles as the
# register of people). Within them, the head's name and NIK are personal data of a further
# degree (UU PDP 27/2022): only the roles that run the survey and act on it see them. Those same
# roles record households and import survey files; the TIPP is among them because its volunteers
# (Pokja) collect the data.
from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role  # noqa: E402
from tridaya.core.audit import register_actions
from tridaya.core.policy import register as _register  # noqa: E402

HOUSEHOLD_READERS = {
    Role.NATIONAL_ADMIN,
    Role.PROVINCE_OFFICER,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.UPK,
    Role.UPL,
    Role.UPS,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
}
HOUSEHOLD_PERSONAL_READERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
}
HOUSEHOLD_EDITORS = HOUSEHOLD_PERSONAL_READERS
VIEW_HOUSEHOLD_STATS = "mapping.view_household_stats"
VIEW_HOUSEHOLDS = "mapping.view_households"
VIEW_HOUSEHOLD_PERSONAL_DATA = "mapping.view_household_personal_data"
MANAGE_HOUSEHOLDS = "mapping.manage_households"
IMPORT_SURVEYS = "mapping.import_surveys"

_register(VIEW_HOUSEHOLD_STATS, public=True)
_register(VIEW_HOUSEHOLDS, roles=HOUSEHOLD_READERS)
_register(VIEW_HOUSEHOLD_PERSONAL_DATA, roles=HOUSEHOLD_PERSONAL_READERS)
_register(MANAGE_HOUSEHOLDS, roles=HOUSEHOLD_EDITORS)
_register(IMPORT_SURVEYS, roles=HOUSEHOLD_EDITORS)

# Problems and potentials, layers, RT profiles and slum scores (PART B) -------------------------
# The map of a village's problems and potentials, its layers and its RT slum scores are public:
# they describe places, not people, and residents follow their own baseline. Photos may show
# people and homes, so only those who hold a role in the village (or above it) see them.
# Volunteers map: the TIPP (whose Pokja are the relawan), the BKM and its environment and social
# units, the village apparatus and the facilitators, and the officers who may act anywhere in
# their region (national admin, city coordinator). Verifying a report (status) is for those who
# steer the planning: BKM, TIPP, facilitators and the officers. The province officer oversees and
# does not map.
MAPPERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.UPL,
    Role.UPS,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
}
PROBLEM_VERIFIERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.TIPP,
}
PHOTO_VIEWERS = set(Role.values)
VIEW_MAP = "mapping.view_map"
VIEW_PROBLEM_PHOTOS = "mapping.view_problem_photos"
MAP_PROBLEMS = "mapping.map_problems"
VERIFY_PROBLEMS = "mapping.verify_problems"
MANAGE_LAYERS = "mapping.manage_layers"
EDIT_SLUM_DATA = "mapping.edit_slum_data"

_register(VIEW_MAP, public=True)
_register(VIEW_PROBLEM_PHOTOS, roles=PHOTO_VIEWERS)
_register(MAP_PROBLEMS, roles=MAPPERS)
_register(VERIFY_PROBLEMS, roles=PROBLEM_VERIFIERS)
_register(MANAGE_LAYERS, roles=MAPPERS)
_register(EDIT_SLUM_DATA, roles=MAPPERS)


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "mapping.household_created": _("Rumah tangga ditambahkan"),
        "mapping.household_updated": _("Data rumah tangga diubah"),
        "mapping.household_deleted": _("Rumah tangga dihapus"),
        "mapping.survey_imported": _("Survei rumah tangga diimpor"),
        "mapping.survey_rejected": _("Impor survei ditolak"),
        "mapping.layer_imported": _("Lapisan peta diimpor"),
        "mapping.layer_replaced": _("Lapisan peta diganti"),
        "mapping.layer_updated": _("Lapisan peta diubah"),
        "mapping.layer_deleted": _("Lapisan peta dihapus"),
        "mapping.problem_created": _("Masalah atau potensi dicatat"),
        "mapping.problem_updated": _("Masalah atau potensi diubah"),
        "mapping.problem_deleted": _("Masalah atau potensi dihapus"),
        "mapping.problem_status_changed": _("Status masalah diubah"),
        "mapping.problem_photo_added": _("Foto masalah ditambahkan"),
        "mapping.problem_photo_deleted": _("Foto masalah dihapus"),
        "mapping.rt_profile_created": _("Profil RT dibuat"),
        "mapping.rt_profile_updated": _("Profil RT diubah"),
    }
)
