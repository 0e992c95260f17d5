"""Ranking the options of a prioritisation round: the TIPP's scores against the weighted criteria
(typed or suggested from the mapping data) and the community vote at a rembug (online and paper
ballots), closed into a frozen result. A closed round refuses every change with
`PlanningError.ROUND_CLOSED`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.planning import results, voting
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    CRITERION_SCORE_MAX,
    Ballot,
    BallotKind,
    CriterionBasis,
    CriterionScore,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
    VoteMethod,
)
from tridaya.planning.policy import MANAGE_PRIORITIES, VOTE
from tridaya.planning.services.priorities import (
    MAX_PAPER_COUNT,
    ROUND_FIELDS,
    _locked,
    _refuse_closed,
    _require_draft,
    _require_voting,
)

# --- Scores -------------------------------------------------------------------------------------


def _scores_set(
    *, actor: User | None, round_: PriorityRound, scores: Mapping[tuple[int, int], int | None]
) -> int:
    """Set the TIPP's scores, {(option id, criterion id): 0-5, or None to clear}. Returns the
    number of cells that changed. Allowed until the round closes."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _refuse_closed(round_)
    options = {o.pk: o for o in round_.options.all()}
    criteria = {c.pk: c for c in round_.criteria.all()}
    current = {
        (s.option_id, s.criterion_id): s
        for s in CriterionScore.objects.filter(option__round=round_)
    }
    changes: dict[str, list] = {}
    to_create, to_update, to_delete = [], [], []
    for (option_id, criterion_id), value in scores.items():
        option, criterion = options.get(option_id), criteria.get(criterion_id)
        if option is None or criterion is None:
            raise DomainError(
                _("Nilai untuk pilihan atau kriteria yang bukan milik putaran ini."),
                code=PlanningError.BAD_SCORE,
            )
        if value is not None and not 0 <= value <= CRITERION_SCORE_MAX:
            raise DomainError(
                _(
                    "'%(option)s', kriteria '%(criterion)s': nilai %(value)s, harus 0 "
                    "sampai %(max)s."
                )
                % {
                    "option": option.title,
                    "criterion": criterion.label,
                    "value": value,
                    "max": CRITERION_SCORE_MAX,
                },
                code=PlanningError.BAD_SCORE,
            )
        cell = current.get((option_id, criterion_id))
        old = cell.score if cell else None
        if old == value:
            continue
        changes[f"{option.title} / {criterion.label}"] = [old, value]
        if value is None:
            to_delete.append(cell.pk)  # type: ignore[union-attr]
        elif cell is None:
            to_create.append(CriterionScore(option=option, criterion=criterion, score=value))
        else:
            cell.score = value
            to_update.append(cell)
    CriterionScore.objects.filter(pk__in=to_delete).delete()
    CriterionScore.objects.bulk_create(to_create)
    CriterionScore.objects.bulk_update(to_update, ["score"])
    if changes:
        record_event(actor=actor, action="planning.scores_set", obj=round_, changes=changes)
    return len(changes)


scores_set = transaction.atomic(durable=True)(_scores_set)


