"""REST endpoints of regional unit price lists (HSPK): lists, items, the strict import and what a
price change would move. Reading is public; writes need a login, then the policy."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_int
from tridaya.planning import policy
from tridaya.planning.api.plans import _Write
from tridaya.planning.models import (
    PriceItem,
)
from tridaya.planning.selectors import price_lists as price_selectors
from tridaya.planning.services import price_lists
from tridaya.regions.models import Region

# --- Price lists -----------------------------------------------------------------------------


class PriceListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region_id")
    year = serializers.IntegerField()
    name = serializers.CharField()
    source = serializers.CharField()


class PriceItemOutput(serializers.ModelSerializer):
    class Meta:
        model = PriceItem
        fields = ["id", "code", "name", "unit", "price", "category"]


class PriceListInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    name = serializers.CharField(max_length=200)
    source = serializers.CharField(required=False, allow_blank=True, default="")


class PriceListsAPI(_Write):
    """GET: the price lists that apply to a region (its own and its ancestors'). POST: create
    one for a regency/city or province (officers)."""

    @extend_schema(responses=PriceListOutput(many=True))
    def get(self, request, code: str):
        get_object_or_404(Region, code=code)
        return Response(PriceListOutput(price_selectors.price_lists_for(code), many=True).data)

    @extend_schema(request=PriceListInput, responses=PriceListOutput)
    def post(self, request, code: str):
        self.authorize_write(request, code, policy.MANAGE_PRICE_LISTS)
        region = get_object_or_404(Region, code=code)
        data = PriceListInput(data=request.data)
        data.is_valid(raise_exception=True)
        created = price_lists.price_list_create(
            actor=request.user, region=region, **data.validated_data
        )
        return Response(PriceListOutput(created).data, status=201)


class PriceItemsAPI(APIView):
    """GET: the unit prices of a list."""

    @extend_schema(responses=PriceItemOutput(many=True))
    def get(self, request, code: str, list_id: int):
        price_list = price_selectors.price_list_in(code, list_id)
        return Response(PriceItemOutput(price_list.items.all(), many=True).data)


class ImportOutput(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    problems = serializers.ListField(child=serializers.DictField())


class PriceImportAPI(_Write):
    """POST (multipart, `file`): import an HSPK XLSX or CSV. Any bad row: 400 with every
    problem (row, column, message) and nothing written."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses=ImportOutput,
    )
    def post(self, request, code: str, list_id: int):
        self.require_login(request)
        price_list = price_selectors.price_list_in(code, list_id)
        upload = request.FILES.get("file")
        if upload is None:
            return Response({"file": ["Unggah berkas .xlsx atau .csv."]}, status=400)
        report = price_lists.price_list_import(
            actor=request.user,
            price_list=price_list,
            content=upload.read(),
            filename=upload.name,
        )
        body = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "problems": [
                {"row": p.line, "column": p.column, "message": str(p.reason)}
                for p in report.problems
            ],
        }
        return Response(body, status=200 if report.ok else 400)


class ImpactOutput(serializers.Serializer):
    activity = serializers.IntegerField(source="activity.pk")
    name = serializers.CharField(source="activity.name")
    village = serializers.CharField(source="activity.version.plan.village_id")
    version = serializers.IntegerField(source="activity.version.number")
    lines = serializers.IntegerField()
    total_before = serializers.IntegerField()
    total_after = serializers.IntegerField()
    editable = serializers.BooleanField()


class PriceImpactAPI(APIView):
    """GET ?price=120000: the activities whose RAB a new unit price would move (default: the
    list's current price against the prices the RAB lines still carry)."""

    @extend_schema(parameters=[OpenApiParameter("price", int)], responses=ImpactOutput(many=True))
    def get(self, request, code: str, list_id: int, item_id: int):
        price_list = price_selectors.price_list_in(code, list_id)
        item = get_object_or_404(PriceItem, pk=item_id, price_list=price_list)
        new_price = query_int(request, "price")
        impacts = price_selectors.price_change_impact(item, new_price)
        return Response(ImpactOutput(impacts, many=True).data)
