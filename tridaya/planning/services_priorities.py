"""Every write of prioritisation: rounds, their criteria and weights, options (mapped problems and
candidate programs), the TIPP's scores, online and paper ballots, opening and closing the vote.

Each service checks the policy (when an actor is given), validates, writes and audits in one
transaction, with the round's row locked so that a ballot cannot slip in while the round
closes. A closed round refuses every change with `PrioritiesError.ROUND_CLOSED`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.cycle.models import Meeting
from tridaya.cycle.selectors import latest_cycle
from tridaya.mapping.models import Problem, ProblemStatus, TridayaDomain
from tridaya.planning import results, voting
from tridaya.planning.indicators import rt_slum_score
from tridaya.planning.models import (
    CRITERION_SCORE_MAX,
    Ballot,
    BallotKind,
    CriterionBasis,
    CriterionScore,
    OptionKind,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
    VoteMethod,
)
from tridaya.planning.policy import MANAGE_PRIORITIES, VOTE
from tridaya.planning.selectors_kawasan import newest_profiles
from tridaya.regions.models import Region

MAX_PAPER_COUNT = 100_000


class PrioritiesError(StrEnum):
    """Codes of refused prioritisation operations (callers branch on these)."""

    ROUND_CLOSED = "planning_round_closed"
    NOT_DRAFT = "planning_round_not_draft"
    NOT_VOTING = "planning_round_not_voting"
    NOT_A_VILLAGE = "planning_not_a_village"
    OTHER_VILLAGE = "planning_other_village"
    BAD_CRITERIA = "planning_bad_criteria"
    WEIGHTS_NOT_100 = "planning_weights_not_100"
    BAD_SCORE = "planning_bad_score"
    BAD_OPTION = "planning_bad_option"
    TOO_FEW_OPTIONS = "planning_too_few_options"
    BAD_BALLOT = "planning_bad_ballot"
    TOO_MANY_PAPER_BALLOTS = "planning_too_many_paper_ballots"
    NOT_YOUR_BALLOT = "planning_not_your_ballot"
    NO_BALLOTS = "planning_no_ballots"
    MEETING_MISSING = "planning_meeting_missing"
    HAS_BALLOTS = "planning_round_has_ballots"


def _check(actor, action: str, obj) -> None:
    if actor is not None:
        authorize(actor, action, obj)


def _locked(round_: PriorityRound) -> PriorityRound:
    """The round re-read under a row lock (its status may have changed since it was loaded)."""
    return PriorityRound.objects.select_for_update().select_related("village").get(pk=round_.pk)


def _refuse_closed(round_: PriorityRound) -> None:
    if round_.status == RoundStatus.CLOSED:
        raise DomainError(
            _(
                "Putaran '%(title)s' sudah ditutup: hasilnya dibekukan dan tidak dapat diubah "
                "lagi. Buat putaran baru bila perlu."
            )
            % {"title": round_.title},
            code=PrioritiesError.ROUND_CLOSED,
        )


def _require_draft(round_: PriorityRound, what: str) -> None:
    _refuse_closed(round_)
    if round_.status != RoundStatus.DRAFT:
        raise DomainError(
            _("%(what)s hanya dapat diubah sebelum pemungutan suara dibuka.") % {"what": what},
            code=PrioritiesError.NOT_DRAFT,
        )


def _require_voting(round_: PriorityRound) -> None:
    _refuse_closed(round_)
    if round_.status != RoundStatus.VOTING:
        raise DomainError(
            _("Pemungutan suara putaran '%(title)s' belum dibuka.") % {"title": round_.title},
            code=PrioritiesError.NOT_VOTING,
        )


def _check_meeting(village_code: str, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.village_id != village_code:
        raise DomainError(
            _("Pertemuan itu milik kelurahan/desa lain."), code=PrioritiesError.OTHER_VILLAGE
        )


# --- Rounds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionInput:
    label: str
    weight: int
    basis: str = CriterionBasis.MANUAL
    description: str = ""
    key: str = ""  # empty for a new criterion: made from the label


def default_criteria() -> list[CriterionInput]:
    """A starting set the TIPP adjusts (DOMAIN.md: no official formula exists)."""
    return [
        CriterionInput(
            _("Urgensi"),
            25,
            CriterionBasis.SEVERITY,
            _("Seberapa mendesak; usulan awal dari tingkat keparahan hasil pemetaan."),
            "urgensi",
        ),
        CriterionInput(
            _("KK miskin terdampak"), 25, CriterionBasis.POOR_HOUSEHOLDS, "", "kk-miskin"
        ),
        CriterionInput(_("KK terdampak"), 15, CriterionBasis.HOUSEHOLDS, "", "kk-terdampak"),
        CriterionInput(
            _("Biaya"), 10, CriterionBasis.MANUAL, _("Makin murah, makin tinggi nilainya."), "biaya"
        ),
        CriterionInput(_("Potensi swadaya"), 15, CriterionBasis.MANUAL, "", "swadaya"),
        CriterionInput(_("Skor kumuh lokasi"), 10, CriterionBasis.SLUM, "", "kumuh"),
    ]


ROUND_FIELDS = ["title", "description", "method", "max_score", "meeting", "status"]


@transaction.atomic
def round_create(
    *,
    actor,
    village: Region,
    title: str,
    method: str = VoteMethod.BORDA,
    max_score: int = 5,
    description: str = "",
    meeting: Meeting | None = None,
    criteria: Sequence[CriterionInput] | None = None,
) -> PriorityRound:
    """A new round in draft, with the default criteria unless others are given."""
    _check(actor, MANAGE_PRIORITIES, village)
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=PrioritiesError.NOT_A_VILLAGE,
        )
    _check_meeting(village.code, meeting)
    round_ = PriorityRound(
        village=village,
        cycle=latest_cycle(village),
        title=title.strip(),
        description=description.strip(),
        method=method,
        max_score=max_score,
        meeting=meeting,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    round_.full_clean()
    round_.save()
    _write_criteria(round_, default_criteria() if criteria is None else criteria)
    record_event(
        actor=actor,
        action="planning.round_created",
        obj=round_,
        changes=diff({}, snapshot(round_, ROUND_FIELDS)),
    )
    return round_


@transaction.atomic
def round_update(
    *,
    actor,
    round_: PriorityRound,
    title: str,
    description: str = "",
    method: str,
    max_score: int,
    meeting: Meeting | None,
) -> PriorityRound:
    """Title, description and the rembug may change until the round closes; the voting method
    and its highest score only before voting opens."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _refuse_closed(round_)
    if (method != round_.method or max_score != round_.max_score) and (
        round_.status != RoundStatus.DRAFT
    ):
        _require_draft(round_, _("Cara pemungutan suara"))
    _check_meeting(round_.village_id, meeting)
    before = snapshot(round_, ROUND_FIELDS)
    round_.title, round_.description = title.strip(), description.strip()
    round_.method, round_.max_score, round_.meeting = method, max_score, meeting
    round_.full_clean()
    round_.save()
    changes = diff(before, snapshot(round_, ROUND_FIELDS))
    if changes:
        record_event(actor=actor, action="planning.round_updated", obj=round_, changes=changes)
    return round_


