"""REST endpoints of RPLP / RTPLP plans, versions, programs and investment rows (activities in
`rab.py`, state changes in `versions.py`, price lists in `price_lists.py`). Reading is public like
the pages; every write needs a login (401), then the policy (404 outside the user's regions, 403
inside them without the role), and goes through the same services as the pages. Refusals are 400
with the coded error."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import IdField
from tridaya.core.choices import TridayaDomain
from tridaya.core.policy import authorize_any
from tridaya.planning import policy
from tridaya.planning.calc import FUNDING_FIELDS
from tridaya.planning.models import (
    Feedback,
    InvestmentRow,
    PlanKind,
    PriorityArea,
)
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.services import plans, snapshots
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404

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


# --- Plans and versions ----------------------------------------------------------------------


class _Write(APIView):
    def require_login(self, request) -> None:
        if not request.user.is_authenticated:
            self.permission_denied(request)

    def authorize_write(self, request, code: str, *actions: str) -> None:
        """Refuse before the body is read: 404 outside the caller's scope, 403 inside it without
        any of `actions` over the region (the service still checks its own action)."""
        self.require_login(request)
        authorize_any(request.user, actions, get_object_or_404(Region, code=code))


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
        village = village_or_404(code)
        return Response(PlanOutput(selectors.village_plans(village), many=True).data)

    @extend_schema(request=PlanCreateInput, responses={201: PlanOutput})
    def post(self, request, code: str):
        self.authorize_write(request, code, policy.EDIT_PLAN)
        village = village_or_404(code)
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
    return snapshots.frozen_version_page(code, plan_id, number)


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


class ProgramInputSerializer(serializers.Serializer):
    domain = DomainField()
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    years = serializers.ListField(child=serializers.IntegerField(), default=list)
    problems = serializers.ListField(child=IdField(), default=list)


class ProgramListAPI(_Write):
    """GET: the programs of an RPLP version with the households they reach. POST: add one."""

    @extend_schema(responses=ProgramOutput(many=True))
    def get(self, request, code: str, plan_id: int, number: int):
        return Response(ProgramOutput(_page(code, plan_id, number).programs, many=True).data)

    @extend_schema(request=ProgramInputSerializer, responses=ProgramOutput(many=True))
    def post(self, request, code: str, plan_id: int, number: int):
        self.authorize_write(request, code, policy.EDIT_PLAN)
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
        self.authorize_write(request, code, policy.EDIT_PLAN)
        version = _page(code, plan_id, number).version
        data = InvestmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plans.investment_row_save(actor=request.user, version=version, data=data.to_input())
        return Response(LineOutput(_page(code, plan_id, number).lines, many=True).data, status=201)


class InvestmentRowAPI(_Write):
    """PUT: replace a row. DELETE: remove it (only while draft or revised)."""

    @extend_schema(request=InvestmentInputSerializer, responses=LineOutput(many=True))
    def put(self, request, code: str, plan_id: int, number: int, row_id: int):
        self.authorize_write(request, code, policy.EDIT_PLAN)
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
        self.authorize_write(request, code, policy.EDIT_PLAN)
        version = _page(code, plan_id, number).version
        row = get_object_or_404(InvestmentRow, pk=row_id, version=version)
        plans.investment_row_delete(actor=request.user, row=row)
        return Response(status=status.HTTP_204_NO_CONTENT)
