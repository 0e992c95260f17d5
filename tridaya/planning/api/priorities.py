"""REST endpoints of prioritisation under /api/v1/villages/<code>/priority-rounds/: rounds,
criteria, options, scores, ballots, results. The same services and policy as the pages.

Reading is public (rounds and results are community decisions). Writing needs
`planning.manage_priorities`, an online ballot `planning.vote`: 401 anonymous, 404 outside the
user's regions, 403 inside them without the role. A refused change answers 400 with the messages
and their codes (e.g. `planning_round_closed`)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from tridaya.core.api import IdField
from tridaya.core.choices import TridayaDomain
from tridaya.core.policy import authorize, can
from tridaya.cycle.models import Meeting
from tridaya.mapping.selectors.problems import problems_by_ids
from tridaya.planning.api.common import TextChoiceField, text
from tridaya.planning.models import (
    CRITERION_SCORE_MAX,
    VOTE_SCORE_MAX_LIMIT,
    Ballot,
    BallotKind,
    CriterionBasis,
    OptionKind,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
    VoteMethod,
)
from tridaya.planning.policy import MANAGE_PRIORITIES, VIEW_PRIORITIES
from tridaya.planning.selectors import priorities as selectors
from tridaya.planning.services import priorities as services
from tridaya.planning.services import ranking
from tridaya.regions.pages import village_or_404


def _require_login(view: APIView, request) -> None:
    if not request.user.is_authenticated:
        view.permission_denied(request)


def _meeting(code: str, meeting_id: int | None) -> Meeting | None:
    if meeting_id is None:
        return None
    return get_object_or_404(Meeting, pk=meeting_id, village_id=code)


# --- Serializers ------------------------------------------------------------------------------


class PriorityRoundOutput(serializers.ModelSerializer):
    status = text(RoundStatus.choices)
    method = text(VoteMethod.choices)
    meeting_title = serializers.CharField(
        source="meeting.display_title", default=None, allow_null=True
    )
    # Counted for the list only (null in one round's detail, which lists the options and
    # ballots themselves); sheet_count is null too while no ballot is in.
    option_count = serializers.IntegerField(default=None, allow_null=True)
    sheet_count = serializers.IntegerField(default=None, allow_null=True)

    class Meta:
        model = PriorityRound
        fields = [
            "id",
            "title",
            "description",
            "status",
            "method",
            "max_score",
            "meeting",
            "meeting_title",
            "voting_opened_at",
            "closed_at",
            "inputs_digest",
            "option_count",
            "sheet_count",
        ]


class PriorityCriterionOutput(serializers.ModelSerializer):
    basis = text(CriterionBasis.choices)

    class Meta:
        model = PriorityCriterion
        fields = ["id", "key", "label", "weight", "basis", "description", "position"]


class PriorityOptionOutput(serializers.ModelSerializer):
    kind = text(OptionKind.choices)
    domain = text(TridayaDomain.choices)

    class Meta:
        model = PriorityOption
        fields = [
            "id",
            "position",
            "kind",
            "problem",
            "title",
            "domain",
            "description",
            "households",
            "poor_households",
            "severity",
            "slum_total",
            "slum_max",
        ]


class PriorityScoreOutput(serializers.Serializer):
    option = serializers.IntegerField(source="option_id")
    criterion = serializers.IntegerField(source="criterion_id")
    score = serializers.IntegerField()


class PriorityResultOutput(serializers.Serializer):
    status = serializers.CharField(source="round.status")
    frozen = serializers.BooleanField(source="is_closed")
    recount_matches = serializers.BooleanField(allow_null=True)
    digest_matches = serializers.BooleanField(allow_null=True)
    tie_rule = serializers.CharField()
    weighted_tie_rule = serializers.CharField()
    result = serializers.JSONField(help_text="vote: tallies with working; weighted: items")


class PriorityRoundDetailOutput(serializers.Serializer):
    round = PriorityRoundOutput()
    criteria = PriorityCriterionOutput(many=True)
    options = PriorityOptionOutput(many=True)
    scores = PriorityScoreOutput(many=True)
    results = serializers.SerializerMethodField()

    def get_results(self, page) -> dict:
        return dict(PriorityResultOutput(page).data)


def _detail(code: str, pk: int, request, status_code: int = 200) -> Response:
    page = selectors.round_page(code, pk, request.user)
    return Response(PriorityRoundDetailOutput(page).data, status=status_code)


class PriorityCriterionInput(serializers.Serializer):
    key = serializers.CharField(required=False, allow_blank=True, default="")
    label = serializers.CharField(max_length=120)
    weight = serializers.IntegerField(min_value=0, max_value=100)
    basis = TextChoiceField(choices=CriterionBasis.choices, default=CriterionBasis.MANUAL)
    description = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class PriorityRoundInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    method = TextChoiceField(choices=VoteMethod.choices, default=VoteMethod.BORDA)
    max_score = serializers.IntegerField(min_value=1, max_value=VOTE_SCORE_MAX_LIMIT, default=5)
    meeting = serializers.IntegerField(required=False, allow_null=True, default=None)
    criteria = PriorityCriterionInput(
        many=True, required=False, help_text="Kosong: kriteria awal bawaan."
    )


# --- Rounds -----------------------------------------------------------------------------------


class RoundsAPI(APIView):
    """GET: the village's rounds (public). POST: a new round in draft (managers)."""

    @extend_schema(responses=PriorityRoundOutput(many=True))
    def get(self, request, code: str):
        village = village_or_404(code)
        authorize(request.user, VIEW_PRIORITIES, village)
        return Response(PriorityRoundOutput(selectors.village_rounds(village), many=True).data)

    @extend_schema(request=PriorityRoundInput, responses={201: PriorityRoundDetailOutput})
    def post(self, request, code: str):
        _require_login(self, request)
        village = village_or_404(code)
        authorize(request.user, MANAGE_PRIORITIES, village)
        data = PriorityRoundInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        criteria = values.pop("criteria", None)
        round_ = services.round_create(
            actor=request.user,
            village=village,
            title=values["title"],
            description=values["description"],
            method=values["method"],
            max_score=values["max_score"],
            meeting=_meeting(code, values["meeting"]),
            criteria=[services.CriterionInput(**c) for c in criteria] if criteria else None,
        )
        return _detail(code, round_.pk, request, status.HTTP_201_CREATED)


class PriorityRoundUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    method = TextChoiceField(choices=VoteMethod.choices, required=False)
    max_score = serializers.IntegerField(
        min_value=1, max_value=VOTE_SCORE_MAX_LIMIT, required=False
    )
    meeting = serializers.IntegerField(required=False, allow_null=True)


class RoundAPI(APIView):
    """GET: a round with criteria, options, scores and its result (public). PATCH: title,
    description, rembug; method and highest score only in draft (managers)."""

    @extend_schema(responses=PriorityRoundDetailOutput)
    def get(self, request, code: str, pk: int):
        return _detail(code, pk, request)

    @extend_schema(request=PriorityRoundUpdateInput, responses=PriorityRoundDetailOutput)
    def patch(self, request, code: str, pk: int):
        _require_login(self, request)
        round_ = selectors.round_for_village(code, pk)
        authorize(request.user, MANAGE_PRIORITIES, round_)
        data = PriorityRoundUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.round_update(
            actor=request.user,
            round_=round_,
            title=values.get("title", round_.title),
            description=values.get("description", round_.description),
            method=values.get("method", round_.method),
            max_score=values.get("max_score", round_.max_score),
            meeting=_meeting(code, values["meeting"]) if "meeting" in values else round_.meeting,
        )
        return _detail(code, pk, request)


class _RoundActionAPI(APIView):
    permission_classes = [IsAuthenticated]

    def round(self, request, code: str, pk: int) -> PriorityRound:
        round_ = selectors.round_for_village(code, pk)
        authorize(request.user, MANAGE_PRIORITIES, round_)
        return round_