@transaction.atomic
def round_delete(*, actor, round_: PriorityRound) -> None:
    """Only a round still in draft (no ballot can exist yet)."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Putaran"))
    record_event(
        actor=actor,
        action="planning.round_deleted",
        obj=round_,
        changes=diff(snapshot(round_, ROUND_FIELDS), {}),
    )
    round_.delete()


# --- Criteria -----------------------------------------------------------------------------------


def _criteria_snapshot(round_: PriorityRound) -> list[str]:
    return [f"{c.label} {c.weight}%" for c in round_.criteria.order_by("position", "id")]


def _unique_key(label: str, taken: set[str]) -> str:
    base = slugify(label)[:36] or "kriteria"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _write_criteria(round_: PriorityRound, criteria: Sequence[CriterionInput]) -> None:
    if not criteria:
        raise DomainError(_("Isi paling sedikit satu kriteria."), code=PrioritiesError.BAD_CRITERIA)
    for number, item in enumerate(criteria, start=1):
        if not item.label.strip():
            raise DomainError(
                _("Kriteria nomor %(n)s: isi nama kriteria.") % {"n": number},
                code=PrioritiesError.BAD_CRITERIA,
            )
        if not 0 <= item.weight <= 100:
            raise DomainError(
                _("Kriteria '%(label)s': bobot %(weight)s%%, harus 0 sampai 100.")
                % {"label": item.label, "weight": item.weight},
                code=PrioritiesError.BAD_CRITERIA,
            )
        if item.basis not in CriterionBasis.values:
            raise DomainError(
                _("Kriteria '%(label)s': sumber nilai tidak dikenal.") % {"label": item.label},
                code=PrioritiesError.BAD_CRITERIA,
            )
    total = sum(item.weight for item in criteria)
    if total != 100:
        raise DomainError(
            _("Bobot kriteria berjumlah %(sum)s%%, harus tepat 100%%. Ubah bobotnya.")
            % {"sum": total},
            code=PrioritiesError.WEIGHTS_NOT_100,
        )
    existing = {c.key: c for c in round_.criteria.all()}
    kept: set[str] = set()
    for position, item in enumerate(criteria, start=1):
        criterion = existing.get(item.key) if item.key else None
        if criterion is None or criterion.key in kept:
            key = item.key if item.key and item.key not in kept else ""
            key = key or _unique_key(item.label, kept | set(existing))
            criterion = PriorityCriterion(round=round_, key=key)
        criterion.position = position
        criterion.label = item.label.strip()
        criterion.weight = item.weight
        criterion.basis = item.basis
        criterion.description = item.description.strip()
        criterion.full_clean(exclude=["round"])
        criterion.save()
        kept.add(criterion.key)
    round_.criteria.exclude(key__in=kept).delete()


@transaction.atomic
def criteria_set(
    *, actor, round_: PriorityRound, criteria: Sequence[CriterionInput]
) -> list[PriorityCriterion]:
    """Replace the round's criteria and weights (weights add up to 100). A criterion kept by
    its key keeps its scores; a removed one loses them. Allowed until the round closes."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _refuse_closed(round_)
    before = _criteria_snapshot(round_)
    _write_criteria(round_, criteria)
    after = _criteria_snapshot(round_)
    if before != after:
        record_event(
            actor=actor,
            action="planning.criteria_set",
            obj=round_,
            changes={"criteria": [before, after]},
        )
    return list(round_.criteria.order_by("position"))


