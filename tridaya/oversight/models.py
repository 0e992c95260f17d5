"""Complaints (PPM): what a resident reported, how it was classified, which handling level holds
it and until when, and the dated handling log the complainant follows with the tracking code.
Residents' monitoring reports on a work package live here too (works never imports oversight)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.fields import TEXT_LONG, TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.oversight.codes import display
from tridaya.regions.models import Region


class Channel(models.TextChoices):
    WEB = "web", _("Formulir web")
    OFFICE = "kantor", _("Datang / telepon ke BKM")
    BPKP = "bpkp", _("Laporan / temuan BPKP")
    MONITORING = "pemantauan", _("Pemantauan warga")


class Klass(models.TextChoices):
    INFORMATIF = "informatif", _("Informatif")
    MASALAH = "masalah", _("Masalah")


class Kind(models.TextChoices):
    QUESTION = "pertanyaan", _("Pertanyaan")
    SUGGESTION = "saran", _("Saran")
    CRITICISM = "kritik", _("Kritik")


class Scope(models.TextChoices):
    ADMIN = "administrasi", _("Administrasi")
    MONEY = "keuangan", _("Keuangan")


class Level(models.IntegerChoices):
    BKM = 1, _("BKM")
    FACILITATOR = 2, _("Fasilitator")
    CITY = 3, _("Korkot / kabupaten-kota")
    PROVINCE = 4, _("Provinsi")
    NATIONAL = 5, _("Nasional")


class Status(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    IN_PROCESS = "proses", _("Proses")
    RESOLVED = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROCESS)


class LinkType(models.TextChoices):
    NONE = "", _("Tidak ada")
    PACKAGE = "paket", _("Paket pekerjaan")
    KSM = "ksm", _("KSM")
    VOUCHER = "bukti", _("Bukti kas/bank (voucher)")
    PLAN_VERSION = "rencana", _("Versi rencana (RPLP/RTPLP)")
    STEP = "langkah", _("Langkah siklus")


class Complaint(TimeStampedModel):
    village = models.ForeignKey(
        Region, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    tracking_code = models.CharField(_("kode lacak"), max_length=10, unique=True)
    channel = models.CharField(_("saluran"), max_length=12, choices=Channel.choices)
    text = BoundedTextField(_("isi pengaduan"), max_length=TEXT_LONG)
    # Personal data: never shown on a public page or export.
    name = models.CharField(_("nama pengadu"), max_length=120, blank=True)
    contact = models.CharField(_("kontak (HP/email)"), max_length=120, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    klass = models.CharField(_("kelas"), max_length=12, choices=Klass.choices, blank=True)
    kind = models.CharField(_("jenis informatif"), max_length=12, choices=Kind.choices, blank=True)
    scope = models.CharField(_("lingkup"), max_length=12, choices=Scope.choices, blank=True)
    field = models.CharField(_("bidang"), max_length=1, choices=TridayaDomain.choices, blank=True)
    link_type = models.CharField(
        _("terkait"), max_length=10, choices=LinkType.choices, blank=True, default=""
    )
    link_id = models.PositiveIntegerField(_("nomor yang terkait"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(
        _("tingkat penanganan"), choices=Level.choices, default=Level.BKM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("diterima"))
    due_at = models.DateTimeField(_("batas tanggapan"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    public_answer = BoundedTextField(_("jawaban untuk publik"), blank=True, max_length=TEXT_LONG)
    notified_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="complaint_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="complaint_level_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(link_type="") | models.Q(link_id__isnull=True),
                name="complaint_link_needs_type",
            ),
        ]

    def __str__(self) -> str:
        return display(self.tracking_code)

    @property
    def region_code(self) -> str:
        return self.village.code

    @property
    def code_display(self) -> str:
        return display(self.tracking_code)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class StepKind(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    CLASSIFIED = "diklasifikasi", _("Diklasifikasi")
    ACTION = "tindakan", _("Tindakan")
    ANSWER = "jawaban", _("Jawaban kepada pengadu")
    ESCALATED = "dinaikkan", _("Dinaikkan ke tingkat berikutnya")
    RESOLVED = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")
    REOPENED = "dibuka_kembali", _("Dibuka kembali oleh pengadu")


class ComplaintStep(models.Model):
    """One dated line of the handling log (the database refuses edits)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(_("langkah"), max_length=16, choices=StepKind.choices)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    note = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    public = models.BooleanField(_("tampil untuk pengadu"), default=True)
    automatic = models.BooleanField(_("otomatis"), default=False)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("langkah penanganan")
        verbose_name_plural = _("langkah penanganan")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


def photo_path(instance: ComplaintPhoto, filename: str) -> str:
    # Not the tracking code: with it anyone can follow the complaint.
    return random_name(f"pengaduan/{instance.complaint.village_id}", filename)


class ComplaintPhoto(models.Model):
    """A photo re-encoded as JPEG without its metadata (no GPS or phone model leaks)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    image = UploadFileField(_("foto"), upload_to=photo_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("foto pengaduan")
        verbose_name_plural = _("foto pengaduan")
        ordering = ["pk"]

    def __str__(self) -> str:
        name = self.image.name
        if name is None:  # as before: str() of a photo without a file fails
            raise TypeError("__str__ returned non-string (type NoneType)")
        return name


def monitoring_photo_path(instance: MonitoringReport, filename: str) -> str:
    return random_name(f"pemantauan/{instance.village_id}/{instance.package_id}", filename)


class MonitoringReport(models.Model):
    """A resident's or monitoring team's (tim pengawas warga) short checklist on a work package.
    A report marked 'masalah' opens a complaint linked to the package."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    package_id = models.PositiveIntegerField(_("paket pekerjaan"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    observed_on = models.DateField(_("tanggal pengamatan"))
    work_happening = models.BooleanField(_("pekerjaan berjalan"))
    materials_as_planned = models.BooleanField(_("bahan sesuai rencana"))
    signboard_up = models.BooleanField(_("papan informasi terpasang"))
    note = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    photo = UploadFileField(_("foto"), upload_to=monitoring_photo_path, blank=True)
    problem = models.BooleanField(_("ada masalah"), default=False)
    complaint = models.OneToOneField(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="monitoring"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("laporan pemantauan warga")
        verbose_name_plural = _("laporan pemantauan warga")
        ordering = ["-observed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.package_id} {self.observed_on}"

    @property
    def region_code(self) -> str:
        return self.village_id
