"""Writes of a training itself: planning it (with its sessions scheduled on request),
changing it, cancelling it and reopening it after closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.dates import format_date_id
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.regions.models import Level, Region
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Curriculum,
    Module,
    Session,
    TestResult,
    Training,
    TrainingSettings,
    TrainingStatus,
)
from tridaya.training.policy import MANAGE, REOPEN

# Sessions planned automatically run from 08.00, with a 15-minute break between them, and a day
# takes no session that would end after 16.30.
DAY_START = dt.time(8, 0)
DAY_END = dt.time(16, 30)
BREAK = dt.timedelta(minutes=15)

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


def lock_training(training: Training) -> Training:
    """Re-read the training under a row lock: closing and recording cannot interleave."""
    return Training.objects.select_for_update().select_related("region").get(pk=training.pk)


def require_open(training: Training) -> None:
    """Refuse a change to a cancelled or closed training (the other services call this)."""
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


def user_of(actor: User | None) -> User | None:
    """The user to store as creator or closer (None when the system acts)."""
    return actor if actor is not None and actor.is_authenticated else None


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


@transaction.atomic(durable=True)
def training_create(
    *,
    actor: User | None,
    region: Region,
    curriculum: Curriculum,
    data: TrainingInput,
    plan_sessions: bool = False,
) -> Training:
    """Plan a training for a village or a kecamatan; the program's pass mark and absence limit
    are copied onto it. With `plan_sessions`, one session per module is scheduled."""
    authorize(actor, MANAGE, region)
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
        created_by=user_of(actor),
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


@transaction.atomic(durable=True)
def training_update(*, actor: User | None, training: Training, data: TrainingInput) -> Training:
    """Change a training still open; a module with sessions or scores cannot be dropped, and
    sessions must stay within the dates."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
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


def _plan_sessions(actor: User | None, training: Training, modules: list[Module]) -> list[Session]:
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


@transaction.atomic(durable=True)
def sessions_plan(*, actor: User | None, training: Training) -> list[Session]:
    """Schedule one session for every module of the training that has none yet."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    return _plan_sessions(actor, training, list(training.modules.order_by("order")))


@transaction.atomic(durable=True)
def training_cancel(*, actor: User | None, training: Training, reason: str) -> Training:
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    training.status_reason = require_reason(reason, code=TrainingError.REASON_TOO_SHORT)
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


@transaction.atomic(durable=True)
def training_reopen(*, actor: User | None, training: Training, reason: str) -> Training:
    """Open a closed training again to correct it; its certificates stay valid until it is
    closed again, when they are checked against the corrected records."""
    authorize(actor, REOPEN, training)
    training = lock_training(training)
    if training.status != TrainingStatus.DONE:
        raise DomainError(
            _("Hanya pelatihan yang sudah selesai yang dapat dibuka kembali."),
            code=TrainingError.NOT_DONE,
        )
    training.status_reason = require_reason(reason, code=TrainingError.REASON_TOO_SHORT)
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
