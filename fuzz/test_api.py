"""Every operation of the OpenAPI schema, as an anonymous caller and as the BKM of the demo
village: no server error, responses as documented (status, content type, body) and a message in
every 4xx. Path parameters are real demo codes and ids most of the time (REAL_PARAMETERS), so cases
reach the handlers, not only 404s.

Examples per operation: TRIDAYA_FUZZ_EXAMPLES (scripts/test.sh runs a short pass in CI, `make
fuzz` a long one)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.apps import apps
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fuzz.conftest import BKM_USERNAME
from fuzz.tally import TALLY
from tridaya.wsgi import application

EXAMPLES = int(os.environ.get("TRIDAYA_FUZZ_EXAMPLES", "10"))
DEMO_VILLAGE = "52.01.08.2006"
# Other codes a path may name: the neighbour village, its kecamatan, regency, province.
OTHER_CODES = ["52.01.08.2007", "52.01.08", "52.01", "52"]

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

# (the literal segment before a path parameter, its name) -> (model, field with the value).
# `members/{id}` is told apart by the segment before `members` (bkm, kpp, pokja, tipp, ksm).
# Every path parameter has an entry; only finance proposals have no row in the demo (their
# operations get generated ids only).
REAL_PARAMETERS: dict[tuple[str, str], tuple[str, str]] = {
    ("certificates", "code"): ("training.Certificate", "code"),
    ("price-lists", "list_id"): ("planning.PriceList", "pk"),
    ("price-lists/items", "item_id"): ("planning.PriceItem", "pk"),
    ("rab", "item_id"): ("planning.RABItem", "pk"),
    ("trainings", "id"): ("training.Training", "pk"),
    ("follow-ups", "follow_up_id"): ("training.FollowUpAction", "pk"),
    ("participants", "participant_id"): ("training.Participant", "pk"),
    ("sessions", "session_id"): ("training.Session", "pk"),
    ("bkm/members", "id"): ("institutions.BKMMember", "pk"),
    ("kpp/members", "id"): ("institutions.KPPMember", "pk"),
    ("pokja/members", "id"): ("institutions.PokjaMember", "pk"),
    ("tipp/members", "id"): ("institutions.TIPPMember", "pk"),
    ("ksm/members", "id"): ("institutions.KSMMember", "pk"),
    ("ksm", "id"): ("institutions.KSM", "pk"),
    ("staff", "id"): ("institutions.UPStaff", "pk"),
    ("people", "id"): ("institutions.Person", "pk"),
    ("steps", "step_code"): ("cycle.Step", "code"),
    ("signoffs", "signoff_id"): ("cycle.SignOff", "pk"),
    ("meetings", "meeting_id"): ("cycle.Meeting", "pk"),
    ("lpjs", "id"): ("finance.Lpj", "pk"),
    ("proposals", "id"): ("finance.Proposal", "pk"),
    ("requests", "id"): ("finance.DisbursementRequest", "pk"),
    ("vouchers", "id"): ("finance.Voucher", "pk"),
    ("households", "id"): ("mapping.Household", "pk"),
    ("layers", "id"): ("mapping.Layer", "pk"),
    ("problems", "id"): ("mapping.Problem", "pk"),
    ("survey-imports", "id"): ("mapping.ImportBatch", "pk"),
    ("rt-profiles", "rt_pk"): ("mapping.RTProfile", "rt_id"),
    ("rt-profiles", "year"): ("mapping.RTProfile", "year"),
    ("kawasan", "id"): ("planning.PriorityArea", "pk"),
    ("plans", "plan_id"): ("planning.Plan", "pk"),
    ("versions", "number"): ("planning.PlanVersion", "number"),
    ("activities", "activity_id"): ("planning.Activity", "pk"),
    ("feedback", "feedback_id"): ("planning.Feedback", "pk"),
    ("versions/items", "row_id"): ("planning.InvestmentRow", "pk"),
    ("priority-rounds", "id"): ("planning.PriorityRound", "pk"),
    ("ballots", "ballot_id"): ("planning.Ballot", "pk"),
    ("options", "option_id"): ("planning.PriorityOption", "pk"),
    ("partners", "id"): ("marketing.Partner", "pk"),
    ("pledges", "id"): ("marketing.Pledge", "pk"),
    ("packages", "package_id"): ("works.WorkPackage", "pk"),
    ("entries", "entry_id"): ("works.ProgressEntry", "pk"),
}


def _keys(path: str) -> dict[str, tuple[str, str]]:
    """Each path parameter -> the lookup keys of REAL_PARAMETERS it may match, most specific
    first: `.../kpp/members/{id}/` -> {"code": ..., "id": ("kpp/members", "members")}."""
    parts = path.strip("/").split("/")
    keys: dict[str, tuple[str, str]] = {}
    for index, part in enumerate(parts):
        if not part.startswith("{"):
            continue
        literals = [p for p in parts[:index] if not p.startswith("{")]
        before = literals[-1] if literals else ""
        pair = f"{literals[-2]}/{before}" if len(literals) > 1 else before
        keys[part.strip("{}")] = (pair, before)
    return keys


# (model, field) -> the demo's values, read once from the seeded database before any case runs
# (a case's own writes are rolled back, so they never end up here).
_REAL_VALUES: dict[tuple[str, str], list] = {}


@pytest.fixture(scope="session", autouse=True)
def _read_real_values(django_db_setup, django_db_blocker) -> None:
    with django_db_blocker.unblock():
        for model_label, field in set(REAL_PARAMETERS.values()):
            model = apps.get_model(model_label)
            rows = model.objects.order_by("-pk").values_list(field, flat=True).distinct()[:8]
            _REAL_VALUES[(model_label, field)] = list(rows)


def _values(model_label: str, field: str) -> list:
    return _REAL_VALUES[(model_label, field)]


def real_path_parameters(path: str) -> dict[str, list]:
    """The demo's values for each path parameter of `path` (codes, ids) that has some."""
    found: dict[str, list] = {}
    for name, candidates in _keys(path).items():
        if name == "code" and not path.startswith("/api/v1/certificates/"):
            found[name] = [DEMO_VILLAGE, DEMO_VILLAGE, DEMO_VILLAGE, *OTHER_CODES]
            continue
        for candidate in candidates:
            if (candidate, name) in REAL_PARAMETERS:
                values = _values(*REAL_PARAMETERS[(candidate, name)])
                if values:
                    found[name] = values
                break
    return found


