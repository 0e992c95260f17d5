"""KSM proposal writes: the proposal, its activities, submission, BKM verification, the
cash plan (RPD) rows and releases to the KSM."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.api import IdField
from tridaya.finance.api.common import FinanceCreatedOutput, FinanceEmptyInput, WriteAPI, _activity
from tridaya.finance.models import Allocation, CostCategory, Proposal
from tridaya.finance.services import proposals
from tridaya.institutions.models import KSM


class FinanceProposalInput(serializers.Serializer):
    allocation = IdField()
    ksm = IdField()
    number = serializers.CharField(max_length=60)
    proposed_on = serializers.DateField()


class ProposalCreateAPI(WriteAPI):
    """A KSM's proposal under an allocation (UPK, BKM, KSM)."""

    input_class = FinanceProposalInput
    policy_action = "finance.propose"

    @extend_schema(request=FinanceProposalInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        return proposals.proposal_create(
            actor=request.user,
            allocation=get_object_or_404(Allocation, pk=data["allocation"], village=village),
            ksm=get_object_or_404(KSM, pk=data["ksm"], village=village),
            number=data["number"],
            proposed_on=data["proposed_on"],
        )


def _proposal(village, pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("allocation"), pk=pk, village=village)


class FinanceActivityInput(serializers.Serializer):
    plan_activity_id = serializers.IntegerField(help_text="Kegiatan RTPLP yang disahkan")


class ProposalActivityAPI(WriteAPI):
    input_class = FinanceActivityInput
    policy_action = "finance.propose"

    @extend_schema(request=FinanceActivityInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, pk: int = 0, **kwargs):
        return proposals.proposal_activity_add(
            actor=request.user, proposal=_proposal(village, pk), **data
        )


class ProposalSubmitAPI(WriteAPI):
    input_class = FinanceEmptyInput
    policy_action = "finance.propose"

    @extend_schema(request=None, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, pk: int = 0, **kwargs):
        return proposals.proposal_submit(actor=request.user, proposal=_proposal(village, pk))


class FinanceVerifyInput(serializers.Serializer):
    verified_on = serializers.DateField()
    accept = serializers.BooleanField(default=True)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ProposalVerifyAPI(WriteAPI):
    """The BKM verifies a submitted proposal, or returns it with a reason."""

    input_class = FinanceVerifyInput
    policy_action = "finance.verify_proposal"

    @extend_schema(request=FinanceVerifyInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, pk: int = 0, **kwargs):
        return proposals.proposal_verify(
            actor=request.user, proposal=_proposal(village, pk), **data
        )


class FinanceCashPlanInput(serializers.Serializer):
    activity = IdField()
    tranche = serializers.IntegerField(min_value=1)
    category = serializers.ChoiceField(choices=CostCategory.choices)
    item = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=30)
    quantity_needed = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    realised_before = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=0, default=0
    )
    requested = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    unit_price = serializers.IntegerField(min_value=0)


class CashPlanAPI(WriteAPI):
    """A row of an activity's cash plan (RPD) for a tranche."""

    input_class = FinanceCashPlanInput
    policy_action = "finance.propose"

    @extend_schema(request=FinanceCashPlanInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        activity = _activity(village, data.pop("activity"))
        return proposals.cash_plan_item_add(actor=request.user, activity=activity, **data)


class FinanceReleaseInput(serializers.Serializer):
    activity = IdField()
    tranche = serializers.IntegerField(min_value=1)
    amount = serializers.IntegerField(min_value=1)
    date = serializers.DateField()


class ReleaseAPI(WriteAPI):
    """Release money from the BKM bank to a KSM activity (never beyond its tranche). Send
    `Idempotency-Key` to make a retried request post once."""

    input_class = FinanceReleaseInput
    policy_action = "finance.post_voucher"

    @extend_schema(request=FinanceReleaseInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        activity = _activity(village, data.pop("activity"))
        return proposals.ksm_release(
            actor=request.user,
            activity=activity,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
            **data,
        )
