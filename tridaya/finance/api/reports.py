"""Audit writes: the annual audit with its opinion and findings."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI
from tridaya.finance.models import AuditOpinion
from tridaya.finance.services.reports import FindingInput, audit_record


class FinanceFindingApiInput(serializers.Serializer):
    text = serializers.CharField()
    follow_up = serializers.CharField(required=False, allow_blank=True, default="")
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


class FinanceAuditInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    auditor = serializers.CharField(max_length=200)
    audited_on = serializers.DateField()
    opinion = serializers.ChoiceField(choices=AuditOpinion.choices)
    findings = FinanceFindingApiInput(many=True, required=False, default=list)


class AuditAPI(WriteAPI):
    """Record the annual audit with its opinion and findings."""

    input_class = FinanceAuditInput

    @extend_schema(request=FinanceAuditInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        findings = [FindingInput(**f) for f in data.pop("findings")]
        return audit_record(actor=request.user, village=village, findings=findings, **data)
