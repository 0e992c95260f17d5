"""Ledger writes beyond vouchers: closing a month of the books."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI
from tridaya.finance.services.ledger import period_close


class FinancePeriodInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)


class PeriodCloseAPI(WriteAPI):
    """Close a month of the books; nothing is posted into it afterwards."""

    input_class = FinancePeriodInput
    policy_action = "finance.close_period"

    @extend_schema(request=FinancePeriodInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        return period_close(actor=request.user, village=village, **data)