# --- Options ------------------------------------------------------------------------------------


def _next_position(round_: PriorityRound) -> int:
    return (round_.options.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def options_add_problems(
    *, actor, round_: PriorityRound, problems: Sequence[Problem]
) -> list[PriorityOption]:
    """Add mapped problems as options, copying the figures they are ranked on (households,
    poor households, severity, the slum score of their RT). A problem already in the round is
    skipped."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Daftar pilihan"))
    present = set(round_.options.exclude(problem=None).values_list("problem_id", flat=True))
    wanted = [p for p in problems if p.pk not in present]
    for problem in wanted:
        if problem.village_id != round_.village_id:
            raise DomainError(
                _("Masalah '%(title)s' milik kelurahan/desa lain.") % {"title": problem.title},
                code=PrioritiesError.OTHER_VILLAGE,
            )
        if problem.status == ProblemStatus.REJECTED:
            raise DomainError(
                _("Masalah '%(title)s' sudah ditolak; tidak dapat diprioritaskan.")
                % {"title": problem.title},
                code=PrioritiesError.BAD_OPTION,
            )
    profiles = newest_profiles(round_.village) if wanted else {}
    position = _next_position(round_)
    created = []
    for problem in wanted:
        profile = profiles.get(problem.rt_id) if problem.rt_id else None
        slum = rt_slum_score(profile)
        option = PriorityOption(
            round=round_,
            position=position,
            kind=OptionKind.PROBLEM,
            problem=problem,
            title=problem.title[:200],
            domain=problem.domain,
            description=problem.description,
            households=problem.households_affected,
            poor_households=problem.poor_households_affected,
            severity=problem.severity,
            slum_total=slum.total if slum else None,
            slum_max=profile.cset.max_total if slum and profile else None,
        )
        option.full_clean(exclude=["round", "problem"])
        option.save()
        position += 1
        created.append(option)
    if created:
        record_event(
            actor=actor,
            action="planning.options_added",
            obj=round_,
            changes={"options": [None, [o.title for o in created]]},
        )
    return created


@transaction.atomic
def option_add_program(
    *,
    actor,
    round_: PriorityRound,
    title: str,
    domain: str,
    description: str = "",
    households: int = 0,
    poor_households: int = 0,
) -> PriorityOption:
    """A candidate program proposed at the rembug (not a mapped problem)."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Daftar pilihan"))
    if domain not in TridayaDomain.values:
        raise DomainError(_("Pilih daya (L, E atau S)."), code=PrioritiesError.BAD_OPTION)
    if poor_households > households:
        raise DomainError(
            _("KK miskin (%(poor)s) tidak boleh lebih dari KK terdampak (%(all)s).")
            % {"poor": poor_households, "all": households},
            code=PrioritiesError.BAD_OPTION,
        )
    option = PriorityOption(
        round=round_,
        position=_next_position(round_),
        kind=OptionKind.PROGRAM,
        title=title.strip(),
        domain=domain,
        description=description.strip(),
        households=households,
        poor_households=poor_households,
    )
    option.full_clean(exclude=["round"])
    option.save()
    record_event(
        actor=actor,
        action="planning.options_added",
        obj=round_,
        changes={"options": [None, [option.title]]},
    )
    return option


