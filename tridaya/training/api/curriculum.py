"""The curricula in the API: the active ones with their modules (public; the question bank is
not)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.training.models import (
    Curriculum,
    Module,
)
from tridaya.training.selectors.curriculum import active_curricula


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


class CurriculaAPI(APIView):
    """GET: the active curricula with their modules (public; the question bank is not)."""

    @extend_schema(responses=CurriculumOutput(many=True))
    def get(self, request):
        return Response(CurriculumOutput(active_curricula(), many=True).data)
