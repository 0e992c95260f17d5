"""The permission matrix rules of accounts: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, SIGNED_IN, Route


def reset_token(v):
    return {"uidb64": "MQ", "token": "set-password"}


RULES: dict[str, Route] = {
    "accounts:login": Route(PUBLIC, PUBLIC, ok=(200, 302)),
    "accounts:me": Route(SIGNED_IN, SIGNED_IN),
    "accounts:password_change": Route(SIGNED_IN, SIGNED_IN),
    "accounts:password_change_done": Route(SIGNED_IN, None),
    "accounts:password_reset": Route(PUBLIC, PUBLIC),
    "accounts:password_reset_complete": Route(PUBLIC, None),
    "accounts:password_reset_confirm": Route(PUBLIC, PUBLIC, params=reset_token),
    "accounts:password_reset_done": Route(PUBLIC, None),
}
