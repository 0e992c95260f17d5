"""REST endpoints moving a plan version through its states (uji publik, feedback, sign-offs,
legalisation, amendment) and the differences between two versions."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_int
from tridaya.cycle.models import Meeting
from tridaya.planning import policy
from tridaya.planning.api.plans import FeedbackOutput, VersionOutput, _page, _Write
from tridaya.planning.models import (
    Feedback,
)
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.selectors import versions as version_selectors
from tridaya.planning.services import versions
from tridaya.regions.pages import village_or_404


class DiffOutput(serializers.Serializer):
    old = serializers.IntegerField(source="old.number")
    new = serializers.IntegerField(source="new.number")
    texts = serializers.ListField(child=serializers.DictField())
    programs = serializers.ListField(child=serializers.DictField())
    lines = serializers.ListField(child=serializers.DictField())
    total_before = serializers.IntegerField()
    total_after = serializers.IntegerField()


def _diff_json(diff) -> dict:
    def items(rows):
        return [
            {"label": i.label, "status": i.status, "changes": [vars(c) for c in i.changes]}
            for i in rows
        ]

    return {
        "old": diff.old,
        "new": diff.new,
        "texts": [vars(c) for c in diff.texts],
        "programs": items(diff.programs),
        "lines": items(diff.lines),
        "total_before": diff.total_before,
        "total_after": diff.total_after,
    }


class VersionDiffAPI(APIView):
    """GET ?from=1&to=2: what changed between two versions of a plan."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True, description="nomor versi lama"),
            OpenApiParameter("to", int, required=True, description="nomor versi baru"),
        ],
        responses=DiffOutput,
    )
    def get(self, request, code: str, plan_id: int):
        village = village_or_404(code)
        plan = selectors.plan_for_village(code, plan_id)
        plan.village = village
        old_n = query_int(request, "from", minimum=1, maximum=32767)
        new_n = query_int(request, "to", minimum=1, maximum=32767)
        if old_n is None or new_n is None:
            missing = {name: [_("Wajib diisi (nomor versi).")] for name in ("from", "to")}
            raise serializers.ValidationError(
                {name: m for name, m in missing.items() if not request.GET.get(name)}
            )
        old = selectors.version_view(village, plan, selectors.version_of(plan, old_n))
        new = selectors.version_view(village, plan, selectors.version_of(plan, new_n))
        return Response(DiffOutput(_diff_json(version_selectors.version_diff(old, new))).data)


class TransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["public_test", "revise", "sign", "legalise", "amend"])
    meeting = serializers.IntegerField(required=False, help_text="pertemuan uji publik")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    position = serializers.CharField(required=False, allow_blank=True, default="")


class VersionTransitionAPI(_Write):
    """POST: move a version: start the uji publik (with its meeting), close it (revise), sign
    (the kind follows the caller's role), legalise, or amend (a new draft version)."""

    @extend_schema(request=TransitionInput, responses=VersionOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.authorize_write(
            request,
            code,
            policy.EDIT_PLAN,
            policy.RUN_PUBLIC_TEST,
            policy.SIGN_PLAN,
            policy.LEGALISE_PLAN,
            policy.AMEND_PLAN,
        )
        version = _page(code, plan_id, number).version
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        d, user = data.validated_data, request.user
        if d["action"] == "public_test":
            meeting = get_object_or_404(Meeting, pk=d.get("meeting") or 0, village_id=code)
            versions.version_start_public_test(actor=user, version=version, meeting=meeting)
        elif d["action"] == "revise":
            versions.version_revise(actor=user, version=version)
        elif d["action"] == "sign":
            versions.version_sign(actor=user, version=version, position=d["position"])
        elif d["action"] == "legalise":
            versions.version_legalise(actor=user, version=version)
        else:
            new = versions.version_amend(actor=user, version=version, reason=d["reason"])
            return Response(VersionOutput(_page(code, plan_id, new.number)).data, status=201)
        return Response(VersionOutput(_page(code, plan_id, number)).data)


class FeedbackInput(serializers.Serializer):
    raised_by = serializers.CharField(max_length=200)
    point = serializers.CharField()


class FeedbackListAPI(_Write):
    """POST: record a point raised at the uji publik."""

    @extend_schema(request=FeedbackInput, responses=FeedbackOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.authorize_write(request, code, policy.RUN_PUBLIC_TEST)
        version = _page(code, plan_id, number).version
        data = FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = versions.feedback_add(actor=request.user, version=version, **data.validated_data)
        return Response(FeedbackOutput(item).data, status=201)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField()
    changes_plan = serializers.BooleanField(default=False)


class FeedbackAnswerAPI(_Write):
    """PATCH: answer a point of the uji publik."""

    @extend_schema(request=AnswerInput, responses=FeedbackOutput)
    def patch(self, request, code: str, plan_id: int, number: int, feedback_id: int):
        self.authorize_write(request, code, policy.RUN_PUBLIC_TEST)
        version = _page(code, plan_id, number).version
        item = get_object_or_404(Feedback, pk=feedback_id, version=version)
        data = AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = versions.feedback_answer(actor=request.user, feedback=item, **data.validated_data)
        return Response(FeedbackOutput(item).data)
