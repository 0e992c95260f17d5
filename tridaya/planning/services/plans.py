"""Writes of RPLP and RTPLP plans while they are drafted: plans, version texts, safeguards,
programs, investment rows, and the document outlines. Each checks the policy (when an actor is
given), validates, writes and audits in one transaction.

Content changes only in draft and revised versions; a legalised version is never changed again
(refused here with a coded error, and by the database, see planning migration 0002). The later
life of a version (uji publik, sign-offs, legalisation, amendment) is in `versions.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.mapping.selectors.problems import Problem, problems_by_ids
from tridaya.planning import policy, safeguards
from tridaya.planning.calc import FUNDING_FIELDS
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    LOCKED_STATES,
    VERSION_TEXT_FIELDS,
    DocumentOutline,
    InvestmentRow,
    Plan,
    PlanKind,
    PlanProgram,
    PlanVersion,
    VersionState,
)
from tridaya.planning.models.kawasan import PriorityArea
from tridaya.regions.models import Region


def _locked_version(version: PlanVersion) -> PlanVersion:
    """Re-read the version under a row lock (two people moving it at once cannot both win)."""
    return PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)


def require_editable(version: PlanVersion) -> None:
    """Content may change only in draft and revised; a legalised version never."""
    if version.state in LOCKED_STATES:
        raise DomainError(
            _(
                "Versi %(number)s sudah disahkan dan tidak dapat diubah. Buat perubahan (versi "
                "baru) untuk mengubah rencana."
            )
            % {"number": version.number},
            code=PlanningError.VERSION_LOCKED,
        )
    if not version.is_editable:
        raise DomainError(
            _(
                "Versi %(number)s sedang %(state)s: isinya tidak diubah sampai uji publik "
                "selesai dan versi ditandai direvisi."
            )
            % {"number": version.number, "state": version.get_state_display().lower()},
            code=PlanningError.NOT_EDITABLE,
        )


def _require_state(version: PlanVersion, *states: str) -> None:
    if version.state not in states:
        wanted = ", ".join(str(VersionState(s).label) for s in states)
        raise DomainError(
            _("Versi %(number)s berstatus %(state)s; tindakan ini hanya untuk status: %(wanted)s.")
            % {"number": version.number, "state": version.get_state_display(), "wanted": wanted},
            code=PlanningError.WRONG_STATE,
        )


# --- Plans and versions ----------------------------------------------------------------------


@transaction.atomic(durable=True)
def plan_create(
    *,
    actor: User | None,
    village: Region,
    kind: str,
    start_year: int,
    title: str = "",
    kawasan: PriorityArea | None = None,
) -> Plan:
    """Start a plan with its first version as a draft. A village has one RPLP, and one RTPLP per
    kawasan prioritas; later changes are new versions of the same plan."""
    authorize(actor, policy.EDIT_PLAN, village)
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=PlanningError.NOT_A_VILLAGE,
        )
    existing = Plan.objects.filter(village=village, kind=kind)
    if kind == PlanKind.RTPLP:
        existing = existing.filter(kawasan=kawasan)
    if existing.exists():
        raise DomainError(
            _("%(kind)s untuk %(where)s sudah ada; ubah versinya atau buat perubahan.")
            % {
                "kind": PlanKind(kind).label,
                "where": kawasan.name if kawasan is not None else village,
            },
            code=PlanningError.PLAN_EXISTS,
        )
    if not title:
        title = (
            _("RTPLP %(kawasan)s, %(village)s") % {"kawasan": kawasan.name, "village": village}
            if kind == PlanKind.RTPLP and kawasan is not None
            else _("RPLP %(village)s") % {"village": village}
        )
    plan = Plan(village=village, kind=kind, title=title.strip(), kawasan=kawasan, created_by=actor)
    plan.full_clean()
    plan.save()
    version = PlanVersion(plan=plan, number=1, start_year=start_year)
    version.full_clean()
    version.save()
    record_event(
        actor=actor,
        action="planning.plan_created",
        obj=plan,
        changes={
            "kind": [None, kind],
            "title": [None, plan.title],
            "start_year": [None, start_year],
        },
    )
    return plan


@dataclass(frozen=True)
class VersionTexts:
    vision: str = ""
    mission: str = ""
    concept: str = ""
    community_rules: str = ""
    env_social_notes: str = ""
    start_year: int | None = None
    sections: dict[str, str] = field(default_factory=dict)


TEXT_AUDIT = [*VERSION_TEXT_FIELDS, "start_year", "sections"]


@transaction.atomic(durable=True)
def version_update_texts(
    *, actor: User | None, version: PlanVersion, data: VersionTexts
) -> PlanVersion:
    """Vision, mission, concept, community rules, environmental and social notes, and the free
    text of the outline's other chapters."""
    authorize(actor, policy.EDIT_PLAN, version)
    version = _locked_version(version)
    require_editable(version)
    before = snapshot(version, TEXT_AUDIT)
    for name in VERSION_TEXT_FIELDS:
        setattr(version, name, getattr(data, name).strip())
    if data.start_year is not None:
        version.start_year = data.start_year
    sections = dict(version.sections)
    for key, text in data.sections.items():
        if text.strip():
            sections[key] = text.strip()
        else:
            sections.pop(key, None)
    version.sections = sections
    version.full_clean()
    _check_years_fit(version)
    version.save()
    changes = diff(before, snapshot(version, TEXT_AUDIT))
    if changes:
        record_event(actor=actor, action="planning.version_updated", obj=version, changes=changes)
    return version


