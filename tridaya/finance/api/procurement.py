"""Community procurement writes: price surveys with their quotes, purchases."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from tridaya.finance.api.common import FinanceCreatedOutput, WriteAPI, _activity
from tridaya.finance.models import CostCategory, PriceQuote
from tridaya.finance.services import procurement


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
