"""Allocation writes: give a village an allocation; suspend, resume, cancel or close it with a
reason; return the unspent money to the state treasury (a recorded Bukti Kas Keluar)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.finance.api.common import (
    FinanceCreatedOutput,
    FinanceUpdatedOutput,
    ObjectWriteAPI,
    WriteAPI,
)
from tridaya.finance.models import Allocation
from tridaya.finance.services.allocations import (
    allocation_create,
    allocation_return_unspent,
    allocation_set_status,
)


class FinanceAllocationInput(serializers.Serializer):
    program = serializers.CharField(help_text="plpbk, bpm, bdi-kolaborasi")
    budget_year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    funding_source = serializers.CharField(required=False, allow_blank=True, default="")


class AllocationCreateAPI(WriteAPI):
    """Give the village an allocation (officers, city coordinator)."""

    input_class = FinanceAllocationInput
    policy_action = "finance.manage_allocation"

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


class FinanceAllocationStatusInput(serializers.Serializer):
    move = serializers.ChoiceField(
        choices=["suspend", "resume", "cancel", "close"],
        help_text="suspend (tangguhkan), resume (lanjutkan), cancel (batalkan), close (tutup)",
    )
    reason = serializers.CharField(help_text="Alasan yang dicatat dan diperlihatkan")


class AllocationStatusAPI(ObjectWriteAPI):
    """Suspend, resume, cancel or close an allocation with its reason (officers, korkot)."""

    input_class = FinanceAllocationStatusInput
    policy_action = "finance.manage_allocation"
    model = Allocation
    related = ("scheme",)

    @extend_schema(request=FinanceAllocationStatusInput, responses={200: FinanceUpdatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return allocation_set_status(actor=request.user, allocation=obj, **data)


class FinanceReturnInput(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()
    evidence = UploadSerializerField(
        accept=kinds.IMAGES | {kinds.Kind.PDF},
        group="document",
        required=False,
        help_text="Bukti setor ke kas negara",
    )


class AllocationReturnAPI(ObjectWriteAPI):
    """Return what is left in the BKM bank to the state treasury, once (UPK, BKM); the answer
    names the Bukti Kas Keluar posted."""

    input_class = FinanceReturnInput
    policy_action = "finance.post_voucher"
    model = Allocation
    related = ("scheme", "village")

    @extend_schema(request=FinanceReturnInput, responses={200: FinanceUpdatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return allocation_return_unspent(
            actor=request.user,
            allocation=obj,
            date=data["date"],
            reason=data["reason"],
            evidence=data.get("evidence"),
        )
