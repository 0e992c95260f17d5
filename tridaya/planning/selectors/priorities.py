"""Reads of prioritisation, each with a fixed number of queries whatever the number of options,
criteria, scores or ballots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from tridaya.core.policy import Viewer
from tridaya.core.selectors import one_of
from tridaya.mapping.selectors.problems import Problem, open_problems
from tridaya.planning import results
from tridaya.planning.models import (
    Ballot,
    BallotKind,
    CriterionScore,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
)
from tridaya.planning.voting import TIE_BREAK_RULE, WEIGHTED_TIE_BREAK_RULE, BallotError
from tridaya.regions.models import Region


def village_rounds(village: Region) -> QuerySet[PriorityRound]:
    """The village's rounds, newest first, with their option count and ballot sheets (1 query)."""
    return (
        PriorityRound.objects.filter(village=village)
        .select_related("meeting")
        .annotate(
            option_count=Count("options", distinct=True),
            sheet_count=Sum("ballots__count"),
        )
        .order_by("-created_at", "-id")
    )


def round_for_village(code: str, pk: int) -> PriorityRound:
    return one_of(
        PriorityRound.objects.select_related("village", "meeting", "closed_by", "cycle"),
        pk=pk,
        village_id=code,
    )


@dataclass
class OptionRow:
    option: PriorityOption
    cells: list[tuple[PriorityCriterion, int | None]]


@dataclass
class RoundPage:
    round: PriorityRound
    criteria: list[PriorityCriterion]
    options: list[PriorityOption]
    scores: list[CriterionScore]
    ballots: list[Ballot]
    result: dict[str, Any]  # frozen (closed) or counted live
    recount_matches: bool | None  # closed rounds only: does a recount give the frozen result?
    digest_matches: bool | None
    own_ballot: Ballot | None = None
    rows: list[OptionRow] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return self.round.status == RoundStatus.CLOSED

    @property
    def weights_total(self) -> int:
        return sum(c.weight for c in self.criteria)

    @property
    def tie_rule(self) -> str:
        return str(TIE_BREAK_RULE)

    @property
    def weighted_tie_rule(self) -> str:
        return str(WEIGHTED_TIE_BREAK_RULE)

    @property
    def paper_ballots(self) -> list[Ballot]:
        return [b for b in self.ballots if b.kind == BallotKind.PAPER]

    @property
    def paper_rows(self) -> list[tuple[Ballot, str]]:
        """Each paper entry with its marking in words ("Drainase > Jalan", "Jalan 3; ...")."""
        titles = self.option_titles
        rows = []
        for ballot in self.paper_ballots:
            if ballot.scores:
                text = "; ".join(f"{titles.get(k, k)} {v}" for k, v in ballot.scores.items())
            else:
                separator = " > " if self.round.method == "borda" else ", "
                text = separator.join(titles.get(str(c), str(c)) for c in ballot.choices)
            rows.append((ballot, text))
        return rows

    @property
    def vote(self) -> dict[str, Any]:
        return self.result.get("vote", {})

    @property
    def weighted(self) -> dict[str, Any]:
        return self.result.get("weighted", {})

    @property
    def option_titles(self) -> dict[str, str]:
        return {o.key: o.title for o in self.options}


def _decorate(data: dict[str, Any]) -> dict[str, Any]:
    """Add the tie explanations in the reader's language (the stored JSON keeps codes)."""
    for section in ("vote", "weighted"):
        rows = data.get(section, {}).get("tallies" if section == "vote" else "items", [])
        for row in rows:
            row["tie_text"] = results.describe_tie(row.get("tie"))
    return data


def round_page(code: str, pk: int, user: Viewer | None = None) -> RoundPage:
    """A round with its criteria, options and scores, its ballots, the voter's own ballot and
    the result: frozen and recounted when closed, counted live otherwise (6 queries)."""
    round_ = round_for_village(code, pk)
    criteria = list(round_.criteria.order_by("position", "id"))
    options = list(round_.options.select_related("problem").order_by("position", "id"))
    scores = list(CriterionScore.objects.filter(option__round=round_).order_by("id"))
    ballots = list(round_.ballots.select_related("entered_by").order_by("id"))
    if round_.status == RoundStatus.CLOSED:
        data = dict(round_.result)
        try:
            counted = results.count_round(round_, criteria, options, scores, ballots)
        except BallotError:  # a stored ballot was altered outside the services
            recount, digest = False, False
        else:
            recount = results.same_outcome(round_.result, counted.data)
            digest = counted.digest == round_.inputs_digest
    else:
        counted = results.count_round(round_, criteria, options, scores, ballots)
        data, recount, digest = counted.data, None, None
    own = None
    if user is not None and user.is_authenticated:
        own = next((b for b in ballots if b.voter_id == user.pk), None)
    by_cell = {(s.option_id, s.criterion_id): s.score for s in scores}
    rows = [OptionRow(o, [(c, by_cell.get((o.pk, c.pk))) for c in criteria]) for o in options]
    return RoundPage(
        round=round_,
        criteria=criteria,
        options=options,
        scores=scores,
        ballots=ballots,
        result=_decorate(_copy(data)),
        recount_matches=recount,
        digest_matches=digest,
        own_ballot=own,
        rows=rows,
    )


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the JSON (the decoration must not touch the model's frozen dict)."""
    import json

    return json.loads(json.dumps(data))


def candidate_problems(round_: PriorityRound) -> QuerySet[Problem]:
    """The village's mapped problems not yet in the round (rejected ones left out), most severe
    first (1 query)."""
    return (
        open_problems(round_.village_id)
        .exclude(pk__in=round_.options.exclude(problem=None).values("problem_id"))
        .select_related("rt__rw")
        .order_by("-severity", "-poor_households_affected", "title")
    )


def rounds_with_problems(village: Region) -> QuerySet[PriorityRound]:
    """Rounds whose options include mapped problems (the ones a kawasan can be derived from)."""
    return (
        PriorityRound.objects.filter(village=village)
        .filter(Q(options__problem__isnull=False))
        .distinct()
        .order_by("-created_at")
    )


def ranked_options(round_: PriorityRound) -> list[PriorityOption]:
    """The round's options in its ranking: the frozen vote of a closed round, else the order
    they were listed in."""
    options = list(round_.options.select_related("problem__rt").order_by("position", "id"))
    if round_.status == RoundStatus.CLOSED and round_.result:
        order = {t["key"]: t["rank"] for t in round_.result["vote"]["tallies"]}
        options.sort(key=lambda o: order.get(o.key, len(order) + 1))
    return options
