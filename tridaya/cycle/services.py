"""Every write of the cycle engine: enrolment, meetings, documents, sign-offs, gate overrides and
step completion. Each checks the policy, validates, writes and audits in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import Role, User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.cycle import selectors
from tridaya.cycle.definitions import current_template, step_definitions
from tridaya.cycle.errors import CycleError
from tridaya.cycle.models import (
    SIGNOFF_ORDER,
    Attendance,
    AttendanceMode,
    GateOverride,
    Meeting,
    MeetingPhoto,
    Program,
    SignOff,
    SignOffKind,
    Step,
    StepDocument,
    StepStatus,
    VillageCycle,
)
from tridaya.institutions.models import Election
from tridaya.institutions.services import election_link_meeting_nested
from tridaya.regions.models import Region


@transaction.atomic(durable=True)
def cycle_enrol(*, actor: User | None, village: Region, program: Program) -> VillageCycle:
    """Enrol a village in a program: its steps are copied from the newest template version."""
    authorize(actor, "cycle.enrol", village)
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=CycleError.NOT_A_VILLAGE,
        )
    if VillageCycle.objects.filter(village=village, program=program).exists():
        raise DomainError(
            _("%(village)s sudah terdaftar di %(program)s.")
            % {"village": village, "program": program},
            code=CycleError.ALREADY_ENROLLED,
        )
    template = current_template(program.template_code)
    cycle = VillageCycle.objects.create(village=village, program=program, template=template)
    now = timezone.now()
    steps = [
        Step(
            cycle=cycle,
            order=order,
            stage_code=d["stage_code"],
            stage_title=d["stage_title"],
            stage_order=d["stage_order"],
            code=d["code"],
            title=d["title"],
            definition={k: d.get(k) for k in ("description", "outputs", "gates", "signoffs")},
            status=StepStatus.OPEN if order == 1 else StepStatus.LOCKED,
            opened_at=now if order == 1 else None,
        )
        for order, d in enumerate(step_definitions(template), start=1)
    ]
    Step.objects.bulk_create(steps)
    record_event(
        actor=actor, action="cycle.enrolled", obj=cycle, changes={"template": [None, str(template)]}
    )
    return cycle


# --- Meetings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendeeInput:
    name: str
    sex: str  # "L" or "P"
    is_poor: bool = False
    disabled: bool = False
    role: str = ""
    person_id: int | None = None


@dataclass(frozen=True)
class MeetingInput:
    kind: str
    agenda: str
    held_on: dt.date
    place: str
    title: str = ""
    number: str = ""
    start_time: dt.time | None = None
    facilitator: str = ""
    attendance_mode: str = AttendanceMode.COUNTS
    men: int = 0
    women: int = 0
    poor: int = 0
    disabled: int = 0
    decisions: tuple[str, ...] = ()
    attendees: tuple[AttendeeInput, ...] = ()


# The meeting's fields copied as they are from `MeetingInput`; then what `_apply` derives.
# The audit snapshot, the API's output and the edit form's initial data all read these lists.
MEETING_VALUES = (
    "kind",
    "title",
    "number",
    "agenda",
    "held_on",
    "start_time",
    "place",
    "facilitator",
    "attendance_mode",
)
MEETING_FIELDS = [*MEETING_VALUES, "men", "women", "poor", "disabled", "decisions", "step"]


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for name in MEETING_VALUES:
        setattr(meeting, name, getattr(data, name))
    meeting.decisions = [d.strip() for d in data.decisions if d.strip()]
    if data.attendance_mode == AttendanceMode.LIST:
        people = data.attendees
        meeting.men = sum(1 for a in people if a.sex == "L")
        meeting.women = sum(1 for a in people if a.sex == "P")
        meeting.poor = sum(1 for a in people if a.is_poor)
        meeting.disabled = sum(1 for a in people if a.disabled)
    else:
        meeting.men, meeting.women = data.men, data.women
        meeting.poor, meeting.disabled = data.poor, data.disabled


def _check_counts(meeting: Meeting) -> None:
    total = meeting.men + meeting.women
    for field, label in (("poor", _("warga miskin")), ("disabled", _("penyandang disabilitas"))):
        if getattr(meeting, field) > total:
            raise DomainError(
                _("Jumlah %(label)s (%(n)s) melebihi jumlah peserta (%(total)s).")
                % {"label": label, "n": getattr(meeting, field), "total": total},
                code=CycleError.BAD_ATTENDANCE,
            )


def _check_step(meeting: Meeting, step: Step | None) -> None:
    if step is not None and step.cycle.village_id != meeting.village_id:
        raise DomainError(
            _("Langkah itu milik kelurahan/desa lain."), code=CycleError.STEP_ELSEWHERE
        )


def _check_register(meeting: Meeting, data: MeetingInput) -> None:
    """A participant picked from the register must be one of this village's people."""
    picked = {a.person_id for a in data.attendees if a.person_id is not None}
    if picked and selectors.people_outside(meeting.village, picked):
        raise DomainError(
            _("Sebagian peserta yang dipilih bukan warga kelurahan/desa ini."),
            code=CycleError.BAD_ATTENDANCE,
        )


