from __future__ import annotations

from django.db.models import QuerySet

from tridaya.accounts.models import RoleAssignment, User
from tridaya.core.policy import Viewer, assignments
from tridaya.regions.models import Region


def places_of(user: Viewer | None) -> list[Region]:
    """Regions where the user holds a role (national roles have none), most local first."""
    codes = {scope for _role, scope in assignments(user) if scope}
    if not codes:
        return []
    return sorted(Region.objects.filter(code__in=codes), key=lambda r: (-r.level, r.name))


def assignments_of(user: User) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("region")
