"""The life of an RPLP / RTPLP version after drafting: uji publik with its feedback, revision,
sign-offs, legalisation and amendment as a new version."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import assignments, authorize, covers
from tridaya.core.reasons import require_reason
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.planning import policy, safeguards
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    LOCKED_STATES,
    VERSION_TEXT_FIELDS,
    Activity,
    ActivityAttachment,
    Feedback,
    InvestmentRow,
    PlanKind,
    PlanProgram,
    PlanSignOff,
    PlanVersion,
    RABItem,
    SignatoryKind,
    VersionState,
)
from tridaya.planning.services import snapshots
from tridaya.planning.services.plans import (
    _locked_version,
    _require_state,
)

# --- Uji publik ------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def version_start_public_test(
    *, actor: User | None, version: PlanVersion, meeting: Meeting
) -> PlanVersion:
    """Put the draft (or a revised version, for another round) before the residents at an uji
    publik meeting of the village's cycle."""
    authorize(actor, policy.RUN_PUBLIC_TEST, version)
    version = _locked_version(version)
    _require_state(version, VersionState.DRAFT, VersionState.REVISED)
    if meeting.village_id != version.plan.village_id:
        raise DomainError(
            _("Pertemuan itu milik kelurahan/desa lain."), code=PlanningError.OTHER_VILLAGE
        )
    if meeting.kind != MeetingKind.UJI_PUBLIK:
        raise DomainError(
            _("Pilih pertemuan berjenis uji publik (yang dipilih: %(kind)s).")
            % {"kind": meeting.get_kind_display()},
            code=PlanningError.MEETING_KIND,
        )
    before = version.state
    version.state = VersionState.PUBLIC_TEST
    version.public_test_meeting = meeting
    version.save(update_fields=["state", "public_test_meeting", "updated_at"])
    record_event(
        actor=actor,
        action="planning.public_test_started",
        obj=version,
        changes={"state": [before, version.state], "meeting": [None, meeting.pk]},
    )
    return version


@transaction.atomic(durable=True)
def feedback_add(
    *, actor: User | None, version: PlanVersion, raised_by: str, point: str
) -> Feedback:
    """Record a point raised at the uji publik."""
    authorize(actor, policy.RUN_PUBLIC_TEST, version)
    version = _locked_version(version)
    _require_state(version, VersionState.PUBLIC_TEST)
    number = (version.feedback.aggregate(n=Max("number"))["n"] or 0) + 1
    item = Feedback(
        version=version, number=number, raised_by=raised_by.strip(), point=point.strip()
    )
    item.full_clean()
    item.save()
    record_event(
        actor=actor,
        action="planning.feedback_added",
        obj=item,
        changes={"raised_by": [None, item.raised_by], "point": [None, item.point]},
    )
    return item


@transaction.atomic(durable=True)
def feedback_answer(
    *, actor: User | None, feedback: Feedback, answer: str, changes_plan: bool = False
) -> Feedback:
    """Answer a point: what the TIPP does with it (and whether the plan changes)."""
    authorize(actor, policy.RUN_PUBLIC_TEST, feedback)
    version = _locked_version(feedback.version)
    _require_state(version, VersionState.PUBLIC_TEST)
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    before = snapshot(feedback, ["answer", "changes_plan"])
    feedback.answer, feedback.changes_plan = answer.strip(), changes_plan
    feedback.full_clean()
    feedback.save()
    changes = diff(before, snapshot(feedback, ["answer", "changes_plan"]))
    if changes:
        record_event(
            actor=actor, action="planning.feedback_answered", obj=feedback, changes=changes
        )
    return feedback


@transaction.atomic(durable=True)
def version_revise(*, actor: User | None, version: PlanVersion) -> PlanVersion:
    """Close the uji publik: every point must have its answer. The version opens for the
    revisions the answers promise."""
    authorize(actor, policy.RUN_PUBLIC_TEST, version)
    version = _locked_version(version)
    _require_state(version, VersionState.PUBLIC_TEST)
    points = list(version.feedback.all())
    if not points:
        raise DomainError(
            _("Catat dulu masukan warga dari uji publik (paling sedikit satu)."),
            code=PlanningError.NO_FEEDBACK,
        )
    unanswered = [str(p.number) for p in points if not p.answer.strip()]
    if unanswered:
        raise DomainError(
            _("Masukan nomor %(numbers)s belum dijawab.") % {"numbers": ", ".join(unanswered)},
            code=PlanningError.FEEDBACK_UNANSWERED,
        )
    version.state = VersionState.REVISED
    version.save(update_fields=["state", "updated_at"])
    record_event(
        actor=actor,
        action="planning.version_revised",
        obj=version,
        changes={"state": [VersionState.PUBLIC_TEST, VersionState.REVISED]},
    )
    return version


