"""Who may do what with a village's people and institutions.

Institutions and the names of their members are public: the community must know who leads it.
The register of a village's people is not: it names every resident the village has recorded,
most of whom hold no office, and a resident's name tied to their village is personal data
(UU PDP 27/2022, DESIGN.md rule 13). Only the roles that work in or over the village need the
register, to pick members, plan and report: the national admin, province officers, city
coordinators, facilitators, the BKM and its units (UPK, UPL, UPS), the TIPP and the village
apparatus. Residents and KSM members do not; they see the institutions and their members like
everyone else.

Within the register, a person's NIK, phone number, birth year, education, poverty status and
disability are personal data of a further degree: only the roles that need them see them;
everyone else who may open the register gets the masked NIK and nothing else. Changing people
and institutions is for those who work in or over the village.
"""

from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register

PEOPLE_READERS = {
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
PERSONAL_DATA_READERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.VILLAGE_APPARATUS,
}
MANAGERS = {
    Role.NATIONAL_ADMIN,
    Role.PROVINCE_OFFICER,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.VILLAGE_APPARATUS,
}
VIEW = "institutions.view"
VIEW_PEOPLE = "institutions.view_people"
MANAGE = "institutions.manage"
VIEW_PERSONAL_DATA = "institutions.view_personal_data"
# A household survey sets the poverty status of the registered people who head the households;
# whoever may import the survey (the TIPP's volunteers collect it) may do that.
MARK_HOUSEHOLD_HEADS = "institutions.mark_household_heads"

register(VIEW, public=True)
register(VIEW_PEOPLE, roles=PEOPLE_READERS)
register(MANAGE, roles=MANAGERS)
register(VIEW_PERSONAL_DATA, roles=PERSONAL_DATA_READERS)
register(MARK_HOUSEHOLD_HEADS, roles=MANAGERS | {Role.TIPP})

# Personal data rights (UU PDP 27/2022). Exporting a person's data for them (the right of
# access) is for the roles that already read it; erasing or pseudonymising it, and reading who
# has seen their NIK, are for the data controller's officers above the village.
PDP_OFFICERS = {Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR}
EXPORT_PERSONAL_DATA = "institutions.export_personal_data"
ERASE_PERSONAL_DATA = "institutions.erase_personal_data"
VIEW_NIK_ACCESS = "institutions.view_nik_access"
register(EXPORT_PERSONAL_DATA, roles=PDP_OFFICERS | {Role.FACILITATOR})
register(ERASE_PERSONAL_DATA, roles=PDP_OFFICERS)
register(VIEW_NIK_ACCESS, roles=PDP_OFFICERS)


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "institutions.person_created": _("Warga didaftarkan"),
        "institutions.person_updated": _("Data warga diubah"),
        "institutions.household_heads_marked": _("Status kemiskinan kepala KK diperbarui"),
        "institutions.bkm_saved": _("BKM disimpan"),
        "institutions.bkm_member_added": _("Anggota BKM ditambahkan"),
        "institutions.bkm_member_removed": _("Anggota BKM dikeluarkan"),
        "institutions.election_recorded": _("Pemilihan BKM dicatat"),
        "institutions.election_meeting_linked": _("Pemilihan dihubungkan dengan rembug"),
        "institutions.up_unit_created": _("UP dibentuk"),
        "institutions.up_staff_added": _("Pengelola UP ditambahkan"),
        "institutions.up_staff_removed": _("Pengelola UP dikeluarkan"),
        "institutions.tipp_saved": _("TIPP disimpan"),
        "institutions.tipp_member_added": _("Anggota TIPP ditambahkan"),
        "institutions.tipp_member_removed": _("Anggota TIPP dikeluarkan"),
        "institutions.pokja_created": _("Pokja dibentuk"),
        "institutions.pokja_member_added": _("Anggota Pokja ditambahkan"),
        "institutions.pokja_member_removed": _("Anggota Pokja dikeluarkan"),
        "institutions.ksm_created": _("KSM dibentuk"),
        "institutions.ksm_updated": _("KSM diubah"),
        "institutions.ksm_member_added": _("Anggota KSM ditambahkan"),
        "institutions.ksm_member_removed": _("Anggota KSM dikeluarkan"),
        "institutions.kpp_created": _("KPP dibentuk"),
        "institutions.kpp_updated": _("KPP diubah"),
        "institutions.kpp_member_added": _("Anggota KPP ditambahkan"),
        "institutions.kpp_member_removed": _("Anggota KPP dikeluarkan"),
        "institutions.person_data_exported": _("Data pribadi warga diekspor"),
        "institutions.person_pseudonymised": _("Data pribadi warga disamarkan"),
        "institutions.person_erased": _("Data pribadi warga dihapus"),
    }
)