@transaction.atomic
def option_remove(*, actor, option: PriorityOption) -> None:
    _check(actor, MANAGE_PRIORITIES, option)
    round_ = _locked(option.round)
    _require_draft(round_, _("Daftar pilihan"))
    record_event(
        actor=actor,
        action="planning.option_removed",
        obj=round_,
        changes={"options": [[option.title], None]},
    )
    option.delete()


# --- Scores -------------------------------------------------------------------------------------


@transaction.atomic
def scores_set(
    *, actor, round_: PriorityRound, scores: Mapping[tuple[int, int], int | None]
) -> int:
    """Set the TIPP's scores, {(option id, criterion id): 0-5, or None to clear}. Returns the
    number of cells that changed. Allowed until the round closes."""
    _check(actor, MANAGE_PRIORITIES, round_)
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
                code=PrioritiesError.BAD_SCORE,
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
                code=PrioritiesError.BAD_SCORE,
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


@transaction.atomic
def scores_fill_from_data(*, actor, round_: PriorityRound) -> int:
    """Fill the cells of data-based criteria from the options' figures (see suggested_score);
    typed-in criteria are left alone. Returns the number of cells that changed."""
    _check(actor, MANAGE_PRIORITIES, round_)
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
    return scores_set(actor=actor, round_=locked, scores=cells)


# --- Voting -------------------------------------------------------------------------------------


