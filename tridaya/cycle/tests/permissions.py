"""The permission matrix rules of cycle: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, any_of, first, pk_of
from tridaya.cycle.models import Meeting, SignOff


def step(v):
    return {"step_code": "sosialisasi"}


def meeting(v):
    return {"meeting_id": pk_of(Meeting, village_id=v)}


def meeting_file(v):
    return {**meeting(v), "fmt": "docx"}


def signoff(v):
    found = first(SignOff, step__cycle__village_id=v)
    return {"step_code": found.step.code, "signoff_id": found.pk}


RULES: dict[str, Route] = {
    "api-cycle": Route(PUBLIC, "cycle.enrol"),
    "api-meeting": Route(PUBLIC, None, params=meeting),
    "api-meetings": Route(PUBLIC, "cycle.record_meeting"),
    "api-signoff-withdraw": Route(None, "cycle.withdraw_signoff", params=signoff),
    "api-step": Route(PUBLIC, None, params=step),
    "api-step-complete": Route(None, "cycle.complete_step", params=step),
    "api-step-override": Route(None, "cycle.override_gate", params=step),
    "api-step-sign": Route(None, "cycle.sign", params=step),
    "cycle:attendance_sheet": Route("cycle.view", "cycle.view", params=meeting),
    "cycle:berita_acara": Route("cycle.view", "cycle.view", params=meeting_file),
    "cycle:meeting": Route("cycle.view", "cycle.view", params=meeting),
    "cycle:meeting_action": Route(None, "cycle.record_meeting", params=meeting),
    "cycle:meeting_edit": Route("cycle.record_meeting", "cycle.record_meeting", params=meeting),
    "cycle:meeting_new": Route("cycle.record_meeting", "cycle.record_meeting"),
    "cycle:meetings": Route("cycle.view", "cycle.view"),
    "cycle:region_cycles": Route("cycle.view", "cycle.view"),
    "cycle:register_search": Route("cycle.record_meeting", "cycle.record_meeting"),
    "cycle:step": Route("cycle.view", "cycle.view", params=step),
    "cycle:step_action": Route(
        None,
        any_of(
            "cycle.sign",
            "cycle.upload_document",
            "cycle.complete_step",
            "cycle.override_gate",
            "cycle.withdraw_signoff",
        ),
        params=step,
    ),
    "cycle:timeline": Route("cycle.view", "cycle.view"),
}
