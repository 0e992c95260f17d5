"""Every write of the training app: trainings and their sessions, participants, attendance,
scores, follow-up plan, closing (which issues the certificates), reopening, cancelling,
certificate revocation, and the program's curriculum and settings. Each checks the policy
(when an actor is given), validates, writes and audits in one transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.dates import format_date_id
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.institutions.models import Person, Sex
from tridaya.regions.models import Level, Region
from tridaya.training import selectors
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    ActorGroup,
    Attendance,
    Certificate,
    Curriculum,
    FollowUpAction,
    FollowUpStatus,
    Module,
    Participant,
    Question,
    Session,
    TestKind,
    TestResult,
    Training,
    TrainingSettings,
    TrainingStatus,
)
from tridaya.training.policy import MANAGE, MANAGE_CURRICULUM, REOPEN, REVOKE_CERTIFICATE

MIN_REASON_LENGTH = 20
# Sessions planned automatically run from 08.00, with a 15-minute break between them, and a day
# takes no session that would end after 16.30.
DAY_START = dt.time(8, 0)
DAY_END = dt.time(16, 30)
BREAK = dt.timedelta(minutes=15)
# Verification codes: Crockford's base 32 (no I, L, O, U), 12 characters = 60 random bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

TRAINING_FIELDS = [
    "title",
    "place",
    "organiser",
    "starts_on",
    "ends_on",
    "target_groups",
    "cost_program",
    "cost_swadaya",
    "notes",
    "signer_title",
    "signer_name",
    "cosigner_title",
    "cosigner_name",
    "status",
]
SESSION_FIELDS = ["date", "start_time", "end_time", "module", "title", "trainers"]
FOLLOW_UP_FIELDS = ["action", "owner", "due_on", "status", "note", "done_on"]


def _check(actor, action: str, obj) -> None:
    if actor is not None:
        authorize(actor, action, obj)


def _lock(training: Training) -> Training:
    """Re-read the training under a row lock: closing and recording cannot interleave."""
    return Training.objects.select_for_update().select_related("region").get(pk=training.pk)


def _require_open(training: Training) -> None:
    if training.status == TrainingStatus.CANCELLED:
        raise DomainError(
            _("Pelatihan '%(title)s' sudah dibatalkan.") % {"title": training.title},
            code=TrainingError.CANCELLED,
        )
    if training.status != TrainingStatus.PLANNED:
        raise DomainError(
            _(
                "Pelatihan '%(title)s' sudah selesai dan terkunci. Minta koordinator kota "
                "membukanya kembali untuk memperbaiki data."
            )
            % {"title": training.title},
            code=TrainingError.NOT_OPEN,
        )


def _require_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            _("Tulis alasan yang jelas, paling sedikit %(n)s huruf.") % {"n": MIN_REASON_LENGTH},
            code=TrainingError.REASON_TOO_SHORT,
        )
    return reason


def _within(region_code: str, code: str | None) -> bool:
    return code is not None and (code == region_code or code.startswith(region_code + "."))


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


# --- Trainings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingInput:
    title: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    module_codes: tuple[str, ...]
    organiser: str = ""
    target_groups: tuple[str, ...] = ()
    cost_program: int = 0
    cost_swadaya: int = 0
    notes: str = ""
    signer_title: str = ""
    signer_name: str = ""
    cosigner_title: str = ""
    cosigner_name: str = ""


def _modules_of(curriculum: Curriculum, codes: Sequence[str]) -> list[Module]:
    if not codes:
        raise DomainError(
            _("Pilih sedikitnya satu modul yang dilatihkan."), code=TrainingError.NO_MODULES
        )
    modules = list(curriculum.modules.filter(code__in=codes).order_by("order"))
    unknown = sorted(set(codes) - {m.code for m in modules})
    if unknown:
        raise DomainError(
            _("Modul %(codes)s tidak ada di kurikulum %(curriculum)s.")
            % {"codes": ", ".join(unknown), "curriculum": curriculum},
            code=TrainingError.MODULE_NOT_IN_CURRICULUM,
        )
    return modules


def _apply_training(training: Training, data: TrainingInput) -> None:
    for name in (
        "title",
        "place",
        "organiser",
        "notes",
        "signer_title",
        "signer_name",
        "cosigner_title",
        "cosigner_name",
    ):
        setattr(training, name, getattr(data, name).strip())
    training.starts_on, training.ends_on = data.starts_on, data.ends_on
    training.target_groups = list(dict.fromkeys(data.target_groups))
    training.cost_program, training.cost_swadaya = data.cost_program, data.cost_swadaya


def _training_changes(before: dict, training: Training, modules_before: list[str]) -> dict:
    changes = diff(before, snapshot(training, TRAINING_FIELDS))
    modules_after = list(training.modules.order_by("order").values_list("code", flat=True))
    if modules_after != modules_before:
        changes["modules"] = [modules_before or None, modules_after]
    return changes


@transaction.atomic
def training_create(
    *,
    actor,
    region: Region,
    curriculum: Curriculum,
    data: TrainingInput,
    plan_sessions: bool = False,
) -> Training:
    """Plan a training for a village or a kecamatan; the program's pass mark and absence limit
    are copied onto it. With `plan_sessions`, one session per module is scheduled."""
    _check(actor, MANAGE, region)
    if region.level not in (Level.DISTRICT, Level.VILLAGE):
        raise DomainError(
            _("Pelatihan diadakan untuk sebuah kelurahan/desa atau kecamatan, bukan %(region)s.")
            % {"region": region},
            code=TrainingError.NOT_VILLAGE_OR_DISTRICT,
        )
    if not curriculum.is_active:
        raise DomainError(
            _("Kurikulum %(curriculum)s tidak lagi dipakai untuk pelatihan baru.")
            % {"curriculum": curriculum},
            code=TrainingError.CURRICULUM_INACTIVE,
        )
    modules = _modules_of(curriculum, data.module_codes)
    settings = TrainingSettings.current()
    training = Training(
        region=region,
        curriculum=curriculum,
        pass_mark=settings.pass_mark,
        max_absence_pct=settings.max_absence_pct,
        require_pass=settings.require_pass,
        created_by=_user(actor),
    )
    _apply_training(training, data)
    training.full_clean()
    training.save()
    training.modules.set(modules)
    record_event(
        actor=actor,
        action="training.created",
        obj=training,
        changes={
            **_training_changes({}, training, []),
            "pass_mark": [None, training.pass_mark],
            "max_absence_pct": [None, training.max_absence_pct],
        },
    )
    if plan_sessions:
        _plan_sessions(actor, training, modules)
    return training


@transaction.atomic
def training_update(*, actor, training: Training, data: TrainingInput) -> Training:
    """Change a training still open; a module with sessions or scores cannot be dropped, and
    sessions must stay within the dates."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    before = snapshot(training, TRAINING_FIELDS)
    modules_before = list(training.modules.order_by("order").values_list("code", flat=True))
    modules = _modules_of(training.curriculum, data.module_codes)
    dropped = [m for m in training.modules.all() if m not in modules]
    if dropped:
        in_use = {
            *training.sessions.filter(module__in=dropped).values_list("module__title", flat=True),
            *TestResult.objects.filter(
                participant__training=training, module__in=dropped
            ).values_list("module__title", flat=True),
        }
        if in_use:
            raise DomainError(
                _(
                    "Modul %(modules)s sudah punya sesi atau nilai; hapus sesinya dan "
                    "nilainya dahulu sebelum membuang modul itu."
                )
                % {"modules": ", ".join(sorted(in_use))},
                code=TrainingError.MODULE_IN_USE,
            )
    _apply_training(training, data)
    outside = [
        s for s in training.sessions.all() if not training.starts_on <= s.date <= training.ends_on
    ]
    if outside:
        raise DomainError(
            _("Sesi pada %(dates)s berada di luar tanggal pelatihan yang baru.")
            % {"dates": ", ".join(format_date_id(s.date) for s in outside)},
            code=TrainingError.SESSION_OUTSIDE_DATES,
        )
    training.full_clean()
    training.save()
    training.modules.set(modules)
    changes = _training_changes(before, training, modules_before)
    if changes:
        record_event(actor=actor, action="training.updated", obj=training, changes=changes)
    return training