@transaction.atomic
def voting_open(*, actor, round_: PriorityRound) -> PriorityRound:
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Status putaran"))
    if round_.options.count() < 2:
        raise DomainError(
            _("Tambahkan paling sedikit dua pilihan sebelum membuka pemungutan suara."),
            code=PrioritiesError.TOO_FEW_OPTIONS,
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
            code=PrioritiesError.BAD_BALLOT,
        ) from exc
    method = round_.method
    if method == VoteMethod.SCORE:
        chosen = []
        if not scored:
            raise DomainError(
                _("Beri nilai paling sedikit satu pilihan."), code=PrioritiesError.BAD_BALLOT
            )
    else:
        scored = {}
        if not chosen:
            message = (
                _("Centang paling sedikit satu pilihan.")
                if method == VoteMethod.APPROVAL
                else _("Urutkan paling sedikit satu pilihan.")
            )
            raise DomainError(message, code=PrioritiesError.BAD_BALLOT)
    options = [voting.Option(str(pk), "") for pk in round_.options.values_list("pk", flat=True)]
    probe = voting.Ballot(
        choices=tuple(str(c) for c in chosen), scores=tuple(scored.items()), count=1
    )
    try:
        voting.count(voting.Method(method), options, [probe], max_score=round_.max_score)
    except voting.BallotError as exc:
        raise DomainError(str(exc), code=PrioritiesError.BAD_BALLOT) from exc
    return chosen, scored


BALLOT_FIELDS = ["kind", "count", "choices", "scores", "note", "voter"]


@transaction.atomic
def ballot_cast(
    *,
    actor,
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


@transaction.atomic
def ballot_paper_add(
    *,
    actor,
    round_: PriorityRound,
    count: int,
    choices: Sequence[int | str] = (),
    scores: Mapping[int | str, int] | None = None,
    note: str = "",
) -> Ballot:
    """`count` paper ballots marked the same way, entered at once. When the rembug is linked
    and its attendance recorded, the paper ballots cannot outnumber those present."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_voting(round_)
    if not 1 <= count <= MAX_PAPER_COUNT:
        raise DomainError(
            _("Jumlah lembar %(count)s: isi 1 sampai %(max)s.")
            % {"count": count, "max": MAX_PAPER_COUNT},
            code=PrioritiesError.BAD_BALLOT,
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
                code=PrioritiesError.TOO_MANY_PAPER_BALLOTS,
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


@transaction.atomic
def ballot_remove(*, actor, ballot: Ballot) -> None:
    """Paper ballots are removed by the managers (a typing error); an online ballot only by its
    voter. Only while voting is open."""
    if ballot.kind == BallotKind.PAPER:
        _check(actor, MANAGE_PRIORITIES, ballot)
    else:
        authorize(actor, VOTE, ballot)
        if ballot.voter_id != actor.pk:
            raise DomainError(
                _("Hanya pemilihnya sendiri yang dapat menarik surat suara daring."),
                code=PrioritiesError.NOT_YOUR_BALLOT,
            )
    _require_voting(_locked(ballot.round))
    record_event(
        actor=actor,
        action="planning.ballot_removed",
        obj=ballot,
        changes=diff(snapshot(ballot, BALLOT_FIELDS), {}),
    )
    ballot.delete()


@transaction.atomic
def round_close(*, actor, round_: PriorityRound) -> PriorityRound:
    """Close the vote: count the stored ballots and rank by the weighted criteria, freeze both
    with the digest of their inputs. Needs the rembug, at least one ballot and weights of 100%."""
    _check(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_voting(round_)
    if round_.meeting_id is None:
        raise DomainError(
            _("Pilih rembug tempat pemungutan suara dilakukan sebelum menutup putaran."),
            code=PrioritiesError.MEETING_MISSING,
        )
    criteria = list(round_.criteria.order_by("position", "id"))
    weights = sum(c.weight for c in criteria)
    if weights != 100:
        raise DomainError(
            _("Bobot kriteria berjumlah %(sum)s%%, harus tepat 100%% sebelum putaran ditutup.")
            % {"sum": weights},
            code=PrioritiesError.WEIGHTS_NOT_100,
        )
    ballots = list(round_.ballots.order_by("id"))
    if not ballots:
        raise DomainError(
            _("Belum ada surat suara; putaran tanpa suara tidak dapat ditutup."),
            code=PrioritiesError.NO_BALLOTS,
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
