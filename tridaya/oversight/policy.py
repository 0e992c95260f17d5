"""Who may do what with complaints. Anyone (signed in or not) submits and follows a complaint by
its code. Handlers see the queue and the complainant's contact details for their regions; only
the level now holding a complaint acts on it (BKM, then the facilitator, the korkot, the
province, the national team), and any handler in scope may escalate it by hand."""

from __future__ import annotations

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import Viewer, assignments, covers, register
from tridaya.oversight.actions import AUDIT_ACTIONS
from tridaya.oversight.models import Complaint, Level

LEVEL_ROLES = {
    Level.BKM: {Role.BKM},
    Level.FACILITATOR: {Role.FACILITATOR},
    Level.CITY: {Role.CITY_COORDINATOR},
    Level.PROVINCE: {Role.PROVINCE_OFFICER},
    Level.NATIONAL: {Role.NATIONAL_ADMIN},
}
HANDLERS = set().union(*LEVEL_ROLES.values())


def holds_level(user: Viewer | None, obj: object) -> bool:
    """For a complaint: does the user hold the role of the level now handling it?"""
    if not isinstance(obj, Complaint):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    wanted = LEVEL_ROLES[Level(obj.level)]
    return any(
        role in wanted and covers(scope, obj.region_code) for role, scope in assignments(user)
    )


register("oversight.submit", public=True)
register("oversight.public", public=True)
# Any signed-in resident (or a tim pengawas warga member, who holds the resident role) reports.
register("oversight.monitor", roles=HANDLERS | {Role.RESIDENT, Role.VILLAGE_APPARATUS})
register("oversight.view_complaints", roles=HANDLERS)
register("oversight.handle", roles=HANDLERS, extra=holds_level)
register("oversight.escalate", roles=HANDLERS)
register(
    "oversight.audit_finding",
    roles={
        Role.FACILITATOR,
        Role.CITY_COORDINATOR,
        Role.PROVINCE_OFFICER,
        Role.NATIONAL_ADMIN,
        Role.BKM,
    },
)

register_actions(AUDIT_ACTIONS)
