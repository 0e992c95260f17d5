"""Allocation writes: give a village an allocation."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI
from tridaya.finance.services.allocations import allocation_create


class FinanceAllocationInput(serializers.Serializer):
    program = serializers.CharField(help_text="plpbk, bpm, bdi-kolaborasi")
    budget_year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    funding_source = serializers.CharField(required=False, allow_blank=True, default="")


class AllocationCreateAPI(WriteAPI):
    """Give the village an allocation (officers, city coordinator)."""

    input_class = FinanceAllocationInput

    @extend_schema(request=FinanceAllocationInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        return allocation_create(
            actor=request.user,
            village=village,
            program_code=data.pop("program"),
            **data,
        )