def _scaled(value: int, top: int) -> int:
    """0-5 in proportion to the largest value of the round, rounded up: ceil(5 × value / top)."""
    if value <= 0 or top <= 0:
        return 0
    return min(CRITERION_SCORE_MAX, (CRITERION_SCORE_MAX * value + top - 1) // top)


def suggested_score(criterion: PriorityCriterion, option: PriorityOption, tops: dict) -> int | None:
    """The score a data-based criterion suggests for an option, or None without data.

    severity: the problem's severity (1-5); households / poor households: ceil(5 × value /
    the largest value among the round's options); slum: ceil(5 × RT slum total / highest
    possible total)."""
    if criterion.basis == CriterionBasis.SEVERITY:
        return option.severity
    if criterion.basis == CriterionBasis.HOUSEHOLDS:
        return _scaled(option.households, tops["households"])
    if criterion.basis == CriterionBasis.POOR_HOUSEHOLDS:
        return _scaled(option.poor_households, tops["poor_households"])
    if criterion.basis == CriterionBasis.SLUM and option.slum_total is not None:
        return _scaled(option.slum_total, option.slum_max or 0) if option.slum_max else None
    return None


@transaction.atomic(durable=True)
def scores_fill_from_data(*, actor: User | None, round_: PriorityRound) -> int:
    """Fill the cells of data-based criteria from the options' figures (see suggested_score);
    typed-in criteria are left alone. Returns the number of cells that changed."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    locked = _locked(round_)
    _refuse_closed(locked)
    options = list(locked.options.all())
    tops = {
        "households": max((o.households for o in options), default=0),
        "poor_households": max((o.poor_households for o in options), default=0),
    }
    cells: dict[tuple[int, int], int | None] = {}
    for criterion in locked.criteria.exclude(basis=CriterionBasis.MANUAL):
        for option in options:
            value = suggested_score(criterion, option, tops)
            if value is not None:
                cells[(option.pk, criterion.pk)] = value
    return _scores_set(actor=actor, round_=locked, scores=cells)


# --- Voting -------------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def voting_open(*, actor: User | None, round_: PriorityRound) -> PriorityRound:
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Status putaran"))
    if round_.options.count() < 2:
        raise DomainError(
            _("Tambahkan paling sedikit dua pilihan sebelum membuka pemungutan suara."),
            code=PlanningError.TOO_FEW_OPTIONS,
        )
    before = snapshot(round_, ROUND_FIELDS)
    round_.status = RoundStatus.VOTING
    round_.voting_opened_at = timezone.now()
    round_.save(update_fields=["status", "voting_opened_at", "updated_at"])
    record_event(
        actor=actor,
        action="planning.voting_opened",
        obj=round_,
        changes=diff(before, snapshot(round_, ROUND_FIELDS)),
    )
    return round_


def _clean_ballot(
    round_: PriorityRound, choices: Sequence[int | str], scores: Mapping[int | str, int] | None
) -> tuple[list[int], dict[str, int]]:
    """The ballot as stored (option ids), after checking it against the round's method."""
    try:
        chosen = [int(c) for c in choices]
        scored = {str(int(k)): int(v) for k, v in (scores or {}).items()}
    except (TypeError, ValueError) as exc:
        raise DomainError(
            _("Surat suara tidak terbaca: pilihan harus nomor pilihan."),
            code=PlanningError.BAD_BALLOT,
        ) from exc
    method = round_.method
    if method == VoteMethod.SCORE:
        chosen = []
        if not scored:
            raise DomainError(
                _("Beri nilai paling sedikit satu pilihan."), code=PlanningError.BAD_BALLOT
            )
    else:
        scored = {}
        if not chosen:
            message = (
                _("Centang paling sedikit satu pilihan.")
                if method == VoteMethod.APPROVAL
                else _("Urutkan paling sedikit satu pilihan.")
            )
            raise DomainError(message, code=PlanningError.BAD_BALLOT)
    options = [voting.Option(str(pk), "") for pk in round_.options.values_list("pk", flat=True)]
    probe = voting.Ballot(
        choices=tuple(str(c) for c in chosen), scores=tuple(scored.items()), count=1
    )
    try:
        voting.count(voting.Method(method), options, [probe], max_score=round_.max_score)
    except voting.BallotError as exc:
        raise DomainError(str(exc), code=PlanningError.BAD_BALLOT) from exc
    return chosen, scored


BALLOT_FIELDS = ["kind", "count", "choices", "scores", "note", "voter"]


@transaction.atomic(durable=True)
def ballot_cast(
    *,
    actor: User | None,
    round_: PriorityRound,
    choices: Sequence[int | str] = (),
    scores: Mapping[int | str, int] | None = None,
) -> Ballot:
    """The actor's own online ballot; casting again replaces it while voting is open."""
    authorize(actor, VOTE, round_)
    round_ = _locked(round_)
    _require_voting(round_)
    chosen, scored = _clean_ballot(round_, choices, scores)
    ballot = Ballot.objects.filter(round=round_, voter=actor).first()
    before = snapshot(ballot, BALLOT_FIELDS) if ballot else {}
    if ballot is None:
        ballot = Ballot(round=round_, kind=BallotKind.ONLINE, voter=actor, entered_by=actor)
    ballot.choices, ballot.scores, ballot.count = chosen, scored, 1
    ballot.full_clean(exclude=["round", "voter", "entered_by"])
    ballot.save()
    changes = diff(before, snapshot(ballot, BALLOT_FIELDS))
    if changes:
        record_event(actor=actor, action="planning.ballot_cast", obj=ballot, changes=changes)
    return ballot


@transaction.atomic(durable=True)
def ballot_paper_add(
    *,
    actor: User | None,
    round_: PriorityRound,
    count: int,
    choices: Sequence[int | str] = (),
    scores: Mapping[int | str, int] | None = None,
    note: str = "",
) -> Ballot:
    """`count` paper ballots marked the same way, entered at once. When the rembug is linked
    and its attendance recorded, the paper ballots cannot outnumber those present."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_voting(round_)
    if not 1 <= count <= MAX_PAPER_COUNT:
        raise DomainError(
            _("Jumlah lembar %(count)s: isi 1 sampai %(max)s.")
            % {"count": count, "max": MAX_PAPER_COUNT},
            code=PlanningError.BAD_BALLOT,
        )
    chosen, scored = _clean_ballot(round_, choices, scores)
    meeting = round_.meeting
    if meeting is not None and meeting.total > 0:
        already = sum(round_.ballots.filter(kind=BallotKind.PAPER).values_list("count", flat=True))
        if already + count > meeting.total:
            raise DomainError(
                _(
                    "Surat suara kertas menjadi %(n)s lembar, lebih banyak dari %(present)s "
                    "peserta yang hadir di %(meeting)s. Periksa jumlahnya."
                )
                % {"n": already + count, "present": meeting.total, "meeting": meeting},
                code=PlanningError.TOO_MANY_PAPER_BALLOTS,
            )
    ballot = Ballot(
        round=round_,
        kind=BallotKind.PAPER,
        count=count,
        choices=chosen,
        scores=scored,
        note=note.strip(),
        entered_by=actor if actor is not None and actor.is_authenticated else None,
    )
    ballot.full_clean(exclude=["round", "entered_by"])
    ballot.save()
    record_event(
        actor=actor,
        action="planning.paper_ballots_entered",
        obj=ballot,
        changes=diff({}, snapshot(ballot, BALLOT_FIELDS)),
    )
    return ballot


@transaction.atomic(durable=True)
def ballot_remove(*, actor: User | None, ballot: Ballot) -> None:
    """Paper ballots are removed by the managers (a typing error); an online ballot only by its
    voter. Only while voting is open."""
    if ballot.kind == BallotKind.PAPER:
        authorize(actor, MANAGE_PRIORITIES, ballot)
    else:
        authorize(actor, VOTE, ballot)
        if actor is None or ballot.voter_id != actor.pk:
            raise DomainError(
                _("Hanya pemilihnya sendiri yang dapat menarik surat suara daring."),
                code=PlanningError.NOT_YOUR_BALLOT,
            )
    _require_voting(_locked(ballot.round))
    record_event(
        actor=actor,
        action="planning.ballot_removed",
        obj=ballot,
        changes=diff(snapshot(ballot, BALLOT_FIELDS), {}),
    )
    ballot.delete()


@transaction.atomic(durable=True)
def round_close(*, actor: User | None, round_: PriorityRound) -> PriorityRound:
    """Close the vote: count the stored ballots and rank by the weighted criteria, freeze both
    with the digest of their inputs. Needs the rembug, at least one ballot and weights of 100%."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_voting(round_)
    if round_.meeting_id is None:
        raise DomainError(
            _("Pilih rembug tempat pemungutan suara dilakukan sebelum menutup putaran."),
            code=PlanningError.MEETING_MISSING,
        )
    criteria = list(round_.criteria.order_by("position", "id"))
    weights = sum(c.weight for c in criteria)
    if weights != 100:
        raise DomainError(
            _("Bobot kriteria berjumlah %(sum)s%%, harus tepat 100%% sebelum putaran ditutup.")
            % {"sum": weights},
            code=PlanningError.WEIGHTS_NOT_100,
        )
    ballots = list(round_.ballots.order_by("id"))
    if not ballots:
        raise DomainError(
            _("Belum ada surat suara; putaran tanpa suara tidak dapat ditutup."),
            code=PlanningError.NO_BALLOTS,
        )
    options = list(round_.options.order_by("position", "id"))
    scores = list(CriterionScore.objects.filter(option__round=round_).order_by("id"))
    counted = results.count_round(round_, criteria, options, scores, ballots)
    before = snapshot(round_, ROUND_FIELDS)
    round_.status = RoundStatus.CLOSED
    round_.closed_at = timezone.now()
    round_.closed_by = actor if actor is not None and actor.is_authenticated else None
    round_.result = counted.data
    round_.inputs_digest = counted.digest
    round_.save()
    vote = counted.data["vote"]
    winner = next((t["title"] for t in vote["tallies"] if t["key"] == vote["winner"]), None)
    changes = diff(before, snapshot(round_, ROUND_FIELDS))
    changes.update(
        {
            "winner": [None, winner],
            "ballots": [None, vote["ballots"]],
            "inputs_digest": [None, counted.digest],
        }
    )
    record_event(actor=actor, action="planning.round_closed", obj=round_, changes=changes)
    return round_
