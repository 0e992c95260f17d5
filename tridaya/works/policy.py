"""Who may do what with the works. A KSM reports (field reports, progress drafts, photos) only
for its own packages; facilitators and the korkot approve or return progress and rate quality;
BKM/UPL and facilitators set packages up and hand them over; residents and the public read
(named beneficiaries only for the roles that need them)."""

from __future__ import annotations

from tridaya.accounts.models import Role, User
from tridaya.core.audit import register_actions
from tridaya.core.policy import Viewer, register
from tridaya.works.actions import AUDIT_ACTIONS

MANAGERS = {Role.BKM, Role.UPL, Role.FACILITATOR}
APPROVERS = {Role.FACILITATOR, Role.CITY_COORDINATOR}
OFFICERS = {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR}
PERSONAL = MANAGERS | APPROVERS | OFFICERS | {Role.VILLAGE_APPARATUS}


def reports_for(user: Viewer | None, package: object) -> bool:
    """Is the user a reporter of the package's KSM? (superusers always; one query per user,
    cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if not isinstance(user, User):  # an authenticated viewer is always an accounts.User
        return False
    cached = getattr(user, "_works_ksm_ids", None)
    if cached is None:
        from tridaya.works.models import KsmReporter

        cached = set(KsmReporter.objects.filter(user=user).values_list("ksm_id", flat=True))
        setattr(user, "_works_ksm_ids", cached)  # noqa: B010  (per-user cache)
    return getattr(package, "ksm_id", None) in cached


register("works.view", public=True)
register("works.view_personal", roles=PERSONAL)
register("works.manage", roles=MANAGERS)
register("works.report", roles={Role.KSM}, extra=reports_for)
register("works.approve", roles=APPROVERS)
# Importing a KoBo / ODK export of the progress form (each row then needs works.report on its
# package: a KSM's rows for another KSM's package are refused row by row).
register("works.import_progress", roles={Role.KSM})
register("works.om", roles=MANAGERS | APPROVERS)

register_actions(AUDIT_ACTIONS)
