"""REST endpoints of marketing under /api/v1/.

Reading the funding sources, the gaps, the roll-up, the partner register (organisations only),
the pledges and the published prospectuses is public. A partner's contacts need
`marketing.view_contacts`; writes need the marketing roles: 401 anonymous, 404 outside the
user's regions, 403 inside without the role; a refused change answers 400 with messages and
codes (e.g. `marketing_over_committed`)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.policy import authorize, can
from tridaya.core.uploads.fields import UploadSerializerField
from tridaya.marketing import policy, selectors
from tridaya.marketing.definitions import current_sources
from tridaya.marketing.files import AGREEMENT_KINDS
from tridaya.marketing.models import (
    AgreementKind,
    Partner,
    PartnerType,
    Pledge,
    ProspectusState,
)
from tridaya.marketing.services import city_code
from tridaya.marketing.services import partners as partner_services
from tridaya.marketing.services import pledges as pledge_services
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404 as village_region


class SourceOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    short = serializers.CharField()
    counts_as = serializers.CharField()
    government = serializers.BooleanField()


class FundingSourcesAPI(APIView):
    @extend_schema(responses=SourceOutput(many=True))
    def get(self, request):
        return Response(SourceOutput(current_sources(), many=True).data)


class GapRowOutput(serializers.Serializer):
    key = serializers.CharField(source="target.key")
    name = serializers.CharField(source="target.name")
    village = serializers.CharField(source="target.village_id")
    plan = serializers.CharField(source="target.plan_title")
    kawasan = serializers.CharField(source="target.kawasan_name")
    domain = serializers.CharField(source="target.domain")
    year = serializers.IntegerField(source="target.year")
    detailed_in_rtplp = serializers.BooleanField(source="target.detailed")
    cost = serializers.IntegerField(source="funding.cost")
    blm = serializers.IntegerField(source="funding.blm")
    swadaya = serializers.IntegerField(source="funding.swadaya")
    committed = serializers.IntegerField(source="funding.committed")
    pledged = serializers.IntegerField(source="funding.pledged")
    funded = serializers.IntegerField(source="funding.funded")
    gap = serializers.IntegerField(source="funding.gap")
    over = serializers.IntegerField(source="funding.over")
    status = serializers.CharField(source="funding.status")


class GapGroupOutput(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    totals = serializers.DictField(child=serializers.IntegerField())


class GapsOutput(serializers.Serializer):
    code = serializers.CharField()
    totals = serializers.DictField(child=serializers.IntegerField())
    counts = serializers.DictField(child=serializers.IntegerField())
    rows = GapRowOutput(many=True)
    plans = GapGroupOutput(many=True)
    kawasan = GapGroupOutput(many=True)
    villages = GapGroupOutput(many=True)


class FundingGapsAPI(APIView):
    """Cost, BLM, swadaya, commitments, gap and over-commitment of every activity of the
    legalised plans in a village or region (whole rupiah)."""

    @extend_schema(responses=GapsOutput)
    def get(self, request, code: str):
        region = get_object_or_404(Region, code=code)
        authorize(request.user, policy.VIEW, region)
        return Response(GapsOutput(selectors.funding_gaps(code)).data)


class SourceLineOutput(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    committed = serializers.IntegerField()
    realised = serializers.IntegerField()


class RollupOutput(serializers.Serializer):
    code = serializers.CharField()
    blm = serializers.IntegerField()
    mobilised = serializers.IntegerField()
    leverage = serializers.CharField(source="leverage_text")
    sources = SourceLineOutput(many=True)
    villages = serializers.SerializerMethodField()

    def get_villages(self, rollup) -> list[dict]:
        return [
            {"code": g.village_id, "name": g.label, "totals": g.totals, "counts": g.counts}
            for g in rollup.report.villages
        ]


class RollupAPI(APIView):
    @extend_schema(responses=RollupOutput)
    def get(self, request, code: str):
        region = get_object_or_404(Region, code=code)
        authorize(request.user, policy.VIEW, region)
        return Response(RollupOutput(selectors.rollup(code)).data)


class PartnerOutput(serializers.ModelSerializer):
    partner_type = serializers.ChoiceField(source="kind", choices=PartnerType.choices)
    sources = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "partner_type",
            "acts_in",
            "sectors",
            "address",
            "website",
            "sources",
            "city",
        ]


class PartnerInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    partner_type = serializers.ChoiceField(choices=PartnerType.choices)
    acts_in = serializers.CharField(help_text="Kemendagri code of the region it acts in")
    sources = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    sectors = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")
    website = serializers.URLField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class PartnersAPI(APIView):
    @extend_schema(responses=PartnerOutput(many=True))
    def get(self, request, code: str):
        village = village_region(code)
        authorize(request.user, policy.VIEW_PARTNERS, village)
        return Response(PartnerOutput(selectors.partners_of_city(city_code(code)), many=True).data)

    @extend_schema(request=PartnerInput, responses={201: PartnerOutput})
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = village_region(code)
        authorize(request.user, policy.MANAGE_PARTNERS, village)
        data = PartnerInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["kind"] = values.pop("partner_type")
        values["acts_in"] = get_object_or_404(Region, code=values["acts_in"])
        wanted = set(values["sources"])
        values["sources"] = [s for s in selectors.partner_sources() if s.code in wanted]
        partner = partner_services.partner_create(actor=request.user, where=village, **values)
        return Response(PartnerOutput(partner).data, status=status.HTTP_201_CREATED)


class ContactOutput(serializers.Serializer):
    name = serializers.CharField()
    position = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class ContactsAPI(APIView):
    """A partner's contacts: personal data, for the roles that follow partners up."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ContactOutput(many=True))
    def get(self, request, code: str, pk: int):
        village = village_region(code)
        authorize(request.user, policy.VIEW_CONTACTS, village)
        partner = get_object_or_404(Partner, pk=pk, city_id=city_code(code))
        return Response(ContactOutput(selectors.contacts_of(partner), many=True).data)


