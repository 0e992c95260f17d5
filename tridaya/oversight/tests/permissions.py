"""The permission matrix rules of oversight: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, first, pk_of
from tridaya.oversight.models import Complaint
from tridaya.works.models import WorkPackage


def complaint(v):
    return {"pk": pk_of(Complaint, village_id=v)}


def complaint_step(v):
    return {**complaint(v), "step": "langkah"}


def public_data(v):
    return {"fmt": "json"}


def monitoring(v):
    return {"package_id": pk_of(WorkPackage, village_id=v)}


def papan(v):
    return {"paper": "a3"}


def district(v):
    """The village's kecamatan (a village code gives 404: the list is of a wider region)."""
    return {"code": v.rsplit(".", 1)[0]}


def district_data(v):
    return {**district(v), "fmt": "csv"}


def tracking(v):
    return {"code": None, "tracking": first(Complaint, village_id=v).tracking_code}


RULES: dict[str, Route] = {
    "oversight:complaint": Route("oversight.handle", None, params=complaint),
    "oversight:complaint_new": Route("oversight.public", "oversight.public"),
    "oversight:complaint_step": Route(
        "oversight.handle", "oversight.handle", params=complaint_step
    ),
    "oversight:complaints": Route("oversight.handle", "oversight.handle"),
    "oversight:monitoring": Route("oversight.public", None, params=monitoring),
    "oversight:papan": Route("oversight.public", "oversight.public", params=papan),
    "oversight:public": Route("oversight.public", "oversight.public"),
    "oversight:public_data": Route("oversight.public", "oversight.public", params=public_data),
    "oversight:public_villages": Route("oversight.public", None, params=district),
    "oversight:public_villages_data": Route("oversight.public", None, params=district_data),
    "oversight:reopen": Route(None, PUBLIC, params=tracking),
    "oversight:status": Route("oversight.public", "oversight.public", params=tracking),
    "oversight:submitted": Route("oversight.public", None, ok=(302,)),
    "oversight:track": Route("oversight.public", "oversight.public"),
}
