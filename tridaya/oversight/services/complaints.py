"""Complaints (PPM): submit (anyone), record a BPKP finding, classify, log a handling step
(verified / action / answer), resolve or reject with a reason, reopen by the complainant within
the set period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.oversight import codes, conf
from tridaya.oversight.errors import OversightError, refuse
from tridaya.oversight.links import link_label
from tridaya.oversight.models import (
    OPEN_STATUSES,
    Channel,
    Complaint,
    ComplaintPhoto,
    ComplaintStep,
    Status,
    StepKind,
)
from tridaya.oversight.photos import clean_photo
from tridaya.regions.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tridaya.accounts.models import User


def _user(actor: User | AnonymousUser | None) -> User | None:
    if actor is None or not actor.is_authenticated:
        return None
    return actor


def _step(
    complaint: Complaint,
    kind: str,
    *,
    actor: User | AnonymousUser | None,
    note: str = "",
    public: bool = True,
    automatic: bool = False,
    at: dt.datetime | None = None,
) -> ComplaintStep:
    step = ComplaintStep(
        complaint=complaint,
        kind=kind,
        level=complaint.level,
        note=note,
        public=public,
        automatic=automatic,
        at=at or timezone.now(),
        actor=_user(actor),
    )
    step.full_clean()
    step.save()
    return step


def _check_point(latitude: Decimal | None, longitude: Decimal | None) -> None:
    if (latitude is None) != (longitude is None):
        raise refuse(
            OversightError.BAD_POINT,
            _("Isi lintang dan bujur sekaligus, atau kosongkan keduanya."),
            field="latitude",
        )
    if (
        latitude is not None
        and longitude is not None
        and not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        raise refuse(
            OversightError.BAD_POINT,
            _("Titik peta di luar bumi: pilih ulang di peta."),
            field="latitude",
        )


def _save_photos(complaint: Complaint, photos: list) -> None:
    if len(photos) > conf.PHOTOS_PER_COMPLAINT:
        raise refuse(
            OversightError.TOO_MANY_PHOTOS,
            _("Paling banyak %(n)s foto per pengaduan.") % {"n": conf.PHOTOS_PER_COMPLAINT},
            field="photos",
        )
    cleaned = [clean_photo(file, index=i) for i, file in enumerate(photos, start=1)]
    for photo in cleaned:
        ComplaintPhoto.objects.create(
            complaint=complaint, image=photo.content, width=photo.width, height=photo.height
        )


def _new_complaint(**fields: Any) -> Complaint:
    """Insert with a fresh tracking code (a collision among 8·10^14 codes is retried)."""
    for _attempt in range(5):
        complaint = Complaint(tracking_code=codes.new_code(), **fields)
        complaint.full_clean()
        try:
            with transaction.atomic():
                complaint.save()
            return complaint
        except IntegrityError:
            continue
    raise RuntimeError("no free tracking code after 5 attempts")


@transaction.atomic(durable=True)
def complaint_submit(
    *,
    actor: User | AnonymousUser | None,
    village: Region,
    text: str,
    name: str = "",
    contact: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photos: list | None = None,
    channel: str = Channel.WEB,
    now: dt.datetime | None = None,
) -> Complaint:
    authorize(actor, "oversight.submit", village)
    text = (text or "").strip()
    if len(text) < 10:
        raise refuse(
            OversightError.EMPTY_TEXT,
            _("Tuliskan isi pengaduan (paling sedikit 10 huruf)."),
            field="text",
        )
    _check_point(latitude, longitude)
    now = now or timezone.now()
    complaint = _new_complaint(
        village=village,
        channel=channel,
        text=text,
        name=name.strip(),
        contact=contact.strip(),
        submitted_by=_user(actor),
        latitude=latitude,
        longitude=longitude,
        received_at=now,
        due_at=now + conf.deadline_delta(""),
    )
    _save_photos(complaint, photos or [])
    _step(complaint, StepKind.RECEIVED, actor=actor, at=now)
    record_event(
        actor=_user(actor),
        action="oversight.complaint_received",
        obj=complaint,
        region_code=village.code,
    )
    return complaint


@transaction.atomic(durable=True)
def audit_finding_record(
    *,
    actor: User | AnonymousUser | None,
    village: Region,
    text: str,
    scope: str,
    now: dt.datetime | None = None,
) -> Complaint:
    """A BPKP audit finding entered as a complaint of class 'masalah' with the BPKP deadline
    (4 days by default)."""
    authorize(actor, "oversight.audit_finding", village)
    now = now or timezone.now()
    complaint = _new_complaint(
        village=village,
        channel=Channel.BPKP,
        text=(text or "").strip(),
        klass="masalah",
        scope=scope,
        status=Status.IN_PROCESS,
        received_at=now,
        due_at=now + conf.deadline_delta("bpkp"),
        submitted_by=_user(actor),
    )
    _step(
        complaint,
        StepKind.RECEIVED,
        actor=actor,
        at=now,
        note=_("Temuan BPKP, batas tanggapan %(days)s hari.")
        % {"days": conf.deadline_days("bpkp")},
    )
    record_event(
        actor=_user(actor),
        action="oversight.complaint_received",
        obj=complaint,
        region_code=village.code,
    )
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("village").get(pk=complaint.pk)


def _require_open(complaint: Complaint) -> None:
    if complaint.status not in OPEN_STATUSES:
        raise refuse(
            OversightError.WRONG_STATUS,
            _("Pengaduan ini sudah ditutup (%(status)s).")
            % {"status": complaint.get_status_display()},
        )


def _class_key(complaint: Complaint) -> str:
    return "bpkp" if complaint.channel == Channel.BPKP else complaint.klass


@transaction.atomic(durable=True)
def complaint_classify(
    *,
    actor: User | AnonymousUser | None,
    complaint: Complaint,
    klass: str,
    kind: str = "",
    scope: str,
    field: str,
    link_type: str = "",
    link_id: int | None = None,
    now: dt.datetime | None = None,
) -> Complaint:
    complaint = _locked(complaint)
    authorize(actor, "oversight.handle", complaint)
    _require_open(complaint)
    if klass == "informatif" and not kind:
        raise refuse(
            OversightError.BAD_CLASS,
            _("Pilih jenis informatif: pertanyaan, saran atau kritik."),
            field="kind",
        )
    before = {
        f: getattr(complaint, f)
        for f in ("klass", "kind", "scope", "field", "link_type", "link_id")
    }
    label = link_label(complaint.village, link_type, link_id)
    now = now or timezone.now()
    first_time = not complaint.klass
    complaint.klass, complaint.kind, complaint.scope, complaint.field = (
        klass,
        kind if klass == "informatif" else "",
        scope,
        field,
    )
    complaint.link_type, complaint.link_id = link_type, link_id if link_type else None
    if first_time:
        complaint.due_at = complaint.received_at + conf.deadline_delta(_class_key(complaint))
    complaint.status = Status.IN_PROCESS
    complaint.full_clean()
    complaint.save()
    after = {f: getattr(complaint, f) for f in before}
    note = ", ".join(
        str(x)
        for x in (
            complaint.get_klass_display(),
            complaint.get_scope_display(),
            complaint.get_field_display(),
            label,
        )
        if x
    )
    _step(complaint, StepKind.CLASSIFIED, actor=actor, note=note, at=now)
    record_event(
        actor=_user(actor),
        action="oversight.complaint_classified",
        obj=complaint,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
    )
    return complaint


LOG_KINDS = {StepKind.VERIFIED, StepKind.ACTION, StepKind.ANSWER}


@transaction.atomic(durable=True)
def complaint_log(
    *,
    actor: User | AnonymousUser | None,
    complaint: Complaint,
    kind: str,
    note: str,
    public: bool = True,
    now: dt.datetime | None = None,
) -> ComplaintStep:
    """Verified / action / answer to the complainant. An answer is always public and becomes the
    complaint's public answer."""
    complaint = _locked(complaint)
    authorize(actor, "oversight.handle", complaint)
    _require_open(complaint)
    if kind not in LOG_KINDS:
        raise refuse(
            OversightError.WRONG_STATUS, _("Langkah ini tidak dicatat di sini."), field="kind"
        )
    note = (note or "").strip()
    if not note:
        raise refuse(OversightError.EMPTY_TEXT, _("Isi catatan langkah penanganan."), field="note")
    if kind == StepKind.ANSWER:
        public = True
        complaint.public_answer = note
    if complaint.status == Status.RECEIVED:
        complaint.status = Status.IN_PROCESS
    complaint.save(update_fields=["public_answer", "status", "updated_at"])
    step = _step(complaint, kind, actor=actor, note=note, public=public, at=now)
    record_event(
        actor=_user(actor),
        action="oversight.complaint_step",
        obj=complaint,
        changes={"step": [None, kind]},
    )
    return step


