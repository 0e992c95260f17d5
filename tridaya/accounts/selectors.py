from __future__ import annotations

from django.db.models import QuerySet

from tridaya.accounts.models import Role, RoleAssignment, User
from tridaya.core.policy import Viewer, assignments
from tridaya.regions.models import Region


def places_of(user: Viewer | None) -> list[Region]:
    """Regions where the user holds a role (national roles have none), most local first."""
    codes = {scope for _role, scope in assignments(user) if scope}
    if not codes:
        return []
    return sorted(Region.objects.filter(code__in=codes), key=lambda r: (-r.level, r.name))


# Roles whose holders work with the data through the API (integrators, officers, village teams);
# residents and KSM members are not offered the link.
NOT_API_ROLES = {Role.RESIDENT, Role.KSM}


def uses_the_api(user: Viewer | None) -> bool:
    """Is the API link worth showing to this user?"""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(role not in NOT_API_ROLES for role, _scope in assignments(user))


def assignments_of(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("region")
