"""The permission matrix over every route: the rule types each app's `tests/permissions.py` uses,
the viewers, the route and operation enumeration, and the expected answer of one request.

Each app owns a `tests/permissions.py` with `RULES: dict[str, Route]`, keyed by URL name (with its
namespace). A route's rule says who may read it (GET) and who may write (the unsafe methods it
serves), either as a registered policy action (its roles, held over the target's region) or as one
of the fixed audiences below, and how to fill its path parameters with demo objects of a village.
`test_permission_matrix.py` collects them all, fails on a route without a rule or a rule without a
route, and asks every route as every viewer against the demo village and its neighbour.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tridaya.core.policy import covers, registered_rules

BAJUR = "52.01.08.2006"  # the demo village: the village roles below hold it
TERONG_TAWAH = "52.01.08.2007"  # its neighbour in the same district, with its own demo data
TARGETS = {"own": BAJUR, "neighbour": TERONG_TAWAH}

# The viewers: anonymous, every village role of the demo village, then the officers above it.
VIEWERS = {
    "anonymous": None,
    "resident": "warga.bajur",
    "bkm": "bkm.bajur",
    "upk": "upk.bajur",
    "upl": "upl.bajur",
    "ups": "ups.bajur",
    "tipp": "tipp.bajur",
    "apparatus": "aparat.bajur",
    "ksm": "ksm.bajur",
    "facilitator": "fasilitator.bajur",
    "korkot": "korkot.lobar",
    "province": "provinsi.ntb",
    "admin": "admin",
}

UNSAFE = ("post", "put", "patch", "delete")


@dataclass(frozen=True)
class Who:
    """An audience: everyone (`public`), anyone signed in, staff (Django's admin site), or the
    holders of `roles` over the target's region. A superuser is in every audience."""

    label: str
    roles: frozenset[str] = frozenset()
    public: bool = False
    signed_in: bool = False
    staff: bool = False


PUBLIC = Who("publik", public=True)
SIGNED_IN = Who("siapa pun yang masuk", signed_in=True)
STAFF = Who("staf (situs admin)", staff=True)
SUPERUSER = Who("superuser saja")


def roles(*names: str) -> Who:
    return Who(" ".join(sorted(names)), roles=frozenset(names))


def policy(action: str) -> Who:
    """The roles of a registered policy action (its `extra` condition on the object is the app's
    own test's business)."""
    rule = registered_rules()[action]
    return Who(action, roles=frozenset(rule.roles), public=rule.public)


def any_of(*actions: str) -> Who:
    """A page whose buttons each need one of `actions` (see `authorize_any`)."""
    rules = [registered_rules()[action] for action in actions]
    return Who(
        " | ".join(actions),
        roles=frozenset().union(*(rule.roles for rule in rules)),
        public=any(rule.public for rule in rules),
    )


Audience = str | Who  # a policy action name, or a Who
Params = Callable[[str], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    """Who may `read` (GET) and who may `write` (every unsafe method the route serves); None
    when the route serves no such method. `params(village_code)` gives the path parameters
    (`code` defaults to the village). `ok` is the answer an allowed GET gets."""

    read: Audience | None
    write: Audience | None = None
    params: Params | None = None
    ok: tuple[int, ...] = (200,)
    login: str = "page"  # how an anonymous visitor is refused: "page" (login redirect), "api"
    writes: dict[str, Audience] = field(default_factory=dict)  # per-method override of write
    personal: bool = False  # the object belongs to a person, not a region (a job)
    hole: str = ""  # a known hole, still open: its failing checks are expected (xfail)


# Known holes, named in the rules until fixed (the check then passes and the mark must go).
VALIDATES_FIRST = "validates the input before authorizing (400 or a form error, not 403/404)"
SERVER_ERROR = "answers 500 to an allowed GET (a serializer bug, for the API fuzzing work)"


def audience(value: Audience) -> Who:
    return value if isinstance(value, Who) else policy(value)


# --- enumeration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlRoute:
    name: str
    pattern: str
    callback: Any


def _walk(patterns: list[Any], prefix: str, namespace: str | None) -> Iterator[UrlRoute]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = p.name or f"<unnamed {prefix}{p.pattern}>"
            if namespace and p.name:
                name = f"{namespace}:{p.name}"
            yield UrlRoute(name, prefix + str(p.pattern), p.callback)


def url_routes() -> dict[str, UrlRoute]:
    """Every route of the URL resolver, by name (an unnamed route gets a name from its pattern,
    so it still needs a rule)."""
    return {r.name: r for r in _walk(get_resolver().url_patterns, "/", None)}


def collected_rules() -> dict[str, Route]:
    """The union of every installed app's `tests/permissions.py` RULES; a name twice fails."""
    rules: dict[str, Route] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("tridaya."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.permissions")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.permissions":
                raise
            continue
        for name, rule in module.RULES.items():
            assert name not in rules, f"{name} has rules in two apps"
            rules[name] = rule
    return rules


def rule_for(name: str, rules: dict[str, Route]) -> Route | None:
    """A route's own rule, else its namespace's (`admin:*`: Django's admin site as a whole)."""
    if name in rules:
        return rules[name]
    if name.startswith("<unnamed /admin/"):
        return rules.get("admin:<unnamed>")
    return rules.get(name.split(":", 1)[0] + ":*") if ":" in name else None


# Path parameters of the admin site's routes: any value; the refusal comes before the lookup.
GENERIC_PARAMS = {
    "object_id": "1",
    "app_label": "accounts",
    "content_type_id": "1",
    "id": "1",
    "url": "x/",
}


def served_methods(route: UrlRoute) -> set[str]:
    """The methods a DRF view class answers (lower case); None for a plain function view."""
    cls = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    if cls is None:
        return set()
    return {m for m in ("get", *UNSAFE) if hasattr(cls, m)}


# --- expectations --------------------------------------------------------------------------

ALLOW, LOGIN, FORBIDDEN, HIDDEN = "allow", "login", "forbidden", "hidden"


def verdict(who: Who, user: Any, assignments: list[tuple[str, str | None]], target: str) -> str:
    """What the rule says for `user` (None: anonymous) on an object of region `target`."""
    if who.public:
        return ALLOW
    if user is None:
        return LOGIN
    if who.signed_in or user.is_superuser:
        return ALLOW
    if who.staff:
        return ALLOW if user.is_staff else LOGIN
    if any(role in who.roles and covers(scope, target) for role, scope in assignments):
        return ALLOW
    if any(covers(scope, target) for _role, scope in assignments):
        return FORBIDDEN
    return HIDDEN


# --- path parameters from demo objects -----------------------------------------------------


def first(model: Any, **filters: Any) -> Any:
    """The first (lowest pk) demo object matching `filters`, or fail naming what is missing."""
    found = model._default_manager.filter(**filters).order_by("pk").first()
    assert found is not None, f"no demo {model.__name__} with {filters}"
    return found


def pk_of(model: Any, **filters: Any) -> int:
    return first(model, **filters).pk
