"""The result of a prioritisation round, counted from its stored rows by the functions of
`voting.py`, and written as plain JSON: the same structure is shown live while a round is open,
frozen in `PriorityRound.result` when it closes, and recounted later to prove that the frozen
result still follows from the stored ballots and scores.

Nothing here reads the database: callers pass the rows (see selectors_priorities)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tridaya.planning import voting
from tridaya.planning.models import (
    Ballot,
    CriterionScore,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
)


def vote_options(options: Sequence[PriorityOption]) -> list[voting.Option]:
    return [voting.Option(o.key, o.title, o.poor_households) for o in options]


def vote_ballot(ballot: Ballot) -> voting.Ballot:
    return voting.Ballot(
        choices=tuple(str(c) for c in ballot.choices),
        scores=tuple((str(k), int(v)) for k, v in ballot.scores.items()),
        count=ballot.count,
    )


def inputs_digest(
    round_: PriorityRound,
    criteria: Sequence[PriorityCriterion],
    options: Sequence[PriorityOption],
    scores: Sequence[CriterionScore],
    ballots: Sequence[Ballot],
) -> str:
    """SHA-256 of everything the result is computed from, in a canonical form."""
    data = {
        "method": round_.method,
        "max_score": round_.max_score,
        "criteria": sorted([c.key, c.weight] for c in criteria),
        "options": sorted([o.pk, o.title, o.households, o.poor_households] for o in options),
        "scores": sorted([s.option_id, s.criterion_id, s.score] for s in scores),
        "ballots": sorted(
            [b.pk, b.kind, b.voter_id, b.count, list(b.choices), sorted(b.scores.items())]
            for b in ballots
        ),
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _hundredths(total: int) -> str:
    """390 -> '3,90' (weighted totals are kept in hundredths of a score point)."""
    return f"{total // 100},{total % 100:02d}"


def _tie(method: str, before: voting.Tally, tally: voting.Tally) -> dict[str, Any]:
    """Which step of the tie rule put `tally` after `before` (both with the same points)."""
    if method == voting.Method.BORDA and before.first_places != tally.first_places:
        return {"by": "first_places", "a": before.first_places, "b": tally.first_places}
    if method != voting.Method.BORDA and before.mentions != tally.mentions:
        return {"by": "mentions", "a": before.mentions, "b": tally.mentions}
    if before.option.poor_households != tally.option.poor_households:
        return {"by": "poor", "a": before.option.poor_households, "b": tally.option.poor_households}
    return {"by": "order"}


def describe_tie(tie: dict[str, Any] | None) -> str:
    """The tie as the results page says it (in the reader's language)."""
    if not tie:
        return ""
    params = {"a": tie.get("a"), "b": tie.get("b")}
    if tie["by"] == "first_places":
        return _("seri poin; diputus oleh jumlah pilihan pertama (%(a)s lawan %(b)s)") % params
    if tie["by"] == "mentions":
        return _("seri poin; diputus oleh jumlah surat suara yang memilih (%(a)s lawan %(b)s)") % (
            params
        )
    if tie["by"] == "poor":
        return _("seri; diputus oleh KK miskin terdampak (%(a)s lawan %(b)s)") % params
    return _("seri penuh; diputus oleh urutan pendaftaran")


def vote_json(result: voting.Result, ballots: Sequence[Ballot]) -> dict[str, Any]:
    rows = []
    previous: voting.Tally | None = None
    for tally in result.tallies:
        tie = None
        if previous is not None and previous.points == tally.points:
            tie = _tie(result.method, previous, tally)
        working = " + ".join(tally.working) if tally.working else "0"
        rows.append(
            {
                "key": tally.option.key,
                "title": tally.option.label,
                "poor_households": tally.option.poor_households,
                "points": tally.points,
                "first_places": tally.first_places,
                "mentions": tally.mentions,
                "rank": tally.rank,
                "working": f"{working} = {tally.points}",
                "tie": tie,
            }
        )
        previous = tally
    winner = result.winner
    return {
        "method": str(result.method),
        "ballots": result.ballots,
        "entries": len(ballots),
        "online": sum(b.count for b in ballots if b.voter_id is not None),
        "paper": sum(b.count for b in ballots if b.voter_id is None),
        "tallies": rows,
        "winner": winner.option.key if winner else None,
    }


def weighted_json(
    criteria: Sequence[PriorityCriterion],
    options: Sequence[PriorityOption],
    scores: Sequence[CriterionScore],
) -> dict[str, Any]:
    crit = [voting.Criterion(c.key, c.label, c.weight) for c in criteria]
    by_id = {c.pk: c.key for c in criteria}
    cells = {(str(s.option_id), by_id[s.criterion_id]): s.score for s in scores}
    out: dict[str, Any] = {
        "criteria": [{"key": c.key, "label": c.label, "weight": c.weight} for c in criteria],
        "items": [],
        "weights_sum": sum(c.weight for c in criteria),
    }
    if out["weights_sum"] != 100:
        return out
    ranked = voting.weighted_scores(
        crit,
        [(o.key, o.title) for o in options],
        cells,
        poor_households={o.key: o.poor_households for o in options},
    )
    poor = {o.key: o.poor_households for o in options}
    missing = {o.key: sum(1 for c in crit if (o.key, c.key) not in cells) for o in options}
    previous: voting.ScoredItem | None = None
    for item in ranked:
        tie = None
        if previous is not None and previous.total == item.total:
            a, b = poor[previous.key], poor[item.key]
            tie = {"by": "poor", "a": a, "b": b} if a != b else {"by": "order"}
        previous = item
        working = " + ".join(f"{w}%×{s}" for _k, w, s in item.parts)
        out["items"].append(
            {
                "key": item.key,
                "title": item.label,
                "total": item.total,
                "total_display": _hundredths(item.total),
                "parts": [{"key": k, "weight": w, "score": s} for k, w, s in item.parts],
                "working": f"{working} = {_hundredths(item.total)}" if working else "0",
                "rank": item.rank,
                "poor_households": poor[item.key],
                "unscored": missing[item.key],
                "tie": tie,
            }
        )
    return out


@dataclass(frozen=True)
class Counted:
    """A round counted from its rows: the JSON shown and frozen, and the inputs' digest."""

    data: dict[str, Any]
    digest: str


def count_round(
    round_: PriorityRound,
    criteria: Sequence[PriorityCriterion],
    options: Sequence[PriorityOption],
    scores: Sequence[CriterionScore],
    ballots: Sequence[Ballot],
) -> Counted:
    """Count the vote and rank by weighted criteria. Raises voting.BallotError when a stored
    ballot cannot be counted (services refuse such ballots, so only tampering gets here)."""
    vote = voting.count(
        voting.Method(round_.method),
        vote_options(options),
        [vote_ballot(b) for b in ballots],
        max_score=round_.max_score,
    )
    digest = inputs_digest(round_, criteria, options, scores, ballots)
    data = {
        "method": round_.method,
        "max_score": round_.max_score,
        "vote": vote_json(vote, ballots),
        "weighted": weighted_json(criteria, options, scores),
        "digest": digest,
    }
    return Counted(data=data, digest=digest)


def same_outcome(frozen: dict[str, Any], recount: dict[str, Any]) -> bool:
    """Does a recount give the frozen ranking, points and weighted totals?"""

    def essence(data: dict[str, Any]) -> Any:
        vote = data.get("vote", {})
        weighted = data.get("weighted", {})
        return (
            vote.get("ballots"),
            [(t["key"], t["points"], t["rank"]) for t in vote.get("tallies", [])],
            [(i["key"], i["total"], i["rank"]) for i in weighted.get("items", [])],
        )

    return essence(frozen) == essence(recount)
