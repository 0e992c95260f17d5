"""Who may do what with trainings.

A training's plan, modules, sessions, counts of participants (men / women / poor), costs,
average scores and follow-up plan are public: residents follow how their leaders are prepared,
and the curriculum is the program's public material. Names of participants, their attendance,
scores and certificates are not: only the roles that work in or over the village see them. The
question bank with its answer key is for those who run trainings, so participants cannot read
it before the test. Trainings are planned, run and evaluated by the BKM and the village
government with the facilitators (DOMAIN.md section 6); reopening a closed training and
revoking a certificate are for the city coordinator and the national admin. Anyone may check a
certificate's verification code."""

from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import register

PARTICIPANT_READERS = {
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
MANAGERS = {
    Role.NATIONAL_ADMIN,
    Role.CITY_COORDINATOR,
    Role.FACILITATOR,
    Role.BKM,
    Role.VILLAGE_APPARATUS,
}
OFFICERS = {Role.NATIONAL_ADMIN, Role.CITY_COORDINATOR}

VIEW = "training.view"
VIEW_PARTICIPANTS = "training.view_participants"
MANAGE = "training.manage"
VIEW_QUESTIONS = "training.view_questions"
REOPEN = "training.reopen"
REVOKE_CERTIFICATE = "training.revoke_certificate"
VERIFY_CERTIFICATE = "training.verify_certificate"
MANAGE_CURRICULUM = "training.manage_curriculum"

register(VIEW, public=True)
register(VIEW_PARTICIPANTS, roles=PARTICIPANT_READERS)
register(MANAGE, roles=MANAGERS)
register(VIEW_QUESTIONS, roles=MANAGERS)
register(REOPEN, roles=OFFICERS)
register(REVOKE_CERTIFICATE, roles=OFFICERS)
register(VERIFY_CERTIFICATE, public=True)
register(MANAGE_CURRICULUM, roles={Role.NATIONAL_ADMIN})


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "training.created": _("Pelatihan dibuat"),
        "training.updated": _("Pelatihan diubah"),
        "training.settings_updated": _("Pengaturan pelatihan diubah"),
        "training.cancelled": _("Pelatihan dibatalkan"),
        "training.closed": _("Pelatihan ditutup"),
        "training.reopened": _("Pelatihan dibuka kembali"),
        "training.curriculum_updated": _("Kurikulum diubah"),
        "training.module_updated": _("Modul diubah"),
        "training.question_saved": _("Soal disimpan"),
        "training.question_removed": _("Soal dihapus"),
        "training.sessions_planned": _("Sesi direncanakan"),
        "training.session_added": _("Sesi ditambahkan"),
        "training.session_updated": _("Sesi diubah"),
        "training.session_removed": _("Sesi dihapus"),
        "training.participant_added": _("Peserta ditambahkan"),
        "training.participants_added": _("Peserta ditambahkan bersama"),
        "training.participant_updated": _("Data peserta diubah"),
        "training.participant_removed": _("Peserta dikeluarkan"),
        "training.attendance_recorded": _("Kehadiran dicatat"),
        "training.scores_recorded": _("Nilai tes dicatat"),
        "training.answers_recorded": _("Jawaban tes dicatat"),
        "training.certificate_revoked": _("Sertifikat dicabut"),
        "training.follow_up_added": _("Tindak lanjut ditambahkan"),
        "training.follow_up_updated": _("Tindak lanjut diubah"),
        "training.follow_up_removed": _("Tindak lanjut dihapus"),
    }
)
