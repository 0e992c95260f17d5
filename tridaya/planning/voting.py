"""Community votes at a rembug, counted from stored ballots (pure functions, no database).

Methods:
- approval: each ballot approves any number of options; an option's points are its approvals.
- borda: each ballot ranks options; with n options the first gets n-1 points, the next n-2, ...,
  unranked options 0.
- score: each ballot gives each option a score from 0 to `max_score`; points are the sum.

Paper ballots are entered as counts: the same ballot with a `count` (how many identical paper
ballots), so online and paper ballots are counted by one function.

Ties are broken by the rule stated on every results page (TIE_BREAK_RULE): more first places
(borda) or more ballots naming the option (approval, score), then more poor households affected,
then the order in which the options were listed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Method(StrEnum):
    APPROVAL = "approval"
    BORDA = "borda"
    SCORE = "score"


TIE_BREAK_RULE = gettext_lazy(
    "Jika poin sama: yang lebih sering menjadi pilihan pertama (Borda) atau lebih banyak dipilih "
    "(persetujuan, skor) didahulukan; jika masih sama, yang menyangkut lebih banyak KK miskin; "
    "jika masih sama, urutan pendaftaran pilihan."
)


class BallotError(ValueError):
    """A ballot that cannot be counted; the message names the ballot and what is wrong."""


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    poor_households: int = 0


@dataclass(frozen=True)
class Ballot:
    """One ballot (or `count` identical paper ballots). `choices` is the set of approved keys
    (approval), the ranking from first to last (borda), or unused (score). `scores` maps keys to
    scores (score)."""

    choices: tuple[str, ...] = ()
    scores: tuple[tuple[str, int], ...] = ()
    count: int = 1


@dataclass
class Tally:
    option: Option
    points: int = 0
    first_places: int = 0
    mentions: int = 0
    rank: int = 0
    working: list[str] = field(default_factory=list)  # the arithmetic, line by line


@dataclass
class Result:
    method: Method
    ballots: int
    tallies: list[Tally]

    @property
    def winner(self) -> Tally | None:
        return self.tallies[0] if self.tallies and self.tallies[0].points > 0 else None


def count(
    method: Method, options: Sequence[Option], ballots: Iterable[Ballot], *, max_score: int = 5
) -> Result:
    """Count the ballots and rank the options, keeping the arithmetic for the results page."""
    tallies = {o.key: Tally(o) for o in options}
    n = len(options)
    total = 0
    for number, ballot in enumerate(ballots, start=1):
        _check(ballot, number, method, tallies, max_score)
        total += ballot.count
        if method == Method.APPROVAL:
            _add_approval(ballot, tallies)
        elif method == Method.BORDA:
            _add_borda(ballot, tallies, n)
        else:
            _add_score(ballot, tallies)
    ranked = sorted(
        tallies.values(),
        key=lambda t: (-t.points, -t.first_places if method == Method.BORDA else -t.mentions,
                       -t.option.poor_households, options.index(t.option)),
    )  # fmt: skip
    for rank, tally in enumerate(ranked, start=1):
        tally.rank = rank
    return Result(method=method, ballots=total, tallies=ranked)


def _check(ballot: Ballot, number: int, method: Method, tallies: dict, max_score: int) -> None:
    if ballot.count < 1:
        raise BallotError(_("Surat suara %(n)s: jumlah lembar harus 1 atau lebih.") % {"n": number})
    keys = [k for k, _ in ballot.scores] if method == Method.SCORE else list(ballot.choices)
    unknown = [k for k in keys if k not in tallies]
    if unknown:
        raise BallotError(
            _("Surat suara %(n)s: pilihan tidak dikenal %(keys)s.")
            % {"n": number, "keys": ", ".join(unknown)}
        )
    if len(set(keys)) != len(keys):
        raise BallotError(
            _("Surat suara %(n)s: satu pilihan disebut lebih dari sekali.") % {"n": number}
        )
    for key, score in ballot.scores:
        if not 0 <= score <= max_score:
            raise BallotError(
                _("Surat suara %(n)s: skor %(key)s = %(score)s, harus 0 sampai %(max)s.")
                % {"n": number, "key": key, "score": score, "max": max_score}
            )


def _add_approval(ballot: Ballot, tallies: dict[str, Tally]) -> None:
    for key in ballot.choices:
        tally = tallies[key]
        tally.points += ballot.count
        tally.mentions += ballot.count
        tally.working.append(f"+{ballot.count}")


def _add_borda(ballot: Ballot, tallies: dict[str, Tally], n: int) -> None:
    for position, key in enumerate(ballot.choices):
        tally = tallies[key]
        points = (n - 1 - position) * ballot.count
        tally.points += points
        tally.mentions += ballot.count
        if position == 0:
            tally.first_places += ballot.count
        tally.working.append(f"{ballot.count}×{n - 1 - position}")


def _add_score(ballot: Ballot, tallies: dict[str, Tally]) -> None:
    for key, score in ballot.scores:
        tally = tallies[key]
        tally.points += score * ballot.count
        if score > 0:
            tally.mentions += ballot.count
        tally.working.append(f"{ballot.count}×{score}")


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: int  # percent; the weights of a round add up to 100


@dataclass
class ScoredItem:
    key: str
    label: str
    total: int  # sum of weight × score, in hundredths of a score point
    parts: list[tuple[str, int, int]]  # (criterion key, weight, score)
    rank: int = 0

    @property
    def working(self) -> str:
        return " + ".join(f"{w}%×{s}" for _k, w, s in self.parts) + f" = {self.total / 100:.2f}"


WEIGHTED_TIE_BREAK_RULE = gettext_lazy(
    "Jika nilai berbobot sama: yang menyangkut lebih banyak KK miskin didahulukan; jika masih "
    "sama, urutan pendaftaran pilihan."
)


def weighted_scores(
    criteria: Sequence[Criterion],
    items: Sequence[tuple[str, str]],
    scores: dict[tuple[str, str], int],
    poor_households: Mapping[str, int] | None = None,
) -> list[ScoredItem]:
    """Rank items (key, label) by Σ weight × score over the criteria, integers only. Ties go to
    more poor households (when given), then to the listing order (WEIGHTED_TIE_BREAK_RULE)."""
    weights = sum(c.weight for c in criteria)
    if weights != 100:
        raise BallotError(_("Bobot kriteria berjumlah %(sum)s%%, harus 100%%.") % {"sum": weights})
    scored = []
    for key, label in items:
        parts = [(c.key, c.weight, scores.get((key, c.key), 0)) for c in criteria]
        scored.append(ScoredItem(key, label, sum(w * s for _k, w, s in parts), parts))
    poor = poor_households or {}
    order = {key: index for index, (key, _label) in enumerate(items)}
    scored.sort(key=lambda s: (-s.total, -poor.get(s.key, 0), order[s.key]))
    for rank, item in enumerate(scored, start=1):
        item.rank = rank
    return scored
