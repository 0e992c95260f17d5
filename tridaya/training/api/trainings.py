"""Trainings in the API: a region's list (public) and planning one (training.manage), one
training with its counts and average scores (public) and changing it, reopening and cancelling it,
and the roll-up of a kecamatan, regency or province (public). Also what the other training
endpoints share: the base class that loads the training of the URL, and choice fields."""

from __future__ import annotations

import re
from typing import TypeVar

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize
from tridaya.training.definitions import current_curriculum
from tridaya.training.models import (
    CAPACITY_GROUPS,
    Session,
    Training,
)
from tridaya.training.policy import (
    MANAGE,
    REOPEN,
)
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.selectors.trainings import region_rollup, trainings_for
from tridaya.training.services import trainings as trainings_services
from tridaya.training.services.trainings import (
    training_cancel,
    training_create,
    training_reopen,
    training_update,
)
from tridaya.training.views.common import region_or_404

S = TypeVar("S", bound=serializers.BaseSerializer)


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field described in the schema by a pattern instead of an enum: enums are named
    after the field, and this app's "status", "group" and "kind" would collide with other apps'
    enums of the same name (the settings' ENUM_NAME_OVERRIDES belong to the project)."""
    values = [str(value) for value, _label in choices if value != ""]
    pattern = "^(" + "|".join(re.escape(v) for v in values) + ")$"
    # Annotate a class: serializers deep-copy their fields, which drops an instance's annotation.
    field_class = type("PatternChoiceField", (serializers.ChoiceField,), {})
    extend_schema_field({"type": "string", "pattern": pattern})(field_class)
    return field_class(choices=choices, **kwargs)


def status_output() -> serializers.CharField:
    return serializers.CharField(read_only=True)


class TrainingInput(serializers.Serializer):
    curriculum = serializers.SlugField(required=False, help_text="kode kurikulum (bawaan: aktif)")
    title = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    modules = serializers.ListField(child=serializers.SlugField(), help_text="kode modul")
    organiser = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    target_groups = serializers.ListField(
        child=choice([(g, g) for g in CAPACITY_GROUPS]), default=list
    )
    cost_program = serializers.IntegerField(min_value=0, default=0)
    cost_swadaya = serializers.IntegerField(min_value=0, default=0)
    notes = serializers.CharField(required=False, default="", allow_blank=True)
    signer_title = serializers.CharField(max_length=120, default="", allow_blank=True)
    signer_name = serializers.CharField(max_length=120, default="", allow_blank=True)
    cosigner_title = serializers.CharField(max_length=120, default="", allow_blank=True)
    cosigner_name = serializers.CharField(max_length=120, default="", allow_blank=True)
    plan_sessions = serializers.BooleanField(default=False)

    @staticmethod
    def current(training: Training) -> dict:
        """The training's values as this input names them: what a PATCH leaves out keeps."""
        names = ["title", "place", "starts_on", "ends_on", "organiser", "target_groups"]
        names += ["cost_program", "cost_swadaya", "notes", "signer_title", "signer_name"]
        names += ["cosigner_title", "cosigner_name"]
        values = {name: getattr(training, name) for name in names}
        values["modules"] = list(training.modules.values_list("code", flat=True))
        return values

    def to_input(self, current: dict | None = None) -> trainings_services.TrainingInput:
        """The service's input; with `current` (a PATCH, validated with partial=True) the
        fields not sent keep their current values."""
        data = {**(current or {}), **self.validated_data}
        return trainings_services.TrainingInput(
            title=data["title"],
            place=data["place"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            module_codes=tuple(data["modules"]),
            organiser=data["organiser"],
            target_groups=tuple(data["target_groups"]),
            cost_program=data["cost_program"],
            cost_swadaya=data["cost_swadaya"],
            notes=data["notes"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            cosigner_title=data["cosigner_title"],
            cosigner_name=data["cosigner_name"],
        )


class TrainingListOutput(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    status = status_output()
    men = serializers.IntegerField()
    women = serializers.IntegerField()
    poor = serializers.IntegerField()
    session_count = serializers.IntegerField()

    class Meta:
        model = Training
        fields = [
            "id",
            "region",
            "title",
            "place",
            "starts_on",
            "ends_on",
            "status",
            "men",
            "women",
            "poor",
            "session_count",
            "cost_program",
            "cost_swadaya",
        ]


class TrainingSessionOutput(serializers.ModelSerializer):
    module = serializers.CharField(source="module.code", allow_null=True, default=None)
    title = serializers.CharField(source="display_title")
    attendance_recorded = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "date",
            "start_time",
            "end_time",
            "module",
            "title",
            "trainers",
            "attendance_recorded",
        ]

    def get_attendance_recorded(self, session) -> bool:
        return session.attendance_recorded_at is not None


class ScoreSummaryOutput(serializers.Serializer):
    n = serializers.IntegerField(help_text="peserta dengan pre-test dan post-test")
    avg_pre = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    avg_post = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    avg_gain = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    passed = serializers.IntegerField()
    post_taken = serializers.IntegerField()
    pre_only = serializers.IntegerField()


class ModuleScoreSummaryOutput(ScoreSummaryOutput):
    module = serializers.CharField()


class GroupScoreSummaryOutput(ScoreSummaryOutput):
    group = serializers.CharField()


class TrainingOutput(serializers.ModelSerializer):
    """A training as everyone sees it: counts and averages, no names."""

    region = serializers.CharField(source="region_id")
    status = status_output()
    curriculum = serializers.SerializerMethodField()
    modules = serializers.SerializerMethodField()
    sessions = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Training
        fields = [
            "id",
            "region",
            "curriculum",
            "title",
            "place",
            "organiser",
            "starts_on",
            "ends_on",
            "target_groups",
            "status",
            "cost_program",
            "cost_swadaya",
            "pass_mark",
            "max_absence_pct",
            "require_pass",
            "modules",
            "sessions",
            "participants",
            "scores",
        ]

    @property
    def outcomes(self):
        return self.context["outcomes"]

    def get_curriculum(self, training) -> str:
        return f"{training.curriculum.code} v{training.curriculum.version}"

    def get_modules(self, training) -> list[str]:
        return [m.code for m in self.outcomes.modules]

    def get_sessions(self, training) -> list[dict]:
        return TrainingSessionOutput(self.outcomes.sessions, many=True).data

    def get_participants(self, training) -> dict:
        o = self.outcomes
        return {
            "total": len(o.participants),
            "men": o.men,
            "women": o.women,
            "poor": o.poor,
            "complete": len(o.participants) - len(o.incomplete),
            "eligible": len(o.eligible),
        }

    def get_scores(self, training) -> dict:
        o = self.outcomes
        modules = {m.pk: m.code for m in o.modules}
        return {
            "overall": ScoreSummaryOutput(o.overall).data,
            "modules": [
                ModuleScoreSummaryOutput({**vars(s), "module": modules[pk]}).data
                for pk, s in o.module_summaries.items()
            ],
            "groups": [
                GroupScoreSummaryOutput({**vars(s), "group": g}).data for g, s in o.group_summaries
            ],
        }


class TrainingReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class TrainedGroupCountOutput(serializers.Serializer):
    group = serializers.CharField()
    men = serializers.IntegerField()
    women = serializers.IntegerField()
    total = serializers.IntegerField()
    poor = serializers.IntegerField()
    completed = serializers.IntegerField()


class VillageGapsOutput(serializers.Serializer):
    village = serializers.CharField(source="village.code")
    name = serializers.CharField(source="village.name")
    trained = serializers.IntegerField()
    core_gaps = serializers.SerializerMethodField()

    def get_core_gaps(self, item) -> list[str]:
        return [g.message for g in item.core_gaps]


class TrainingRollupOutput(serializers.Serializer):
    region = serializers.CharField(source="region.code")
    trainings_held = serializers.IntegerField(source="held")
    trainings_planned = serializers.IntegerField(source="planned")
    sessions = serializers.IntegerField()
    jpl = serializers.IntegerField()
    cost_program = serializers.IntegerField()
    cost_swadaya = serializers.IntegerField()
    people = TrainedGroupCountOutput()
    groups = TrainedGroupCountOutput(many=True)
    overall = ScoreSummaryOutput()
    villages = VillageGapsOutput(many=True)


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

    def valid(self, serializer_class: type[S], *, partial: bool = False) -> S:
        data = serializer_class(data=self.request.data, partial=partial)
        data.is_valid(raise_exception=True)
        return data


def training_detail(training: Training) -> dict:
    outcomes = training_outcomes(training)
    return TrainingOutput(training, context={"outcomes": outcomes}).data


class RegionTrainingsAPI(TrainingAPI):
    """GET: trainings of a village (and its kecamatan) or under a higher region (public).
    POST: plan a training for a village or kecamatan (training.manage over it)."""

    # Paginated by hand in `get`; named here so the schema documents the page envelope.
    pagination_class = PageNumberPagination

    @extend_schema(responses=TrainingListOutput(many=True))
    def get(self, request, code: str):
        region = region_or_404(code)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(trainings_for(region), request, view=self)
        return paginator.get_paginated_response(TrainingListOutput(page, many=True).data)

    @extend_schema(request=TrainingInput, responses={201: TrainingOutput})
    def post(self, request, code: str):
        region = region_or_404(code)
        self.check(MANAGE, region)
        data = self.valid(TrainingInput)
        code_wanted = data.validated_data.get("curriculum")
        curriculum = current_curriculum(code_wanted) if code_wanted else current_curriculum()
        if curriculum is None:
            raise Http404
        training = training_create(
            actor=request.user,
            region=region,
            curriculum=curriculum,
            data=data.to_input(),
            plan_sessions=data.validated_data["plan_sessions"],
        )
        return Response(training_detail(training), status=status.HTTP_201_CREATED)


class TrainingDetailAPI(TrainingAPI):
    """GET: a training with its counts and average scores (public).
    PATCH: change it while open (training.manage); send the whole set of fields."""

    @extend_schema(responses=TrainingOutput)
    def get(self, request, pk: int):
        return Response(training_detail(self.training(pk)))

    @extend_schema(request=TrainingInput, responses=TrainingOutput)
    def patch(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(TrainingInput, partial=True)
        current = TrainingInput.current(training)
        training = training_update(
            actor=request.user, training=training, data=data.to_input(current)
        )
        return Response(training_detail(training))


class ReopenAPI(TrainingAPI):
    @extend_schema(request=TrainingReasonInput, responses=TrainingOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(REOPEN, training)
        reason = self.valid(TrainingReasonInput).validated_data["reason"]
        training = training_reopen(actor=request.user, training=training, reason=reason)
        return Response(training_detail(training))


class CancelAPI(TrainingAPI):
    @extend_schema(request=TrainingReasonInput, responses=TrainingOutput)
    def post(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        reason = self.valid(TrainingReasonInput).validated_data["reason"]
        training = training_cancel(actor=request.user, training=training, reason=reason)
        return Response(training_detail(training))


class RollupAPI(APIView):
    """GET: trainings, people trained by sex and group, average gain and villages with gaps
    under a kecamatan, regency or province (public)."""

    @extend_schema(responses=TrainingRollupOutput)
    def get(self, request, code: str):
        region = region_or_404(code)
        if region.is_village:
            raise Http404
        return Response(TrainingRollupOutput(region_rollup(region)).data)
