"""The dashboards' figures as JSON: the same aggregate rows the pages show."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.errors import NotFound
from tridaya.core.policy import authorize
from tridaya.dashboards import selectors


class ValueOutput(serializers.Serializer):
    figure = serializers.CharField()
    state = serializers.CharField(allow_blank=True)
    label = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=24, decimal_places=4, allow_null=True)


class ChildOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    values = ValueOutput(many=True)


class DashboardOutput(serializers.Serializer):
    code = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    month = serializers.DateField(allow_null=True)
    values = ValueOutput(many=True)
    children = ChildOutput(many=True)


def _values(columns, cells) -> list[dict]:
    return [
        {"figure": c.key, "state": c.state, "label": c.label, "unit": c.unit, "value": v}
        for c, v in zip(columns, cells, strict=True)
    ]


class DashboardDetail(APIView):
    """Figures of a region (or of the nation, without a code) and of each region below it."""

    permission_classes = [AllowAny]

    @extend_schema(responses=DashboardOutput)
    def get(self, request, code: str = ""):
        try:
            board = selectors.dashboard(code)
        except NotFound:
            raise Http404 from None
        authorize(request.user, "dashboards.view", board.region)
        cols = board.columns
        own = [board.value(c.key, c.state) for c in cols]
        data = {
            "code": board.code,
            "name": board.region.name if board.region else "Indonesia",
            "month": board.month,
            "values": _values(cols, own),
            "children": [
                {"code": c.code, "name": c.name, "values": _values(cols, c.cells(cols))}
                for c in board.children
            ],
        }
        return Response(DashboardOutput(data).data)
