"""The permission matrix rules of regions: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route

RULES: dict[str, Route] = {
    "api-region": Route(PUBLIC, None),
    "api-region-audit": Route("core.view_audit", None),
    "api-regions": Route(PUBLIC, None),
    "api-village-profile": Route(PUBLIC, "institutions.manage"),
    "api-village-units": Route(PUBLIC, None),
    "home": Route(PUBLIC, PUBLIC),
    "regions:audit": Route("core.view_audit", "core.view_audit"),
    "regions:detail": Route("regions.view", "regions.view"),
    "regions:profile_edit": Route("regions.change_profile", "regions.change_profile"),
    "regions:search": Route("regions.view", "regions.view"),
    "regions:units": Route("regions.manage_units", "regions.manage_units"),
}
