"""What the write endpoints of money share: the POST flow (read the village, 404 outside the
reader's scope; check; validate; run the same service as the page, which checks the policy:
403 for a visible village the user may not change), the created output and lookups."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize
from tridaya.finance.models import ProposalActivity
from tridaya.regions.pages import village_or_404


class FinanceCreatedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(required=False)


def _created(obj: Any) -> Response:
    body = {"id": obj.pk}
    if hasattr(obj, "status"):
        body["status"] = obj.status
    return Response(body, status=status.HTTP_201_CREATED)


class WriteAPI(APIView):
    """POST only: read the village (404 outside the reader's scope), check the reader may see
    its books, validate the input, run `perform`."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_class: type[serializers.Serializer]

    def post(self, request, code: str, **kwargs):
        village = village_or_404(code)
        authorize(request.user, "finance.view_totals", village)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return _created(self.perform(request, village, dict(data.validated_data), **kwargs))

    def perform(self, request, village, data: dict, **kwargs) -> Any:  # pragma: no cover
        raise NotImplementedError


class FinanceEmptyInput(serializers.Serializer):
    pass


def _activity(village, pk: int) -> ProposalActivity:
    return get_object_or_404(
        ProposalActivity.objects.select_related("proposal__allocation__ksm_scheme"),
        pk=pk,
        proposal__village=village,
    )
