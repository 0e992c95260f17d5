"""REST endpoints of kawasan prioritas under /api/v1/villages/<code>/kawasan/.

Reading is public. Writing needs `planning.manage_kawasan`: 401 anonymous, 404 outside the
user's regions, 403 inside them without the role; a refused change answers 400 with messages
and codes (e.g. `planning_kawasan_criteria_missing`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.cycle.models import Meeting
from tridaya.planning.api.common import TextChoiceField, text
from tridaya.planning.models import (
    AreaSource,
    AreaStatus,
    LandStatus,
    PriorityArea,
    PriorityRound,
    Rating,
    SpatialConformity,
)
from tridaya.planning.policy import MANAGE_KAWASAN, VIEW_PRIORITIES
from tridaya.planning.selectors import kawasan as selectors
from tridaya.planning.services import kawasan as services
from tridaya.planning.services import kawasan_derive
from tridaya.regions.pages import village_or_404


class KawasanOutput(serializers.ModelSerializer):
    status = text(AreaStatus.choices)
    source = text(AreaSource.choices)
    land_status = text(LandStatus.choices)
    spatial_conformity = text(SpatialConformity.choices)
    strategic_value = text(Rating.choices)
    socio_economic = text(Rating.choices)
    land_is_legal = serializers.BooleanField(allow_null=True)
    missing_criteria = serializers.ListField(child=serializers.CharField())
    indicators = serializers.JSONField(
        help_text="area_ha, rts (share_pct, source), households, poor_households, population, "
        "density_per_ha, slum (total, max, class, average_pct), problems"
    )

    class Meta:
        model = PriorityArea
        fields = [
            "id",
            "name",
            "description",
            "status",
            "source",
            "round",
            "geometry",
            "area_ha",
            "indicators",
            "indicators_at",
            "slum_rationale",
            "land_status",
            "spatial_conformity",
            "land_rationale",
            "land_is_legal",
            "strategic_value",
            "socio_economic",
            "other_rationale",
            "missing_criteria",
            "decision_rationale",
            "meeting",
            "chosen_at",
        ]


class KawasanInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    geometry = serializers.JSONField(help_text="GeoJSON Polygon / MultiPolygon, WGS84")


class AreasAPI(APIView):
    """GET: every candidate and chosen area with its indicators (public). POST: draw one."""

    @extend_schema(responses=KawasanOutput(many=True))
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, VIEW_PRIORITIES, village)
        return Response(KawasanOutput(selectors.village_areas(village), many=True).data)

    @extend_schema(request=KawasanInput, responses={201: KawasanOutput})
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = village_or_404(code)
        authorize(request.user, MANAGE_KAWASAN, village)
        data = KawasanInput(data=request.data)
        data.is_valid(raise_exception=True)
        area = services.area_create(actor=request.user, village=village, **data.validated_data)
        return Response(KawasanOutput(area).data, status=status.HTTP_201_CREATED)


class KawasanImportInput(serializers.Serializer):
    file = UploadSerializerField(accept=kinds.GIS, group="gis")
    crs = serializers.IntegerField(required=False, allow_null=True, default=None)
    name_prefix = serializers.CharField(required=False, allow_blank=True, default="")


class KawasanImportOutput(serializers.Serializer):
    created = serializers.ListField(child=serializers.CharField())
    updated = serializers.ListField(child=serializers.CharField())
    unchanged = serializers.ListField(child=serializers.CharField())


class ImportAPI(APIView):
    """POST: import the polygons of a GIS file as candidate areas (all or nothing; re-running
    the same file changes nothing)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=KawasanImportInput, responses={201: KawasanImportOutput})
    def post(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, MANAGE_KAWASAN, village)
        data = KawasanImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        report = services.areas_import(
            actor=request.user,
            village=village,
            data=upload.read(),
            file_name=upload.name,
            crs=data.validated_data["crs"],
            name_prefix=data.validated_data["name_prefix"],
        )
        return Response(KawasanImportOutput(report).data, status=status.HTTP_201_CREATED)


