"""The permission matrix rules of works: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, first, pk_of
from tridaya.works.models import ProgressEntry, WorkPackage


def package(v):
    return {"package_id": pk_of(WorkPackage, village_id=v)}


def entry(v):
    found = first(ProgressEntry, package__village_id=v)
    return {"package_id": found.package_id, "entry_id": found.pk}


def entry_step(v):
    return {**entry(v), "step": "setujui"}


def asset_step(v):
    return {**package(v), "step": "periksa"}


def bast(v):
    return {**package(v), "fmt": "docx"}


RULES: dict[str, Route] = {
    "api-works-asset": Route(PUBLIC, None, params=package),
    "api-works-beneficiaries": Route(PUBLIC, "works.manage", params=package),
    "api-works-checks": Route(None, "works.om", params=package),
    "api-works-decision": Route(None, "works.approve", params=entry),
    "api-works-entries": Route(PUBLIC, "works.report", params=package),
    "api-works-handled": Route(PUBLIC, "works.manage", params=package),
    "api-works-handover": Route(None, "works.manage", params=package),
    "api-works-iuran": Route(None, "works.om", params=package),
    "api-works-maintenance": Route(None, "works.om", params=package),
    "api-works-om-plans": Route(None, "works.om", params=package),
    "api-works-packages": Route(PUBLIC, None),
    "api-works-schedule": Route(PUBLIC, "works.manage", params=package),
    "works:asset": Route("works.view", "works.view", params=package),
    "works:asset_step": Route(None, None, params=asset_step),
    "works:assets_overdue": Route("works.om", "works.om"),
    "works:bast_file": Route("works.view", "works.view", params=bast),
    "works:beneficiaries": Route("works.view", None, params=package),
    "works:entry_new": Route(None, None, params=package),
    "works:entry_step": Route(None, None, params=entry_step),
    "works:handled": Route("works.view", "works.manage", params=package),
    "works:handover": Route("works.manage", "works.manage", params=package),
    "works:package": Route("works.view", "works.view", params=package),
    "works:package_new": Route(None, "works.manage"),
    "works:packages": Route("works.view", "works.view"),
    "works:progress_form": Route("works.report", "works.report"),
    "works:progress_import": Route("works.report", "works.report"),
    "works:reports_xlsx": Route("works.view", "works.view", params=package),
    "works:schedule": Route("works.view", None, params=package),
}
