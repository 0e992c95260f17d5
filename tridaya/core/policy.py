"""The permission engine behind `accounts.policy.can`.

It lives in `core` so that every app, including the ones that come before `accounts`, can declare
rules in its own `policy.py` and check them. It knows nothing about who holds which role: the
`accounts` app plugs in a role provider in its `AppConfig.ready()`.

A rule names the roles that may take an action; a role held at region code C covers objects whose
region code is C or starts with `C.` (the Kemendagri code is a materialized path). A role held
with no region (national) covers everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

# Who asks. A service that may run as the system (imports, demo seeding, migrations) takes an
# `Actor` and passes it to `authorize`, where None means "the system, allowed". A service that
# needs a person (a signature, a role assignment) takes a `Person` and must not accept None.
Person: TypeAlias = "AbstractUser"
Viewer: TypeAlias = "AbstractUser | AnonymousUser"
Actor: TypeAlias = "AbstractUser | AnonymousUser | None"
_M = TypeVar("_M", bound=Model)

# (role, region code or None for national) pairs held by a user.
Assignment = tuple[str, str | None]
RoleProvider = Callable[[Any], list[Assignment]]
Extra = Callable[[Any, Any], bool]

_rules: dict[str, Rule] = {}
_role_provider: RoleProvider = lambda user: []  # noqa: E731  replaced by accounts


@dataclass(frozen=True)
class Rule:
    """Who may take one action. `roles` act on objects inside their region; `public` lets anyone
    (anonymous too); `extra` adds a condition on the object (for example 'only while draft')."""

    roles: frozenset[str] = field(default_factory=frozenset)
    public: bool = False
    extra: Callable[[Any, Any], bool] | None = None


def register(
    action: str, *, roles: Iterable[str] = (), public: bool = False, extra: Extra | None = None
) -> None:
    if action in _rules:
        raise ImproperlyConfigured(f"policy action {action!r} registered twice")
    _rules[action] = Rule(roles=frozenset(roles), public=public, extra=extra)


def registered_rules() -> dict[str, Rule]:
    return dict(_rules)


def set_role_provider(provider: RoleProvider) -> None:
    global _role_provider
    _role_provider = provider


def region_code_of(obj: Any) -> str | None:
    """Objects expose `region_code`; a bare code string stands for itself; None is 'nowhere'."""
    if obj is None or isinstance(obj, str):
        return obj
    return getattr(obj, "region_code", None)


def covers(scope_code: str | None, code: str | None) -> bool:
    """Does a role held at `scope_code` (None = national) reach an object at `code`?"""
    if scope_code is None:
        return True
    if code is None:
        return False
    return code == scope_code or code.startswith(scope_code + ".")


def assignments(user: Viewer | None) -> list[Assignment]:
    """The user's (role, region) pairs, read once per user object (one query per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_tridaya_assignments", None)
    if cached is None:
        cached = list(_role_provider(user))
        setattr(user, "_tridaya_assignments", cached)  # noqa: B010  (per-request cache)
    return cached


def in_scope(user: Viewer | None, obj: Any) -> bool:
    """Does any of the user's roles reach the object's region?"""
    if user is not None and user.is_authenticated and user.is_superuser:
        return True
    code = region_code_of(obj)
    return any(covers(scope, code) for _role, scope in assignments(user))


def can(user: Viewer | None, action: str, obj: Any = None) -> bool:
    """May `user` take `action` on `obj`? Unknown actions are refused loudly."""
    try:
        rule = _rules[action]
    except KeyError:
        raise ImproperlyConfigured(f"unknown policy action {action!r}") from None
    if rule.extra is not None and not rule.extra(user, obj):
        return False
    if rule.public:
        return True
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    code = region_code_of(obj)
    return any(role in rule.roles and covers(scope, code) for role, scope in assignments(user))


def authorize(actor: Actor, action: str, obj: Any, *, visible: bool | None = None) -> None:
    """Raise Http404 when the object is outside the actor's sight (no existence leak), and
    PermissionDenied (403) when they can see it but may not take the action.

    `actor=None` is the system (an import, the demo seeder, a migration): always allowed, but the
    action must still be a registered one. An anonymous visitor is `AnonymousUser`, never None."""
    if actor is None:
        if action not in _rules:
            raise ImproperlyConfigured(f"unknown policy action {action!r}")
        return
    user = actor
    if can(user, action, obj):
        return
    if visible is None:
        visible = in_scope(user, obj)
    if not visible:
        raise Http404
    raise PermissionDenied


def authorize_any(actor: Actor, actions: Iterable[str], obj: Any) -> None:
    """`authorize` for a page whose buttons each need one of `actions` (their services check
    which): refuse, before anything posted is read, whoever may take none of them."""
    actions = list(actions)
    if actor is None or any(can(actor, action, obj) for action in actions):
        return
    authorize(actor, actions[0], obj)


def scope_q(user: Viewer | None, code_field: str) -> Q:
    """A filter keeping rows whose `code_field` lies inside the user's regions."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return Q()
    scopes = {scope for _role, scope in assignments(user)}
    if None in scopes:
        return Q()
    q = Q(pk__in=[])  # matches nothing: a user with no role sees no row
    for scope in sorted(s for s in scopes if s is not None):
        q |= Q(**{code_field: scope}) | Q(**{f"{code_field}__startswith": scope + "."})
    return q


def visible(
    user: Viewer | None, action: str, queryset: QuerySet[_M], *, code_field: str
) -> QuerySet[_M]:
    """The list side of `can`: `queryset` filtered to the rows whose region (`code_field`, a
    lookup path to a Kemendagri code) lies inside a region where the user holds a role allowed to
    take `action`. Public actions and superusers see every row; nobody else sees rows outside
    their regions. A rule's `extra` condition is about one object (its state) and is not applied
    here: check it with `can` on the object."""
    try:
        rule = _rules[action]
    except KeyError:
        raise ImproperlyConfigured(f"unknown policy action {action!r}") from None
    if rule.public:
        return queryset
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    scopes = {scope for role, scope in assignments(user) if role in rule.roles}
    if None in scopes:
        return queryset
    if not scopes:
        return queryset.none()
    q = Q()
    for scope in sorted(s for s in scopes if s is not None):
        q |= Q(**{code_field: scope}) | Q(**{f"{code_field}__startswith": scope + "."})
    return queryset.filter(q)


# Actions of the core app itself.
AUDIT_READERS = {
    "national_admin",
    "province_officer",
    "city_coordinator",
    "facilitator",
    "bkm",
    "upk",
    "village_apparatus",
}
register("core.view_audit", roles=AUDIT_READERS)
# The client address recorded with each change is personal data: the national admin only.
register("core.view_audit_ip", roles={"national_admin"})
