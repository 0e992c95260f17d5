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

from tridaya.accounts.models import Role
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
