"""REST endpoints for regions, village profiles, RW/RT units and a region's audit trail.
One API class per operation, each with its own serializers."""

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.models import AuditEvent
from tridaya.core.params import parse_int
from tridaya.core.policy import authorize
from tridaya.core.selectors import audit_events_in_region
from tridaya.regions import selectors, services
from tridaya.regions.models import Kind, Level, Region, VillageProfile


class RegionFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent_id", help_text="Kode induk, mis. 52.01")
    level = django_filters.TypedChoiceFilter(choices=Level.choices, coerce=int)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    q = django_filters.CharFilter(method="search", help_text="Nama (sebagian) atau awal kode")

    class Meta:
        model = Region
        fields = ["parent", "level", "kind", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if parse_int(value.replace(".", "")) is not None:
            return queryset.filter(code__startswith=value)
        return queryset.filter(name__icontains=value)


class RegionOutput(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True)
    timezone = serializers.CharField(source="timezone_label")

    class Meta:
        model = Region
        fields = ["code", "name", "level", "kind", "parent", "timezone"]


class RegionList(generics.ListAPIView):
    """Regions, filtered by parent, level, kind, or searched by name or code."""

    queryset = Region.objects.order_by("code")
    serializer_class = RegionOutput
    filterset_class = RegionFilter


class ProfileOutput(serializers.ModelSerializer):
    class Meta:
        model = VillageProfile
        fields = [
            "population",
            "households",
            "poor_households",
            "area_ha",
            "latitude",
            "longitude",
            "boundary",
            "updated_at",
        ]


class RegionDetailOutput(RegionOutput):
    ancestors = serializers.SerializerMethodField()
    profile = ProfileOutput(allow_null=True, read_only=True)

    class Meta(RegionOutput.Meta):
        fields = [*RegionOutput.Meta.fields, "ancestors", "profile"]

    def get_ancestors(self, obj) -> list[dict]:
        return [{"code": a.code, "name": a.name, "level": a.level} for a in obj.ancestors]


class RegionDetail(APIView):
    @extend_schema(responses=RegionDetailOutput)
    def get(self, request, code: str):
        region = get_object_or_404(Region.objects.select_related("profile"), code=code)
        selectors.attach_ancestors([region])
        if not hasattr(region, "profile"):
            region.profile = None
        return Response(RegionDetailOutput(region).data)


class ProfileInput(serializers.Serializer):
    population = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    households = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    poor_households = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    area_ha = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, allow_null=True
    )
    boundary = serializers.JSONField(required=False, allow_null=True)


class VillageProfileAPI(APIView):
    """GET: a village's profile (public). PATCH: change it (roles working in the village)."""

    def _village(self, code: str) -> Region:
        return get_object_or_404(Region, code=code, level=Level.VILLAGE)

    @extend_schema(responses=ProfileOutput)
    def get(self, request, code: str):
        profile = get_object_or_404(VillageProfile, village=self._village(code))
        return Response(ProfileOutput(profile).data)

    @extend_schema(request=ProfileInput, responses=ProfileOutput)
    def patch(self, request, code: str):
        village = self._village(code)
        if not request.user.is_authenticated:
            self.permission_denied(request)
        authorize(request.user, "regions.change_profile", village)
        data = ProfileInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        current = getattr(village, "profile", None)
        values = {f: getattr(current, f) if current else None for f in services.PROFILE_FIELDS}
        values["boundary"] = current.boundary if current else None
        values.update(data.validated_data)
        profile = services.profile_update(actor=request.user, village=village, **values)
        return Response(ProfileOutput(profile).data)


class VillageUnits(APIView):
    """RW and RT boundaries of a village as a GeoJSON FeatureCollection."""

    @extend_schema(responses={200: dict})
    def get(self, request, code: str):
        home = selectors.village_home(code)
        return Response(selectors.village_map_features(home))


class AuditEventOutput(serializers.ModelSerializer):
    actor = serializers.StringRelatedField(allow_null=True)  # None: done by the system
    action_label = serializers.CharField(read_only=True, help_text="the action in words")

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "action",
            "action_label",
            "object_type",
            "object_id",
            "object_repr",
            "region_code",
            "changes",
            "request_id",
        ]


@extend_schema(parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
class RegionAuditEvents(generics.ListAPIView):
    """Recorded changes in a region and below it (roles allowed to read the audit trail)."""

    serializer_class = AuditEventOutput
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return AuditEvent.objects.none()
        region = get_object_or_404(Region, code=self.kwargs["code"])
        authorize(self.request.user, "core.view_audit", region)
        return audit_events_in_region(region.code)
