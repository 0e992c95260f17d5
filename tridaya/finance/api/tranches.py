"""PP-BLM writes: open a disbursement request for a tranche."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI
from tridaya.finance.models import Allocation
from tridaya.finance.services.tranches import request_create


class FinanceRequestInput(serializers.Serializer):
    allocation = serializers.IntegerField()
    tranche = serializers.IntegerField(min_value=1)


class RequestCreateAPI(WriteAPI):
    """Open a PP-BLM for a tranche (UPK, BKM)."""

    input_class = FinanceRequestInput

    @extend_schema(request=FinanceRequestInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        allocation = get_object_or_404(Allocation, pk=data["allocation"], village=village)
        return request_create(actor=request.user, allocation=allocation, tranche=data["tranche"])