@transaction.atomic(durable=True)
def complaint_close(
    *,
    actor: User | AnonymousUser | None,
    complaint: Complaint,
    resolved: bool,
    note: str,
    now: dt.datetime | None = None,
) -> Complaint:
    """Resolved (with the answer the complainant reads) or rejected (with a reason)."""
    complaint = _locked(complaint)
    authorize(actor, "oversight.handle", complaint)
    _require_open(complaint)
    if resolved:
        note = (note or "").strip()
        if not note:
            raise refuse(
                OversightError.EMPTY_TEXT,
                _("Tuliskan penyelesaiannya untuk pengadu."),
                field="note",
            )
        complaint.public_answer = note
    else:
        note = require_reason(note, field="note", code=OversightError.REASON_TOO_SHORT)
    now = now or timezone.now()
    complaint.status = Status.RESOLVED if resolved else Status.REJECTED
    complaint.closed_at = now
    complaint.save()
    _step(
        complaint,
        StepKind.RESOLVED if resolved else StepKind.REJECTED,
        actor=actor,
        note=note,
        at=now,
    )
    record_event(
        actor=_user(actor),
        action="oversight.complaint_closed",
        obj=complaint,
        changes={"status": [Status.IN_PROCESS, complaint.status]},
    )
    return complaint