def _next_slot(day: dt.date, start: dt.time, minutes: int) -> tuple[dt.date, dt.time, dt.time]:
    begin = dt.datetime.combine(day, start)
    end = begin + dt.timedelta(minutes=minutes)
    if end.time() > DAY_END or end.date() != day:
        day = day + dt.timedelta(days=1)
        begin = dt.datetime.combine(day, DAY_START)
        end = begin + dt.timedelta(minutes=minutes)
    return day, begin.time(), end.time()


def _plan_sessions(actor, training: Training, modules: list[Module]) -> list[Session]:
    """One session per module without one, one after another from the first day at 08.00."""
    planned = set(training.sessions.exclude(module=None).values_list("module_id", flat=True))
    last = training.sessions.order_by("-date", "-end_time").first()
    day, start = training.starts_on, DAY_START
    if last is not None and last.end_time is not None:
        day = last.date
        start = (dt.datetime.combine(day, last.end_time) + BREAK).time()
    created = []
    for module in modules:
        if module.pk in planned:
            continue
        if (
            dt.datetime.combine(day, start) + dt.timedelta(minutes=module.minutes)
        ).time() > DAY_END:
            day, start = day + dt.timedelta(days=1), DAY_START
        day, begin, end = _next_slot(day, start, module.minutes)
        session = Session(
            training=training,
            date=min(day, training.ends_on),
            start_time=begin,
            end_time=end,
            module=module,
        )
        session.full_clean()
        session.save()
        created.append(session)
        start = (dt.datetime.combine(day, end) + BREAK).time()
    if created:
        record_event(
            actor=actor,
            action="training.sessions_planned",
            obj=training,
            changes={"sessions": [None, [f"{s.date} {s.display_title}" for s in created]]},
        )
    return created


