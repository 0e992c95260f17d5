"""REST endpoints of the works. One API class per operation with its own serializers; the same
policy as the pages: packages and approved progress for everyone, progress claims by the KSM of
the package, decisions by facilitators and the korkot."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_choice
from tridaya.core.errors import NotFound
from tridaya.core.policy import authorize, can
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.regions.pages import village_or_404
from tridaya.works import selectors
from tridaya.works.models import Beneficiary, PackageStatus, ProgressEntry
from tridaya.works.personal_data import log_beneficiary_niks
from tridaya.works.services import packages, progress


class PackageOutput(serializers.Serializer):
    id = serializers.IntegerField(source="package.pk")
    name = serializers.CharField(source="package.name")
    status = serializers.ChoiceField(source="package.status", choices=PackageStatus.choices)
    builder = serializers.CharField(source="package.builder")
    value = serializers.IntegerField(source="package.value")
    volume = serializers.DecimalField(source="package.volume", max_digits=14, decimal_places=3)
    unit = serializers.CharField(source="package.unit")
    starts_on = serializers.DateField(source="package.starts_on")
    ends_on = serializers.DateField(source="package.ends_on")
    physical = serializers.DecimalField(source="package.progress", max_digits=5, decimal_places=2)
    planned = serializers.DecimalField(source="planned_now", max_digits=5, decimal_places=2)
    money_used = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    flags = serializers.ListField(source="money_flags", child=serializers.CharField())
    geometry = serializers.JSONField(source="package.geometry")


class PackagesAPI(APIView):
    """The village's work packages with plan vs actual (public; no names)."""

    permission_classes: list = []

    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=PackageStatus.values)],
        responses=PackageOutput(many=True),
    )
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "works.view", village)
        status_filter = query_choice(request, "status", PackageStatus.values)
        works = selectors.village_works(village, status_filter)
        return Response(PackageOutput(works.rows, many=True).data)


class EntryOutput(serializers.ModelSerializer):
    class Meta:
        model = ProgressEntry
        fields = ["id", "date", "percent", "note", "status", "return_reason"]


class EntryInput(serializers.Serializer):
    date = serializers.DateField()
    percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    photo = UploadSerializerField()
    slot = serializers.ChoiceField(choices=[0, 50, 100], required=False, allow_null=True)
    submit = serializers.BooleanField(required=False, default=False)
    instance_id = serializers.CharField(required=False, allow_blank=True, default="")


def _package(code: str, package_id: int):
    village = village_or_404(code)
    try:
        return selectors.package_of(village, package_id)
    except NotFound:
        raise Http404 from None


class EntriesAPI(APIView):
    """Progress entries of a package (GET: approved ones for everyone); POST: a KSM's claim
    with a photo, submitted at once when `submit` is true."""

    permission_classes: list = []
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=EntryOutput(many=True))
    def get(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.view", package)
        entries = package.entries.order_by("date", "id")
        if not request.user.is_authenticated:
            entries = entries.filter(status="disetujui")
        return Response(EntryOutput(entries, many=True).data)

    @extend_schema(request=EntryInput, responses={201: EntryOutput})
    def post(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.report", package)
        data = EntryInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        entry = progress.entry_report(
            actor=request.user,
            package=package,
            date=values["date"],
            percent=values["percent"],
            note=values["note"],
            file=values["photo"],
            slot=values.get("slot"),
            submit=values["submit"],
            instance_id=values["instance_id"],
        )
        return Response(EntryOutput(entry).data, status=status.HTTP_201_CREATED)


class DecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionAPI(APIView):
    """A facilitator's decision on a submitted entry: approve, or return with a reason."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=DecisionInput, responses=EntryOutput)
    def post(self, request, code: str, package_id: int, entry_id: int):
        package = _package(code, package_id)
        entry = get_object_or_404(ProgressEntry, pk=entry_id, package=package)
        entry.package = package
        authorize(request.user, "works.approve", package)
        data = DecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["approve"]:
            entry = progress.entry_approve(actor=request.user, entry=entry)
        else:
            entry = progress.entry_return(
                actor=request.user, entry=entry, reason=data.validated_data["reason"]
            )
        return Response(EntryOutput(entry).data)


class ScheduleItem(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField(read_only=True)
    amount = serializers.IntegerField(read_only=True)
    start_week = serializers.IntegerField(min_value=1)
    end_week = serializers.IntegerField(min_value=1)


class ScheduleInput(serializers.Serializer):
    items = ScheduleItem(many=True)


class ScheduleAPI(APIView):
    """The planned weeks of the package's RAB lines (GET: everyone; PUT: BKM, UPL,
    facilitator)."""

    permission_classes: list = []

    @extend_schema(responses=ScheduleItem(many=True))
    def get(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.view", package)
        return Response(ScheduleItem(selectors.work_items(package), many=True).data)

    @extend_schema(request=ScheduleInput, responses=ScheduleItem(many=True))
    def put(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.manage", package)
        data = ScheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        weeks = {i["id"]: (i["start_week"], i["end_week"]) for i in data.validated_data["items"]}
        items = packages.schedule_set(actor=request.user, package=package, weeks=weeks)
        return Response(ScheduleItem(items, many=True).data)


class BeneficiarySummaryOutput(serializers.Serializer):
    planned_people = serializers.IntegerField()
    planned_women = serializers.IntegerField()
    planned_mbr = serializers.IntegerField()
    planned_households = serializers.IntegerField()
    planned_poor = serializers.IntegerField()
    named = serializers.IntegerField()
    named_women = serializers.IntegerField()
    named_mbr = serializers.IntegerField()
    named_poor = serializers.IntegerField()


class BeneficiaryIO(serializers.ModelSerializer):
    class Meta:
        model = Beneficiary
        fields = ["id", "name", "sex", "nik", "mbr", "poor"]
        read_only_fields = ["id"]


class BeneficiariesOutput(serializers.Serializer):
    summary = BeneficiarySummaryOutput()
    people = BeneficiaryIO(many=True, allow_null=True)


class BeneficiariesAPI(APIView):
    """Counts for everyone; the named list (`people`) only for the roles that need it (null
    otherwise); POST adds a name (BKM, UPL, facilitator)."""

    permission_classes: list = []

    @extend_schema(responses=BeneficiariesOutput)
    def get(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.view", package)
        personal = can(request.user, "works.view_personal", package)
        people = list(selectors.beneficiaries_of(package)) if personal else None
        log_beneficiary_niks(request.user, package, people or [], place="api:beneficiaries")
        body = {"summary": selectors.beneficiary_summary(package), "people": people}
        return Response(BeneficiariesOutput(body).data)

    @extend_schema(request=BeneficiaryIO, responses={201: BeneficiaryIO})
    def post(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.manage", package)
        data = BeneficiaryIO(data=request.data)
        data.is_valid(raise_exception=True)
        person = packages.beneficiary_add(
            actor=request.user, package=package, **data.validated_data
        )
        return Response(BeneficiaryIO(person).data, status=status.HTTP_201_CREATED)
