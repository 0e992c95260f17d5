"""REST endpoints of RTPLP activities and their RAB lines."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from tridaya.core.api import IdField
from tridaya.planning import policy
from tridaya.planning.api.plans import DomainField, _page, _Write
from tridaya.planning.calc import FUNDING_FIELDS
from tridaya.planning.models import (
    Activity,
    RABItem,
)
from tridaya.planning.selectors import rab as rab_selectors
from tridaya.planning.services import rab


class RABItemOutput(serializers.ModelSerializer):
    class Meta:
        model = RABItem
        fields = [
            "id",
            "position",
            "price_item",
            "code",
            "description",
            "volume",
            "unit",
            "unit_price",
            "amount",
        ]


class ActivityOutput(serializers.ModelSerializer):
    domain = DomainField(read_only=True)
    rab_items = RABItemOutput(many=True)
    problems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    funding = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "name",
            "domain",
            "sector",
            "year",
            "location",
            "rt",
            "geometry",
            "volume",
            "unit",
            "starts_on",
            "ends_on",
            "main_source",
            "funding",
            "rab_total",
            "rplp_row",
            "problems",
            "people",
            "women",
            "mbr",
            "households",
            "poor_households",
            "rab_items",
        ]

    def get_funding(self, activity) -> dict[str, int]:
        return activity.funding()


class ActivityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    year = serializers.IntegerField()
    domain = DomainField(default="L")
    sector = serializers.CharField(default="lainnya")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="")
    geometry = serializers.JSONField(required=False, allow_null=True, default=None)
    volume = serializers.DecimalField(max_digits=14, decimal_places=3, default=1)
    unit = serializers.CharField(default="paket")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    problems = serializers.ListField(child=IdField(), default=list)
    rplp_row = IdField(required=False, allow_null=True, default=None)
    main_source = serializers.ChoiceField(choices=list(FUNDING_FIELDS), default="blm")
    funding = serializers.DictField(child=serializers.IntegerField(min_value=0), default=dict)
    people = serializers.IntegerField(min_value=0, default=0)
    women = serializers.IntegerField(min_value=0, default=0)
    mbr = serializers.IntegerField(min_value=0, default=0)
    households = serializers.IntegerField(min_value=0, default=0)
    poor_households = serializers.IntegerField(min_value=0, default=0)


class ActivityListAPI(_Write):
    """GET: the activities of an RTPLP version with their RAB. POST: add one."""

    @extend_schema(responses=ActivityOutput(many=True))
    def get(self, request, code: str, plan_id: int, number: int):
        page = _page(code, plan_id, number)
        return Response(ActivityOutput(page.activities, many=True).data)

    @extend_schema(request=ActivityInputSerializer, responses=ActivityOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.authorize_write(request, code, policy.EDIT_PLAN)
        version = _page(code, plan_id, number).version
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        activity = rab.activity_save(
            actor=request.user,
            version=version,
            data=rab.ActivityInput(
                problem_ids=tuple(d.pop("problems")), rplp_row_id=d.pop("rplp_row"), **d
            ),
        )
        return Response(
            ActivityOutput(rab_selectors.activity_in(version, activity.pk)).data, status=201
        )


class RABItemInputSerializer(serializers.Serializer):
    volume = serializers.DecimalField(max_digits=14, decimal_places=3)
    price_item = serializers.IntegerField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    unit = serializers.CharField(required=False, allow_blank=True, default="")
    unit_price = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0
    )
    code = serializers.CharField(required=False, allow_blank=True, default="")


class RABAPI(_Write):
    """GET: an activity with its RAB lines and total. POST: add a line (from the HSPK with
    `price_item`, or typed)."""

    def activity(self, code, plan_id, number, activity_id) -> Activity:
        version = _page(code, plan_id, number).version
        return rab_selectors.activity_in(version, activity_id)

    @extend_schema(responses=ActivityOutput)
    def get(self, request, code: str, plan_id: int, number: int, activity_id: int):
        return Response(ActivityOutput(self.activity(code, plan_id, number, activity_id)).data)

    @extend_schema(request=RABItemInputSerializer, responses=ActivityOutput)
    def post(self, request, code: str, plan_id: int, number: int, activity_id: int):
        self.authorize_write(request, code, policy.EDIT_PLAN)
        activity = self.activity(code, plan_id, number, activity_id)
        data = RABItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        rab.rab_item_add(
            actor=request.user,
            activity=activity,
            data=rab.RABItemInput(price_item_id=d.pop("price_item"), **d),
        )
        return Response(
            ActivityOutput(self.activity(code, plan_id, number, activity_id)).data, status=201
        )


class RABItemAPI(_Write):
    """DELETE: remove a RAB line."""

    @extend_schema(responses=None)
    def delete(self, request, code: str, plan_id: int, number: int, activity_id: int, item_id: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        item = get_object_or_404(
            RABItem, pk=item_id, activity_id=activity_id, activity__version=version
        )
        rab.rab_item_delete(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)
