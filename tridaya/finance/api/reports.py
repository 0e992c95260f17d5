"""LPJ and audit writes: submitting an LPJ (per tranche, 0 = final), the annual audit with its
opinion and findings, closing a finding's follow-up with a note."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.api import IdField
from tridaya.finance.api.common import (
    FinanceCreatedOutput,
    FinanceUpdatedOutput,
    ObjectWriteAPI,
    WriteAPI,
)
from tridaya.finance.models import Allocation, AuditFinding, AuditOpinion
from tridaya.finance.services.reports import (
    FindingInput,
    audit_record,
    finding_close,
    lpj_submit,
)


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
    policy_action = "finance.record_audit"

    @extend_schema(request=FinanceAuditInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        findings = [FindingInput(**f) for f in data.pop("findings")]
        return audit_record(actor=request.user, village=village, findings=findings, **data)


class FinanceLpjInput(serializers.Serializer):
    allocation = IdField()
    tranche = serializers.IntegerField(min_value=0, help_text="Tahap 1, 2, ...; 0 untuk LPJ akhir")
    period_end = serializers.DateField(help_text="Tanggal akhir periode yang dipertanggungjawabkan")


class LpjSubmitAPI(WriteAPI):
    """Submit the LPJ of a tranche, or again after the facilitator returned it (UPK, BKM)."""

    input_class = FinanceLpjInput
    policy_action = "finance.post_voucher"

    @extend_schema(request=FinanceLpjInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        allocation = get_object_or_404(Allocation, pk=data.pop("allocation"), village=village)
        return lpj_submit(actor=request.user, allocation=allocation, **data)


class FinanceFindingCloseInput(serializers.Serializer):
    closed_on = serializers.DateField()
    note = serializers.CharField(help_text="Apa yang sudah dilakukan")


class FindingCloseAPI(ObjectWriteAPI):
    """Close an audit finding's follow-up with what was done (UPK, BKM, facilitators)."""

    input_class = FinanceFindingCloseInput
    policy_action = "finance.record_audit"
    model = AuditFinding
    village_field = "audit__village"
    related = ("audit",)

    @extend_schema(request=FinanceFindingCloseInput, responses={200: FinanceUpdatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return finding_close(actor=request.user, finding=obj, **data)
