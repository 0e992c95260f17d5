"""REST endpoints of problems and potentials as GeoJSON, and of the village map (boundaries,
layers and problems together). The same services and policy as the pages."""

from __future__ import annotations

from django.db import models
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_choice, query_int
from tridaya.core.choices import TridayaDomain
from tridaya.core.policy import authorize
from tridaya.cycle.models import Meeting
from tridaya.mapping import pages
from tridaya.mapping.models import (
    SEVERITY_MAX,
    SEVERITY_MIN,
    Problem,
    ProblemKind,
    ProblemStatus,
    Sector,
)
from tridaya.mapping.policy import MAP_PROBLEMS, VERIFY_PROBLEMS, VIEW_MAP
from tridaya.mapping.selectors import problems as sel
from tridaya.mapping.services import problems as services
from tridaya.regions.models import RT, Region
from tridaya.regions.selectors import village_map_features


def inline_choice(choices: type[models.TextChoices], **kwargs) -> serializers.ChoiceField:
    """A choice field whose values are listed in place in the OpenAPI schema (field names like
    'kind' or 'status' mean other choice sets in other apps: no shared enum component)."""

    @extend_schema_field({"type": "string", "enum": list(choices.values)})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField(choices=choices.choices, **kwargs)


class ProblemInput(serializers.Serializer):
    kind = inline_choice(ProblemKind)
    domain = inline_choice(TridayaDomain)
    sector = inline_choice(Sector)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    severity = serializers.IntegerField(min_value=SEVERITY_MIN, max_value=SEVERITY_MAX)
    households_affected = serializers.IntegerField(min_value=0, default=0)
    poor_households_affected = serializers.IntegerField(min_value=0, default=0)
    geometry = serializers.JSONField(help_text="GeoJSON geometry (WGS84, lon/lat)")
    rt = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="id RT; kosong = dari lokasi"
    )
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
    reported_on = serializers.DateField(required=False, allow_null=True, default=None)

    def to_kwargs(self, village: Region) -> dict:
        data = dict(self.validated_data)
        if data.get("rt") is not None:
            data["rt"] = get_object_or_404(RT, pk=data["rt"], village=village)
        if data.get("meeting") is not None:
            data["meeting"] = get_object_or_404(Meeting, pk=data["meeting"], village=village)
        return data


class FeatureOutput(serializers.Serializer):
    """A GeoJSON Feature (documented shape; the payload is built by the selectors)."""

    type = serializers.CharField(default="Feature")
    geometry = serializers.JSONField()
    properties = serializers.DictField()


class FeatureCollectionOutput(serializers.Serializer):
    type = serializers.CharField(default="FeatureCollection")
    features = FeatureOutput(many=True)


def problem_feature(problem: Problem, village_code: str) -> dict:
    feature = pages.problem_feature(problem, village_code)
    feature["properties"].update(
        description=problem.description,
        rt_id=problem.rt_id,
        meeting=problem.meeting_id,
        reported_on=problem.reported_on.isoformat(),
        source=problem.source,
        source_ref=problem.source_ref,
    )
    return feature


FILTERS = [
    OpenApiParameter("kind", str, enum=ProblemKind.values),
    OpenApiParameter("domain", str, enum=TridayaDomain.values),
    OpenApiParameter("sector", str, enum=Sector.values),
    OpenApiParameter("rt", int, description="id RT"),
    OpenApiParameter("severity_min", int),
    OpenApiParameter("status", str, enum=ProblemStatus.values),
]


def _filters(request) -> sel.ProblemFilters:
    """The filters of the query; a value of the wrong kind is a 400 naming the filter."""
    return sel.ProblemFilters(
        kind=query_choice(request, "kind", ProblemKind.values),
        domain=query_choice(request, "domain", TridayaDomain.values),
        sector=query_choice(request, "sector", Sector.values),
        rt=query_int(request, "rt", minimum=1),
        severity_min=query_int(request, "severity_min"),
        status=query_choice(request, "status", ProblemStatus.values),
    )


class ProblemsAPI(APIView):
    """GET: a village's problems and potentials as a GeoJSON FeatureCollection (public,
    filterable). POST: map one (mappers: TIPP, BKM, UPL/UPS, facilitators, apparatus)."""

    @extend_schema(
        operation_id="villages_problems_list",
        parameters=FILTERS,
        responses=FeatureCollectionOutput,
    )
    def get(self, request, code: str):
        village = pages.village_or_404(code)
        authorize(request.user, VIEW_MAP, village)
        problems = sel.problems_of(village, _filters(request))
        return Response(
            {
                "type": "FeatureCollection",
                "features": [problem_feature(p, village.code) for p in problems],
            }
        )

    @extend_schema(request=ProblemInput, responses={201: FeatureOutput})
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        authorize(request.user, MAP_PROBLEMS, village)
        data = ProblemInput(data=request.data)
        data.is_valid(raise_exception=True)
        problem = services.problem_create(
            actor=request.user, village=village, **data.to_kwargs(village)
        )
        problem = pages.problem_or_404(village, problem.pk)
        return Response(problem_feature(problem, village.code), status=status.HTTP_201_CREATED)


class ProblemStatusInput(serializers.Serializer):
    status = inline_choice(ProblemStatus)


class ProblemAPI(APIView):
    """GET: one problem or potential (GeoJSON Feature). PUT: change it (mappers). DELETE:
    remove it (those who verify reports)."""

    @extend_schema(operation_id="villages_problem_retrieve", responses=FeatureOutput)
    def get(self, request, code: str, pk: int):
        village = pages.village_or_404(code)
        problem = pages.problem_or_404(village, pk)
        authorize(request.user, VIEW_MAP, problem)
        return Response(problem_feature(problem, village.code))

    @extend_schema(request=ProblemInput, responses=FeatureOutput)
    def put(self, request, code: str, pk: int):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        problem = pages.problem_or_404(village, pk)
        authorize(request.user, MAP_PROBLEMS, problem)
        data = ProblemInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.problem_update(actor=request.user, problem=problem, **data.to_kwargs(village))
        return Response(problem_feature(pages.problem_or_404(village, pk), village.code))

    @extend_schema(responses={204: None})
    def delete(self, request, code: str, pk: int):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        problem = pages.problem_or_404(village, pk)
        services.problem_delete(actor=request.user, problem=problem)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProblemStatusAPI(APIView):
    """POST: move a report to its next status (BKM, TIPP, facilitators, officers)."""

    @extend_schema(request=ProblemStatusInput, responses=FeatureOutput)
    def post(self, request, code: str, pk: int):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = pages.village_or_404(code)
        problem = pages.problem_or_404(village, pk)
        authorize(request.user, VERIFY_PROBLEMS, problem)
        data = ProblemStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.problem_set_status(
            actor=request.user, problem=problem, status=data.validated_data["status"]
        )
        return Response(problem_feature(pages.problem_or_404(village, pk), village.code))


class VillageMapOutput(serializers.Serializer):
    boundaries = FeatureCollectionOutput()
    layers = serializers.ListField(child=serializers.DictField())
    problems = FeatureCollectionOutput()


class VillageMapAPI(APIView):
    """GET: everything on a village's map in one answer: RW/RT boundaries, every layer with its
    features, and the problems and potentials (a fixed number of queries)."""

    @extend_schema(responses=VillageMapOutput)
    def get(self, request, code: str):
        data = sel.village_map(code)
        authorize(request.user, VIEW_MAP, data.village)
        return Response(
            {
                "boundaries": village_map_features(data.home),
                "layers": sel.map_layers_json(data),
                "problems": pages.problem_collection(data.problems, data.village.code),
            }
        )
