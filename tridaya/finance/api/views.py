"""REST endpoints of money. One API class per operation, each with its own serializers; the
same policy as the pages: totals for everyone, books and vouchers for readers, writes for UPK
and BKM, sign-offs and LPJ decisions for facilitators and korkot."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import query_int
from tridaya.core.policy import authorize
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.finance.models import Account, DisbursementRequest, Lpj, Voucher, VoucherKind
from tridaya.finance.selectors import books
from tridaya.finance.services.ledger import Line, voucher_post, voucher_reverse
from tridaya.finance.services.reports import lpj_decide
from tridaya.finance.services.tranches import request_sign
from tridaya.regions.pages import village_or_404

PAGE = 200


class TotalsOutput(serializers.Serializer):
    received = serializers.IntegerField()
    released_to_ksm = serializers.IntegerField()
    spent = serializers.IntegerField()
    swadaya = serializers.IntegerField()
    returned = serializers.IntegerField()
    cash_and_bank = serializers.IntegerField()


class TotalsAPI(APIView):
    """The village's money in totals: public (no accounts, receipts or names)."""

    permission_classes: list = []

    @extend_schema(responses=TotalsOutput)
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "finance.view_totals", village)
        totals = books.village_totals(village, timezone.localdate())
        return Response(TotalsOutput(totals).data)


class AccountOutput(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="asset, liability, equity, income, expense")

    class Meta:
        model = Account
        fields = ["code", "name", "kind", "purpose", "category", "ksm", "balance"]


class AccountsAPI(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=AccountOutput(many=True))
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "finance.view_books", village)
        accounts = Account.objects.filter(village=village).order_by("code")
        return Response(AccountOutput(accounts, many=True).data)


class VoucherOutput(serializers.ModelSerializer):
    number = serializers.CharField(source="display_number")
    kind = serializers.CharField(help_text="masuk, keluar, pindah")
    entries = serializers.SerializerMethodField()
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Voucher
        fields = [
            "id",
            "number",
            "kind",
            "date",
            "description",
            "reverses",
            "has_evidence",
            "posted_at",
            "entries",
        ]

    def get_entries(self, obj) -> list[dict]:
        return [
            {"account": e.account.code, "debit": e.debit, "credit": e.credit, "memo": e.memo}
            for e in obj.entries.all()
        ]

    def get_has_evidence(self, obj) -> bool:
        return bool(obj.evidence)


class LineInput(serializers.Serializer):
    account = serializers.CharField(help_text="Kode akun, mis. 1102")
    debit = serializers.IntegerField(min_value=0, default=0)
    credit = serializers.IntegerField(min_value=0, default=0)
    memo = serializers.CharField(required=False, allow_blank=True, default="")


class VoucherInput(serializers.Serializer):
    kind = serializers.CharField(
        help_text="masuk (Bukti Kas Masuk), keluar (Bukti Kas Keluar), pindah (Pemindahbukuan)"
    )
    date = serializers.DateField()
    description = serializers.CharField(max_length=300)
    lines = LineInput(many=True)
    evidence = UploadSerializerField(
        accept=kinds.IMAGES | {kinds.Kind.PDF}, group="document", required=False
    )

    def validate_kind(self, value: str) -> str:
        if value not in VoucherKind.values:
            raise serializers.ValidationError("Pilih masuk, keluar atau pindah.")
        return value


