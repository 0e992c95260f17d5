"""Results in the API: scores of a module (training.manage) and each participant's attendance,
scores, gains and completion (training.view_participants)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from tridaya.training.api.trainings import TrainingAPI, choice
from tridaya.training.models import (
    TestKind,
)
from tridaya.training.policy import (
    MANAGE,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.services.results import scores_record


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


class ScoresAPI(TrainingAPI):
    """PUT: pre-test or post-test scores of one module; an empty score removes one."""

    @extend_schema(request=ScoresInput, responses=ScoresOutput)
    def put(self, request, pk: int):
        training = self.training(pk)
        self.check(MANAGE, training)
        data = self.valid(ScoresInput).validated_data
        module = get_object_or_404(training.modules.all(), code=data["module"])
        changed = scores_record(
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

    @extend_schema(responses=ParticipantResultOutput(many=True))
    def get(self, request, pk: int):
        training = self.training(pk)
        self.check(VIEW_PARTICIPANTS, training)
        outcomes = training_outcomes(training)
        return Response(ParticipantResultOutput(participant_results(outcomes), many=True).data)
