"""REST endpoints of RPLP / RTPLP plans, versions, investment rows, programs, activities with
their RAB, and regional price lists (HSPK). Reading is public like the pages; every write needs a
login (401), then the policy (404 outside the user's regions, 403 inside them without the role),
and goes through the same services as the pages. Refusals are 400 with the coded error."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.cycle.models import Meeting
from tridaya.cycle.selectors import village_region
from tridaya.mapping.models import TridayaDomain
from tridaya.planning import selectors_plans as selectors
from tridaya.planning import services_plans as plans
from tridaya.planning import services_rab as rab
from tridaya.planning.calc import FUNDING_FIELDS
from tridaya.planning.models import (
    Activity,
    Feedback,
    InvestmentRow,
    PlanKind,
    PriceItem,
    PriorityArea,
    RABItem,
)
from tridaya.regions.models import Region

# --- Output -----------------------------------------------------------------------------------


@extend_schema_field({"type": "string", "enum": list(TridayaDomain.values)})
class DomainField(serializers.ChoiceField):
    """A Tridaya domain (L, E, S) listed in place in the schema: other apps name other choice
    sets 'domain' too, so no shared enum component."""

    def __init__(self, **kwargs):
        super().__init__(choices=TridayaDomain.choices, **kwargs)


class VersionSummary(serializers.Serializer):
    number = serializers.IntegerField()
    state = serializers.CharField()
    start_year = serializers.IntegerField()
    legalised_on = serializers.DateField(allow_null=True)


class PlanOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    kawasan = serializers.CharField(source="kawasan.name", allow_null=True, default=None)
    versions = VersionSummary(many=True, source="versions.all")


class LineOutput(serializers.Serializer):
    year = serializers.IntegerField()
    domain = serializers.CharField()
    component = serializers.CharField()
    detail = serializers.CharField()
    location = serializers.CharField()
    quantity = serializers.IntegerField()
    volume = serializers.DecimalField(max_digits=14, decimal_places=3)
    unit = serializers.CharField()
    unit_cost = serializers.IntegerField()
    funding = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    people = serializers.IntegerField()
    women = serializers.IntegerField()
    mbr = serializers.IntegerField()
    households = serializers.IntegerField()
    poor_households = serializers.IntegerField()
    program = serializers.CharField()
    detailed_total = serializers.IntegerField(allow_null=True)
    row_id = serializers.IntegerField(allow_null=True)
    activity_id = serializers.IntegerField(allow_null=True)


class ProgramOutput(serializers.Serializer):
    id = serializers.IntegerField(source="program.pk")
    domain = serializers.CharField(source="program.domain")
    name = serializers.CharField(source="program.name")
    description = serializers.CharField(source="program.description")
    years = serializers.ListField(child=serializers.IntegerField())
    problems = serializers.SerializerMethodField()
    budget = serializers.IntegerField()
    households = serializers.IntegerField()
    poor_households = serializers.IntegerField()

    def get_problems(self, view) -> list[int]:
        return [p.pk for p in view.problems]


class PovertyOutput(serializers.Serializer):
    total_budget = serializers.IntegerField()
    poor_budget = serializers.IntegerField()
    budget_share = serializers.CharField(source="budget_share_text")
    programs_total = serializers.IntegerField()
    programs_poor = serializers.IntegerField()
    programs_share = serializers.CharField(source="programs_share_text")
    households = serializers.IntegerField()
    poor_households = serializers.IntegerField()
    problems_without_program = serializers.SerializerMethodField()
    programs_without_problem = serializers.SerializerMethodField()

    def get_problems_without_program(self, check) -> list[int]:
        return [p.id for p in check.problems_without_program]

    def get_programs_without_problem(self, check) -> list[str]:
        return [u.label for u in check.programs_without_problem]


class FeedbackOutput(serializers.ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["id", "number", "raised_by", "point", "answer", "changes_plan"]


class VersionOutput(serializers.Serializer):
    plan = serializers.IntegerField(source="plan.pk")
    kind = serializers.CharField(source="plan.kind")
    number = serializers.IntegerField(source="version.number")
    state = serializers.CharField(source="version.state")
    start_year = serializers.IntegerField(source="version.start_year")
    years = serializers.ListField(child=serializers.IntegerField(), source="version.years")
    vision = serializers.CharField(source="version.vision")
    mission = serializers.CharField(source="version.mission")
    concept = serializers.CharField(source="version.concept")
    community_rules = serializers.CharField(source="version.community_rules")
    env_social_notes = serializers.CharField(source="version.env_social_notes")
    legalised_on = serializers.DateField(source="version.legalised_on", allow_null=True)
    total = serializers.IntegerField(source="totals.total")
    by_domain = serializers.DictField(source="totals.by_domain", child=serializers.IntegerField())
    by_source = serializers.DictField(source="totals.by_source", child=serializers.IntegerField())
    programs = ProgramOutput(many=True)
    lines = LineOutput(many=True)
    poverty = PovertyOutput()
    feedback = FeedbackOutput(many=True)
    signoffs = serializers.SerializerMethodField()

    def get_signoffs(self, page) -> list[dict]:
        return [
            {"kind": s.kind, "signer_name": s.signer_name, "signed_on": s.signed_on.isoformat()}
            for s in page.signoffs
        ]


class RABItemOutput(serializers.ModelSerializer):
    class Meta:
        model = RABItem
        fields = [
            "id",
            "position",
            "price_item",
            "code",
            "description",
            "volume",
            "unit",
            "unit_price",
            "amount",
        ]


class ActivityOutput(serializers.ModelSerializer):
    domain = DomainField(read_only=True)
    rab_items = RABItemOutput(many=True)
    problems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    funding = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = [
            "id",
            "name",
            "domain",
            "sector",
            "year",
            "location",
            "rt",
            "geometry",
            "volume",
            "unit",
            "starts_on",
            "ends_on",
            "main_source",
            "funding",
            "rab_total",
            "rplp_row",
            "problems",
            "people",
            "women",
            "mbr",
            "households",
            "poor_households",
            "rab_items",
        ]

    def get_funding(self, activity) -> dict[str, int]:
        return activity.funding()


# --- Plans and versions ----------------------------------------------------------------------


class _Write(APIView):
    def require_login(self, request) -> None:
        if not request.user.is_authenticated:
            self.permission_denied(request)


class PlanCreateInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PlanKind.choices)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(required=False, allow_blank=True, default="")
    kawasan = serializers.IntegerField(required=False, allow_null=True, default=None)


class PlanListAPI(_Write):
    """GET: a village's plans and their versions (public). POST: start a plan (TIPP, BKM,
    facilitator, city coordinator)."""

    @extend_schema(responses=PlanOutput(many=True))
    def get(self, request, code: str):
        village = village_region(code)
        return Response(PlanOutput(selectors.village_plans(village), many=True).data)

    @extend_schema(request=PlanCreateInput, responses=PlanOutput)
    def post(self, request, code: str):
        self.require_login(request)
        village = village_region(code)
        data = PlanCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        kawasan = None
        if d["kawasan"]:
            kawasan = get_object_or_404(PriorityArea, pk=d["kawasan"], village=village)
        plan = plans.plan_create(
            actor=request.user,
            village=village,
            kind=d["kind"],
            start_year=d["start_year"],
            title=d["title"],
            kawasan=kawasan,
        )
        plan = selectors.plan_for_village(code, plan.pk)
        return Response(PlanOutput(plan).data, status=status.HTTP_201_CREATED)


class VersionTextsInput(serializers.Serializer):
    vision = serializers.CharField(required=False, allow_blank=True)
    mission = serializers.CharField(required=False, allow_blank=True)
    concept = serializers.CharField(required=False, allow_blank=True)
    community_rules = serializers.CharField(required=False, allow_blank=True)
    env_social_notes = serializers.CharField(required=False, allow_blank=True)
    start_year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)


def _page(code: str, plan_id: int, number: int):
    return selectors.version_page(code, plan_id, number)


class VersionAPI(_Write):
    """GET: a version whole: texts, programs, investment lines, totals, poverty check, uji
    publik feedback, sign-offs. PATCH: its texts (only while draft or revised)."""

    @extend_schema(responses=VersionOutput)
    def get(self, request, code: str, plan_id: int, number: int):
        return Response(VersionOutput(_page(code, plan_id, number)).data)

    @extend_schema(request=VersionTextsInput, responses=VersionOutput)
    def patch(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = VersionTextsInput(data=request.data)
        data.is_valid(raise_exception=True)
        current = {
            name: getattr(version, name)
            for name in ("vision", "mission", "concept", "community_rules", "env_social_notes")
        }
        current.update(data.validated_data)
        current.setdefault("start_year", version.start_year)
        plans.version_update_texts(
            actor=request.user, version=version, data=plans.VersionTexts(**current)
        )
        return Response(VersionOutput(_page(code, plan_id, number)).data)


class TransitionInput(serializers.Serializer):
    action = serializers.ChoiceField(choices=["public_test", "revise", "sign", "legalise", "amend"])
    meeting = serializers.IntegerField(required=False, help_text="pertemuan uji publik")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    position = serializers.CharField(required=False, allow_blank=True, default="")


class VersionTransitionAPI(_Write):
    """POST: move a version: start the uji publik (with its meeting), close it (revise), sign
    (the kind follows the caller's role), legalise, or amend (a new draft version)."""

    @extend_schema(request=TransitionInput, responses=VersionOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        d, user = data.validated_data, request.user
        if d["action"] == "public_test":
            meeting = get_object_or_404(Meeting, pk=d.get("meeting") or 0, village_id=code)
            plans.version_start_public_test(actor=user, version=version, meeting=meeting)
        elif d["action"] == "revise":
            plans.version_revise(actor=user, version=version)
        elif d["action"] == "sign":
            plans.version_sign(actor=user, version=version, position=d["position"])
        elif d["action"] == "legalise":
            plans.version_legalise(actor=user, version=version)
        else:
            new = plans.version_amend(actor=user, version=version, reason=d["reason"])
            return Response(VersionOutput(_page(code, plan_id, new.number)).data, status=201)
        return Response(VersionOutput(_page(code, plan_id, number)).data)


class FeedbackInput(serializers.Serializer):
    raised_by = serializers.CharField(max_length=200)
    point = serializers.CharField()


class FeedbackListAPI(_Write):
    """POST: record a point raised at the uji publik."""

    @extend_schema(request=FeedbackInput, responses=FeedbackOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = FeedbackInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = plans.feedback_add(actor=request.user, version=version, **data.validated_data)
        return Response(FeedbackOutput(item).data, status=201)


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField()
    changes_plan = serializers.BooleanField(default=False)


class FeedbackAnswerAPI(_Write):
    """PATCH: answer a point of the uji publik."""

    @extend_schema(request=AnswerInput, responses=FeedbackOutput)
    def patch(self, request, code: str, plan_id: int, number: int, feedback_id: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        item = get_object_or_404(Feedback, pk=feedback_id, version=version)
        data = AnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        item = plans.feedback_answer(actor=request.user, feedback=item, **data.validated_data)
        return Response(FeedbackOutput(item).data)


class ProgramInputSerializer(serializers.Serializer):
    domain = DomainField()
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    years = serializers.ListField(child=serializers.IntegerField(), default=list)
    problems = serializers.ListField(child=serializers.IntegerField(), default=list)


class ProgramListAPI(_Write):
    """GET: the programs of an RPLP version with the households they reach. POST: add one."""

    @extend_schema(responses=ProgramOutput(many=True))
    def get(self, request, code: str, plan_id: int, number: int):
        return Response(ProgramOutput(_page(code, plan_id, number).programs, many=True).data)

    @extend_schema(request=ProgramInputSerializer, responses=ProgramOutput(many=True))
    def post(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = ProgramInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        plans.program_save(
            actor=request.user,
            version=version,
            data=plans.ProgramInput(
                domain=d["domain"],
                name=d["name"],
                description=d["description"],
                years=tuple(d["years"]),
                problem_ids=tuple(d["problems"]),
            ),
        )
        return Response(
            ProgramOutput(_page(code, plan_id, number).programs, many=True).data, status=201
        )


class InvestmentInputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    domain = DomainField()
    component = serializers.CharField(max_length=200)
    detail = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="")
    rt = serializers.IntegerField(required=False, allow_null=True, default=None)
    program = serializers.IntegerField(required=False, allow_null=True, default=None)
    quantity = serializers.IntegerField(min_value=1, default=1)
    volume = serializers.DecimalField(max_digits=14, decimal_places=3)
    unit = serializers.CharField(max_length=30)
    unit_cost = serializers.IntegerField(min_value=0)
    funding = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        help_text="sumber dana -> rupiah: " + ", ".join(FUNDING_FIELDS),
    )
    people = serializers.IntegerField(min_value=0, default=0)
    women = serializers.IntegerField(min_value=0, default=0)
    mbr = serializers.IntegerField(min_value=0, default=0)
    households = serializers.IntegerField(min_value=0, default=0)
    poor_households = serializers.IntegerField(min_value=0, default=0)

    def validate_funding(self, value):
        unknown = set(value) - set(FUNDING_FIELDS)
        if unknown:
            raise serializers.ValidationError(f"sumber dana tidak dikenal: {sorted(unknown)}")
        return value

    def to_input(self) -> plans.InvestmentInput:
        d = dict(self.validated_data)
        return plans.InvestmentInput(rt_id=d.pop("rt"), program_id=d.pop("program"), **d)


class InvestmentListAPI(_Write):
    """GET: the investment plan of a version (for an RTPLP, one line per activity with its RAB
    total). POST: add a row (RPLP)."""

    @extend_schema(responses=LineOutput(many=True))
    def get(self, request, code: str, plan_id: int, number: int):
        return Response(LineOutput(_page(code, plan_id, number).lines, many=True).data)

    @extend_schema(request=InvestmentInputSerializer, responses=LineOutput(many=True))
    def post(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = InvestmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plans.investment_row_save(actor=request.user, version=version, data=data.to_input())
        return Response(LineOutput(_page(code, plan_id, number).lines, many=True).data, status=201)


class InvestmentRowAPI(_Write):
    """PUT: replace a row. DELETE: remove it (only while draft or revised)."""

    @extend_schema(request=InvestmentInputSerializer, responses=LineOutput(many=True))
    def put(self, request, code: str, plan_id: int, number: int, row_id: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        row = get_object_or_404(InvestmentRow, pk=row_id, version=version)
        data = InvestmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plans.investment_row_save(
            actor=request.user, version=version, data=data.to_input(), row=row
        )
        return Response(LineOutput(_page(code, plan_id, number).lines, many=True).data)

    @extend_schema(responses=None)
    def delete(self, request, code: str, plan_id: int, number: int, row_id: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        row = get_object_or_404(InvestmentRow, pk=row_id, version=version)
        plans.investment_row_delete(actor=request.user, row=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    year = serializers.IntegerField()
    domain = DomainField(default="L")
    sector = serializers.CharField(default="lainnya")
    description = serializers.CharField(required=False, allow_blank=True, default="")
    location = serializers.CharField(required=False, allow_blank=True, default="")
    geometry = serializers.JSONField(required=False, allow_null=True, default=None)
    volume = serializers.DecimalField(max_digits=14, decimal_places=3, default=1)
    unit = serializers.CharField(default="paket")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    problems = serializers.ListField(child=serializers.IntegerField(), default=list)
    rplp_row = serializers.IntegerField(required=False, allow_null=True, default=None)
    main_source = serializers.ChoiceField(choices=list(FUNDING_FIELDS), default="blm")
    funding = serializers.DictField(child=serializers.IntegerField(min_value=0), default=dict)
    people = serializers.IntegerField(min_value=0, default=0)
    women = serializers.IntegerField(min_value=0, default=0)
    mbr = serializers.IntegerField(min_value=0, default=0)
    households = serializers.IntegerField(min_value=0, default=0)
    poor_households = serializers.IntegerField(min_value=0, default=0)


class ActivityListAPI(_Write):
    """GET: the activities of an RTPLP version with their RAB. POST: add one."""

    @extend_schema(responses=ActivityOutput(many=True))
    def get(self, request, code: str, plan_id: int, number: int):
        page = _page(code, plan_id, number)
        return Response(ActivityOutput(page.activities, many=True).data)

    @extend_schema(request=ActivityInputSerializer, responses=ActivityOutput)
    def post(self, request, code: str, plan_id: int, number: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        activity = rab.activity_save(
            actor=request.user,
            version=version,
            data=rab.ActivityInput(
                problem_ids=tuple(d.pop("problems")), rplp_row_id=d.pop("rplp_row"), **d
            ),
        )
        return Response(
            ActivityOutput(selectors.activity_in(version, activity.pk)).data, status=201
        )


class RABItemInputSerializer(serializers.Serializer):
    volume = serializers.DecimalField(max_digits=14, decimal_places=3)
    price_item = serializers.IntegerField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    unit = serializers.CharField(required=False, allow_blank=True, default="")
    unit_price = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0
    )
    code = serializers.CharField(required=False, allow_blank=True, default="")


class RABAPI(_Write):
    """GET: an activity with its RAB lines and total. POST: add a line (from the HSPK with
    `price_item`, or typed)."""

    def activity(self, code, plan_id, number, activity_id) -> Activity:
        version = _page(code, plan_id, number).version
        return selectors.activity_in(version, activity_id)

    @extend_schema(responses=ActivityOutput)
    def get(self, request, code: str, plan_id: int, number: int, activity_id: int):
        return Response(ActivityOutput(self.activity(code, plan_id, number, activity_id)).data)

    @extend_schema(request=RABItemInputSerializer, responses=ActivityOutput)
    def post(self, request, code: str, plan_id: int, number: int, activity_id: int):
        self.require_login(request)
        activity = self.activity(code, plan_id, number, activity_id)
        data = RABItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        rab.rab_item_add(
            actor=request.user,
            activity=activity,
            data=rab.RABItemInput(price_item_id=d.pop("price_item"), **d),
        )
        return Response(
            ActivityOutput(self.activity(code, plan_id, number, activity_id)).data, status=201
        )


class RABItemAPI(_Write):
    """DELETE: remove a RAB line."""

    @extend_schema(responses=None)
    def delete(self, request, code: str, plan_id: int, number: int, activity_id: int, item_id: int):
        self.require_login(request)
        version = _page(code, plan_id, number).version
        item = get_object_or_404(
            RABItem, pk=item_id, activity_id=activity_id, activity__version=version
        )
        rab.rab_item_delete(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DiffOutput(serializers.Serializer):
    old = serializers.IntegerField(source="old.number")
    new = serializers.IntegerField(source="new.number")
    texts = serializers.ListField(child=serializers.DictField())
    programs = serializers.ListField(child=serializers.DictField())
    lines = serializers.ListField(child=serializers.DictField())
    total_before = serializers.IntegerField()
    total_after = serializers.IntegerField()


def _diff_json(diff) -> dict:
    def items(rows):
        return [
            {"label": i.label, "status": i.status, "changes": [vars(c) for c in i.changes]}
            for i in rows
        ]

    return {
        "old": diff.old,
        "new": diff.new,
        "texts": [vars(c) for c in diff.texts],
        "programs": items(diff.programs),
        "lines": items(diff.lines),
        "total_before": diff.total_before,
        "total_after": diff.total_after,
    }


class VersionDiffAPI(APIView):
    """GET ?from=1&to=2: what changed between two versions of a plan."""

    @extend_schema(
        parameters=[OpenApiParameter("from", int), OpenApiParameter("to", int)],
        responses=DiffOutput,
    )
    def get(self, request, code: str, plan_id: int):
        village = village_region(code)
        plan = selectors.plan_for_village(code, plan_id)
        plan.village = village
        try:
            old_n, new_n = int(request.GET["from"]), int(request.GET["to"])
        except (KeyError, ValueError):
            return Response({"detail": "from dan to wajib (nomor versi)."}, status=400)
        old = selectors.version_data(village, plan, selectors.version_of(plan, old_n))
        new = selectors.version_data(village, plan, selectors.version_of(plan, new_n))
        return Response(DiffOutput(_diff_json(selectors.version_diff(old, new))).data)


# --- Price lists -----------------------------------------------------------------------------


class PriceListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region_id")
    year = serializers.IntegerField()
    name = serializers.CharField()
    source = serializers.CharField()


class PriceItemOutput(serializers.ModelSerializer):
    class Meta:
        model = PriceItem
        fields = ["id", "code", "name", "unit", "price", "category"]


class PriceListInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    name = serializers.CharField(max_length=200)
    source = serializers.CharField(required=False, allow_blank=True, default="")


class PriceListsAPI(_Write):
    """GET: the price lists that apply to a region (its own and its ancestors'). POST: create
    one for a regency/city or province (officers)."""

    @extend_schema(responses=PriceListOutput(many=True))
    def get(self, request, code: str):
        get_object_or_404(Region, code=code)
        return Response(PriceListOutput(selectors.price_lists_for(code), many=True).data)

    @extend_schema(request=PriceListInput, responses=PriceListOutput)
    def post(self, request, code: str):
        self.require_login(request)
        region = get_object_or_404(Region, code=code)
        data = PriceListInput(data=request.data)
        data.is_valid(raise_exception=True)
        created = rab.price_list_create(actor=request.user, region=region, **data.validated_data)
        return Response(PriceListOutput(created).data, status=201)


class PriceItemsAPI(APIView):
    """GET: the unit prices of a list."""

    @extend_schema(responses=PriceItemOutput(many=True))
    def get(self, request, code: str, list_id: int):
        price_list = selectors.price_list_in(code, list_id)
        return Response(PriceItemOutput(price_list.items.all(), many=True).data)


class ImportOutput(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    problems = serializers.ListField(child=serializers.DictField())


class PriceImportAPI(_Write):
    """POST (multipart, `file`): import an HSPK XLSX or CSV. Any bad row: 400 with every
    problem (row, column, message) and nothing written."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses=ImportOutput,
    )
    def post(self, request, code: str, list_id: int):
        self.require_login(request)
        price_list = selectors.price_list_in(code, list_id)
        upload = request.FILES.get("file")
        if upload is None:
            return Response({"file": ["Unggah berkas .xlsx atau .csv."]}, status=400)
        report = rab.price_list_import(
            actor=request.user,
            price_list=price_list,
            content=upload.read(),
            filename=upload.name,
        )
        body = {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "problems": [
                {"row": p.row, "column": p.column, "message": str(p.message)}
                for p in report.problems
            ],
        }
        return Response(body, status=200 if report.ok else 400)


class ImpactOutput(serializers.Serializer):
    activity = serializers.IntegerField(source="activity.pk")
    name = serializers.CharField(source="activity.name")
    village = serializers.CharField(source="activity.version.plan.village_id")
    version = serializers.IntegerField(source="activity.version.number")
    lines = serializers.IntegerField()
    total_before = serializers.IntegerField()
    total_after = serializers.IntegerField()
    editable = serializers.BooleanField()


class PriceImpactAPI(APIView):
    """GET ?price=120000: the activities whose RAB a new unit price would move (default: the
    list's current price against the prices the RAB lines still carry)."""

    @extend_schema(parameters=[OpenApiParameter("price", int)], responses=ImpactOutput(many=True))
    def get(self, request, code: str, list_id: int, item_id: int):
        price_list = selectors.price_list_in(code, list_id)
        item = get_object_or_404(PriceItem, pk=item_id, price_list=price_list)
        price = request.GET.get("price")
        try:
            new_price = int(price) if price not in (None, "") else None
        except ValueError:
            return Response({"price": ["Harga harus angka rupiah bulat."]}, status=400)
        impacts = selectors.price_change_impact(item, new_price)
        return Response(ImpactOutput(impacts, many=True).data)
