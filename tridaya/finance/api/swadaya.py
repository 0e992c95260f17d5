"""Swadaya writes: cash, materials (valued) or labour (HOK x rate)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI
from tridaya.finance.models import SwadayaForm
from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record
from tridaya.institutions.models import KSM


class FinanceSwadayaApiInput(serializers.Serializer):
    form = serializers.CharField(help_text="cash (tunai), labour (tenaga, HOK), material (bahan)")
    date = serializers.DateField()
    description = serializers.CharField(max_length=300)
    amount = serializers.IntegerField(min_value=0, default=0)
    days = serializers.IntegerField(min_value=0, default=0)
    daily_rate = serializers.IntegerField(min_value=0, default=0)
    workers_men = serializers.IntegerField(min_value=0, default=0)
    workers_women = serializers.IntegerField(min_value=0, default=0)
    ksm = serializers.IntegerField(required=False, allow_null=True, default=None)
    evidence = UploadSerializerField(
        accept=kinds.IMAGES | {kinds.Kind.PDF}, group="document", required=False
    )

    def validate_form(self, value: str) -> str:
        if value not in SwadayaForm.values:
            raise serializers.ValidationError("Pilih cash, labour atau material.")
        return value


class SwadayaAPI(WriteAPI):
    """Record swadaya: cash, materials (valued) or labour (HOK x rate)."""

    input_class = FinanceSwadayaApiInput
    policy_action = "finance.post_voucher"

    @extend_schema(request=FinanceSwadayaApiInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        ksm_id = data.pop("ksm")
        evidence = data.pop("evidence", None)
        ksm = get_object_or_404(KSM, pk=ksm_id, village=village) if ksm_id else None
        return swadaya_record(
            actor=request.user,
            village=village,
            data=SwadayaInput(ksm=ksm, **data),
            evidence=evidence,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
        )
