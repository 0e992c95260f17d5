"""REST endpoints that create money's records: an allocation, a PP-BLM, a KSM proposal and
what happens to it (activities, submission, BKM verification, RPD rows, releases, price surveys,
purchases), swadaya, closing a month and the annual audit. One class per operation with its own
input serializer; each calls the same service as the page, which checks the policy (403 for a
visible village the user may not change; 404 outside the user's scope)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize
from tridaya.finance.models import (
    Allocation,
    AuditOpinion,
    CostCategory,
    PriceQuote,
    Proposal,
    ProposalActivity,
    SwadayaForm,
)
from tridaya.finance.services import procurement, proposals
from tridaya.finance.services.allocations import allocation_create
from tridaya.finance.services.ledger import period_close
from tridaya.finance.services.reports import FindingInput, audit_record
from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record
from tridaya.finance.services.tranches import request_create
from tridaya.institutions.models import KSM
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
    """POST only: read the village, authorize `action` on it (404 outside the user's scope, 403
    inside it without the right) before validating the input, then run `perform` (whose service
    checks again, on the object)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    input_class: type[serializers.Serializer]
    action: str  # the policy action the service checks

    def post(self, request, code: str, **kwargs):
        village = village_or_404(code)
        authorize(request.user, self.action, village)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return _created(self.perform(request, village, dict(data.validated_data), **kwargs))

    def perform(self, request, village, data: dict, **kwargs) -> Any:  # pragma: no cover
        raise NotImplementedError


class FinanceAllocationInput(serializers.Serializer):
    program = serializers.CharField(help_text="plpbk, bpm, bdi-kolaborasi")
    budget_year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    funding_source = serializers.CharField(required=False, allow_blank=True, default="")


class AllocationCreateAPI(WriteAPI):
    """Give the village an allocation (officers, city coordinator)."""

    input_class = FinanceAllocationInput
    action = "finance.manage_allocation"

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


class FinanceRequestInput(serializers.Serializer):
    allocation = serializers.IntegerField()
    tranche = serializers.IntegerField(min_value=1)


