"""Field reports, progress entries with their approval flow, and photos with EXIF time/place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.works.models.packages import WorkPackage


class ReportKind(models.TextChoices):
    DAILY = "harian", _("Harian")
    WEEKLY = "mingguan", _("Mingguan")


class FieldReport(models.Model):
    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("jenis laporan"), max_length=10, choices=ReportKind.choices)
    date = models.DateField(_("tanggal"))
    workers_men = models.PositiveIntegerField(_("pekerja laki-laki"), default=0)
    workers_women = models.PositiveIntegerField(_("pekerja perempuan"), default=0)
    workers_mbr = models.PositiveIntegerField(_("pekerja MBR"), default=0)
    hok_days = models.PositiveIntegerField(_("HOK (hari orang kerja)"), default=0)
    hok_rate = models.BigIntegerField(_("nilai per HOK (Rp)"), default=0)
    paid = models.BooleanField(_("upah dibayar"), default=True)
    materials = BoundedTextField(_("bahan yang datang"), blank=True, max_length=TEXT_NOTE)
    weather = models.CharField(_("cuaca"), max_length=100, blank=True)
    obstacles = BoundedTextField(_("kendala"), blank=True, max_length=TEXT_NOTE)
    swadaya_voucher_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    instance_id = models.CharField(_("ID kiriman formulir"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["package", "-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "kind", "date"], name="works_report_once_per_day"
            ),
            models.CheckConstraint(condition=Q(hok_rate__gte=0), name="works_report_rate"),
            models.CheckConstraint(
                condition=Q(workers_mbr__lte=models.F("workers_men") + models.F("workers_women")),
                name="works_report_mbr_within_workers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package} {self.date}"

    @property
    def region_code(self) -> str:
        return self.package.village_id

    @property
    def workers(self) -> int:
        return self.workers_men + self.workers_women


class EntryStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "diajukan", _("Diajukan")
    RETURNED = "dikembalikan", _("Dikembalikan")
    APPROVED = "disetujui", _("Disetujui")


class ProgressEntry(models.Model):
    """A dated physical progress claim (percent of the whole package). Only approved entries
    count (Akvo RSR's period updates)."""

    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("tanggal"))
    percent = models.DecimalField(_("progres fisik (%)"), max_digits=5, decimal_places=2)
    note = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    status = models.CharField(
        _("status"), max_length=14, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    return_reason = BoundedTextField(_("alasan dikembalikan"), blank=True, max_length=TEXT_NOTE)
    instance_id = models.CharField(_("ID kiriman formulir"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["package", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="works_entry_percent"
            ),
            models.UniqueConstraint(
                fields=["package", "instance_id"],
                condition=~Q(instance_id=""),
                name="works_entry_instance_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package} {self.percent}% ({self.date})"

    @property
    def region_code(self) -> str:
        return self.package.village_id


def photo_path(photo: Photo, filename: str) -> str:
    return random_name(f"works/{photo.package.village_id}/{photo.package_id}", filename)


class Photo(models.Model):
    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="photos")
    entry = models.ForeignKey(
        ProgressEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    report = models.ForeignKey(
        FieldReport, null=True, blank=True, on_delete=models.CASCADE, related_name="photos"
    )
    slot = models.PositiveSmallIntegerField(_("slot bukti (0/50/100%)"), null=True, blank=True)
    # The time and place stay in the stored photo: the works pages and audits read them.
    image = UploadFileField(_("foto"), upload_to=photo_path, keep_time_place=True)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    taken_at = models.DateTimeField(_("waktu pengambilan"))
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    distance_m = models.DecimalField(
        _("jarak dari lokasi (m)"), max_digits=10, decimal_places=1, default=0
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["package", "taken_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(slot__in=[0, 50, 100]), name="works_photo_slot"
            )
        ]
        indexes = [models.Index(fields=["package", "taken_at"])]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""

    @property
    def region_code(self) -> str:
        return self.package.village_id