class KawasanDeriveInput(serializers.Serializer):
    round = serializers.IntegerField(help_text="id putaran prioritas")
    top = serializers.IntegerField(min_value=1, max_value=20, default=3)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class DeriveAPI(APIView):
    """POST: a candidate made of the RTs where a round's top problems lie."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=KawasanDeriveInput, responses={201: KawasanOutput})
    def post(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, MANAGE_KAWASAN, village)
        data = KawasanDeriveInput(data=request.data)
        data.is_valid(raise_exception=True)
        round_ = get_object_or_404(PriorityRound, pk=data.validated_data["round"], village=village)
        area = kawasan_derive.area_derive(
            actor=request.user,
            round_=round_,
            top=data.validated_data["top"],
            name=data.validated_data["name"],
        )
        return Response(KawasanOutput(area).data, status=status.HTTP_201_CREATED)


class KawasanUpdateInput(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    geometry = serializers.JSONField(required=False)


class AreaAPI(APIView):
    """GET: one area (public). PATCH: rename or redraw a candidate. DELETE: a candidate."""

    @extend_schema(responses=KawasanOutput)
    def get(self, request, code: str, pk: int):
        return Response(KawasanOutput(selectors.area_for_village(code, pk)).data)

    def _area(self, request, code: str, pk: int) -> PriorityArea:
        if not request.user.is_authenticated:
            self.permission_denied(request)
        area = selectors.area_for_village(code, pk)
        authorize(request.user, MANAGE_KAWASAN, area)
        return area

    @extend_schema(request=KawasanUpdateInput, responses=KawasanOutput)
    def patch(self, request, code: str, pk: int):
        area = self._area(request, code, pk)
        data = KawasanUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        area = services.area_update(
            actor=request.user,
            area=area,
            name=values.get("name", area.name),
            description=values.get("description", area.description),
            geometry=values.get("geometry"),
        )
        return Response(KawasanOutput(area).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, code: str, pk: int):
        services.area_delete(actor=request.user, area=self._area(request, code, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class _AreaActionAPI(APIView):
    permission_classes = [IsAuthenticated]

    def area(self, request, code: str, pk: int) -> PriorityArea:
        area = selectors.area_for_village(code, pk)
        authorize(request.user, MANAGE_KAWASAN, area)
        return area


class KawasanCriteriaInput(serializers.Serializer):
    slum_rationale = serializers.CharField(required=False, allow_blank=True, default="")
    land_status = TextChoiceField(
        choices=LandStatus.choices, required=False, allow_blank=True, default=""
    )
    spatial_conformity = TextChoiceField(
        choices=SpatialConformity.choices, required=False, allow_blank=True, default=""
    )
    land_rationale = serializers.CharField(required=False, allow_blank=True, default="")
    strategic_value = TextChoiceField(
        choices=Rating.choices, required=False, allow_blank=True, default=""
    )
    socio_economic = TextChoiceField(
        choices=Rating.choices, required=False, allow_blank=True, default=""
    )
    other_rationale = serializers.CharField(required=False, allow_blank=True, default="")


class AreaCriteriaAPI(_AreaActionAPI):
    """PUT: the Permen PUPR 02/2016 criteria with their rationale."""

    @extend_schema(request=KawasanCriteriaInput, responses=KawasanOutput)
    def put(self, request, code: str, pk: int):
        data = KawasanCriteriaInput(data=request.data)
        data.is_valid(raise_exception=True)
        area = services.area_criteria_set(
            actor=request.user, area=self.area(request, code, pk), **data.validated_data
        )
        return Response(KawasanOutput(area).data)


class RecomputeAPI(_AreaActionAPI):
    @extend_schema(request=None, responses=KawasanOutput)
    def post(self, request, code: str, pk: int):
        area = services.area_recompute(actor=request.user, area=self.area(request, code, pk))
        return Response(KawasanOutput(area).data)


class KawasanChooseInput(serializers.Serializer):
    decision_rationale = serializers.CharField()
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)


class ChooseAPI(_AreaActionAPI):
    """POST: choose a candidate as kawasan prioritas (its three criteria must be recorded)."""

    @extend_schema(request=KawasanChooseInput, responses=KawasanOutput)
    def post(self, request, code: str, pk: int):
        area = self.area(request, code, pk)
        data = KawasanChooseInput(data=request.data)
        data.is_valid(raise_exception=True)
        meeting_id = data.validated_data["meeting"]
        meeting = get_object_or_404(Meeting, pk=meeting_id, village_id=code) if meeting_id else None
        area = services.area_choose(
            actor=request.user,
            area=area,
            decision_rationale=data.validated_data["decision_rationale"],
            meeting=meeting,
        )
        return Response(KawasanOutput(area).data)


class KawasanReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class UnchooseAPI(_AreaActionAPI):
    @extend_schema(request=KawasanReasonInput, responses=KawasanOutput)
    def post(self, request, code: str, pk: int):
        area = self.area(request, code, pk)
        data = KawasanReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        area = services.area_unchoose(
            actor=request.user, area=area, reason=data.validated_data["reason"]
        )
        return Response(KawasanOutput(area).data)
