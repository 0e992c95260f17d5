"""Writes of a prioritisation round while it is drafted: the round, its criteria and weights,
and its options (mapped problems and candidate programs); the scores and the vote are in
`ranking.py`.

Each service checks the policy (when an actor is given), validates, writes and audits in one
transaction, with the round's row locked. A closed round refuses every change with
`PlanningError.ROUND_CLOSED`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.choices import TridayaDomain
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.cycle.models import Meeting
from tridaya.cycle.selectors import latest_cycle
from tridaya.mapping.selectors.problems import Problem, ProblemStatus
from tridaya.mapping.selectors.slum import rt_scores
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    CriterionBasis,
    OptionKind,
    PriorityCriterion,
    PriorityOption,
    PriorityRound,
    RoundStatus,
    VoteMethod,
)
from tridaya.planning.policy import MANAGE_PRIORITIES
from tridaya.regions.models import Region

MAX_PAPER_COUNT = 100_000


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
            code=PlanningError.ROUND_CLOSED,
        )


def _require_draft(round_: PriorityRound, what: str) -> None:
    _refuse_closed(round_)
    if round_.status != RoundStatus.DRAFT:
        raise DomainError(
            _("%(what)s hanya dapat diubah sebelum pemungutan suara dibuka.") % {"what": what},
            code=PlanningError.NOT_DRAFT,
        )


def _require_voting(round_: PriorityRound) -> None:
    _refuse_closed(round_)
    if round_.status != RoundStatus.VOTING:
        raise DomainError(
            _("Pemungutan suara putaran '%(title)s' belum dibuka.") % {"title": round_.title},
            code=PlanningError.NOT_VOTING,
        )


def _check_meeting(village_code: str, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.village_id != village_code:
        raise DomainError(
            _("Pertemuan itu milik kelurahan/desa lain."), code=PlanningError.OTHER_VILLAGE
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


@transaction.atomic(durable=True)
def round_create(
    *,
    actor: User | None,
    village: Region,
    title: str,
    method: str = VoteMethod.BORDA,
    max_score: int = 5,
    description: str = "",
    meeting: Meeting | None = None,
    criteria: Sequence[CriterionInput] | None = None,
) -> PriorityRound:
    """A new round in draft, with the default criteria unless others are given."""
    authorize(actor, MANAGE_PRIORITIES, village)
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=PlanningError.NOT_A_VILLAGE,
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


@transaction.atomic(durable=True)
def round_update(
    *,
    actor: User | None,
    round_: PriorityRound,
    title: str,
    description: str = "",
    method: str,
    max_score: int,
    meeting: Meeting | None,
) -> PriorityRound:
    """Title, description and the rembug may change until the round closes; the voting method
    and its highest score only before voting opens."""
    authorize(actor, MANAGE_PRIORITIES, round_)
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


@transaction.atomic(durable=True)
def round_delete(*, actor: User | None, round_: PriorityRound) -> None:
    """Only a round still in draft (no ballot can exist yet)."""
    authorize(actor, MANAGE_PRIORITIES, round_)
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
        raise DomainError(_("Isi paling sedikit satu kriteria."), code=PlanningError.BAD_CRITERIA)
    for number, item in enumerate(criteria, start=1):
        if not item.label.strip():
            raise DomainError(
                _("Kriteria nomor %(n)s: isi nama kriteria.") % {"n": number},
                code=PlanningError.BAD_CRITERIA,
            )
        if not 0 <= item.weight <= 100:
            raise DomainError(
                _("Kriteria '%(label)s': bobot %(weight)s%%, harus 0 sampai 100.")
                % {"label": item.label, "weight": item.weight},
                code=PlanningError.BAD_CRITERIA,
            )
        if item.basis not in CriterionBasis.values:
            raise DomainError(
                _("Kriteria '%(label)s': sumber nilai tidak dikenal.") % {"label": item.label},
                code=PlanningError.BAD_CRITERIA,
            )
    total = sum(item.weight for item in criteria)
    if total != 100:
        raise DomainError(
            _("Bobot kriteria berjumlah %(sum)s%%, harus tepat 100%%. Ubah bobotnya.")
            % {"sum": total},
            code=PlanningError.WEIGHTS_NOT_100,
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


@transaction.atomic(durable=True)
def criteria_set(
    *, actor: User | None, round_: PriorityRound, criteria: Sequence[CriterionInput]
) -> list[PriorityCriterion]:
    """Replace the round's criteria and weights (weights add up to 100). A criterion kept by
    its key keeps its scores; a removed one loses them. Allowed until the round closes."""
    authorize(actor, MANAGE_PRIORITIES, round_)
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


@transaction.atomic(durable=True)
def options_add_problems(
    *, actor: User | None, round_: PriorityRound, problems: Sequence[Problem]
) -> list[PriorityOption]:
    """Add mapped problems as options, copying the figures they are ranked on (households,
    poor households, severity, the slum score of their RT). A problem already in the round is
    skipped."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Daftar pilihan"))
    present = set(round_.options.exclude(problem=None).values_list("problem_id", flat=True))
    wanted = [p for p in problems if p.pk not in present]
    for problem in wanted:
        if problem.village_id != round_.village_id:
            raise DomainError(
                _("Masalah '%(title)s' milik kelurahan/desa lain.") % {"title": problem.title},
                code=PlanningError.OTHER_VILLAGE,
            )
        if problem.status == ProblemStatus.REJECTED:
            raise DomainError(
                _("Masalah '%(title)s' sudah ditolak; tidak dapat diprioritaskan.")
                % {"title": problem.title},
                code=PlanningError.BAD_OPTION,
            )
    slum_rows = rt_scores(round_.village).by_rt if wanted else {}
    position = _next_position(round_)
    created = []
    for problem in wanted:
        row = slum_rows.get(problem.rt_id) if problem.rt_id else None
        slum = row.score if row is not None and row.scored else None
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
            slum_max=row.cset.max_total if slum and row and row.cset else None,
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


@transaction.atomic(durable=True)
def option_add_program(
    *,
    actor: User | None,
    round_: PriorityRound,
    title: str,
    domain: str,
    description: str = "",
    households: int = 0,
    poor_households: int = 0,
) -> PriorityOption:
    """A candidate program proposed at the rembug (not a mapped problem)."""
    authorize(actor, MANAGE_PRIORITIES, round_)
    round_ = _locked(round_)
    _require_draft(round_, _("Daftar pilihan"))
    if domain not in TridayaDomain.values:
        raise DomainError(_("Pilih daya (L, E atau S)."), code=PlanningError.BAD_OPTION)
    if poor_households > households:
        raise DomainError(
            _("KK miskin (%(poor)s) tidak boleh lebih dari KK terdampak (%(all)s).")
            % {"poor": poor_households, "all": households},
            code=PlanningError.BAD_OPTION,
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


@transaction.atomic(durable=True)
def option_remove(*, actor: User | None, option: PriorityOption) -> None:
    authorize(actor, MANAGE_PRIORITIES, option)
    round_ = _locked(option.round)
    _require_draft(round_, _("Daftar pilihan"))
    record_event(
        actor=actor,
        action="planning.option_removed",
        obj=round_,
        changes={"options": [[option.title], None]},
    )
    option.delete()
