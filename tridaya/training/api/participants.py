"""Participants in the API: adding and removing them (training.manage), and a village's
capacity map (public counts; names only for training.view_participants)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.choices import Sex
from tridaya.core.policy import can
from tridaya.institutions.models import Person
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404
from tridaya.training.api.trainings import TrainingAPI, choice
from tridaya.training.models import (
    ActorGroup,
    Participant,
)
from tridaya.training.policy import (
    MANAGE,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.participants import village_capacity
from tridaya.training.services.participants import participant_add, participant_remove


class TrainingParticipantInput(serializers.Serializer):
    """Either `person` (a person of the training's village or kecamatan) or a guest's `name`
    and `sex`."""

    person = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    sex = choice(Sex.choices, required=False, default="")
    group = choice(ActorGroup.choices)
    position = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    is_poor = serializers.BooleanField(default=False)
    village = serializers.CharField(required=False, allow_null=True, default=None)


class TrainingParticipantOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id", allow_null=True)
    village = serializers.CharField(source="village_id", allow_null=True)
    name = serializers.CharField()
    sex = serializers.CharField()
    is_poor = serializers.BooleanField()
    group = serializers.CharField()
    position = serializers.CharField()


class CapacityCellOutput(serializers.Serializer):
    group = serializers.CharField()
    module = serializers.CharField()
    targeted = serializers.BooleanField()
    members = serializers.IntegerField()
    completed = serializers.IntegerField()
    status = serializers.CharField()
    names = serializers.ListField(child=serializers.CharField(), allow_null=True)


class CapacityGapOutput(serializers.Serializer):
    group = serializers.CharField()
    module = serializers.CharField()
    core = serializers.BooleanField()
    message = serializers.CharField()


class CapacityOutput(serializers.Serializer):
    village = serializers.CharField()
    modules = serializers.ListField(child=serializers.CharField())
    cells = CapacityCellOutput(many=True)
    gaps = CapacityGapOutput(many=True)


def capacity_data(village_code: str, cap, *, names: bool) -> dict:
    cells = [
        {
            "group": cell.group,
            "module": cell.module.code,
            "targeted": cell.targeted,
            "members": cell.members,
            "completed": len(cell.completed),
            "status": cell.status,
            "names": cell.names if names else None,
        }
        for _group, _label, _members, row in cap.rows()
        for cell in row
    ]
    gaps = [
        {"group": g.group, "module": g.module.code, "core": g.module.is_core, "message": g.message}
        for g in cap.gaps()
    ]
    return {
        "village": village_code,
        "modules": [m.code for m in cap.modules],
        "cells": cells,
        "gaps": gaps,
    }


class ParticipantCreateAPI(TrainingAPI):
    @extend_schema(request=TrainingParticipantInput, responses={201: TrainingParticipantOutput})
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(TrainingParticipantInput).validated_data
        person = None
        if data["person"] is not None:
            person = get_object_or_404(Person, pk=data["person"])
        village = None
        if data["village"]:
            village = get_object_or_404(Region, code=data["village"])
        participant = participant_add(
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
        return Response(TrainingParticipantOutput(participant).data, status=status.HTTP_201_CREATED)


class ParticipantDeleteAPI(TrainingAPI):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int, participant_id: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        participant = get_object_or_404(Participant, pk=participant_id, training=training)
        participant_remove(actor=request.user, participant=participant)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CapacityAPI(APIView):
    """GET: a village's capacity map and gaps (public counts; names only for
    training.view_participants)."""

    @extend_schema(responses=CapacityOutput)
    def get(self, request, code: str):
        village = village_or_404(code)
        cap = village_capacity(village)
        names = can(request.user, VIEW_PARTICIPANTS, village)
        return Response(capacity_data(code, cap, names=names))
