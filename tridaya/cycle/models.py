"""The PLPBK cycle engine: templates (data), programs with their thresholds, a village's cycle and
its steps, gate overrides, sign-offs, step documents, and meetings (rembug) with attendance.

A template row is immutable once loaded; a village cycle copies each step's definition when it is
enrolled, so a later template version never alters a running cycle."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.accounts.models import Role
from tridaya.core.choices import Sex
from tridaya.core.models import TimeStampedModel
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField, UploadImageField
from tridaya.core.uploads.names import random_name
from tridaya.regions.models import Level, Region


class CycleTemplate(models.Model):
    code = models.CharField(_("kode"), max_length=40)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=120)
    definition = models.JSONField(_("definisi"))
    checksum = models.CharField(_("sidik isi (SHA-256)"), max_length=64)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("templat siklus")
        verbose_name_plural = _("templat siklus")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cycle_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class Program(TimeStampedModel):
    """A program year (e.g. PLPBK 2026) with the thresholds its gate rules use. The public record
    sets no quorum, so none applies until a program sets one."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    year = models.PositiveSmallIntegerField(_("tahun"))
    template_code = models.CharField(_("templat siklus"), max_length=40, default="plpbk")
    women_min_pct = models.DecimalField(
        _("perempuan minimal (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("30"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    poor_min_pct = models.DecimalField(
        _("warga miskin minimal (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    quorum = models.PositiveIntegerField(_("kuorum (jumlah hadir minimal)"), null=True, blank=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.name


class VillageCycle(TimeStampedModel):
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="cycles",
        limit_choices_to={"level": Level.VILLAGE},
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="cycles"
    )
    template = models.ForeignKey(
        CycleTemplate, verbose_name=_("templat"), on_delete=models.PROTECT, related_name="cycles"
    )

    class Meta:
        verbose_name = _("siklus desa")
        verbose_name_plural = _("siklus desa")
        ordering = ["village", "-program__year"]
        constraints = [
            models.UniqueConstraint(fields=["village", "program"], name="one_cycle_per_program")
        ]

    def __str__(self) -> str:
        return f"{self.program} - {self.village}"

    @property
    def region_code(self) -> str:
        return self.village_id


class StepStatus(models.TextChoices):
    LOCKED = "locked", _("Belum dibuka")
    OPEN = "open", _("Berjalan")
    DONE = "done", _("Selesai")


class Step(TimeStampedModel):
    cycle = models.ForeignKey(VillageCycle, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("urutan"))
    stage_code = models.CharField(_("kode tahap"), max_length=40)
    stage_title = models.CharField(_("tahap"), max_length=120)
    stage_order = models.PositiveSmallIntegerField(_("urutan tahap"))
    code = models.CharField(_("kode langkah"), max_length=40)
    title = models.CharField(_("langkah"), max_length=160)
    # The step's definition copied from the template at enrolment: description, outputs, gates,
    # sign-off roles. Never changed afterwards.
    definition = models.JSONField(_("definisi"))
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.LOCKED
    )
    opened_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diselesaikan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("langkah")
        verbose_name_plural = _("langkah")
        ordering = ["cycle", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="step_code_unique"),
            models.UniqueConstraint(fields=["cycle", "order"], name="step_order_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.cycle.village_id

    @property
    def description(self) -> str:
        return self.definition.get("description", "")

    @property
    def outputs(self) -> list[str]:
        return self.definition.get("outputs", [])

    def signoff_roles(self, kind: str) -> list[str]:
        return self.definition.get("signoffs", {}).get(kind, [])


class GateOverride(models.Model):
    """A city coordinator let a step pass its failing gates, with a written reason."""

    step = models.OneToOneField(Step, on_delete=models.CASCADE, related_name="override")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("alasan"), max_length=2000, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("pengecualian gerbang")
        verbose_name_plural = _("pengecualian gerbang")

    def __str__(self) -> str:
        return f"{self.step}: {self.reason[:40]}"

    @property
    def region_code(self) -> str:
        return self.step.region_code


class SignOffKind(models.TextChoices):
    """The program MIS's three sign-offs, given in this order."""

    SUBMITTED = "submitted", _("Diserahkan oleh")
    ACKNOWLEDGED = "acknowledged", _("Diketahui oleh")
    VERIFIED = "verified", _("Diverifikasi oleh")


SIGNOFF_ORDER = [SignOffKind.SUBMITTED, SignOffKind.ACKNOWLEDGED, SignOffKind.VERIFIED]


class SignOff(models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="signoffs")
    kind = models.CharField(_("jenis"), max_length=12, choices=SignOffKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=120)
    role = models.CharField(_("peran"), max_length=32)
    signed_on = models.DateField(_("tanggal"))
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdraw_reason = models.TextField(
        _("alasan penarikan"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )

    class Meta:
        verbose_name = _("tanda tangan langkah")
        verbose_name_plural = _("tanda tangan langkah")
        ordering = ["step", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "kind"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_signoff_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.signer_name}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role in Role.values else self.role

    @property
    def region_code(self) -> str:
        return self.step.region_code


def step_document_path(instance: "StepDocument", filename: str) -> str:
    return random_name(f"siklus/{instance.step.cycle.village_id}/{instance.step.code}", filename)


class StepDocument(TimeStampedModel):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=60)
    title = models.CharField(_("judul"), max_length=200)
    file = UploadFileField(
        _("berkas"), upload_to=step_document_path, accept=kinds.DOCUMENTS, group="document"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dokumen langkah")
        verbose_name_plural = _("dokumen langkah")
        ordering = ["step", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.step.region_code


class MeetingKind(models.TextChoices):
    REMBUG_WARGA = "rembug_warga", _("Rembug warga")
    RKM = "rkm", _("Rembug Kesiapan Masyarakat (RKM)")
    FGD = "fgd", _("Diskusi kelompok terarah (FGD)")
    LOKAKARYA = "lokakarya", _("Lokakarya")
    MUSYAWARAH = "musyawarah", _("Musyawarah")
    UJI_PUBLIK = "uji_publik", _("Uji publik")


class AttendanceMode(models.TextChoices):
    LIST = "list", _("Daftar nama peserta")
    COUNTS = "counts", _("Jumlah peserta saja")


class Meeting(TimeStampedModel):
    """A rembug, RKM, FGD, workshop, musyawarah or uji publik. The counts fields always hold the
    totals: typed in when attendance is kept as counts, summed from the list otherwise."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    step = models.ForeignKey(
        Step,
        verbose_name=_("untuk langkah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    kind = models.CharField(_("jenis pertemuan"), max_length=20, choices=MeetingKind.choices)
    title = models.CharField(_("judul"), max_length=200, blank=True)
    number = models.CharField(_("nomor berita acara"), max_length=80, blank=True)
    agenda = models.TextField(_("agenda"), max_length=2000, validators=[MaxLengthValidator(2000)])
    held_on = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200)
    facilitator = models.CharField(_("fasilitator / pemandu"), max_length=120, blank=True)
    attendance_mode = models.CharField(
        _("cara mencatat kehadiran"),
        max_length=8,
        choices=AttendanceMode.choices,
        default=AttendanceMode.COUNTS,
    )
    men = models.PositiveIntegerField(_("laki-laki"), default=0)
    women = models.PositiveIntegerField(_("perempuan"), default=0)
    poor = models.PositiveIntegerField(_("warga miskin (MBR)"), default=0)
    disabled = models.PositiveIntegerField(_("penyandang disabilitas"), default=0)
    decisions = models.JSONField(_("keputusan"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pertemuan")
        verbose_name_plural = _("pertemuan")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.display_title} {self.held_on:%d-%m-%Y}"

    @property
    def display_title(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def total(self) -> int:
        return self.men + self.women


class Attendance(models.Model):
    """One participant when attendance is kept as a list."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    person = models.ForeignKey(
        "institutions.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("nama"), max_length=120)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    is_poor = models.BooleanField(_("warga miskin"), default=False)
    disabled = models.BooleanField(_("disabilitas"), default=False)
    role = models.CharField(_("unsur / peran"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.name


def meeting_photo_path(instance: "MeetingPhoto", filename: str) -> str:
    return random_name(f"pertemuan/{instance.meeting.village_id}/{instance.meeting_id}", filename)


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = UploadImageField(_("foto"), upload_to=meeting_photo_path)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto pertemuan")
        verbose_name_plural = _("foto pertemuan")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""
