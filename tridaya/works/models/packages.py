"""Work packages made from legalised RTPLP activities, their RAB lines with a weekly schedule,
named beneficiaries, and who reports for a KSM."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.institutions.models import KSM
from tridaya.regions.models import RT, Region


class PackageStatus(models.TextChoices):
    PLANNED = "rencana", _("Rencana")
    RUNNING = "berjalan", _("Berjalan")
    DONE = "selesai", _("Selesai")


class Quality(models.TextChoices):
    GOOD = "baik", _("Baik")
    FAIR = "cukup", _("Cukup")
    POOR = "kurang", _("Kurang")


class WorkPackage(models.Model):
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="work_packages")
    plan_activity_id = models.PositiveIntegerField(_("kegiatan RTPLP"))
    name = models.CharField(_("nama paket"), max_length=200)
    domain = models.CharField(_("daya (Tridaya)"), max_length=1, default="L")
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    rt = models.ForeignKey(
        RT, verbose_name=_("RT"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    geometry = models.JSONField(_("lokasi di peta (GeoJSON)"))
    length_m = models.DecimalField(_("panjang (m)"), max_digits=14, decimal_places=2, default=0)
    area_m2 = models.DecimalField(_("luas (m²)"), max_digits=14, decimal_places=2, default=0)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    ksm = models.ForeignKey(
        KSM,
        verbose_name=_("KSM"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_packages",
    )
    builder_name = models.CharField(_("panitia pelaksana"), max_length=150, blank=True)
    starts_on = models.DateField(_("rencana mulai"))
    ends_on = models.DateField(_("rencana selesai"))
    started_on = models.DateField(_("mulai dikerjakan"), null=True, blank=True)
    completed_on = models.DateField(_("selesai dikerjakan"), null=True, blank=True)
    value = models.BigIntegerField(_("nilai RAB (Rp)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PackageStatus.choices, default=PackageStatus.PLANNED
    )
    progress = models.DecimalField(
        _("progres fisik disetujui (%)"), max_digits=5, decimal_places=2, default=0
    )
    people = models.PositiveIntegerField(_("penerima manfaat (jiwa)"), default=0)
    women = models.PositiveIntegerField(_("perempuan"), default=0)
    mbr = models.PositiveIntegerField(_("MBR"), default=0)
    households = models.PositiveIntegerField(_("KK"), default=0)
    poor_households = models.PositiveIntegerField(_("KK miskin"), default=0)
    quality = models.CharField(_("mutu"), max_length=8, choices=Quality.choices, blank=True)
    quality_note = BoundedTextField(_("catatan pemeriksa"), blank=True, max_length=TEXT_NOTE)
    quality_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quality_on = models.DateField(_("tanggal penilaian mutu"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("paket pekerjaan")
        verbose_name_plural = _("paket pekerjaan")
        ordering = ["village", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "plan_activity_id"], name="works_package_once_per_activity"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="works_package_dates"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="works_package_progress"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="works_package_value"),
        ]
        indexes = [models.Index(fields=["village", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def builder(self) -> str:
        return self.ksm.name if self.ksm_id and self.ksm else self.builder_name


class WorkItem(models.Model):
    """One RAB line of the package with the weeks it is planned in (1 = the first week)."""

    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("uraian pekerjaan"), max_length=300)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    start_week = models.PositiveSmallIntegerField(_("minggu mulai"), default=1)
    end_week = models.PositiveSmallIntegerField(_("minggu selesai"), default=1)

    class Meta:
        ordering = ["package", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_week__gte=models.F("start_week")) & Q(start_week__gte=1),
                name="works_item_weeks",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="works_item_amount"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def region_code(self) -> str:
        return self.package.village_id


class Beneficiary(models.Model):
    """A named beneficiary (shown only to roles that need it; public pages show counts)."""

    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="beneficiaries")
    name = models.CharField(_("nama"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    mbr = models.BooleanField(_("MBR"), default=False)
    poor = models.BooleanField(_("KK miskin"), default=False)

    class Meta:
        ordering = ["package", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.package.village_id


class KsmReporter(models.Model):
    """A signed-in user who reports for a KSM (a KSM role holder reports only its own packages)."""

    ksm = models.ForeignKey(KSM, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ksm", "user"], name="works_reporter_once")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.ksm}"

    @property
    def region_code(self) -> str:
        return self.ksm.village_id
