"""Field reports and progress entries: draft -> submitted -> returned (with a reason) ->
approved. Only approved entries count; the 0/50/100% evidence slots must hold a photo before a
claim at or above that level is submitted or approved."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import record_event
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.works.conf import evidence_slots
from tridaya.works.errors import WorksError, refuse
from tridaya.works.models import (
    EntryStatus,
    FieldReport,
    PackageStatus,
    Photo,
    ProgressEntry,
    WorkPackage,
)
from tridaya.works.photos import check_photo
from tridaya.works.schedule import evidence_needed


@dataclass(frozen=True)
class ReportInput:
    kind: str
    date: dt.date
    workers_men: int = 0
    workers_women: int = 0
    workers_mbr: int = 0
    hok_days: int = 0
    hok_rate: int = 0
    paid: bool = True
    materials: str = ""
    weather: str = ""
    obstacles: str = ""
    instance_id: str = ""


def _zone(package: WorkPackage) -> str:
    from tridaya.regions.timezones import timezone_for_code

    return str(timezone_for_code(package.village_id))


def _locked(package: WorkPackage) -> WorkPackage:
    return WorkPackage.objects.select_for_update().get(pk=package.pk)


@transaction.atomic(durable=True)
def report_record(*, actor: User | None, package: WorkPackage, data: ReportInput) -> FieldReport:
    """A daily or weekly field report; unpaid HOK goes into the ledger as swadaya in kind."""
    authorize(actor, "works.report", package)
    if data.instance_id:
        earlier = FieldReport.objects.filter(package=package, instance_id=data.instance_id).first()
        if earlier is not None:
            return earlier
    if FieldReport.objects.filter(package=package, kind=data.kind, date=data.date).exists():
        raise refuse(
            WorksError.REPORT_EXISTS,
            _("Laporan %(kind)s tanggal %(date)s sudah ada.")
            % {"kind": data.kind, "date": data.date.strftime("%d-%m-%Y")},
            field="date",
        )
    if data.date < package.starts_on:
        raise refuse(
            WorksError.BAD_DATES,
            _("Tanggal laporan sebelum paket mulai (%(start)s).")
            % {"start": package.starts_on.strftime("%d-%m-%Y")},
            field="date",
        )
    report = FieldReport(package=package, created_by=actor, **data.__dict__)
    report.full_clean()
    report.save()
    if data.hok_days and not data.paid:
        _swadaya_labour(package, report)
    record_event(
        actor=actor,
        action="works.report_recorded",
        obj=report,
        changes={"date": [None, str(data.date)], "hok": [None, data.hok_days]},
    )
    return report


def _swadaya_labour(package: WorkPackage, report: FieldReport) -> None:
    from tridaya.works.money_source import record_swadaya

    if report.hok_rate <= 0:
        raise refuse(
            WorksError.BAD_REPORT,
            _("Isi nilai per HOK: kerja tanpa upah dicatat sebagai swadaya senilai HOK x nilai."),
            field="hok_rate",
        )
    voucher = record_swadaya(
        village=package.village,
        form="labour",
        date=report.date,
        description=_("Swadaya tenaga %(package)s, %(date)s")
        % {"package": package.name, "date": report.date.strftime("%d-%m-%Y")},
        key=f"works-report-{report.pk}",
        days=report.hok_days,
        daily_rate=report.hok_rate,
        workers_men=report.workers_men,
        workers_women=report.workers_women,
        ksm=package.ksm,
    )
    report.swadaya_voucher_id = voucher.pk
    report.save(update_fields=["swadaya_voucher_id"])


def _entry_draft(
    *,
    actor: User | None,
    package: WorkPackage,
    date: dt.date,
    percent: Decimal,
    note: str = "",
    instance_id: str = "",
) -> ProgressEntry:
    authorize(actor, "works.report", package)
    if instance_id:
        earlier = ProgressEntry.objects.filter(package=package, instance_id=instance_id).first()
        if earlier is not None:
            return earlier
    percent = Decimal(percent)
    if not Decimal(0) <= percent <= Decimal(100):
        raise refuse(
            WorksError.BAD_PERCENT, _("Progres fisik harus antara 0 dan 100%."), field="percent"
        )
    if percent < package.progress:
        raise refuse(
            WorksError.PERCENT_BACKWARDS,
            _("Progres %(got)s%% lebih kecil dari yang sudah disetujui (%(approved)s%%).")
            % {"got": percent, "approved": package.progress},
            field="percent",
        )
    if date < package.starts_on:
        raise refuse(WorksError.BAD_DATES, _("Tanggal progres sebelum paket mulai."), field="date")
    entry = ProgressEntry(
        package=package,
        date=date,
        percent=percent,
        note=note,
        created_by=actor,
        instance_id=instance_id,
    )
    entry.full_clean()
    entry.save()
    record_event(
        actor=actor,
        action="works.progress_drafted",
        obj=entry,
        changes={"percent": [None, str(percent)]},
    )
    return entry


entry_draft = transaction.atomic(durable=True)(_entry_draft)


def _photo_add(
    *,
    actor: User | None,
    package: WorkPackage,
    file: File,
    entry: ProgressEntry | None = None,
    report: FieldReport | None = None,
    slot: int | None = None,
    caption: str = "",
) -> Photo:
    """A photo with its EXIF time and place, refused when taken before the package started or
    too far from its location."""
    authorize(actor, "works.report", package)
    if entry is not None and entry.status not in (EntryStatus.DRAFT, EntryStatus.RETURNED):
        raise refuse(
            WorksError.WRONG_STATUS,
            _("Foto hanya bisa ditambahkan pada progres berstatus draf atau dikembalikan."),
        )
    if slot is not None and slot not in evidence_slots():
        raise refuse(WorksError.BAD_PERCENT, _("Slot bukti harus 0, 50 atau 100%."), field="slot")
    checked = check_photo(
        file, geometry=package.geometry, starts_on=package.starts_on, zone=_zone(package)
    )
    file.name = f"{uuid.uuid4().hex}.jpg"  # the stored name says nothing about the sender
    photo = Photo(
        package=package,
        entry=entry,
        report=report,
        slot=slot,
        image=file,
        caption=caption,
        taken_at=checked.taken_at,
        latitude=checked.latitude,
        longitude=checked.longitude,
        distance_m=checked.distance_m,
    )
    photo.full_clean()
    photo.save()
    record_event(
        actor=actor,
        action="works.photo_added",
        obj=photo,
        changes={"slot": [None, slot], "taken_at": [None, checked.taken_at.isoformat()]},
    )
    return photo


photo_add = transaction.atomic(durable=True)(_photo_add)


def _check_evidence(entry: ProgressEntry) -> None:
    needed = evidence_needed(entry.percent, evidence_slots())
    have = set(
        Photo.objects.filter(package_id=entry.package_id, slot__isnull=False)
        .filter(entry__status=EntryStatus.APPROVED)
        .values_list("slot", flat=True)
    ) | set(entry.photos.filter(slot__isnull=False).values_list("slot", flat=True))
    missing = [slot for slot in needed if slot not in have]
    if missing:
        raise refuse(
            WorksError.EVIDENCE_MISSING,
            _("Progres %(percent)s%% butuh foto bukti %(slots)s: tambahkan fotonya dulu.")
            % {"percent": entry.percent, "slots": ", ".join(f"{s}%" for s in missing)},
            field="photo",
        )
    if not entry.photos.exists():
        raise refuse(
            WorksError.EVIDENCE_MISSING,
            _("Tambahkan paling sedikit satu foto progres."),
            field="photo",
        )


def _entry_locked(entry: ProgressEntry, allowed: tuple[str, ...]) -> ProgressEntry:
    entry = ProgressEntry.objects.select_for_update().select_related("package").get(pk=entry.pk)
    if entry.status not in allowed:
        raise refuse(
            WorksError.WRONG_STATUS,
            _("Progres ini berstatus %(status)s; langkah ini tidak bisa dilakukan.")
            % {"status": entry.get_status_display()},
        )
    return entry


def _entry_submit(*, actor: User | None, entry: ProgressEntry) -> ProgressEntry:
    authorize(actor, "works.report", entry.package)
    entry = _entry_locked(entry, (EntryStatus.DRAFT, EntryStatus.RETURNED))
    _check_evidence(entry)
    before = entry.status
    entry.status = EntryStatus.SUBMITTED
    entry.save(update_fields=["status"])
    record_event(
        actor=actor,
        action="works.progress_submitted",
        obj=entry,
        changes={"status": [before, entry.status]},
    )
    return entry


entry_submit = transaction.atomic(durable=True)(_entry_submit)


@transaction.atomic(durable=True)
def entry_return(*, actor: User | None, entry: ProgressEntry, reason: str) -> ProgressEntry:
    authorize(actor, "works.approve", entry.package)
    reason = require_reason(reason, code=WorksError.REASON_TOO_SHORT)
    entry = _entry_locked(entry, (EntryStatus.SUBMITTED,))
    entry.status = EntryStatus.RETURNED
    entry.return_reason = reason
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save(update_fields=["status", "return_reason", "decided_by", "decided_at"])
    record_event(
        actor=actor,
        action="works.progress_returned",
        obj=entry,
        changes={"status": [EntryStatus.SUBMITTED, entry.status], "reason": [None, reason]},
    )
    return entry


@transaction.atomic(durable=True)
def entry_approve(*, actor: User | None, entry: ProgressEntry) -> ProgressEntry:
    """Approve; the package's progress, status and dates follow the approved entries."""
    authorize(actor, "works.approve", entry.package)
    entry = _entry_locked(entry, (EntryStatus.SUBMITTED,))
    _check_evidence(entry)
    entry.status = EntryStatus.APPROVED
    entry.decided_by = actor
    entry.decided_at = timezone.now()
    entry.save(update_fields=["status", "decided_by", "decided_at"])
    package = _locked(entry.package)
    before = package.progress
    package.progress = ProgressEntry.objects.filter(
        package=package, status=EntryStatus.APPROVED
    ).aggregate(top=Max("percent"))["top"]
    if package.started_on is None or entry.date < package.started_on:
        package.started_on = entry.date
    package.status = PackageStatus.RUNNING
    if package.progress >= 100:
        package.status = PackageStatus.DONE
        package.completed_on = package.completed_on or entry.date
    package.full_clean()
    package.save(update_fields=["progress", "status", "started_on", "completed_on"])
    record_event(
        actor=actor,
        action="works.progress_approved",
        obj=entry,
        changes={
            "status": [EntryStatus.SUBMITTED, entry.status],
            "progress": [str(before), str(package.progress)],
        },
    )
    return entry