@transaction.atomic(durable=True)
def complaint_reopen(
    *,
    actor: User | AnonymousUser | None,
    complaint: Complaint,
    reason: str,
    now: dt.datetime | None = None,
) -> Complaint:
    """The complainant (who holds the tracking code) reopens a closed complaint within
    TRIDAYA_PPM_REOPEN_DAYS of its closing; the same level handles it again with a new deadline."""
    complaint = _locked(complaint)
    authorize(actor, "oversight.submit", complaint)
    now = now or timezone.now()
    if complaint.status in OPEN_STATUSES:
        raise refuse(OversightError.WRONG_STATUS, _("Pengaduan ini masih ditangani."))
    closed_at = complaint.closed_at
    if closed_at is None:  # not open, so closed by complaint_close, which sets closed_at
        raise TypeError("a closed complaint has no closing time")
    if closed_at + dt.timedelta(days=conf.reopen_days()) < now:
        raise refuse(
            OversightError.REOPEN_EXPIRED,
            _(
                "Pengaduan hanya bisa dibuka kembali %(days)s hari setelah ditutup: "
                "kirim pengaduan baru."
            )
            % {"days": conf.reopen_days()},
        )
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise refuse(
            OversightError.REASON_TOO_SHORT,
            _("Tuliskan mengapa pengaduan dibuka kembali (paling sedikit 10 huruf)."),
            field="reason",
        )
    before = complaint.status
    complaint.status = Status.IN_PROCESS
    complaint.closed_at = None
    complaint.due_at = now + conf.deadline_delta(_class_key(complaint))
    complaint.save()
    _step(complaint, StepKind.REOPENED, actor=actor, note=reason, at=now)
    record_event(
        actor=_user(actor),
        action="oversight.complaint_reopened",
        obj=complaint,
        changes={"status": [before, complaint.status]},
    )
    return complaint
