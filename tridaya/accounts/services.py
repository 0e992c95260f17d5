"""Every write to users and roles goes through here (views, admin and commands alike)."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.errors import AccountError
from tridaya.accounts.models import Role, RoleAssignment, User
from tridaya.accounts.policy import can
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.policy import assignments, covers
from tridaya.regions.models import Region

# Who may hand out which roles: nobody grants a role at or above their own rank.
_GRANTABLE_BY: dict[str, set[str]] = {
    Role.NATIONAL_ADMIN: set(Role.values),
    Role.PROVINCE_OFFICER: set(Role.values) - {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER},
    Role.CITY_COORDINATOR: set(Role.values)
    - {Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR},
}


def _check_may_grant(actor: User | None, role: str, region: Region | None) -> None:
    if actor is None:  # management commands and the demo seed run as the system
        return
    if not can(actor, "accounts.manage_roles", region.code if region else None):
        raise PermissionDenied(_("Anda tidak berwenang mengatur peran di wilayah ini."))
    if actor.is_superuser:
        return
    code = region.code if region else None
    for held_role, scope in assignments(actor):
        if role in _GRANTABLE_BY.get(held_role, set()) and covers(scope, code):
            return
    raise PermissionDenied(
        _("Anda tidak boleh memberikan peran %(role)s.") % {"role": Role(role).label}
    )


@transaction.atomic(durable=True)
def role_assign(
    *, actor: User | None, user: User, role: str, region: Region | None
) -> RoleAssignment:
    """Give `user` the `role` over `region` (None for national roles). Idempotent."""
    return _assign(actor, user, role, region)


@transaction.atomic(durable=True)
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    _revoke(actor, assignment)


@transaction.atomic(durable=True)
def roles_change(
    *,
    actor: User | None,
    revoke: Iterable[RoleAssignment] = (),
    assign: Iterable[tuple[User, str, Region | None]] = (),
    user: User | None = None,
) -> list[RoleAssignment]:
    """Revoke and give several roles together (the admin's role lines, a changed assignment,
    a bulk delete): all of it is saved, or none if one is refused. `user`, when given, is saved
    first in the same transaction (the admin's user form with its role lines)."""
    if user is not None:
        user.full_clean()
        user.save()
    for assignment in revoke:
        _revoke(actor, assignment)
    return [_assign(actor, who, role, region) for who, role, region in assign]


def _assign(actor: User | None, user: User, role: str, region: Region | None) -> RoleAssignment:
    _check_may_grant(actor, role, region)
    existing = RoleAssignment.objects.filter(user=user, role=role, region=region).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, role=role, region=region)
    assignment.full_clean()
    assignment.save()
    record_event(
        actor=actor,
        action="accounts.role_assigned",
        obj=assignment,
        changes={"role": [None, role], "region": [None, assignment.region_id]},
        region_code=assignment.region_id or "",
    )
    return assignment


def _revoke(actor: User | None, assignment: RoleAssignment) -> None:
    _check_may_grant(actor, assignment.role, assignment.region)
    record_event(
        actor=actor,
        action="accounts.role_revoked",
        obj=assignment,
        changes={"role": [assignment.role, None], "region": [assignment.region_id, None]},
        region_code=assignment.region_id or "",
    )
    assignment.delete()


@transaction.atomic(durable=True)
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(
            _("Nama pengguna '%(username)s' sudah dipakai.") % {"username": username},
            code=AccountError.USERNAME_TAKEN,
        )
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    record_event(
        actor=actor,
        action="accounts.user_created",
        obj=user,
        changes={"username": [None, username]},
    )
    return user
