"""PP-BLM writes: open a disbursement request for a tranche, tick its document checklist."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.api import IdField
from tridaya.core.policy import authorize, can
from tridaya.finance.api.common import (
    FinanceCreatedOutput,
    FinanceUpdatedOutput,
    ObjectWriteAPI,
    WriteAPI,
)
from tridaya.finance.models import Allocation, DisbursementRequest
from tridaya.finance.services.tranches import request_create, request_documents_set


class FinanceRequestInput(serializers.Serializer):
    allocation = IdField()
    tranche = serializers.IntegerField(min_value=1)


class RequestCreateAPI(WriteAPI):
    """Open a PP-BLM for a tranche (UPK, BKM)."""

    input_class = FinanceRequestInput
    policy_action = "finance.post_voucher"

    @extend_schema(request=FinanceRequestInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        allocation = get_object_or_404(Allocation, pk=data["allocation"], village=village)
        return request_create(actor=request.user, allocation=allocation, tranche=data["tranche"])


class FinanceDocumentInput(serializers.Serializer):
    present = serializers.BooleanField(default=False)
    correct = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class FinanceDocumentsInput(serializers.Serializer):
    documents = serializers.DictField(
        child=FinanceDocumentInput(),
        help_text="Per kode dokumen dari daftar tahap: {present, correct, note}",
    )


class RequestDocumentsAPI(ObjectWriteAPI):
    """Tick the PP-BLM's document checklist while it is a draft or returned (UPK, BKM, or the
    facilitator and korkot who verify); a code outside the tranche's list is refused."""

    input_class = FinanceDocumentsInput
    model = DisbursementRequest
    village_field = "allocation__village"
    related = ("allocation__scheme", "allocation__tranche_scheme")

    def check(self, user, village) -> None:
        if not can(user, "finance.verify", village):
            authorize(user, "finance.post_voucher", village)

    @extend_schema(request=FinanceDocumentsInput, responses={200: FinanceUpdatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return request_documents_set(
            actor=request.user, request=obj, documents=dict(data["documents"])
        )