@transaction.atomic
def sessions_plan(*, actor, training: Training) -> list[Session]:
    """Schedule one session for every module of the training that has none yet."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    return _plan_sessions(actor, training, list(training.modules.order_by("order")))


@transaction.atomic
def training_cancel(*, actor, training: Training, reason: str) -> Training:
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    training.status_reason = _require_reason(reason)
    training.status = TrainingStatus.CANCELLED
    training.save(update_fields=["status", "status_reason", "updated_at"])
    record_event(
        actor=actor,
        action="training.cancelled",
        obj=training,
        changes={
            "status": [TrainingStatus.PLANNED, TrainingStatus.CANCELLED],
            "reason": [None, training.status_reason],
        },
    )
    return training


# --- Sessions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInput:
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    module: Module | None = None
    title: str = ""
    trainers: str = ""


def _apply_session(session: Session, training: Training, data: SessionInput) -> None:
    if not training.starts_on <= data.date <= training.ends_on:
        raise DomainError(
            _("Tanggal sesi %(date)s di luar tanggal pelatihan (%(start)s sampai %(end)s).")
            % {
                "date": format_date_id(data.date),
                "start": format_date_id(training.starts_on),
                "end": format_date_id(training.ends_on),
            },
            code=TrainingError.SESSION_OUTSIDE_DATES,
        )
    if data.module is not None and not training.modules.filter(pk=data.module.pk).exists():
        raise DomainError(
            _("Modul %(module)s tidak termasuk modul pelatihan ini.") % {"module": data.module},
            code=TrainingError.SESSION_MODULE_NOT_COVERED,
        )
    session.date, session.start_time, session.end_time = data.date, data.start_time, data.end_time
    session.module, session.title = data.module, data.title.strip()
    session.trainers = data.trainers.strip()


@transaction.atomic
def session_add(*, actor, training: Training, data: SessionInput) -> Session:
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    session = Session(training=training)
    _apply_session(session, training, data)
    session.full_clean()
    session.save()
    record_event(
        actor=actor,
        action="training.session_added",
        obj=session,
        changes=diff({}, snapshot(session, SESSION_FIELDS)),
    )
    return session


@transaction.atomic
def session_update(*, actor, session: Session, data: SessionInput) -> Session:
    _check(actor, MANAGE, session)
    training = _lock(session.training)
    _require_open(training)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = snapshot(session, SESSION_FIELDS)
    _apply_session(session, training, data)
    session.full_clean()
    session.save()
    changes = diff(before, snapshot(session, SESSION_FIELDS))
    if changes:
        record_event(actor=actor, action="training.session_updated", obj=session, changes=changes)
    return session


@transaction.atomic
def session_remove(*, actor, session: Session) -> None:
    """Remove a session (and the attendance recorded for it) from a training still open."""
    _check(actor, MANAGE, session)
    training = _lock(session.training)
    _require_open(training)
    present = session.attendance.count()
    record_event(
        actor=actor,
        action="training.session_removed",
        obj=session,
        changes={**diff(snapshot(session, SESSION_FIELDS), {}), "present": [present, None]},
    )
    session.delete()


# --- Participants ------------------------------------------------------------------------------

PARTICIPANT_FIELDS = ["person", "village", "name", "sex", "is_poor", "group", "position"]


def _check_group(group: str) -> None:
    if group not in ActorGroup.values:
        raise DomainError(
            _("Unsur '%(group)s' tidak dikenal.") % {"group": group},
            code=TrainingError.PARTICIPANT_INCOMPLETE,
        )


def _new_participant(
    training: Training,
    *,
    group: str,
    person: Person | None,
    name: str,
    sex: str,
    is_poor: bool,
    position: str,
    village: Region | None,
) -> Participant:
    _check_group(group)
    if person is not None:
        if not _within(training.region_id, person.village_id):
            raise DomainError(
                _("%(person)s bukan warga wilayah pelatihan ini.") % {"person": person.name},
                code=TrainingError.PARTICIPANT_ELSEWHERE,
            )
        if training.participants.filter(person=person).exists():
            raise DomainError(
                _("%(person)s sudah menjadi peserta pelatihan ini.") % {"person": person.name},
                code=TrainingError.PARTICIPANT_EXISTS,
            )
        return Participant(
            training=training,
            person=person,
            village_id=person.village_id,
            name=person.name,
            sex=person.sex,
            is_poor=person.is_poor,
            group=group,
            position=position.strip(),
        )
    if not name.strip() or sex not in Sex.values:
        raise DomainError(
            _("Isi nama dan jenis kelamin (L/P) peserta tamu."),
            code=TrainingError.PARTICIPANT_INCOMPLETE,
        )
    if village is None and training.region.level == Level.VILLAGE:
        village = training.region
    if village is not None and not (
        village.is_village and _within(training.region_id, village.code)
    ):
        raise DomainError(
            _("Asal peserta harus kelurahan/desa di wilayah pelatihan ini."),
            code=TrainingError.PARTICIPANT_ELSEWHERE,
        )
    return Participant(
        training=training,
        village=village,
        name=" ".join(name.split()),
        sex=sex,
        is_poor=is_poor,
        group=group,
        position=position.strip(),
    )


@transaction.atomic
def participant_add(
    *,
    actor,
    training: Training,
    group: str,
    person: Person | None = None,
    name: str = "",
    sex: str = "",
    is_poor: bool = False,
    position: str = "",
    village: Region | None = None,
) -> Participant:
    """Add a person of the training's village(s), or a guest by name."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    participant = _new_participant(
        training,
        group=group,
        person=person,
        name=name,
        sex=sex,
        is_poor=is_poor,
        position=position,
        village=village,
    )
    participant.full_clean()
    participant.save()
    record_event(
        actor=actor,
        action="training.participant_added",
        obj=participant,
        changes=diff({}, snapshot(participant, PARTICIPANT_FIELDS)),
    )
    return participant


