"""The one entry point for permissions: `can(user, action, obj)`.

The engine is `tridaya.core.policy` (so apps before `accounts` can use it too); this module
plugs in who holds which role, names role groups used across apps, and holds the rules of the
accounts app itself. Each app declares its own actions in its own `policy.py`.
"""

from typing import Any

from django.core import checks
from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.audit import register_actions
from tridaya.core.policy import (  # noqa: F401  (re-exported: the public API)
    authorize,
    can,
    in_scope,
    register,
    registered_rules,
    scope_q,
    set_role_provider,
)


def _assignments_from_db(user: Any) -> list[tuple[str, str | None]]:
    return list(user.role_assignments.order_by().values_list("role", "region_id"))


def install() -> None:
    """Called once from AccountsConfig.ready()."""
    set_role_provider(_assignments_from_db)
    register(
        "accounts.manage_roles",
        roles={Role.NATIONAL_ADMIN, Role.PROVINCE_OFFICER, Role.CITY_COORDINATOR},
    )


@checks.register()
def check_rules_name_known_roles(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    """A typo in a role name would silently deny everyone; `manage.py check` catches it."""
    known = set(Role.values)
    errors = []
    for action, rule in registered_rules().items():
        unknown = set(rule.roles) - known
        if unknown:
            errors.append(
                checks.Error(
                    f"policy action {action!r} names unknown roles {sorted(unknown)}",
                    id="tridaya.E001",
                )
            )
    return errors


# Audit actions of this app, with the labels history pages show (see tridaya.core.audit).
register_actions(
    {
        "accounts.user_created": _("Akun pengguna dibuat"),
        "accounts.role_assigned": _("Peran diberikan"),
        "accounts.role_revoked": _("Peran dicabut"),
    }
)