def _check_years_fit(version: PlanVersion) -> None:
    """Moving the first year must not strand rows outside the plan's years."""
    years = set(version.years)
    stranded: list[object] = [r for r in version.investment_rows.all() if r.year not in years]
    stranded += [a for a in version.activities.all() if a.year not in years]
    if stranded:
        raise DomainError(
            _(
                "Tahun pertama %(year)s membuat %(n)s baris di luar jangka rencana; "
                "ubah dulu tahunnya."
            )
            % {"year": version.start_year, "n": len(stranded)},
            code=PlanningError.NOT_READY,
        )


@transaction.atomic(durable=True)
def version_set_safeguards(
    *, actor: User | None, version: PlanVersion, answers: dict
) -> PlanVersion:
    """Answer the safeguards checklist of an RTPLP ({item: {answer, note}})."""
    authorize(actor, policy.EDIT_PLAN, version)
    version = _locked_version(version)
    require_editable(version)
    before = {"safeguards": version.safeguards}
    version.safeguards = safeguards.normalise(answers)
    version.save(update_fields=["safeguards", "updated_at"])
    changes = diff(before, {"safeguards": version.safeguards})
    if changes:
        record_event(
            actor=actor, action="planning.safeguards_updated", obj=version, changes=changes
        )
    return version


# --- Programs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramInput:
    domain: str
    name: str
    description: str = ""
    years: tuple[int, ...] = ()
    problem_ids: tuple[int, ...] = ()
    position: int = 0


def _problems_of_village(village_id: str, ids: tuple[int, ...]) -> list[Problem]:
    problems = problems_by_ids(village_id, ids)
    if len(problems) != len(set(ids)):
        raise DomainError(
            _("Sebagian masalah yang dipilih tidak ada atau milik kelurahan/desa lain."),
            code=PlanningError.OTHER_VILLAGE,
        )
    return problems


PROGRAM_AUDIT = ["domain", "name", "description", "years", "position"]


@transaction.atomic(durable=True)
def program_save(
    *,
    actor: User | None,
    version: PlanVersion,
    data: ProgramInput,
    program: PlanProgram | None = None,
) -> PlanProgram:
    """Add or change a program of the plan and the mapped problems it answers."""
    authorize(actor, policy.EDIT_PLAN, version)
    version = _locked_version(version)
    require_editable(version)
    if program is not None and program.version_id != version.pk:
        raise DomainError(_("Program itu milik versi lain."), code=PlanningError.OTHER_VILLAGE)
    problems = _problems_of_village(version.plan.village_id, data.problem_ids)
    before = snapshot(program, PROGRAM_AUDIT) if program else {}
    before_problems = sorted(program.problems.values_list("pk", flat=True)) if program else []
    program = program or PlanProgram(version=version)
    program.version = version
    program.domain, program.name = data.domain, data.name.strip()
    program.description, program.position = data.description.strip(), data.position
    program.years = sorted(set(data.years))
    program.full_clean()
    program.save()
    program.problems.set(problems)
    changes = diff(before, snapshot(program, PROGRAM_AUDIT))
    after_problems = sorted(p.pk for p in problems)
    if after_problems != before_problems:
        changes["problems"] = [before_problems, after_problems]
    if changes:
        action = "planning.program_saved" if before else "planning.program_added"
        record_event(actor=actor, action=action, obj=program, changes=changes)
    return program