@transaction.atomic
def participants_add_people(
    *, actor, training: Training, picks: Sequence[tuple[Person, str, str]]
) -> list[Participant]:
    """Add several people at once, each as (person, group, position); people already taking
    part are skipped, so the same list can be sent twice."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    present = set(training.participants.exclude(person=None).values_list("person_id", flat=True))
    added = []
    for person, group, position in picks:
        if person.pk in present:
            continue
        participant = _new_participant(
            training,
            group=group,
            person=person,
            name="",
            sex="",
            is_poor=False,
            position=position,
            village=None,
        )
        participant.full_clean()
        participant.save()
        present.add(person.pk)
        added.append(participant)
    if added:
        record_event(
            actor=actor,
            action="training.participants_added",
            obj=training,
            changes={"participants": [None, [f"{p.name} ({p.group})" for p in added]]},
        )
    return added


@transaction.atomic
def participant_update(
    *, actor, participant: Participant, group: str, position: str, is_poor: bool
) -> Participant:
    _check(actor, MANAGE, participant)
    _require_open(_lock(participant.training))
    _check_group(group)
    before = snapshot(participant, PARTICIPANT_FIELDS)
    participant.group, participant.position, participant.is_poor = group, position.strip(), is_poor
    participant.full_clean()
    participant.save()
    changes = diff(before, snapshot(participant, PARTICIPANT_FIELDS))
    if changes:
        record_event(
            actor=actor, action="training.participant_updated", obj=participant, changes=changes
        )
    return participant


@transaction.atomic
def participant_remove(*, actor, participant: Participant) -> None:
    """Remove a participant (with their attendance and scores) from a training still open."""
    _check(actor, MANAGE, participant)
    _require_open(_lock(participant.training))
    if participant.certificates.exists():
        raise DomainError(
            _(
                "%(name)s sudah pernah menerima sertifikat pelatihan ini; peserta tidak bisa "
                "dihapus. Koordinator kota dapat mencabut sertifikatnya."
            )
            % {"name": participant.name},
            code=TrainingError.PARTICIPANT_HAS_CERTIFICATE,
        )
    record_event(
        actor=actor,
        action="training.participant_removed",
        obj=participant,
        changes=diff(snapshot(participant, PARTICIPANT_FIELDS), {}),
    )
    participant.delete()


# --- Attendance and scores ---------------------------------------------------------------------


def _participants_by_id(training: Training, ids: Iterable[int]) -> dict[int, Participant]:
    wanted = set(ids)
    found = {p.pk: p for p in training.participants.filter(pk__in=wanted)}
    if wanted - set(found):
        raise DomainError(
            _("Sebagian peserta yang dikirim bukan peserta pelatihan ini."),
            code=TrainingError.PARTICIPANT_OTHER_TRAINING,
        )
    return found


@transaction.atomic
def attendance_record(*, actor, session: Session, present: Iterable[int]) -> Session:
    """Record who was present at a session (everyone else was absent)."""
    _check(actor, MANAGE, session)
    training = _lock(session.training)
    _require_open(training)
    present_ids = set(present)
    _participants_by_id(training, present_ids)
    session = Session.objects.select_for_update().get(pk=session.pk)
    before = sorted(session.attendance.values_list("participant_id", flat=True))
    was_recorded = session.attendance_recorded_at is not None
    session.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, participant_id=pid) for pid in sorted(present_ids)
    )
    session.attendance_recorded_at = timezone.now()
    session.save(update_fields=["attendance_recorded_at", "updated_at"])
    after = sorted(present_ids)
    if after != before or not was_recorded:
        record_event(
            actor=actor,
            action="training.attendance_recorded",
            obj=session,
            changes={
                "present": [before if was_recorded else None, after],
                "absent": [None, training.participants.count() - len(after)],
            },
        )
    return session


def parse_score(value, name: str) -> Decimal:
    """A score 0-100 with at most one decimal ('72,5' or 72.5); the message names the person."""
    text = str(value).strip().replace(",", ".")
    try:
        score = Decimal(text)
    except InvalidOperation:
        score = Decimal("NaN")
    if not score.is_finite() or not 0 <= score <= 100 or score != score.quantize(Decimal("0.1")):
        raise DomainError(
            _(
                "Nilai %(name)s '%(value)s' tidak sah: tulis angka 0 sampai 100, paling banyak "
                "satu angka di belakang koma."
            )
            % {"name": name, "value": value},
            code=TrainingError.BAD_SCORE,
        )
    return score.quantize(Decimal("0.1"))


def _module_of(training: Training, module: Module) -> None:
    if not training.modules.filter(pk=module.pk).exists():
        raise DomainError(
            _("Modul %(module)s tidak termasuk modul pelatihan ini.") % {"module": module},
            code=TrainingError.SESSION_MODULE_NOT_COVERED,
        )


def _check_kind(kind: str) -> None:
    if kind not in TestKind.values:
        raise DomainError(
            _("Jenis tes '%(kind)s' tidak dikenal: pre atau post.") % {"kind": kind},
            code=TrainingError.BAD_SCORE,
        )


@transaction.atomic
def scores_record(
    *,
    actor,
    training: Training,
    module: Module,
    kind: str,
    scores: Mapping[int, Decimal | str | int | None],
) -> int:
    """Type in the pre-test or post-test scores of one module for several participants; an
    empty score removes the one recorded (the participant did not take the test). Returns how
    many scores changed."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    _module_of(training, module)
    _check_kind(kind)
    people = _participants_by_id(training, scores)
    existing = {
        r.participant_id: r
        for r in TestResult.objects.filter(participant__training=training, module=module, kind=kind)
    }
    changes: dict[str, list] = {}
    for pid, raw in scores.items():
        name = people[pid].name
        result = existing.get(pid)
        before = result.score if result is not None else None
        blank = raw is None or (isinstance(raw, str) and not raw.strip())
        if blank:
            if result is not None:
                result.delete()
                changes[name] = [str(before), None]
            continue
        score = parse_score(raw, name)
        if result is None:
            result = TestResult(participant_id=pid, module=module, kind=kind, score=score)
        elif result.score == score and result.answers is None:
            continue
        result.score, result.answers, result.correct, result.question_count = (
            score,
            None,
            None,
            None,
        )
        result.full_clean()
        result.save()
        changes[name] = [str(before) if before is not None else None, str(score)]
    if changes:
        record_event(
            actor=actor,
            action="training.scores_recorded",
            obj=training,
            changes={"module": [None, module.code], "kind": [None, kind], **changes},
        )
    return len(changes)


