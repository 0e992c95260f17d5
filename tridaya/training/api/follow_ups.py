"""A training's follow-up plan (RKTL) in the API: read it (public), add, change or remove an
action (training.manage)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from tridaya.training.api.trainings import TrainingAPI, choice, status_output
from tridaya.training.models import (
    FollowUpAction,
    FollowUpStatus,
)
from tridaya.training.policy import (
    MANAGE,
)
from tridaya.training.selectors.follow_ups import follow_ups_of
from tridaya.training.services.follow_ups import follow_up_add, follow_up_remove, follow_up_update


class FollowUpInput(serializers.Serializer):
    action = serializers.CharField(max_length=300)
    owner = serializers.CharField(max_length=150)
    due_on = serializers.DateField()
    status = choice(FollowUpStatus.choices, default=FollowUpStatus.PLANNED)
    note = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class FollowUpOutput(serializers.ModelSerializer):
    status = status_output()

    class Meta:
        model = FollowUpAction
        fields = ["id", "action", "owner", "due_on", "status", "note", "done_on"]


class FollowUpsAPI(TrainingAPI):
    """GET: the follow-up plan (public). POST: add an action (training.manage)."""

    @extend_schema(responses=FollowUpOutput(many=True))
    def get(self, request, pk: int):
        return Response(FollowUpOutput(follow_ups_of(self.training(pk)), many=True).data)

    @extend_schema(request=FollowUpInput, responses={201: FollowUpOutput})
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(FollowUpInput).validated_data
        follow_up = follow_up_add(actor=request.user, training=training, **data)
        return Response(FollowUpOutput(follow_up).data, status=status.HTTP_201_CREATED)


class FollowUpAPI(TrainingAPI):
    """PATCH: update an action (send every field). DELETE: remove it."""

    def follow_up(self, pk: int, follow_up_id: int) -> FollowUpAction:
        training = self.training(pk)
        self.check(MANAGE, training)
        return get_object_or_404(FollowUpAction, pk=follow_up_id, training=training)

    @extend_schema(request=FollowUpInput, responses=FollowUpOutput)
    def patch(self, request, pk: int, follow_up_id: int):
        follow_up = self.follow_up(pk, follow_up_id)
        data = self.valid(FollowUpInput, partial=True).validated_data
        # A PATCH: what is not sent keeps its current value.
        current = {name: getattr(follow_up, name) for name in FollowUpInput().fields}
        follow_up = follow_up_update(actor=request.user, follow_up=follow_up, **{**current, **data})
        return Response(FollowUpOutput(follow_up).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int, follow_up_id: int):
        follow_up_remove(actor=request.user, follow_up=self.follow_up(pk, follow_up_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