def _save_attendees(meeting: Meeting, data: MeetingInput) -> None:
    meeting.attendees.all().delete()
    if data.attendance_mode != AttendanceMode.LIST:
        return
    if not data.attendees:
        raise DomainError(
            _(
                "Daftar peserta masih kosong: isi paling sedikit satu peserta, atau pilih "
                "'Jumlah peserta saja'."
            ),
            code=CycleError.NO_ATTENDEES,
        )
    _check_register(meeting, data)
    rows = []
    for number, a in enumerate(data.attendees, start=1):
        if not a.name.strip() or a.sex not in ("L", "P"):
            raise DomainError(
                _("Peserta nomor %(n)s: isi nama dan jenis kelamin (L/P).") % {"n": number},
                code=CycleError.BAD_ATTENDANCE,
            )
        rows.append(
            Attendance(
                meeting=meeting,
                person_id=a.person_id,
                name=a.name.strip(),
                sex=a.sex,
                is_poor=a.is_poor,
                disabled=a.disabled,
                role=a.role,
            )
        )
    Attendance.objects.bulk_create(rows)


@transaction.atomic(durable=True)
def meeting_record(
    *, actor: User | None, village: Region, data: MeetingInput, step: Step | None = None
) -> Meeting:
    """Record a meeting held in a village (optionally serving a step of its cycle)."""
    authorize(actor, "cycle.record_meeting", village)
    meeting = Meeting(village=village, step=step, recorded_by=actor)
    _apply(meeting, data)
    _check_step(meeting, step)
    _check_counts(meeting)
    meeting.full_clean()
    meeting.save()
    _save_attendees(meeting, data)
    record_event(
        actor=actor,
        action="cycle.meeting_recorded",
        obj=meeting,
        changes=diff({}, snapshot(meeting, MEETING_FIELDS)),
    )
    return meeting