def score_from_answers(correct: int, total: int) -> Decimal:
    return (Decimal(correct * 100) / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@transaction.atomic
def answers_record(
    *, actor, participant: Participant, kind: str, answers: Mapping[int, int | None]
) -> dict[int, TestResult | None]:
    """Enter one participant's answers to a test form (question id -> chosen option index).
    Each module answered gets its score (correct / questions x 100; an unanswered question of
    an answered module counts as wrong). A module left wholly blank keeps a score typed in
    directly, and loses one computed from earlier answers."""
    _check(actor, MANAGE, participant)
    training = _lock(participant.training)
    _require_open(training)
    _check_kind(kind)
    questions = list(
        Question.objects.filter(module__in=training.modules.all())
        .select_related("module")
        .order_by("module__order", "order")
    )
    by_id = {q.pk: q for q in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise DomainError(
            _("Sebagian soal yang dikirim bukan soal pelatihan ini."),
            code=TrainingError.BAD_ANSWER,
        )
    for number, question in enumerate(questions, start=1):
        chosen = answers.get(question.pk)
        if chosen is not None and not 0 <= chosen < len(question.choices):
            raise DomainError(
                _("Soal nomor %(n)s: pilihan jawaban tidak ada.") % {"n": number},
                code=TrainingError.BAD_ANSWER,
            )
    existing = {r.module_id: r for r in participant.results.filter(kind=kind)}
    saved: dict[int, TestResult | None] = {}
    changes: dict[str, list] = {}
    modules = {q.module_id: q.module for q in questions}
    for module_id, module in modules.items():
        own = [q for q in questions if q.module_id == module_id]
        given = {q.pk: answers[q.pk] for q in own if answers.get(q.pk) is not None}
        result = existing.get(module_id)
        if not given:
            if result is not None and result.answers is not None:
                changes[module.code] = [str(result.score), None]
                result.delete()
                saved[module_id] = None
            continue
        correct = sum(1 for q in own if given.get(q.pk) == q.answer)
        score = score_from_answers(correct, len(own))
        before = str(result.score) if result is not None else None
        if result is None:
            result = TestResult(participant=participant, module=module, kind=kind, score=score)
        result.score, result.correct, result.question_count = score, correct, len(own)
        result.answers = {str(pk): choice for pk, choice in given.items()}
        result.full_clean()
        result.save()
        saved[module_id] = result
        if before != str(score):
            changes[module.code] = [before, str(score)]
    if changes:
        record_event(
            actor=actor,
            action="training.answers_recorded",
            obj=participant,
            changes={"kind": [None, kind], **changes},
        )
    return saved


# --- Closing, certificates, reopening ----------------------------------------------------------


@dataclass
class CloseReport:
    issued: list[Certificate] = field(default_factory=list)
    revoked: list[Certificate] = field(default_factory=list)
    kept: int = 0


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _unique_code() -> str:
    while True:
        code = new_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


def _certificate_number(training: Training, sequence: int, issued_on: dt.date) -> str:
    return (
        f"{sequence:03d}/SERT-PLPBK/{training.pk:04d}/"
        f"{ROMAN_MONTHS[issued_on.month - 1]}/{issued_on.year}"
    )


def _revoke(certificate: Certificate, actor, reason: str) -> None:
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = _user(actor)
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])


