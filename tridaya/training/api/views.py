"""One API class per operation; see the package docstring for the policy."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize, can
from tridaya.institutions.models import Person
from tridaya.regions.models import Region
from tridaya.training import selectors, services
from tridaya.training.api import serializers as s
from tridaya.training.definitions import current_curriculum, sync_curricula
from tridaya.training.models import FollowUpAction, Participant, Session, Training
from tridaya.training.policy import (
    MANAGE,
    REOPEN,
    REVOKE_CERTIFICATE,
    VIEW_PARTICIPANTS,
)


class TrainingAPI(APIView):
    """Loads the training of the URL; `check` authorizes an action (401 anonymous for the
    actions that need a login)."""

    def training(self, pk: int) -> Training:
        training = get_object_or_404(Training.objects.select_related("region", "curriculum"), pk=pk)
        return training

    def check(self, action: str, obj) -> None:
        if not self.request.user.is_authenticated:
            self.permission_denied(self.request)
        authorize(self.request.user, action, obj)

    def valid(self, serializer_class) -> dict:
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data


def _detail(training: Training) -> dict:
    outcomes = selectors.training_outcomes(training)
    return s.TrainingOutput(training, context={"outcomes": outcomes}).data


class CurriculaAPI(APIView):
    """GET: the active curricula with their modules (public; the question bank is not)."""

    @extend_schema(responses=s.CurriculumOutput(many=True))
    def get(self, request):
        sync_curricula()
        return Response(s.CurriculumOutput(selectors.active_curricula(), many=True).data)


class RegionTrainingsAPI(TrainingAPI):
    """GET: trainings of a village (and its kecamatan) or under a higher region (public).
    POST: plan a training for a village or kecamatan (training.manage over it)."""

    @extend_schema(responses=s.TrainingListOutput(many=True))
    def get(self, request, code: str):
        region = selectors.region_or_404(code)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(selectors.trainings_for(region), request, view=self)
        return paginator.get_paginated_response(s.TrainingListOutput(page, many=True).data)

    @extend_schema(request=s.TrainingInput, responses=s.TrainingOutput)
    def post(self, request, code: str):
        region = selectors.region_or_404(code)
        self.check(MANAGE, region)
        data = self.valid(s.TrainingInput)
        code_wanted = data.validated_data.get("curriculum")
        curriculum = current_curriculum(code_wanted) if code_wanted else current_curriculum()
        if curriculum is None:
            raise Http404
        training = services.training_create(
            actor=request.user,
            region=region,
            curriculum=curriculum,
            data=data.to_input(),
            plan_sessions=data.validated_data["plan_sessions"],
        )
        return Response(_detail(training), status=status.HTTP_201_CREATED)


class TrainingDetailAPI(TrainingAPI):
    """GET: a training with its counts and average scores (public).
    PATCH: change it while open (training.manage); send the whole set of fields."""

    @extend_schema(responses=s.TrainingOutput)
    def get(self, request, pk: int):
        return Response(_detail(self.training(pk)))

    @extend_schema(request=s.TrainingInput, responses=s.TrainingOutput)
    def patch(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(s.TrainingInput)
        training = services.training_update(
            actor=request.user, training=training, data=data.to_input()
        )
        return Response(_detail(training))


class SessionCreateAPI(TrainingAPI):
    @extend_schema(request=s.TrainingSessionInput, responses=s.TrainingSessionOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(s.TrainingSessionInput).validated_data
        module = None
        if data["module"]:
            module = get_object_or_404(training.modules.all(), code=data["module"])
        session = services.session_add(
            actor=request.user,
            training=training,
            data=services.SessionInput(
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                module=module,
                title=data["title"],
                trainers=data["trainers"],
            ),
        )
        return Response(s.TrainingSessionOutput(session).data, status=status.HTTP_201_CREATED)


class AttendanceAPI(TrainingAPI):
    """PUT: who was present at a session (everyone else was absent)."""

    @extend_schema(request=s.SessionAttendanceInput, responses=s.TrainingSessionOutput)
    def put(self, request, pk: int, session_id: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        session = get_object_or_404(Session, pk=session_id, training=training)
        data = self.valid(s.SessionAttendanceInput).validated_data
        session = services.attendance_record(
            actor=request.user, session=session, present=data["present"]
        )
        return Response(s.TrainingSessionOutput(session).data)


class ParticipantCreateAPI(TrainingAPI):
    @extend_schema(request=s.TrainingParticipantInput, responses=s.TrainingParticipantOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(s.TrainingParticipantInput).validated_data
        person = None
        if data["person"] is not None:
            person = get_object_or_404(Person, pk=data["person"])
        village = None
        if data["village"]:
            village = get_object_or_404(Region, code=data["village"])
        participant = services.participant_add(
            actor=request.user,
            training=training,
            group=data["group"],
            person=person,
            name=data["name"],
            sex=data["sex"],
            is_poor=data["is_poor"],
            position=data["position"],
            village=village,
        )
        return Response(
            s.TrainingParticipantOutput(participant).data, status=status.HTTP_201_CREATED
        )


class ParticipantDeleteAPI(TrainingAPI):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int, participant_id: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        participant = get_object_or_404(Participant, pk=participant_id, training=training)
        services.participant_remove(actor=request.user, participant=participant)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScoresAPI(TrainingAPI):
    """PUT: pre-test or post-test scores of one module; an empty score removes one."""

    @extend_schema(request=s.ScoresInput, responses=s.ScoresOutput)
    def put(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(s.ScoresInput).validated_data
        module = get_object_or_404(training.modules.all(), code=data["module"])
        changed = services.scores_record(
            actor=request.user,
            training=training,
            module=module,
            kind=data["kind"],
            scores={row["participant"]: row["score"] for row in data["scores"]},
        )
        return Response({"changed": changed})


class ResultsAPI(TrainingAPI):
    """GET: each participant's attendance, scores, gains and completion (names: personal,
    training.view_participants)."""

    @extend_schema(responses=s.ParticipantResultOutput(many=True))
    def get(self, request, pk: int):
        training = self.training(pk)
        self.check(VIEW_PARTICIPANTS, training)
        outcomes = selectors.training_outcomes(training)
        return Response(s.ParticipantResultOutput(s.participant_results(outcomes), many=True).data)


class CloseAPI(TrainingAPI):
    @extend_schema(request=None, responses=s.TrainingCloseOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        report = services.training_close(actor=request.user, training=training)
        return Response(
            {
                "issued": [c.number for c in report.issued],
                "revoked": [c.number for c in report.revoked],
                "kept": report.kept,
            }
        )


class ReopenAPI(TrainingAPI):
    @extend_schema(request=s.TrainingReasonInput, responses=s.TrainingOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(REOPEN, training)
        reason = self.valid(s.TrainingReasonInput).validated_data["reason"]
        training = services.training_reopen(actor=request.user, training=training, reason=reason)
        return Response(_detail(training))


class CancelAPI(TrainingAPI):
    @extend_schema(request=s.TrainingReasonInput, responses=s.TrainingOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        reason = self.valid(s.TrainingReasonInput).validated_data["reason"]
        training = services.training_cancel(actor=request.user, training=training, reason=reason)
        return Response(_detail(training))


class FollowUpsAPI(TrainingAPI):
    """GET: the follow-up plan (public). POST: add an action (training.manage)."""

    @extend_schema(responses=s.FollowUpOutput(many=True))
    def get(self, request, pk: int):
        return Response(
            s.FollowUpOutput(selectors.follow_ups_of(self.training(pk)), many=True).data
        )

    @extend_schema(request=s.FollowUpInput, responses=s.FollowUpOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(s.FollowUpInput).validated_data
        follow_up = services.follow_up_add(actor=request.user, training=training, **data)
        return Response(s.FollowUpOutput(follow_up).data, status=status.HTTP_201_CREATED)


class FollowUpAPI(TrainingAPI):
    """PATCH: update an action (send every field). DELETE: remove it."""

    def follow_up(self, pk: int, follow_up_id: int) -> FollowUpAction:
        training = self.training(pk)
        self.check(MANAGE, training)
        return get_object_or_404(FollowUpAction, pk=follow_up_id, training=training)

    @extend_schema(request=s.FollowUpInput, responses=s.FollowUpOutput)
    def patch(self, request, pk: int, follow_up_id: int):
        follow_up = self.follow_up(pk, follow_up_id)
        data = self.valid(s.FollowUpInput).validated_data
        follow_up = services.follow_up_update(actor=request.user, follow_up=follow_up, **data)
        return Response(s.FollowUpOutput(follow_up).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int, follow_up_id: int):
        services.follow_up_remove(actor=request.user, follow_up=self.follow_up(pk, follow_up_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CapacityAPI(APIView):
    """GET: a village's capacity map and gaps (public counts; names only for
    training.view_participants)."""

    @extend_schema(responses=s.CapacityOutput)
    def get(self, request, code: str):
        village = get_object_or_404(Region, code=code)
        if not village.is_village:
            raise Http404
        cap = selectors.village_capacity(village)
        names = can(request.user, VIEW_PARTICIPANTS, village)
        return Response(s.capacity_data(code, cap, names=names))


class RollupAPI(APIView):
    """GET: trainings, people trained by sex and group, average gain and villages with gaps
    under a kecamatan, regency or province (public)."""

    @extend_schema(responses=s.TrainingRollupOutput)
    def get(self, request, code: str):
        region = selectors.region_or_404(code)
        if region.is_village:
            raise Http404
        return Response(s.TrainingRollupOutput(selectors.region_rollup(region)).data)


class CertificateVerifyAPI(APIView):
    """GET: is this verification code a valid certificate? 404 for an unknown code."""

    @extend_schema(responses=s.TrainingCertificateOutput)
    def get(self, request, code: str):
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            raise Http404
        return Response(s.TrainingCertificateOutput(certificate).data)


class CertificateRevokeAPI(APIView):
    @extend_schema(request=s.TrainingReasonInput, responses=s.TrainingCertificateOutput)
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        certificate = selectors.certificate_by_code(code)
        if certificate is None:
            raise Http404
        authorize(request.user, REVOKE_CERTIFICATE, certificate)
        data = s.TrainingReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = services.certificate_revoke(
            actor=request.user, certificate=certificate, reason=data.validated_data["reason"]
        )
        return Response(s.TrainingCertificateOutput(certificate).data)
