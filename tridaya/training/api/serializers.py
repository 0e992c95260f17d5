"""Input and output serializers of the training API (one pair per operation)."""

from __future__ import annotations

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tridaya.institutions.models import Sex
from tridaya.training import services
from tridaya.training.models import (
    CAPACITY_GROUPS,
    ActorGroup,
    Certificate,
    Curriculum,
    FollowUpAction,
    FollowUpStatus,
    Module,
    Session,
    TestKind,
    Training,
)


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


# --- Curricula ---------------------------------------------------------------------------------


class CurriculumModuleOutput(serializers.ModelSerializer):
    class Meta:
        model = Module
        fields = [
            "code",
            "order",
            "title",
            "summary",
            "stage",
            "is_core",
            "jpl",
            "objectives",
            "media",
            "readings",
            "steps",
            "indicators",
            "target_groups",
        ]


class CurriculumOutput(serializers.ModelSerializer):
    modules = CurriculumModuleOutput(many=True, source="module_list")

    class Meta:
        model = Curriculum
        fields = ["code", "version", "name", "description", "modules"]


# --- Trainings ---------------------------------------------------------------------------------


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

    def to_input(self) -> services.TrainingInput:
        data = dict(self.validated_data)
        return services.TrainingInput(
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


class ModuleResultOutput(serializers.Serializer):
    module = serializers.CharField()
    pre = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    post = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    gain = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    completed = serializers.BooleanField()


class ParticipantResultOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    person = serializers.IntegerField(allow_null=True)
    group = serializers.CharField()
    sex = serializers.CharField()
    sessions_attended = serializers.IntegerField()
    sessions = serializers.IntegerField()
    attendance_complete = serializers.BooleanField()
    eligible = serializers.BooleanField()
    avg_pre = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    avg_post = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    avg_gain = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    modules = ModuleResultOutput(many=True)


def participant_results(outcomes) -> list[dict]:
    codes = {m.pk: m.code for m in outcomes.modules}
    rows = []
    for participant, outcome in outcomes.rows():
        rows.append(
            {
                "id": participant.pk,
                "name": participant.name,
                "person": participant.person_id,
                "group": participant.group,
                "sex": participant.sex,
                "sessions_attended": outcome.attended,
                "sessions": outcome.sessions,
                "attendance_complete": outcome.attendance_ok,
                "eligible": outcome.eligible,
                "avg_pre": outcome.avg_pre,
                "avg_post": outcome.avg_post,
                "avg_gain": outcome.avg_gain,
                "modules": [
                    {
                        "module": codes[pk],
                        "pre": r.pre,
                        "post": r.post,
                        "gain": r.gain,
                        "passed": r.passed,
                        "completed": r.completed,
                    }
                    for pk, r in outcome.modules.items()
                ],
            }
        )
    return rows


class TrainingSessionInput(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.TimeField(required=False, allow_null=True, default=None)
    end_time = serializers.TimeField(required=False, allow_null=True, default=None)
    module = serializers.SlugField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    trainers = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class SessionAttendanceInput(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="id peserta")


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


class ScoreRow(serializers.Serializer):
    participant = serializers.IntegerField()
    score = serializers.CharField(
        allow_null=True, allow_blank=True, help_text="0-100; kosong = hapus"
    )


class ScoresInput(serializers.Serializer):
    module = serializers.SlugField()
    kind = choice(TestKind.choices)
    scores = ScoreRow(many=True)


class ScoresOutput(serializers.Serializer):
    changed = serializers.IntegerField()


class TrainingCloseOutput(serializers.Serializer):
    issued = serializers.ListField(child=serializers.CharField())
    revoked = serializers.ListField(child=serializers.CharField())
    kept = serializers.IntegerField()


class TrainingReasonInput(serializers.Serializer):
    reason = serializers.CharField()


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


# --- Capacity, roll-up, certificates ------------------------------------------------------------


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


class TrainingCertificateOutput(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    training = serializers.CharField(source="participant.training.title")
    region = serializers.CharField(source="participant.training.region_id")
    starts_on = serializers.DateField(source="participant.training.starts_on")
    ends_on = serializers.DateField(source="participant.training.ends_on")

    class Meta:
        model = Certificate
        fields = [
            "number",
            "status",
            "holder_name",
            "training",
            "region",
            "starts_on",
            "ends_on",
            "issued_on",
            "modules",
            "revoked_at",
            "revoke_reason",
        ]

    def get_status(self, certificate) -> str:
        return "valid" if certificate.is_valid else "revoked"
