"""Who may do what in the PLPBK cycle. A village's timeline, its meetings' counts and decisions
are public (residents follow their own process); attendance lists name people and are not."""

from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register

OFFICERS = {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR}
MEETING_RECORDERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.TIPP,
    Role.VILLAGE_APPARATUS,
}
SIGNERS = set(Role.values) - {Role.RESIDENT, Role.KSM}

register("cycle.view", public=True)
register("cycle.enrol", roles=OFFICERS)
register("cycle.record_meeting", roles=MEETING_RECORDERS)
register("cycle.view_attendees", roles=MEETING_RECORDERS | {Role.PROVINCE_OFFICER})
register("cycle.upload_document", roles=MEETING_RECORDERS | {Role.UPK, Role.UPL, Role.UPS})
register("cycle.sign", roles=SIGNERS)
register(
    "cycle.complete_step",
    roles={Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR, Role.FACILITATOR, Role.BKM},
)

register("cycle.override_gate", roles={Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR})
register("cycle.withdraw_signoff", roles={Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR})


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "cycle.enrolled": _("Desa didaftarkan dalam siklus"),
        "cycle.meeting_recorded": _("Pertemuan dicatat"),
        "cycle.meeting_updated": _("Pertemuan diubah"),
        "cycle.meeting_photo_added": _("Foto pertemuan ditambahkan"),
        "cycle.document_uploaded": _("Dokumen langkah diunggah"),
        "cycle.signed": _("Langkah ditandatangani"),
        "cycle.signoff_withdrawn": _("Tanda tangan ditarik"),
        "cycle.gate_overridden": _("Syarat langkah dikesampingkan"),
        "cycle.step_completed": _("Langkah selesai"),
    }
)
