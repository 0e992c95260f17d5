"""A training event of a village or kecamatan: its modules, dates, costs, rules and status."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.regions.models import Level, Region
from tridaya.training.models.curriculum import Curriculum, Module, check_groups


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan / berjalan")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Training(TimeStampedModel):
    """A training held for a village, or for the villages of a kecamatan."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="trainings",
        limit_choices_to={"level__in": [Level.DISTRICT, Level.VILLAGE]},
    )
    curriculum = models.ForeignKey(
        Curriculum, verbose_name=_("kurikulum"), on_delete=models.PROTECT, related_name="trainings"
    )
    modules = models.ManyToManyField(Module, verbose_name=_("modul"), related_name="trainings")
    title = models.CharField(_("judul"), max_length=200)
    place = models.CharField(_("tempat"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    target_groups = models.JSONField(_("kelompok sasaran"), default=list, blank=True)
    cost_program = models.BigIntegerField(
        _("biaya dari program (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    cost_swadaya = models.BigIntegerField(
        _("biaya swadaya (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    # Copied from TrainingSettings when the training is created.
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus post-test"), validators=[MaxValueValidator(100)]
    )
    max_absence_pct = models.PositiveSmallIntegerField(
        _("ketidakhadiran maksimal (%)"), validators=[MaxValueValidator(100)]
    )
    require_pass = models.BooleanField(_("sertifikat hanya untuk yang lulus"), default=False)
    signer_title = models.CharField(
        _("jabatan penanda tangan sertifikat"), max_length=120, blank=True
    )
    signer_name = models.CharField(_("nama penanda tangan sertifikat"), max_length=120, blank=True)
    cosigner_title = models.CharField(_("jabatan penanda tangan kedua"), max_length=120, blank=True)
    cosigner_name = models.CharField(_("nama penanda tangan kedua"), max_length=120, blank=True)
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    closed_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_reason = BoundedTextField(
        _("alasan pembatalan / pembukaan kembali"), blank=True, max_length=TEXT_NOTE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["region", "status"], name="training_region_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="training_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(cost_program__gte=0) & Q(cost_swadaya__gte=0),
                name="training_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.region_id

    @property
    def is_open(self) -> bool:
        return self.status == TrainingStatus.PLANNED

    @property
    def cost_total(self) -> int:
        return self.cost_program + self.cost_swadaya

    def clean(self) -> None:
        errors: dict = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.region_id and self.region.level not in (Level.DISTRICT, Level.VILLAGE):
            errors["region"] = _("Pelatihan diadakan untuk sebuah kelurahan/desa atau kecamatan.")
        try:
            check_groups(self.target_groups, "target_groups")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