@transaction.atomic(durable=True)
def program_delete(*, actor: User | None, program: PlanProgram) -> None:
    authorize(actor, policy.EDIT_PLAN, program)
    version = _locked_version(program.version)
    require_editable(version)
    record_event(
        actor=actor,
        action="planning.program_deleted",
        obj=program,
        changes=diff(snapshot(program, PROGRAM_AUDIT), {}),
    )
    program.delete()


# --- Investment rows -------------------------------------------------------------------------


@dataclass(frozen=True)
class InvestmentInput:
    year: int
    domain: str
    component: str
    volume: Decimal
    unit: str
    unit_cost: int
    funding: dict[str, int]  # source value -> whole rupiah
    detail: str = ""
    location: str = ""
    rt_id: int | None = None
    program_id: int | None = None
    quantity: int = 1
    people: int = 0
    women: int = 0
    mbr: int = 0
    households: int = 0
    poor_households: int = 0
    position: int = 0


ROW_AUDIT = [
    "year",
    "domain",
    "component",
    "detail",
    "location",
    "rt",
    "program",
    "quantity",
    "volume",
    "unit",
    "unit_cost",
    *FUNDING_FIELDS.values(),
    "people",
    "women",
    "mbr",
    "households",
    "poor_households",
]


@transaction.atomic(durable=True)
def investment_row_save(
    *,
    actor: User | None,
    version: PlanVersion,
    data: InvestmentInput,
    row: InvestmentRow | None = None,
) -> InvestmentRow:
    """Add or change a row of the investment plan; the sources must add up to volume × unit
    cost, in whole rupiah."""
    authorize(actor, policy.EDIT_PLAN, version)
    version = _locked_version(version)
    require_editable(version)
    if row is not None and row.version_id != version.pk:
        raise DomainError(_("Baris itu milik versi lain."), code=PlanningError.OTHER_VILLAGE)
    before = snapshot(row, ROW_AUDIT) if row else {}
    row = row or InvestmentRow(version=version)
    row.version = version
    for name in (
        "year",
        "domain",
        "component",
        "volume",
        "unit",
        "unit_cost",
        "detail",
        "location",
        "rt_id",
        "program_id",
        "quantity",
        "people",
        "women",
        "mbr",
        "households",
        "poor_households",
        "position",
    ):
        value = getattr(data, name)
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    for source, name in FUNDING_FIELDS.items():
        setattr(row, name, int(data.funding.get(source, 0)))
    row.full_clean()
    row.save()
    changes = diff(before, snapshot(row, ROW_AUDIT))
    if changes:
        action = "planning.investment_row_saved" if before else "planning.investment_row_added"
        record_event(actor=actor, action=action, obj=row, changes=changes)
    return row


@transaction.atomic(durable=True)
def investment_row_delete(*, actor: User | None, row: InvestmentRow) -> None:
    authorize(actor, policy.EDIT_PLAN, row)
    version = _locked_version(row.version)
    require_editable(version)
    record_event(
        actor=actor,
        action="planning.investment_row_deleted",
        obj=row,
        changes=diff(snapshot(row, ROW_AUDIT), {}),
    )
    row.delete()


# --- Document outlines -----------------------------------------------------------------------

OUTLINE_AUDIT = ["name", "chapters", "is_active"]


@transaction.atomic(durable=True)
def outline_save(*, actor: User | None, outline: DocumentOutline) -> DocumentOutline:
    """Save a new or edited outline of RPLP / RTPLP documents (the program's, kept in the
    admin): checked, and audited with what changed."""
    authorize(actor, policy.EDIT_OUTLINES, outline)
    before = {}
    if outline.pk:
        before = snapshot(
            DocumentOutline.objects.select_for_update().get(pk=outline.pk), OUTLINE_AUDIT
        )
    outline.full_clean()
    outline.save()
    changes = diff(before, snapshot(outline, OUTLINE_AUDIT))
    if changes:
        record_event(actor=actor, action="planning.outline_saved", obj=outline, changes=changes)
    return outline