class PledgeOutput(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name")
    source = serializers.CharField(source="source.code")
    target = serializers.SerializerMethodField()

    def get_target(self, pledge) -> str:
        return (
            f"activity-{pledge.activity_id}"
            if pledge.activity_id
            else (f"row-{pledge.investment_row_id}")
        )

    class Meta:
        model = Pledge
        fields = [
            "id",
            "target",
            "partner",
            "partner_name",
            "source",
            "amount",
            "year",
            "meeting",
            "pledged_on",
            "state",
            "agreement_kind",
            "committed_on",
            "conditions",
            "over_commit_reason",
            "realised_amount",
            "realised_on",
            "in_kind",
            "in_kind_description",
            "through_bkm",
            "withdrawn_on",
            "withdrawal_reason",
        ]


class PledgeInput(serializers.Serializer):
    target = serializers.CharField(help_text='"activity-<id>" (RTPLP) or "row-<id>" (RPLP)')
    partner = serializers.IntegerField()
    source = serializers.CharField()
    amount = serializers.IntegerField(min_value=1)
    year = serializers.IntegerField()
    pledged_on = serializers.DateField()


class PledgesAPI(APIView):
    @extend_schema(responses=PledgeOutput(many=True))
    def get(self, request, code: str):
        village = village_region(code)
        authorize(request.user, policy.VIEW, village)
        return Response(PledgeOutput(selectors.pledges_of_village(code), many=True).data)

    @extend_schema(request=PledgeInput, responses={201: PledgeOutput})
    def post(self, request, code: str):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        village = village_region(code)
        authorize(request.user, policy.PLEDGE, village)
        data = PledgeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        partner = get_object_or_404(Partner, pk=values["partner"], city_id=city_code(code))
        source = next((s for s in selectors.partner_sources() if s.code == values["source"]), None)
        if source is None:
            raise serializers.ValidationError({"source": ["Sumber dana tidak dikenal."]})
        pledge = pledge_services.pledge_create(
            actor=request.user,
            village=village,
            target=values["target"],
            partner=partner,
            source=source,
            amount=values["amount"],
            year=values["year"],
            pledged_on=values["pledged_on"],
        )
        return Response(PledgeOutput(pledge).data, status=status.HTTP_201_CREATED)


class CommitInput(serializers.Serializer):
    agreement_kind = serializers.ChoiceField(choices=AgreementKind.choices)
    agreement_file = UploadSerializerField(accept=AGREEMENT_KINDS, group="document")
    committed_on = serializers.DateField()
    amount = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    over_commit_reason = serializers.CharField(required=False, allow_blank=True, default="")


class RealiseInput(serializers.Serializer):
    amount = serializers.IntegerField(min_value=1)
    realised_on = serializers.DateField()
    evidence_file = UploadSerializerField(accept=AGREEMENT_KINDS, group="document")
    in_kind = serializers.BooleanField(required=False, default=False)
    in_kind_description = serializers.CharField(required=False, allow_blank=True, default="")
    through_bkm = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Uang masuk rekening BKM: dibukukan sebagai Bukti Kas Masuk (UPK/BKM).",
    )
    over_commit_reason = serializers.CharField(required=False, allow_blank=True, default="")


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField()
    withdrawn_on = serializers.DateField()


