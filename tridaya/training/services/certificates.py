"""Closing a training (which issues its certificates) and revoking a certificate."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.dates import format_date_id
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Certificate,
    Training,
    TrainingStatus,
)
from tridaya.training.policy import MANAGE, REVOKE_CERTIFICATE
from tridaya.training.selectors.results import Outcomes, training_outcomes
from tridaya.training.services.trainings import (
    lock_training,
    require_open,
    user_of,
)

# Verification codes: Crockford's base 32 (no I, L, O, U), 12 characters = 60 random bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


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


def _revoke(certificate: Certificate, actor: User | None, reason: str) -> None:
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user_of(actor)
    certificate.revoke_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])


def _require_closable(outcomes: Outcomes) -> None:
    """A training closes with sessions, participants, and every session's attendance recorded."""
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


def _issue_certificates(
    actor: User | None, training: Training, outcomes: Outcomes, issued_on: dt.date
) -> CloseReport:
    """A certificate for each participant who completed the training; one still valid is kept
    when it lists the same modules, otherwise revoked (and replaced if the holder is eligible)."""
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
    return report


@transaction.atomic(durable=True)
def training_close(
    *, actor: User | None, training: Training, issued_on: dt.date | None = None
) -> CloseReport:
    """Close a training whose every session has its attendance recorded: it is locked, and each
    participant who completed it gets a certificate. After a reopening, certificates that no
    longer match what their holder completed are revoked and replaced."""
    authorize(actor, MANAGE, training)
    training = lock_training(training)
    require_open(training)
    outcomes = training_outcomes(training)
    _require_closable(outcomes)
    issued_on = issued_on or timezone.localdate(timezone=ZoneInfo(training.region.timezone))
    report = _issue_certificates(actor, training, outcomes, issued_on)
    training.status = TrainingStatus.DONE
    training.closed_at = timezone.now()
    training.closed_by = user_of(actor)
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


@transaction.atomic(durable=True)
def certificate_revoke(*, actor: User | None, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate (for instance issued on false records); the public check then says
    it is revoked, with the date."""
    authorize(actor, REVOKE_CERTIFICATE, certificate)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise DomainError(
            _("Sertifikat %(number)s sudah dicabut.") % {"number": certificate.number},
            code=TrainingError.CERTIFICATE_REVOKED,
        )
    _revoke(certificate, actor, require_reason(reason, code=TrainingError.REASON_TOO_SHORT))
    record_event(
        actor=actor,
        action="training.certificate_revoked",
        obj=certificate,
        changes={"revoked": [False, True], "reason": [None, certificate.revoke_reason]},
    )
    return certificate