@transaction.atomic
def training_close(*, actor, training: Training, issued_on: dt.date | None = None) -> CloseReport:
    """Close a training whose every session has its attendance recorded: it is locked, and each
    participant who completed it gets a certificate. After a reopening, certificates that no
    longer match what their holder completed are revoked and replaced."""
    _check(actor, MANAGE, training)
    training = _lock(training)
    _require_open(training)
    outcomes = selectors.training_outcomes(training)
    if not outcomes.sessions:
        raise DomainError(
            _("Pelatihan belum punya sesi. Catat sesi dan kehadirannya dahulu."),
            code=TrainingError.NO_SESSIONS,
        )
    if not outcomes.participants:
        raise DomainError(_("Pelatihan belum punya peserta."), code=TrainingError.NO_PARTICIPANTS)
    missing = [
        _("sesi %(n)s (%(title)s, %(date)s)")
        % {"n": n, "title": s.display_title, "date": format_date_id(s.date)}
        for n, s in enumerate(outcomes.sessions, start=1)
        if s.attendance_recorded_at is None
    ]
    if missing:
        raise DomainError(
            _("Kehadiran belum dicatat untuk %(sessions)s.") % {"sessions": "; ".join(missing)},
            code=TrainingError.ATTENDANCE_MISSING,
        )
    issued_on = issued_on or timezone.localdate(timezone=ZoneInfo(training.region.timezone))
    report = CloseReport()
    active = {
        c.participant_id: c
        for c in Certificate.objects.select_for_update().filter(
            participant__training=training, revoked_at__isnull=True
        )
    }
    sequence = Certificate.objects.filter(participant__training=training).count()
    for participant in outcomes.participants:
        outcome = outcomes.by_participant[participant.pk]
        completed = [
            {"code": m.code, "title": m.title, "jpl": m.jpl}
            for m in outcomes.modules
            if outcome.modules[m.pk].completed
        ]
        current = active.get(participant.pk)
        if current is not None:
            if outcome.eligible and current.modules == completed:
                report.kept += 1
                continue
            reason = (
                _("Diganti sertifikat baru: modul yang diselesaikan berubah.")
                if outcome.eligible
                else _("Peserta tidak lagi memenuhi syarat kelulusan pelatihan.")
            )
            _revoke(current, actor, reason)
            report.revoked.append(current)
        if not outcome.eligible:
            continue
        sequence += 1
        report.issued.append(
            Certificate.objects.create(
                participant=participant,
                number=_certificate_number(training, sequence, issued_on),
                code=_unique_code(),
                issued_on=issued_on,
                holder_name=participant.name,
                modules=completed,
            )
        )
    training.status = TrainingStatus.DONE
    training.closed_at = timezone.now()
    training.closed_by = _user(actor)
    training.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    record_event(
        actor=actor,
        action="training.closed",
        obj=training,
        changes={
            "status": [TrainingStatus.PLANNED, TrainingStatus.DONE],
            "certificates_issued": [None, [c.number for c in report.issued]],
            "certificates_revoked": [None, [c.number for c in report.revoked] or None],
        },
    )
    return report


