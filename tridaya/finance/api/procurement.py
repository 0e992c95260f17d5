"""Community procurement writes: price surveys with their quotes, purchases, and the tax lines
of an expense voucher with their proof of deposit (only when tax lines are switched on)."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.core.api import IdField
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.finance.api.common import (
    FinanceCreatedOutput,
    FinanceUpdatedOutput,
    ObjectWriteAPI,
    WriteAPI,
    _activity,
)
from tridaya.finance.models import TAX_TYPES, CostCategory, PriceQuote, TaxLine, Voucher
from tridaya.finance.services import procurement


class FinanceQuoteInput(serializers.Serializer):
    shop = serializers.CharField(max_length=150)
    unit_price = serializers.IntegerField(min_value=1)
    quoted_on = serializers.DateField()
    written = serializers.BooleanField(default=False)


class FinancePriceSurveyInput(serializers.Serializer):
    activity = IdField()
    item = serializers.CharField(max_length=200)
    unit = serializers.CharField(max_length=30)
    surveyed_on = serializers.DateField()
    surveyor = serializers.CharField(max_length=150)
    tender_reference = serializers.CharField(required=False, allow_blank=True, default="")
    quotes = FinanceQuoteInput(many=True)


class PriceSurveyAPI(WriteAPI):
    """A price survey with its quotes (the count the procurement band asks for)."""

    input_class = FinancePriceSurveyInput
    policy_action = "finance.post_voucher"

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
    evidence = UploadSerializerField(
        accept=kinds.IMAGES | {kinds.Kind.PDF}, group="document", required=False
    )


class PurchaseAPI(WriteAPI):
    """Post a purchase against the chosen quote (multipart with the receipt); a purchase that
    skips its band's evidence is refused with the reason."""

    input_class = FinancePurchaseInput
    policy_action = "finance.post_voucher"

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


class FinanceTaxInput(serializers.Serializer):
    tax_type = serializers.ChoiceField(choices=list(TAX_TYPES))
    base = serializers.IntegerField(min_value=1, help_text="Dasar pengenaan, rupiah")
    rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal(100)
    )
    deposit_proof = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=60, help_text="NTPN"
    )


class TaxLineAPI(ObjectWriteAPI):
    """A tax line on a Bukti Kas Keluar (UPK, BKM); refused while TRIDAYA_FINANCE_TAX_LINES is
    off. The amount is base x rate rounded to the rupiah."""

    input_class = FinanceTaxInput
    policy_action = "finance.post_voucher"
    model = Voucher
    creates = True

    @extend_schema(request=FinanceTaxInput, responses={201: FinanceCreatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return procurement.tax_line_add(actor=request.user, voucher=obj, **data)


class FinanceTaxDepositInput(serializers.Serializer):
    deposit_proof = serializers.CharField(
        max_length=60, help_text="NTPN: 16 letters and digits, as printed on the BPN"
    )
    deposit_evidence = UploadSerializerField(
        accept=kinds.IMAGES | {kinds.Kind.PDF},
        group="document",
        required=False,
        help_text="Photo or scan of the Bukti Penerimaan Negara (multipart)",
    )


class TaxDepositAPI(ObjectWriteAPI):
    """Record a tax line's proof of deposit once: the NTPN, and the photo or scan of the Bukti
    Penerimaan Negara when sent as multipart."""

    input_class = FinanceTaxDepositInput
    policy_action = "finance.post_voucher"
    model = TaxLine
    village_field = "voucher__village"
    related = ("voucher",)

    @extend_schema(request=FinanceTaxDepositInput, responses={200: FinanceUpdatedOutput})
    def post(self, request, code: str, pk: int = 0, **kwargs):
        return super().post(request, code, pk, **kwargs)

    def perform_on(self, request, obj, data):
        return procurement.tax_deposit_record(actor=request.user, line=obj, **data)