@schemathesis.check
def client_error_has_message(ctx, response, case):
    """A 4xx tells what went wrong: a JSON object with a non-empty `detail` or field messages."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except ValueError as error:
        raise AssertionError(f"{response.status_code} without a JSON message") from error
    if not isinstance(body, dict) or not body or not any(body.values()):
        raise AssertionError(f"{response.status_code} without a message: {body!r}")
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    client_error_has_message,
]


@pytest.fixture(params=["anonymous", "bkm"], ids=["anonymous", "bkm"])
def caller(request, bkm_token) -> dict[str, str]:
    if request.param == "anonymous":
        return {}
    return {"Authorization": f"Token {bkm_token}"}


@schema.parametrize()
@schema.given(data=st.data())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api(case, data, caller):
    real = real_path_parameters(case.operation.path)
    # Four cases in five name real demo codes and ids; the rest keep what was generated.
    if real and data.draw(st.integers(0, 4), label="real ids") > 0:
        for name, values in real.items():
            case.path_parameters[name] = data.draw(st.sampled_from(values), label=name)
    response = case.call_and_validate(headers=caller, checks=CHECKS)
    TALLY.count(case.operation.label, response.status_code)


@pytest.mark.django_db
def test_bkm_is_the_demo_bkm(bkm_token):
    """The token the fuzzer signs in with belongs to the BKM of the demo village."""
    from rest_framework.authtoken.models import Token

    assert Token.objects.get(key=bkm_token).user.username == BKM_USERNAME