# --- Legalisation ----------------------------------------------------------------------------


def signatory_kind_for(actor: User | None, version: PlanVersion) -> str:
    """The signature the actor gives: BKM, Lurah/Kepala Desa (village apparatus) or Pokja Teknis
    / Bappeda (city coordinator), by the role they hold over the village."""
    village = version.plan.village_id
    for role, scope in assignments(actor):
        if role in policy.SIGNATORY_OF_ROLE and covers(scope, village):
            return policy.SIGNATORY_OF_ROLE[role]
    raise DomainError(
        _("Pengesahan hanya oleh BKM, Lurah/Kepala Desa (aparat) atau Pokja Teknis/Bappeda."),
        code=PlanningError.SIGNOFF_ROLE,
    )


@transaction.atomic(durable=True)
def version_sign(
    *,
    actor: User | None,
    version: PlanVersion,
    kind: str | None = None,
    signer_name: str = "",
    position: str = "",
    signed_on: dt.date | None = None,
) -> PlanSignOff:
    """One of the three legalising signatures on a revised version. With an actor, the kind
    follows the actor's role; the system (actor=None) names it."""
    authorize(actor, policy.SIGN_PLAN, version)
    version = _locked_version(version)
    _require_state(version, VersionState.REVISED)
    if actor is not None:
        kind = signatory_kind_for(actor, version)
        signer_name = signer_name or actor.get_full_name() or actor.username
    if kind not in SignatoryKind.values:
        raise DomainError(_("Jenis pengesahan tidak dikenal."), code=PlanningError.SIGNOFF_ROLE)
    if version.signoffs.filter(kind=kind).exists():
        raise DomainError(
            _("Pengesahan atas nama %(kind)s sudah ada.") % {"kind": SignatoryKind(kind).label},
            code=PlanningError.SIGNOFF_EXISTS,
        )
    signoff = PlanSignOff(
        version=version,
        kind=kind,
        user=actor if actor is not None else None,
        signer_name=signer_name.strip(),
        position=position.strip(),
        signed_on=signed_on or timezone.localdate(),
    )
    signoff.full_clean()
    signoff.save()
    record_event(
        actor=actor,
        action="planning.version_signed",
        obj=version,
        changes={"signoff": [None, kind], "signer": [None, signoff.signer_name]},
    )
    return signoff


def readiness_problems(version: PlanVersion) -> list[str]:
    """What stops the version from being legalised, besides the sign-offs (plain Indonesian)."""
    problems = []
    if version.plan.kind == PlanKind.RPLP:
        if not version.vision.strip():
            problems.append(_("Visi belum diisi."))
        if not version.programs.exists():
            problems.append(_("Belum ada program."))
        if not version.investment_rows.exists():
            problems.append(_("Rencana investasi masih kosong."))
    else:
        activities = list(version.activities.all())
        if not activities:
            problems.append(_("Belum ada kegiatan."))
        for activity in activities:
            if activity.rab_total <= 0:
                problems.append(_("Kegiatan '%(name)s' belum punya RAB.") % {"name": activity.name})
            elif not activity.is_balanced:
                problems.append(
                    _("Sumber dana kegiatan '%(name)s' melebihi total RAB.")
                    % {"name": activity.name}
                )
        for question in safeguards.blocking_problems(version.safeguards):
            problems.append(_("Pengaman belum aman: %(question)s") % {"question": question})
    return problems


@transaction.atomic(durable=True)
def version_legalise(
    *, actor: User | None, version: PlanVersion, legalised_on: dt.date | None = None
) -> PlanVersion:
    """Legalise a revised version signed by BKM, Lurah/Kepala Desa and Pokja Teknis/Bappeda.
    The version it amends (if any) becomes superseded. From now on nothing in it changes: its
    snapshot is taken in the same transaction and its documents are queued for rendering."""
    authorize(actor, policy.LEGALISE_PLAN, version)
    version = _locked_version(version)
    _require_state(version, VersionState.REVISED)
    signed = set(version.signoffs.values_list("kind", flat=True))
    missing = [str(k.label) for k in SignatoryKind if k.value not in signed]
    if missing:
        raise DomainError(
            _("Pengesahan belum lengkap: %(missing)s.") % {"missing": ", ".join(missing)},
            code=PlanningError.SIGNOFFS_MISSING,
        )
    problems = readiness_problems(version)
    if problems:
        raise DomainError(
            _("Rencana belum dapat disahkan: %(problems)s") % {"problems": " ".join(problems)},
            code=PlanningError.NOT_READY,
        )
    superseded = list(
        PlanVersion.objects.select_for_update()
        .filter(plan=version.plan, state=VersionState.LEGALISED)
        .exclude(pk=version.pk)
    )
    for old in superseded:
        old.state = VersionState.SUPERSEDED
        old.save(update_fields=["state", "updated_at"])
        record_event(
            actor=actor,
            action="planning.version_superseded",
            obj=old,
            changes={"state": [VersionState.LEGALISED, VersionState.SUPERSEDED]},
        )
    version.state = VersionState.LEGALISED
    version.legalised_on = legalised_on or max(version.signoffs.values_list("signed_on", flat=True))
    version.save(update_fields=["state", "legalised_on", "updated_at"])
    record_event(
        actor=actor,
        action="planning.version_legalised",
        obj=version,
        changes={
            "state": [VersionState.REVISED, VersionState.LEGALISED],
            "legalised_on": [None, version.legalised_on.isoformat()],
        },
    )
    # What it shows is fixed now; its documents are rendered once, after the commit.
    snapshots.version_freeze(version=version)
    snapshots.queue_documents(version=version)
    return version


