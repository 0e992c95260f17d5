"""The permission matrix rules of dashboards: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route


def district(v):
    """A dashboard is a region's above the village: the demo villages' district."""
    return {"code": v.rsplit(".", 1)[0]}


RULES: dict[str, Route] = {
    "api-dashboard": Route(PUBLIC, None, params=district),
    "api-dashboard-national": Route(PUBLIC, None),
    "dashboards:national": Route("dashboards.view", "dashboards.view"),
    "dashboards:national_villages_xlsx": Route("dashboards.view", "dashboards.view"),
    "dashboards:national_xlsx": Route("dashboards.view", "dashboards.view"),
    "dashboards:provinces": Route("dashboards.view", None),
    # A national action (no region): refused as out of sight (404) to every regional role.
    "dashboards:rebuild": Route(None, "dashboards.rebuild", personal=True),
    "dashboards:region": Route("dashboards.view", "dashboards.view", params=district),
    "dashboards:region_xlsx": Route("dashboards.view", "dashboards.view", params=district),
    "dashboards:villages_xlsx": Route("dashboards.view", "dashboards.view", params=district),
}