@transaction.atomic(durable=True)
def meeting_update(
    *, actor: User | None, meeting: Meeting, data: MeetingInput, step: Step | None
) -> Meeting:
    """Correct a meeting's record; the change is audited field by field."""
    authorize(actor, "cycle.record_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.step = step
    _apply(meeting, data)
    _check_step(meeting, step)
    _check_counts(meeting)
    meeting.full_clean()
    meeting.save()
    _save_attendees(meeting, data)
    changes = diff(before, snapshot(meeting, MEETING_FIELDS))
    if changes:
        record_event(actor=actor, action="cycle.meeting_updated", obj=meeting, changes=changes)
    return meeting


MAX_PHOTO_BYTES = 10 * 1024 * 1024


@transaction.atomic(durable=True)
def meeting_photo_add(
    *, actor: User | None, meeting: Meeting, image: File, caption: str = ""
) -> MeetingPhoto:
    """Attach a photo of the meeting (a JPEG or PNG of at most 10 MB)."""
    authorize(actor, "cycle.record_meeting", meeting)
    if image.size > MAX_PHOTO_BYTES:
        raise DomainError(
            _("Foto %(name)s terlalu besar (%(mb)s MB); paling besar 10 MB.")
            % {"name": image.name, "mb": round(image.size / 1024 / 1024, 1)},
            code=CycleError.PHOTO_TOO_LARGE,
        )
    photo = MeetingPhoto(meeting=meeting, image=image, caption=caption.strip())
    photo.full_clean()
    photo.save()
    record_event(
        actor=actor,
        action="cycle.meeting_photo_added",
        obj=meeting,
        changes={"photo": [None, photo.image.name]},
    )
    return photo


@transaction.atomic(durable=True)
def meeting_link_election(*, actor: User | None, meeting: Meeting, election: Election) -> None:
    """Record that a BKM election was held at this meeting (rembug)."""
    authorize(actor, "cycle.record_meeting", meeting)
    if election.bkm.village_id != meeting.village_id:
        raise DomainError(
            _("Pemilihan itu milik kelurahan/desa lain."), code=CycleError.STEP_ELSEWHERE
        )
    election_link_meeting_nested(actor=actor, election=election, meeting_id=meeting.pk)


# --- Documents --------------------------------------------------------------------------------


@transaction.atomic(durable=True)
def document_upload(
    *, actor: User | None, step: Step, kind: str, title: str, file: File
) -> StepDocument:
    authorize(actor, "cycle.upload_document", step)
    document = StepDocument(step=step, kind=kind, title=title, file=file, uploaded_by=actor)
    document.full_clean()
    document.save()
    record_event(
        actor=actor,
        action="cycle.document_uploaded",
        obj=document,
        changes={"kind": [None, kind], "title": [None, title]},
    )
    return document


# --- Sign-offs, overrides, completion ---------------------------------------------------------


def _locked_step(step: Step) -> Step:
    """Re-read the step under a row lock, so two people finishing it at once cannot both win."""
    return Step.objects.select_for_update().select_related("cycle").get(pk=step.pk)


def _require_open(step: Step) -> None:
    if step.status != StepStatus.OPEN:
        raise DomainError(
            _("Langkah '%(step)s' tidak sedang berjalan (status: %(status)s).")
            % {"step": step.title, "status": step.get_status_display()},
            code=CycleError.STEP_NOT_OPEN,
        )


def _signing_role(actor: User, step: Step, kind: str) -> str:
    role = selectors.signer_role(actor, step, kind)
    if role is not None:
        return role
    raise DomainError(
        _("Tanda tangan '%(kind)s' untuk langkah ini hanya oleh peran: %(roles)s.")
        % {
            "kind": SignOffKind(kind).label,
            "roles": ", ".join(str(Role(r).label) for r in step.signoff_roles(kind)),
        },
        code=CycleError.SIGNOFF_ROLE,
    )


@transaction.atomic(durable=True)
def signoff_give(
    *, actor: User, step: Step, kind: str, signed_on: dt.date | None = None
) -> SignOff:
    """Sign a step: submitted, then acknowledged, then verified, each by the template's roles."""
    authorize(actor, "cycle.sign", step)
    step = _locked_step(step)
    _require_open(step)
    role = _signing_role(actor, step, kind)
    active = {s.kind for s in step.signoffs.filter(withdrawn_at__isnull=True)}
    if kind in active:
        raise DomainError(
            _("Tanda tangan '%(kind)s' sudah ada.") % {"kind": SignOffKind(kind).label},
            code=CycleError.SIGNOFF_EXISTS,
        )
    missing = [
        k for k in SIGNOFF_ORDER[: SIGNOFF_ORDER.index(SignOffKind(kind))] if k not in active
    ]
    if missing:
        raise DomainError(
            _("Tunggu tanda tangan '%(first)s' lebih dahulu.")
            % {"first": SignOffKind(missing[0]).label},
            code=CycleError.SIGNOFF_OUT_OF_ORDER,
        )
    signoff = SignOff.objects.create(
        step=step,
        kind=kind,
        user=actor,
        role=role,
        signer_name=actor.get_full_name() or actor.username,
        signed_on=signed_on or timezone.localdate(),
    )
    record_event(
        actor=actor,
        action="cycle.signed",
        obj=signoff,
        changes={"kind": [None, kind], "role": [None, role]},
    )
    return signoff


@transaction.atomic(durable=True)
def signoff_withdraw(*, actor: User, signoff: SignOff, reason: str) -> SignOff:
    """Withdraw one's own sign-off (or, for officers, anyone's), latest first, with a reason."""
    if signoff.user_id != getattr(actor, "pk", None):
        authorize(actor, "cycle.withdraw_signoff", signoff)
    step = _locked_step(signoff.step)
    _require_open(step)
    signoff = SignOff.objects.select_for_update().get(pk=signoff.pk)
    if signoff.withdrawn_at is not None:
        raise DomainError(_("Tanda tangan ini sudah ditarik."), code=CycleError.SIGNOFF_WITHDRAWN)
    later = SIGNOFF_ORDER[SIGNOFF_ORDER.index(SignOffKind(signoff.kind)) + 1 :]
    if step.signoffs.filter(withdrawn_at__isnull=True, kind__in=later).exists():
        raise DomainError(
            _("Tarik dahulu tanda tangan yang diberikan sesudahnya."),
            code=CycleError.SIGNOFF_LATER_EXISTS,
        )
    require_reason(reason, code=CycleError.REASON_TOO_SHORT)
    signoff.withdrawn_at = timezone.now()
    signoff.withdrawn_by = actor
    signoff.withdraw_reason = reason.strip()
    signoff.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    record_event(
        actor=actor,
        action="cycle.signoff_withdrawn",
        obj=signoff,
        changes={"withdrawn": [False, True], "reason": [None, signoff.withdraw_reason]},
    )
    return signoff


@transaction.atomic(durable=True)
def gate_override(*, actor: User, step: Step, reason: str) -> GateOverride:
    """A city coordinator lets a step pass its failing gates; the reason is shown on the step."""
    authorize(actor, "cycle.override_gate", step)
    step = _locked_step(step)
    _require_open(step)
    require_reason(reason, code=CycleError.REASON_TOO_SHORT)
    override, _created = GateOverride.objects.update_or_create(
        step=step, defaults={"by": actor, "reason": reason.strip()}
    )
    failing = [r.message for r in selectors.gate_results(step) if not r.ok]
    record_event(
        actor=actor,
        action="cycle.gate_overridden",
        obj=step,
        changes={"override": [None, override.reason], "failing_rules": [failing, None]},
    )
    return override


@transaction.atomic(durable=True)
def step_complete(*, actor: User | None, step: Step) -> Step:
    """Finish a step whose gates pass (or were overridden) and which has all three sign-offs;
    the next step opens."""
    authorize(actor, "cycle.complete_step", step)
    step = _locked_step(step)
    _require_open(step)
    failing = [r for r in selectors.gate_results(step) if not r.ok]
    if failing and not GateOverride.objects.filter(step=step).exists():
        raise DomainError(
            _("Langkah belum bisa diselesaikan: %(reasons)s")
            % {"reasons": " ".join(r.message for r in failing)},
            code=CycleError.GATES_FAILING,
        )
    active = set(step.signoffs.filter(withdrawn_at__isnull=True).values_list("kind", flat=True))
    missing = [str(SignOffKind(k).label) for k in SIGNOFF_ORDER if k not in active]
    if missing:
        raise DomainError(
            _("Tanda tangan belum lengkap: %(missing)s.") % {"missing": ", ".join(missing)},
            code=CycleError.SIGNOFFS_MISSING,
        )
    now = timezone.now()
    step.status, step.completed_at, step.completed_by = StepStatus.DONE, now, actor
    step.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    following = Step.objects.filter(cycle=step.cycle, order=step.order + 1).first()
    if following is not None and following.status == StepStatus.LOCKED:
        following.status, following.opened_at = StepStatus.OPEN, now
        following.save(update_fields=["status", "opened_at", "updated_at"])
    record_event(
        actor=actor,
        action="cycle.step_completed",
        obj=step,
        changes={"status": [StepStatus.OPEN, StepStatus.DONE]},
    )
    return step