# --- Amendment -------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def version_amend(*, actor: User | None, version: PlanVersion, reason: str) -> PlanVersion:
    """Open an amendment of the newest legalised version: a new draft version copied from it,
    with the reason written down. The legalised version stays in force until the new one is
    legalised."""
    authorize(actor, policy.AMEND_PLAN, version)
    version = _locked_version(version)
    _require_state(version, VersionState.LEGALISED)
    require_reason(
        reason,
        code=PlanningError.REASON_TOO_SHORT,
        message=_("Tulis alasan perubahan yang jelas, paling sedikit %(n)s huruf."),
    )
    siblings = PlanVersion.objects.filter(plan_id=version.plan_id)
    if siblings.exclude(state__in=LOCKED_STATES).exists():
        raise DomainError(
            _("Sudah ada versi yang sedang disusun; selesaikan versi itu dahulu."),
            code=PlanningError.OPEN_VERSION_EXISTS,
        )
    newest = siblings.aggregate(n=Max("number"))["n"]
    new = copy_version(version, number=newest + 1)
    new.based_on, new.amendment_reason = version, reason.strip()
    new.save(update_fields=["based_on", "amendment_reason"])
    record_event(
        actor=actor,
        action="planning.version_amended",
        obj=new,
        changes={"based_on": [None, version.number], "reason": [None, new.amendment_reason]},
    )
    return new


def copy_version(source: PlanVersion, *, number: int) -> PlanVersion:
    """A draft copy of a version with all its rows (programs and their problems, investment rows,
    activities with RAB lines, attachments and problems). Feedback and sign-offs stay with the
    version they belong to."""
    new = PlanVersion.objects.create(
        plan_id=source.plan_id,
        number=number,
        state=VersionState.DRAFT,
        start_year=source.start_year,
        horizon_years=source.horizon_years,
        sections=dict(source.sections),
        safeguards=dict(source.safeguards),
        **{name: getattr(source, name) for name in VERSION_TEXT_FIELDS},
    )
    program_map: dict[int, int] = {}
    program_links = defaultdict(list)
    for program_id, problem_id in PlanProgram.problems.through.objects.filter(
        planprogram__version=source
    ).values_list("planprogram_id", "problem_id"):
        program_links[program_id].append(problem_id)
    for program in source.programs.all():
        old_pk = program.pk
        program.pk, program.id, program.version = None, None, new
        program._state.adding = True
        program.save()
        program.problems.set(program_links[old_pk])
        program_map[old_pk] = program.pk
    rows = list(source.investment_rows.all())
    for row in rows:
        row.pk, row.id, row.version = None, None, new
        row.program_id = program_map.get(row.program_id) if row.program_id else None
        row._state.adding = True
    InvestmentRow.objects.bulk_create(rows)
    activity_links = defaultdict(list)
    for activity_id, problem_id in Activity.problems.through.objects.filter(
        activity__version=source
    ).values_list("activity_id", "problem_id"):
        activity_links[activity_id].append(problem_id)
    items = defaultdict(list)
    for item in RABItem.objects.filter(activity__version=source):
        items[item.activity_id].append(item)
    attachments = defaultdict(list)
    for attachment in ActivityAttachment.objects.filter(activity__version=source):
        attachments[attachment.activity_id].append(attachment)
    for activity in source.activities.all():
        old_pk = activity.pk
        activity.pk, activity.id, activity.version = None, None, new
        activity._state.adding = True
        activity.save()
        activity.problems.set(activity_links[old_pk])
        for item in items[old_pk]:
            item.pk, item.id, item.activity = None, None, activity
            item._state.adding = True
        for attachment in attachments[old_pk]:
            attachment.pk, attachment.id, attachment.activity = None, None, activity
            attachment._state.adding = True
        RABItem.objects.bulk_create(items[old_pk])
        ActivityAttachment.objects.bulk_create(attachments[old_pk])
    return new
