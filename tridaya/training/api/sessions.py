"""A training's sessions in the API: adding one, recording its attendance (training.manage)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from tridaya.training.api.trainings import TrainingAPI, TrainingSessionOutput
from tridaya.training.models import (
    Session,
)
from tridaya.training.policy import (
    MANAGE,
)
from tridaya.training.services.sessions import SessionInput, attendance_record, session_add


class TrainingSessionInput(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    module = serializers.SlugField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    trainers = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class SessionAttendanceInput(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="id peserta")


class SessionCreateAPI(TrainingAPI):
    @extend_schema(request=TrainingSessionInput, responses={201: TrainingSessionOutput})
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(TrainingSessionInput).validated_data
        module = None
        if data["module"]:
            module = get_object_or_404(training.modules.all(), code=data["module"])
        session = session_add(
            actor=request.user,
            training=training,
            data=SessionInput(
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                module=module,
                title=data["title"],
                trainers=data["trainers"],
            ),
        )
        return Response(TrainingSessionOutput(session).data, status=status.HTTP_201_CREATED)


class AttendanceAPI(TrainingAPI):
    """PUT: who was present at a session (everyone else was absent)."""

    @extend_schema(request=SessionAttendanceInput, responses=TrainingSessionOutput)
    def put(self, request, pk: int, session_id: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        session = get_object_or_404(Session, pk=session_id, training=training)
        data = self.valid(SessionAttendanceInput).validated_data
        session = attendance_record(actor=request.user, session=session, present=data["present"])
        return Response(TrainingSessionOutput(session).data)