class RequestCreateAPI(WriteAPI):
    """Open a PP-BLM for a tranche (UPK, BKM)."""

    input_class = FinanceRequestInput
    action = "finance.post_voucher"

    @extend_schema(request=FinanceRequestInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        allocation = get_object_or_404(Allocation, pk=data["allocation"], village=village)
        return request_create(actor=request.user, allocation=allocation, tranche=data["tranche"])


class FinanceProposalInput(serializers.Serializer):
    allocation = serializers.IntegerField()
    ksm = serializers.IntegerField()
    number = serializers.CharField(max_length=60)
    proposed_on = serializers.DateField()


class ProposalCreateAPI(WriteAPI):
    """A KSM's proposal under an allocation (UPK, BKM, KSM)."""

    input_class = FinanceProposalInput
    action = "finance.propose"

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


def _activity(village, pk: int) -> ProposalActivity:
    return get_object_or_404(
        ProposalActivity.objects.select_related("proposal__allocation__ksm_scheme"),
        pk=pk,
        proposal__village=village,
    )


class FinanceActivityInput(serializers.Serializer):
    plan_activity_id = serializers.IntegerField(help_text="Kegiatan RTPLP yang disahkan")


class ProposalActivityAPI(WriteAPI):
    input_class = FinanceActivityInput
    action = "finance.propose"

    @extend_schema(request=FinanceActivityInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, pk: int = 0, **kwargs):
        return proposals.proposal_activity_add(
            actor=request.user, proposal=_proposal(village, pk), **data
        )


class FinanceEmptyInput(serializers.Serializer):
    pass


class ProposalSubmitAPI(WriteAPI):
    input_class = FinanceEmptyInput
    action = "finance.propose"

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
    action = "finance.verify_proposal"

    @extend_schema(request=FinanceVerifyInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, pk: int = 0, **kwargs):
        return proposals.proposal_verify(
            actor=request.user, proposal=_proposal(village, pk), **data
        )


class FinanceCashPlanInput(serializers.Serializer):
    activity = serializers.IntegerField()
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
    action = "finance.propose"

    @extend_schema(request=FinanceCashPlanInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        activity = _activity(village, data.pop("activity"))
        return proposals.cash_plan_item_add(actor=request.user, activity=activity, **data)


class FinanceReleaseInput(serializers.Serializer):
    activity = serializers.IntegerField()
    tranche = serializers.IntegerField(min_value=1)
    amount = serializers.IntegerField(min_value=1)
    date = serializers.DateField()


class ReleaseAPI(WriteAPI):
    """Release money from the BKM bank to a KSM activity (never beyond its tranche). Send
    `Idempotency-Key` to make a retried request post once."""

    input_class = FinanceReleaseInput
    action = "finance.post_voucher"

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


class FinanceQuoteInput(serializers.Serializer):
    shop = serializers.CharField(max_length=150)
    unit_price = serializers.IntegerField(min_value=1)
    quoted_on = serializers.DateField()
    written = serializers.BooleanField(default=False)


class FinancePriceSurveyInput(serializers.Serializer):
    activity = serializers.IntegerField()
    item = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=30)
    surveyed_on = serializers.DateField()
    surveyor = serializers.CharField(max_length=150)
    tender_reference = serializers.CharField(required=False, allow_blank=True, default="")
    quotes = FinanceQuoteInput(many=True)


class PriceSurveyAPI(WriteAPI):
    """A price survey with its quotes (the count the procurement band asks for)."""

    input_class = FinancePriceSurveyInput
    action = "finance.post_voucher"

    @extend_schema(request=FinancePriceSurveyInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        activity = _activity(village, data.pop("activity"))
        quotes = [procurement.QuoteInput(**q) for q in data.pop("quotes")]
        return procurement.price_survey_record(
            actor=request.user, activity=activity, quotes=quotes, **data
        )


class FinancePurchaseInput(serializers.Serializer):
    quote = serializers.IntegerField(help_text="The chosen quote of a price survey")
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    date = serializers.DateField()
    category = serializers.ChoiceField(choices=CostCategory.choices, default=CostCategory.BAHAN)
    evidence = serializers.FileField(required=False)


class PurchaseAPI(WriteAPI):
    """Post a purchase against the chosen quote (multipart with the receipt); a purchase that
    skips its band's evidence is refused with the reason."""

    input_class = FinancePurchaseInput
    action = "finance.post_voucher"

    @extend_schema(request=FinancePurchaseInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        quote = get_object_or_404(
            PriceQuote.objects.select_related("survey__activity"),
            pk=data.pop("quote"),
            survey__village=village,
        )
        return procurement.purchase_post(
            actor=request.user,
            activity=quote.survey.activity,
            survey=quote.survey,
            quote=quote,
            evidence=data.pop("evidence", None),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
            **data,
        )


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
    evidence = serializers.FileField(required=False)

    def validate_form(self, value: str) -> str:
        if value not in SwadayaForm.values:
            raise serializers.ValidationError("Pilih cash, labour atau material.")
        return value


class SwadayaAPI(WriteAPI):
    """Record swadaya: cash, materials (valued) or labour (HOK x rate)."""

    input_class = FinanceSwadayaApiInput
    action = "finance.post_voucher"

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


class FinancePeriodInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)


class PeriodCloseAPI(WriteAPI):
    """Close a month of the books; nothing is posted into it afterwards."""

    input_class = FinancePeriodInput
    action = "finance.close_period"

    @extend_schema(request=FinancePeriodInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        return period_close(actor=request.user, village=village, **data)


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
    action = "finance.record_audit"

    @extend_schema(request=FinanceAuditInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, **kwargs):
        return super().post(request, code, **kwargs)

    def perform(self, request, village, data, **kwargs):
        findings = [FindingInput(**f) for f in data.pop("findings")]
        return audit_record(actor=request.user, village=village, findings=findings, **data)
