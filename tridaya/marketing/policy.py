"""Who may do what in marketing the plan.

The partner register, the pledges and the forums are written by the people who market the plan:
the BKM and the TIPP of the village, its facilitator, and the city coordinator (Korkot / Pemda,
who also runs the city's forums), with the national admin. Commitments and realisations need a
signed agreement or evidence; the BKM, the facilitator and the city coordinator record them (the
TIPP prepares pledges). Publishing the prospectus is the BKM's, the facilitator's or the city's.

The prospectus, the gap totals and the roll-ups are public: the plan is public and partners read
the offer without a login. A partner's contacts (names, phones, e-mail) are personal data, shown
only to the roles above, who need them to follow up."""

from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register

MARKETERS = {Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR, Role.FACILITATOR, Role.BKM, Role.TIPP}
COMMITTERS = {Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR, Role.FACILITATOR, Role.BKM}
CONTACT_READERS = MARKETERS | {Role.PROVINCE_OFFICER}

VIEW = "marketing.view"
VIEW_PARTNERS = "marketing.view_partners"
VIEW_CONTACTS = "marketing.view_contacts"
MANAGE_PARTNERS = "marketing.manage_partners"
PLEDGE = "marketing.pledge"
COMMIT = "marketing.commit"
PUBLISH = "marketing.publish_prospectus"
MANAGE_FORUMS = "marketing.manage_forums"

register(VIEW, public=True)
register(VIEW_PARTNERS, public=True)
register(VIEW_CONTACTS, roles=CONTACT_READERS)
register(MANAGE_PARTNERS, roles=MARKETERS)
register(PLEDGE, roles=MARKETERS)
register(COMMIT, roles=COMMITTERS)
register(PUBLISH, roles=COMMITTERS)
register(MANAGE_FORUMS, roles=MARKETERS)

# Audit actions of this app and their labels (history pages show the label).
register_actions(
    {
        "marketing.partner_created": _("Mitra didaftarkan"),
        "marketing.partner_updated": _("Data mitra diubah"),
        "marketing.contact_added": _("Kontak mitra ditambahkan"),
        "marketing.contact_removed": _("Kontak mitra dihapus"),
        "marketing.pledge_created": _("Janji pendanaan dicatat"),
        "marketing.pledge_committed": _("Komitmen pendanaan ditandatangani"),
        "marketing.pledge_realised": _("Realisasi pendanaan dicatat"),
        "marketing.pledge_withdrawn": _("Janji pendanaan dibatalkan"),
        "marketing.pledge_reverted": _("Status janji pendanaan dikembalikan"),
        "marketing.prospectus_created": _("Prospektus disusun"),
        "marketing.prospectus_published": _("Prospektus diterbitkan"),
        "marketing.prospectus_unpublished": _("Prospektus ditarik kembali"),
        "marketing.forum_recorded": _("Forum kolaborasi dicatat"),
    }
)