@transaction.atomic
def training_reopen(*, actor, training: Training, reason: str) -> Training:
    """Open a closed training again to correct it; its certificates stay valid until it is
    closed again, when they are checked against the corrected records."""
    _check(actor, REOPEN, training)
    training = _lock(training)
    if training.status != TrainingStatus.DONE:
        raise DomainError(
            _("Hanya pelatihan yang sudah selesai yang dapat dibuka kembali."),
            code=TrainingError.NOT_DONE,
        )
    training.status_reason = _require_reason(reason)
    training.status = TrainingStatus.PLANNED
    training.save(update_fields=["status", "status_reason", "updated_at"])
    record_event(
        actor=actor,
        action="training.reopened",
        obj=training,
        changes={
            "status": [TrainingStatus.DONE, TrainingStatus.PLANNED],
            "reason": [None, training.status_reason],
        },
    )
    return training


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate (for instance issued on false records); the public check then says
    it is revoked, with the date."""
    _check(actor, REVOKE_CERTIFICATE, certificate)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise DomainError(
            _("Sertifikat %(number)s sudah dicabut.") % {"number": certificate.number},
            code=TrainingError.CERTIFICATE_REVOKED,
        )
    _revoke(certificate, actor, _require_reason(reason))
    record_event(
        actor=actor,
        action="training.certificate_revoked",
        obj=certificate,
        changes={"revoked": [False, True], "reason": [None, certificate.revoke_reason]},
    )
    return certificate


# --- Follow-up plan (RKTL) ---------------------------------------------------------------------


def _follow_up_values(
    follow_up: FollowUpAction, training: Training, *, action, owner, due_on, status, note, today
) -> None:
    if due_on < training.starts_on:
        raise DomainError(
            _("Batas waktu tindak lanjut tidak boleh sebelum pelatihan dimulai (%(date)s).")
            % {"date": format_date_id(training.starts_on)},
            code=TrainingError.DUE_DATE_BEFORE_TRAINING,
        )
    follow_up.action, follow_up.owner = action.strip(), owner.strip()
    follow_up.due_on, follow_up.note = due_on, note.strip()
    if status == FollowUpStatus.DONE and follow_up.status != FollowUpStatus.DONE:
        follow_up.done_on = today
    elif status != FollowUpStatus.DONE:
        follow_up.done_on = None
    follow_up.status = status


def _follow_up_training(training: Training) -> Training:
    training = _lock(training)
    if training.status == TrainingStatus.CANCELLED:
        _require_open(training)
    return training


@transaction.atomic
def follow_up_add(
    *,
    actor,
    training: Training,
    action: str,
    owner: str,
    due_on: dt.date,
    status: str = FollowUpStatus.PLANNED,
    note: str = "",
    today: dt.date | None = None,
) -> FollowUpAction:
    """Add an action to the training's follow-up plan (also after the training is closed)."""
    _check(actor, MANAGE, training)
    training = _follow_up_training(training)
    follow_up = FollowUpAction(training=training)
    _follow_up_values(
        follow_up,
        training,
        action=action,
        owner=owner,
        due_on=due_on,
        status=status,
        note=note,
        today=today or timezone.localdate(),
    )
    follow_up.full_clean()
    follow_up.save()
    record_event(
        actor=actor,
        action="training.follow_up_added",
        obj=follow_up,
        changes=diff({}, snapshot(follow_up, FOLLOW_UP_FIELDS)),
    )
    return follow_up