class VouchersAPI(APIView):
    """List a year's vouchers (readers), or post one (UPK/BKM). Send `Idempotency-Key` to make
    a retried request post once."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=VoucherOutput(many=True))
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "finance.view_books", village)
        year = query_int(
            request, "year", default=timezone.localdate().year, minimum=2000, maximum=2100
        )
        vouchers = (
            Voucher.objects.filter(village=village, year=year)
            .prefetch_related("entries__account")
            .order_by("number")[:PAGE]
        )
        return Response(VoucherOutput(vouchers, many=True).data)

    @extend_schema(request=VoucherInput, responses={201: VoucherOutput})
    def post(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "finance.post_voucher", village)
        data = VoucherInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        accounts = {
            a.code: a
            for a in Account.objects.filter(
                village=village, code__in=[line["account"] for line in values["lines"]]
            )
        }
        unknown = [line["account"] for line in values["lines"] if line["account"] not in accounts]
        if unknown:
            raise serializers.ValidationError(
                {"lines": [f"Akun tidak dikenal: {', '.join(unknown)}"]}
            )
        voucher = voucher_post(
            actor=request.user,
            village=village,
            kind=values["kind"],
            date=values["date"],
            description=values["description"],
            lines=[
                Line(
                    accounts[ln["account"]], debit=ln["debit"], credit=ln["credit"], memo=ln["memo"]
                )
                for ln in values["lines"]
            ],
            evidence=values.get("evidence"),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
        )
        return Response(VoucherOutput(voucher).data, status=status.HTTP_201_CREATED)


class ReverseInput(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()


class ReverseAPI(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReverseInput, responses={201: VoucherOutput})
    def post(self, request, code: str, pk: int):
        village = village_or_404(code)
        authorize(request.user, "finance.post_voucher", village)
        voucher = get_object_or_404(Voucher, pk=pk, village=village)
        data = ReverseInput(data=request.data)
        data.is_valid(raise_exception=True)
        reversal = voucher_reverse(
            actor=request.user,
            voucher=voucher,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:80],
            **data.validated_data,
        )
        return Response(VoucherOutput(reversal).data, status=status.HTTP_201_CREATED)


class BookRowOutput(serializers.Serializer):
    date = serializers.DateField()
    number = serializers.CharField()
    description = serializers.CharField()
    account = serializers.CharField()
    debit = serializers.IntegerField()
    credit = serializers.IntegerField()
    balance = serializers.IntegerField()


class BookOutput(serializers.Serializer):
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    opening = serializers.IntegerField()
    total_debit = serializers.IntegerField()
    total_credit = serializers.IntegerField()
    closing = serializers.IntegerField()
    rows = BookRowOutput(many=True)


class CashBookAPI(APIView):
    """Buku Kas Umum of a year."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses=BookOutput)
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, "finance.view_books", village)
        year = query_int(
            request, "year", default=timezone.localdate().year, minimum=2000, maximum=2100
        )
        book = books.cash_book(village, *books.year_bounds(year))
        return Response(BookOutput(book).data)


class SignInput(serializers.Serializer):
    signer_name = serializers.CharField(max_length=150)
    signed_on = serializers.DateField()
    approve = serializers.BooleanField(default=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class SignOutput(serializers.Serializer):
    step_code = serializers.CharField()
    round = serializers.IntegerField()
    approved = serializers.BooleanField()
    status = serializers.CharField(source="request.status")


class SignRequestAPI(APIView):
    """Record the next rung's signature on a PP-BLM (facilitator, korkot)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=SignInput, responses={201: SignOutput})
    def post(self, request, code: str, pk: int):
        village = village_or_404(code)
        authorize(request.user, "finance.verify", village)
        disbursement = get_object_or_404(DisbursementRequest, pk=pk, allocation__village=village)
        data = SignInput(data=request.data)
        data.is_valid(raise_exception=True)
        signoff = request_sign(actor=request.user, request=disbursement, **data.validated_data)
        return Response(SignOutput(signoff).data, status=status.HTTP_201_CREATED)


class LpjDecisionInput(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class LpjDecisionAPI(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=LpjDecisionInput, responses={200: None})
    def post(self, request, code: str, pk: int):
        village = village_or_404(code)
        authorize(request.user, "finance.verify", village)
        lpj = get_object_or_404(Lpj, pk=pk, allocation__village=village)
        data = LpjDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        lpj = lpj_decide(actor=request.user, lpj=lpj, **data.validated_data)
        return Response({"status": lpj.status, "reason": lpj.reason})
