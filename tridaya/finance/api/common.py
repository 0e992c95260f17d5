"""What the write endpoints of money share: the POST flow (read the village, 404 outside the
reader's scope; check; validate; run the same service as the page, which checks the policy:
403 for a visible village the user may not change), the created output and lookups."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
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
    """POST only: read the village (404 outside the reader's scope), check `policy_action` on
    it (403 for a visible village the user may not change), then validate the input and run
    `perform`. The service checks the policy again on the very object."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_class: type[serializers.Serializer]
    policy_action: str  # the action the service checks; each endpoint names its own

    def check(self, user, village) -> None:
        authorize(user, self.policy_action, village)

    def post(self, request, code: str, **kwargs):
        village = village_or_404(code)
        self.check(request.user, village)
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


class FinanceUpdatedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(required=False)


class ObjectWriteAPI(WriteAPI):
    """A write on one object named in the URL. In this order: the village (404 outside the
    reader's scope), `policy_action` on it (403), the object inside that village (404), the input
    (400), then `perform_on`. Answers 201 when it made a record, 200 when it changed one."""

    model: type[Model]
    village_field = "village"
    related: tuple[str, ...] = ()
    creates = False

    def post(self, request, code: str, pk: int = 0, **kwargs):
        village = village_or_404(code)
        self.check(request.user, village)
        obj = get_object_or_404(
            self.model._default_manager.select_related(*self.related),
            pk=pk,
            **{self.village_field: village},
        )
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        result = self.perform_on(request, obj, dict(data.validated_data))
        if self.creates:
            return _created(result)
        body = {"id": result.pk}
        if hasattr(result, "status"):
            body["status"] = result.status
        return Response(body, status=status.HTTP_200_OK)

    def perform_on(self, request, obj, data: dict) -> Any:  # pragma: no cover
        raise NotImplementedError
