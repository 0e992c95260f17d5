"""The permission matrix rules of training: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, any_of, first, pk_of
from tridaya.training.models import (
    Certificate,
    Curriculum,
    FollowUpAction,
    Participant,
    Session,
    Training,
)


def training(v):
    return {"pk": pk_of(Training, region_id=v)}


def training_api(v):
    return {"pk": pk_of(Training, region_id=v)}


def session(v):
    found = first(Session, training__region_id=v)
    return {"pk": found.training_id, "session_id": found.pk}


def participant(v):
    found = first(Participant, training__region_id=v)
    return {"pk": found.training_id, "participant_id": found.pk}


def answers(v):
    return {**participant(v), "kind": "pre"}


def module(v):
    found = first(Session, training__region_id=v)
    return {"pk": found.training_id, "module_code": found.module.code}


def test_kind(v):
    return {**training(v), "kind": "pre"}


def follow_up(v):
    found = first(FollowUpAction, training__region_id=v)
    return {"pk": found.training_id, "follow_up_id": found.pk}


def certificate(v):
    found = first(Certificate, participant__training__region_id=v)
    return {"pk": found.participant.training_id, "certificate_id": found.pk}


def certificate_code(v):
    return {"code": first(Certificate, participant__training__region_id=v).code}


def curriculum(v):
    return {"code": first(Curriculum).code}


def curriculum_version(v):
    found = first(Curriculum)
    return {"code": found.code, "version": found.version}


def curriculum_module(v):
    found = first(Curriculum)
    return {**curriculum_version(v), "module_code": found.modules.order_by("pk").first().code}


def district(v):
    """A region's roll-up: the demo villages' district."""
    return {"code": v.rsplit(".", 1)[0]}


RULES: dict[str, Route] = {
    "api-certificate": Route(PUBLIC, None, params=certificate_code),
    "api-certificate-revoke": Route(None, "training.reopen", params=certificate_code),
    "api-curricula": Route(PUBLIC, None),
    "api-region-trainings": Route(PUBLIC, "training.manage"),
    "api-training": Route(PUBLIC, "training.manage", params=training),
    "api-training-attendance": Route(None, "training.manage", params=session),
    "api-training-cancel": Route(None, "training.manage", params=training),
    "api-training-close": Route(None, "training.manage", params=training),
    "api-training-follow-up": Route(None, "training.manage", params=follow_up),
    "api-training-follow-ups": Route(PUBLIC, "training.manage", params=training),
    "api-training-participant": Route(None, "training.manage", params=participant),
    "api-training-participants": Route(None, "training.manage", params=training),
    "api-training-reopen": Route(None, "training.reopen", params=training),
    "api-training-results": Route("cycle.sign", None, params=training),
    "api-training-scores": Route(None, "training.manage", params=training),
    "api-training-sessions": Route(None, "training.manage", params=training),
    "api-training-summary": Route(PUBLIC, None, params=district),
    "api-village-capacity": Route(PUBLIC, None),
    "training:action": Route(None, any_of("training.manage", "training.reopen"), params=training),
    "training:answer_key": Route("training.manage", "training.manage", params=training),
    "training:answers": Route("training.manage", "training.manage", params=answers),
    "training:attendance": Route("training.view_participants", "training.manage", params=session),
    "training:attendance_sheet": Route("training.view", "training.view", params=session),
    "training:capacity": Route("training.view", "training.view"),
    "training:certificate_pdf": Route(
        "training.view_participants", "training.view_participants", params=certificate
    ),
    "training:certificates": Route("training.view_participants", None, params=training),
    "training:create": Route("training.manage", "training.manage"),
    "training:detail": Route("training.view", "training.view", params=training),
    "training:edit": Route("training.manage", "training.manage", params=training),
    "training:follow_up_edit": Route("training.manage", "training.manage", params=follow_up),
    "training:follow_ups": Route("training.view", "training.manage", params=training),
    "training:index": Route("training.view", "training.view"),
    "training:participants": Route(
        "training.view_participants", "training.view_participants", params=training
    ),
    "training:rollup_xlsx": Route("training.view", "training.view", params=district),
    "training:score_entry": Route("training.manage", "training.manage", params=module),
    "training:scores": Route(
        "training.view_participants", "training.view_participants", params=training
    ),
    "training:session_edit": Route("training.manage", "training.manage", params=session),
    "training:sessions": Route(
        "training.view_participants", "training.view_participants", params=training
    ),
    "training:test_form": Route("training.manage", "training.manage", params=test_kind),
    "training:xlsx": Route("training.view_participants", None, params=training),
    "training_public:curricula": Route(PUBLIC, PUBLIC),
    "training_public:curriculum": Route(PUBLIC, PUBLIC, params=curriculum),
    "training_public:curriculum_version": Route(PUBLIC, PUBLIC, params=curriculum_version),
    "training_public:module": Route(PUBLIC, PUBLIC, params=curriculum_module),
    "training_public:verify": Route(PUBLIC, PUBLIC),
    "training_public:verify_code": Route(PUBLIC, PUBLIC, params=certificate_code),
}
