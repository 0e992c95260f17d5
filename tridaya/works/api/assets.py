"""REST endpoints after the works: the handover (BAST) of a completed package, its asset with
the O&M records (plans, functionality checks, maintenance, iuran), and the handled volumes per
RT and slum criterion. Reads are public (no names); the same policy as the pages for writes."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.errors import NotFound
from tridaya.core.policy import authorize
from tridaya.regions.models import RT
from tridaya.works import selectors
from tridaya.works.api.packages import _package
from tridaya.works.models import (
    Asset,
    FunctionalityCheck,
    HandledVolume,
    IuranPayment,
    MaintenanceLog,
    OmPlan,
    Recipient,
)
from tridaya.works.services import assets as services


def _asset(code: str, package_id: int):
    package = _package(code, package_id)
    try:
        return package, selectors.asset_of(package)
    except NotFound:
        raise Http404 from None


class PlanIO(serializers.ModelSerializer):
    class Meta:
        model = OmPlan
        fields = ["year", "use_plan", "revenue_plan", "spending_plan", "maintenance_schedule"]
        # Optional in a request as in the model (0 when left out): the service takes them all.
        extra_kwargs = {"revenue_plan": {"default": 0}, "spending_plan": {"default": 0}}


class CheckIO(serializers.ModelSerializer):
    class Meta:
        model = FunctionalityCheck
        fields = ["year", "checked_on", "exists", "good_condition", "functioning", "used"]
        fields += ["upgraded", "note", "score"]
        read_only_fields = ["score"]


class MaintenanceIO(serializers.ModelSerializer):
    class Meta:
        model = MaintenanceLog
        fields = ["date", "description", "cost"]


class IuranIO(serializers.ModelSerializer):
    class Meta:
        model = IuranPayment
        fields = ["date", "amount", "payers"]


class AssetOutput(serializers.ModelSerializer):
    bast_number = serializers.CharField(source="handover.number")
    recipient = serializers.CharField(source="handover.recipient_name")
    plans = PlanIO(source="records.plans", many=True)
    checks = CheckIO(source="records.checks", many=True)
    maintenance = MaintenanceIO(source="records.maintenance", many=True)
    iuran = IuranIO(source="records.iuran", many=True)

    class Meta:
        model = Asset
        fields = ["id", "name", "kind", "volume", "unit", "value", "design_life_years"]
        fields += ["handed_on", "geometry", "bast_number", "recipient"]
        fields += ["plans", "checks", "maintenance", "iuran"]


def _asset_body(asset: Asset) -> dict:
    asset.records = selectors.asset_records(asset)  # type: ignore[attr-defined]
    return AssetOutput(asset).data


class HandoverInput(serializers.Serializer):
    number = serializers.CharField(max_length=80)
    date = serializers.DateField()
    recipient = serializers.ChoiceField(choices=Recipient.choices)
    kpp = serializers.IntegerField(required=False, allow_null=True, default=None)
    pemda_office = serializers.CharField(required=False, allow_blank=True, default="")
    asset_kind = serializers.CharField(required=False, allow_blank=True, default="")
    design_life_years = serializers.IntegerField(min_value=1, max_value=100, default=10)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class HandoverAPI(APIView):
    """POST: the BAST of a completed package (BKM, UPL, facilitator); answers its asset."""

    @extend_schema(request=HandoverInput, responses={201: AssetOutput})
    def post(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.manage", package)
        data = HandoverInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kpp_id = values.pop("kpp")
        kpp = next((k for k in selectors.kpps_of(package.village) if k.pk == kpp_id), None)
        if kpp_id is not None and kpp is None:
            raise serializers.ValidationError({"kpp": ["KPP tidak ada di desa ini."]})
        services.handover_record(actor=request.user, package=package, kpp=kpp, **values)
        asset = selectors.asset_of(package)
        return Response(_asset_body(asset), status=status.HTTP_201_CREATED)


class AssetAPI(APIView):
    """The asset of a handed-over package with its O&M records (public)."""

    permission_classes: list = []

    @extend_schema(responses=AssetOutput)
    def get(self, request, code: str, package_id: int):
        _package_, asset = _asset(code, package_id)
        authorize(request.user, "works.view", asset)
        return Response(_asset_body(asset))


class _RecordAPI(APIView):
    """POST one O&M record for the asset (BKM, UPL, facilitator, korkot)."""

    input_class: type[serializers.Serializer]

    def record(self, request, asset: Asset, values: dict):
        raise NotImplementedError

    def post(self, request, code: str, package_id: int):
        _package_, asset = _asset(code, package_id)
        authorize(request.user, "works.om", asset)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        made = self.record(request, asset, dict(data.validated_data))
        return Response(self.input_class(made).data, status=status.HTTP_201_CREATED)


class PlanAPI(_RecordAPI):
    input_class = PlanIO

    @extend_schema(request=PlanIO, responses={201: PlanIO})
    def post(self, request, code: str, package_id: int):
        return super().post(request, code, package_id)

    def record(self, request, asset, values):
        return services.om_plan_save(actor=request.user, asset=asset, **values)


class CheckAPI(_RecordAPI):
    input_class = CheckIO

    @extend_schema(request=CheckIO, responses={201: CheckIO})
    def post(self, request, code: str, package_id: int):
        return super().post(request, code, package_id)

    def record(self, request, asset, values):
        flags = {name: values.pop(name) for name in services.FLAGS}
        return services.check_record(actor=request.user, asset=asset, flags=flags, **values)


class MaintenanceAPI(_RecordAPI):
    input_class = MaintenanceIO

    @extend_schema(request=MaintenanceIO, responses={201: MaintenanceIO})
    def post(self, request, code: str, package_id: int):
        return super().post(request, code, package_id)

    def record(self, request, asset, values):
        return services.maintenance_log(actor=request.user, asset=asset, **values)


class IuranAPI(_RecordAPI):
    input_class = IuranIO

    @extend_schema(request=IuranIO, responses={201: IuranIO})
    def post(self, request, code: str, package_id: int):
        return super().post(request, code, package_id)

    def record(self, request, asset, values):
        services.iuran_record(actor=request.user, asset=asset, **values)
        return asset.iuran.order_by("-id").first()


class HandledIO(serializers.ModelSerializer):
    rt = serializers.PrimaryKeyRelatedField(queryset=RT.objects.all())

    class Meta:
        model = HandledVolume
        fields = ["rt", "year", "code", "amount"]


class HandledAPI(APIView):
    """The volumes a completed package handled per RT and criterion (GET: everyone; POST:
    BKM, UPL, facilitator; mapping re-scores the RT)."""

    permission_classes: list = []

    @extend_schema(responses=HandledIO(many=True))
    def get(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.view", package)
        return Response(HandledIO(selectors.handled_of(package), many=True).data)

    @extend_schema(request=HandledIO, responses={201: HandledIO})
    def post(self, request, code: str, package_id: int):
        package = _package(code, package_id)
        authorize(request.user, "works.manage", package)
        data = HandledIO(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.handled_record(actor=request.user, package=package, **data.validated_data)
        return Response(HandledIO(row).data, status=status.HTTP_201_CREATED)