class RevertInput(serializers.Serializer):
    reason = serializers.CharField()


MOVES: dict[str, tuple[type[serializers.Serializer], Callable[..., Pledge], str]] = {
    "commit": (CommitInput, pledge_services.pledge_commit, policy.COMMIT),
    "realise": (RealiseInput, pledge_services.pledge_realise, policy.COMMIT),
    "withdraw": (WithdrawInput, pledge_services.pledge_withdraw, policy.PLEDGE),
    "revert": (RevertInput, pledge_services.pledge_revert, policy.COMMIT),
}


class _PledgeMoveAPI(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    move = ""

    def _move(self, request, code: str, pk: int) -> Response:
        village_region(code)
        pledge = selectors.pledge_in_village(code, pk)
        if pledge is None:
            raise Http404
        serializer_class, service, action = MOVES[self.move]
        authorize(request.user, action, pledge)
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        pledge = service(actor=request.user, pledge=pledge, **data.validated_data)
        return Response(PledgeOutput(pledge).data)


class PledgeCommitAPI(_PledgeMoveAPI):
    """Pledged -> committed, with the signed agreement (multipart)."""

    move = "commit"

    @extend_schema(request=CommitInput, responses=PledgeOutput)
    def post(self, request, code: str, pk: int):
        return self._move(request, code, pk)


class PledgeRealiseAPI(_PledgeMoveAPI):
    """Committed -> realised, with evidence (multipart); in kind allowed with its value."""

    move = "realise"

    @extend_schema(request=RealiseInput, responses=PledgeOutput)
    def post(self, request, code: str, pk: int):
        return self._move(request, code, pk)


class PledgeWithdrawAPI(_PledgeMoveAPI):
    move = "withdraw"

    @extend_schema(request=WithdrawInput, responses=PledgeOutput)
    def post(self, request, code: str, pk: int):
        return self._move(request, code, pk)


class PledgeRevertAPI(_PledgeMoveAPI):
    """Undo the last step recorded in error, with a reason."""

    move = "revert"

    @extend_schema(request=RevertInput, responses=PledgeOutput)
    def post(self, request, code: str, pk: int):
        return self._move(request, code, pk)


MOVE_VIEWS = {
    "commit": PledgeCommitAPI,
    "realise": PledgeRealiseAPI,
    "withdraw": PledgeWithdrawAPI,
    "revert": PledgeRevertAPI,
}


class ProspectusOutput(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.CharField(source="version.plan.title")
    version = serializers.IntegerField(source="version.number")
    state = serializers.CharField()
    published_on = serializers.DateField()
    introduction = serializers.CharField()


class ProspectusesAPI(APIView):
    """Published prospectuses of a village (drafts too for the roles that publish them)."""

    @extend_schema(responses=ProspectusOutput(many=True))
    def get(self, request, code: str):
        village = village_region(code)
        authorize(request.user, policy.VIEW, village)
        found = selectors.prospectuses_of_village(code)
        if not can(request.user, policy.PUBLISH, village):
            found = found.filter(state=ProspectusState.PUBLISHED)
        return Response(ProspectusOutput(found.order_by("-id"), many=True).data)