@transaction.atomic(durable=True)
def quality_rate(
    *, actor: User | None, package: WorkPackage, quality: str, note: str, date: dt.date
) -> WorkPackage:
    """Kualitas Baik / Cukup / Kurang with the inspector's note (a note is required)."""
    authorize(actor, "works.approve", package)
    package = _locked(package)
    before = package.quality
    package.quality, package.quality_note = quality, note.strip()
    package.quality_by, package.quality_on = actor, date
    if not package.quality_note:
        raise refuse(
            WorksError.BAD_REPORT,
            _("Tulis catatan pemeriksa untuk penilaian mutu."),
            field="quality_note",
        )
    package.full_clean()
    package.save(update_fields=["quality", "quality_note", "quality_by", "quality_on"])
    record_event(
        actor=actor,
        action="works.quality_rated",
        obj=package,
        changes={"quality": [before, quality]},
    )
    return package


def _entry_report(
    *,
    actor: User | None,
    package: WorkPackage,
    date: dt.date,
    percent: Decimal,
    file: File,
    slot: int | None = None,
    note: str = "",
    submit: bool = False,
    instance_id: str = "",
) -> ProgressEntry:
    """A progress claim with its photo, submitted at once when asked: all or nothing (a refused
    photo leaves no draft behind). A repeated `instance_id` (a form sent twice) returns the
    first entry unchanged."""
    if instance_id:
        authorize(actor, "works.report", package)
        earlier = ProgressEntry.objects.filter(package=package, instance_id=instance_id).first()
        if earlier is not None:
            return earlier
    entry = _entry_draft(
        actor=actor,
        package=package,
        date=date,
        percent=percent,
        note=note,
        instance_id=instance_id,
    )
    _photo_add(actor=actor, package=package, entry=entry, file=file, slot=slot)
    if submit:
        entry = _entry_submit(actor=actor, entry=entry)
    return entry


entry_report = transaction.atomic(durable=True)(_entry_report)
# For the progress form's import (works.fieldform), inside its transaction.
entry_report_nested = transaction.atomic(_entry_report)


def photo_files_discard(*, names: list[str]) -> None:
    """Remove photo files whose rows a rolled-back transaction took back out (an import of
    the progress form that was refused after it stored some photos)."""
    storage = Photo._meta.get_field("image").storage
    for name in names:
        if name and storage.exists(name):
            storage.delete(name)