@transaction.atomic
def follow_up_update(
    *,
    actor,
    follow_up: FollowUpAction,
    action: str,
    owner: str,
    due_on: dt.date,
    status: str,
    note: str = "",
    today: dt.date | None = None,
) -> FollowUpAction:
    _check(actor, MANAGE, follow_up)
    training = _follow_up_training(follow_up.training)
    follow_up = FollowUpAction.objects.select_for_update().get(pk=follow_up.pk)
    before = snapshot(follow_up, FOLLOW_UP_FIELDS)
    _follow_up_values(
        follow_up,
        training,
        action=action,
        owner=owner,
        due_on=due_on,
        status=status,
        note=note,
        today=today or timezone.localdate(),
    )
    follow_up.full_clean()
    follow_up.save()
    changes = diff(before, snapshot(follow_up, FOLLOW_UP_FIELDS))
    if changes:
        record_event(
            actor=actor, action="training.follow_up_updated", obj=follow_up, changes=changes
        )
    return follow_up


@transaction.atomic
def follow_up_remove(*, actor, follow_up: FollowUpAction) -> None:
    _check(actor, MANAGE, follow_up)
    _follow_up_training(follow_up.training)
    record_event(
        actor=actor,
        action="training.follow_up_removed",
        obj=follow_up,
        changes=diff(snapshot(follow_up, FOLLOW_UP_FIELDS), {}),
    )
    follow_up.delete()


# --- The program's curriculum and settings (admin) ---------------------------------------------

MODULE_FIELDS = [
    "title",
    "summary",
    "stage",
    "is_core",
    "jpl",
    "objectives",
    "media",
    "readings",
    "steps",
    "indicators",
    "target_groups",
]
QUESTION_FIELDS = ["order", "kind", "text", "options", "answer"]
SETTINGS_FIELDS = ["pass_mark", "max_absence_pct", "require_pass", "capacity_curriculum"]


@transaction.atomic
def module_update(*, actor, module: Module, values: Mapping[str, object]) -> Module:
    """The program edits a loaded module (its file stays as it was loaded)."""
    _check(actor, MANAGE_CURRICULUM, None)
    module = Module.objects.select_for_update().get(pk=module.pk)
    before = snapshot(module, MODULE_FIELDS)
    for name in MODULE_FIELDS:
        if name in values:
            setattr(module, name, values[name])
    module.full_clean()
    module.save()
    changes = diff(before, snapshot(module, MODULE_FIELDS))
    if changes:
        record_event(actor=actor, action="training.module_updated", obj=module, changes=changes)
    return module


@transaction.atomic
def question_save(
    *, actor, module: Module, values: Mapping[str, object], question: Question | None = None
) -> Question:
    _check(actor, MANAGE_CURRICULUM, None)
    before = snapshot(question, QUESTION_FIELDS) if question is not None else {}
    question = question or Question(module=module)
    for name in QUESTION_FIELDS:
        if name in values:
            setattr(question, name, values[name])
    question.full_clean()
    question.save()
    changes = diff(before, snapshot(question, QUESTION_FIELDS))
    if changes:
        record_event(actor=actor, action="training.question_saved", obj=question, changes=changes)
    return question


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    _check(actor, MANAGE_CURRICULUM, None)
    record_event(
        actor=actor,
        action="training.question_removed",
        obj=question,
        changes=diff(snapshot(question, QUESTION_FIELDS), {}),
    )
    question.delete()


@transaction.atomic
def settings_update(*, actor, values: Mapping[str, object]) -> TrainingSettings:
    """Change the program's pass mark, absence limit and certificate rule for new trainings."""
    _check(actor, MANAGE_CURRICULUM, None)
    settings = TrainingSettings.current()
    settings = TrainingSettings.objects.select_for_update().get(pk=settings.pk)
    before = snapshot(settings, SETTINGS_FIELDS)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(settings, name, values[name])
    settings.full_clean()
    settings.save()
    changes = diff(before, snapshot(settings, SETTINGS_FIELDS))
    if changes:
        record_event(actor=actor, action="training.settings_updated", obj=settings, changes=changes)
    return settings