class CriteriaAPI(_RoundActionAPI):
    """PUT: replace the criteria and their weights (they add up to 100)."""

    @extend_schema(request=PriorityCriterionInput(many=True), responses=PriorityRoundDetailOutput)
    def put(self, request, code: str, pk: int):
        round_ = self.round(request, code, pk)
        data = PriorityCriterionInput(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        services.criteria_set(
            actor=request.user,
            round_=round_,
            criteria=[services.CriterionInput(**c) for c in data.validated_data],
        )
        return _detail(code, pk, request)


class PriorityProgramInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    domain = TextChoiceField(choices=TridayaDomain.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    households = serializers.IntegerField(min_value=0, default=0)
    poor_households = serializers.IntegerField(min_value=0, default=0)


class PriorityOptionsInput(serializers.Serializer):
    problems = serializers.ListField(
        child=IdField(), required=False, default=list, help_text="id masalah"
    )
    program = PriorityProgramInput(required=False, allow_null=True, default=None)


class OptionsAPI(_RoundActionAPI):
    """POST: add mapped problems (by id) and/or one candidate program (draft only)."""

    @extend_schema(request=PriorityOptionsInput, responses={201: PriorityRoundDetailOutput})
    def post(self, request, code: str, pk: int):
        round_ = self.round(request, code, pk)
        data = PriorityOptionsInput(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data["problems"]
        if ids:
            problems = problems_by_ids(code, ids)
            missing = sorted(set(ids) - {p.pk for p in problems})
            if missing:
                raise serializers.ValidationError(
                    {"problems": [f"Masalah {n} tidak ditemukan di desa ini." for n in missing]}
                )
            services.options_add_problems(actor=request.user, round_=round_, problems=problems)
        program = data.validated_data["program"]
        if program:
            services.option_add_program(actor=request.user, round_=round_, **program)
        return _detail(code, pk, request, status.HTTP_201_CREATED)


class OptionAPI(_RoundActionAPI):
    """DELETE: remove an option (draft only)."""

    @extend_schema(request=None, responses=PriorityRoundDetailOutput)
    def delete(self, request, code: str, pk: int, option_id: int):
        round_ = self.round(request, code, pk)
        option = get_object_or_404(PriorityOption, pk=option_id, round=round_)
        services.option_remove(actor=request.user, option=option)
        return _detail(code, pk, request)


class PriorityScoreInput(serializers.Serializer):
    option = serializers.IntegerField()
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=CRITERION_SCORE_MAX, allow_null=True)


class ScoresAPI(_RoundActionAPI):
    """PUT: set scores (0-5; null clears a cell). POST with {"fill": true}: fill the data-based
    criteria from the options' mapping figures."""

    @extend_schema(request=PriorityScoreInput(many=True), responses=PriorityRoundDetailOutput)
    def put(self, request, code: str, pk: int):
        round_ = self.round(request, code, pk)
        data = PriorityScoreInput(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        ranking.scores_set(
            actor=request.user,
            round_=round_,
            scores={(c["option"], c["criterion"]): c["score"] for c in data.validated_data},
        )
        return _detail(code, pk, request)

    @extend_schema(request=None, responses=PriorityRoundDetailOutput)
    def post(self, request, code: str, pk: int):
        ranking.scores_fill_from_data(actor=request.user, round_=self.round(request, code, pk))
        return _detail(code, pk, request)


class OpenVotingAPI(_RoundActionAPI):
    @extend_schema(request=None, responses=PriorityRoundDetailOutput)
    def post(self, request, code: str, pk: int):
        ranking.voting_open(actor=request.user, round_=self.round(request, code, pk))
        return _detail(code, pk, request)


class CloseRoundAPI(_RoundActionAPI):
    """POST: close the vote; the result is counted from the stored ballots and frozen."""

    @extend_schema(request=None, responses=PriorityRoundDetailOutput)
    def post(self, request, code: str, pk: int):
        ranking.round_close(actor=request.user, round_=self.round(request, code, pk))
        return _detail(code, pk, request)


class ResultsAPI(APIView):
    """GET: the result (frozen when closed, live while voting) with the arithmetic, the tie
    rules, and whether a recount from the stored ballots gives the frozen result."""

    @extend_schema(responses=PriorityResultOutput)
    def get(self, request, code: str, pk: int):
        page = selectors.round_page(code, pk)
        return Response(PriorityResultOutput(page).data)


# --- Ballots ----------------------------------------------------------------------------------


class PriorityBallotInput(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text="id pilihan: yang disetujui (approval) atau urutan (Borda)",
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        default=dict,
        help_text="{id pilihan: nilai} (cara skor)",
    )
    paper = serializers.BooleanField(default=False, help_text="surat suara kertas (pengelola)")
    count = serializers.IntegerField(min_value=1, default=1, help_text="jumlah lembar kertas")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PriorityBallotOutput(serializers.ModelSerializer):
    kind = text(BallotKind.choices)

    class Meta:
        model = Ballot
        fields = ["id", "kind", "count", "choices", "scores", "note", "created_at"]


class BallotsAPI(APIView):
    """GET: your own online ballot, and for managers every paper entry. POST: cast your online
    ballot (voters; again replaces it), or with `paper: true` enter `count` paper ballots
    (managers)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PriorityBallotOutput(many=True))
    def get(self, request, code: str, pk: int):
        round_ = selectors.round_for_village(code, pk)
        ballots = Ballot.objects.filter(round=round_).order_by("id")
        if can(request.user, MANAGE_PRIORITIES, round_):
            ballots = ballots.filter(kind=BallotKind.PAPER) | ballots.filter(voter=request.user)
        else:
            authorize(request.user, VIEW_PRIORITIES, round_)
            ballots = ballots.filter(voter=request.user)
        return Response(PriorityBallotOutput(ballots.order_by("id"), many=True).data)

    @extend_schema(request=PriorityBallotInput, responses={201: PriorityBallotOutput})
    def post(self, request, code: str, pk: int):
        round_ = selectors.round_for_village(code, pk)
        data = PriorityBallotInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        marks = {"choices": values["choices"], "scores": values["scores"]}
        if values["paper"]:
            ballot = ranking.ballot_paper_add(
                actor=request.user,
                round_=round_,
                count=values["count"],
                note=values["note"],
                **marks,
            )
        else:
            ballot = ranking.ballot_cast(actor=request.user, round_=round_, **marks)
        return Response(PriorityBallotOutput(ballot).data, status=status.HTTP_201_CREATED)


class BallotAPI(APIView):
    """DELETE: remove a paper entry (managers) or withdraw your own online ballot, while the
    vote is open."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, code: str, pk: int, ballot_id: int):
        round_ = selectors.round_for_village(code, pk)
        ballot = get_object_or_404(Ballot, pk=ballot_id, round=round_)
        ranking.ballot_remove(actor=request.user, ballot=ballot)
        return Response(status=status.HTTP_204_NO_CONTENT)
