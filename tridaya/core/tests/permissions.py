"""The permission matrix rules of core: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.models import Job
from tridaya.core.tests.permission_matrix import PUBLIC, STAFF, SUPERUSER, Route, first, pk_of
from tridaya.finance.models import Voucher


def job(v):
    return {"pk": pk_of(Job)}


def audit_object(v):
    """The history of the village itself (any model with a region code would do)."""
    return {"object_type": "regions.region", "object_id": v}


def voucher_evidence_file(v):
    """A protected stored file: a voucher's evidence, served after finance's own rule."""
    return {"name": first(Voucher, village_id=v, evidence__gt="").evidence.name}


RULES: dict[str, Route] = {
    # Django's admin site as a whole: staff only (each admin page checks `is_staff` before
    # anything else); its login and logout are open; its unnamed routes are the old
    # `<object_id>/` redirects to the change page and the catch-all (404 for staff).
    # (403: deleting from the admin is disabled; 404: view_on_site of a made-up object.)
    "admin:*": Route(STAFF, STAFF, ok=(200, 302, 403, 404)),
    "admin:login": Route(PUBLIC, PUBLIC, ok=(200, 302)),
    "admin:logout": Route(None, PUBLIC),
    "admin:<unnamed>": Route(PUBLIC, None, ok=(302, 404)),
    "<unnamed /favicon.ico>": Route(PUBLIC, None, ok=(302,)),
    "accounts:logout": Route(None, PUBLIC),
    "api-docs": Route(PUBLIC, None),
    "api-schema": Route(PUBLIC, None),
    "api-token": Route(None, PUBLIC),
    "cycle_guide": Route(PUBLIC, PUBLIC),
    "healthz": Route(PUBLIC, None),
    "job_detail": Route(SUPERUSER, None, params=job, personal=True),
    "object_audit": Route("core.view_audit", "core.view_audit", params=audit_object),
    "upload_file": Route("finance.view_books", None, params=voucher_evidence_file),
    "readyz": Route(PUBLIC, None),
    "set_language": Route(PUBLIC, PUBLIC, ok=(302,)),
}
