"""Survey imports: one `ImportBatch` per file imported (its report: counts, unknown columns,
every bad row with line, column and reason), and the `QuarantinedRow`s a quarantine-mode import
kept aside for correction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.regions.models import Level, Region


class SurveyForm(models.TextChoices):
    HOUSEHOLD = "household", _("Survei rumah tangga")
    RT_PROFILE = "rt_profile", _("Survei profil RT")
    PROBLEM = "problem", _("Laporan masalah dan potensi")


class SourceFormat(models.TextChoices):
    KOBO_CSV = "kobo_csv", _("KoBoToolbox CSV")
    KOBO_XLSX = "kobo_xlsx", _("KoBoToolbox XLSX")
    ODK_CSV = "odk_csv", _("ODK Central CSV")


class ImportMode(models.TextChoices):
    STRICT = "strict", _("Ketat: satu baris salah, tidak ada yang disimpan")
    QUARANTINE = "quarantine", _("Karantina: simpan baris yang benar, sisihkan yang salah")


class ImportStatus(models.TextChoices):
    IMPORTED = "imported", _("Berhasil diimpor")
    REJECTED = "rejected", _("Ditolak, tidak ada yang disimpan")
    PARTIAL = "partial", _("Sebagian diimpor, baris salah dikarantina")


class ImportBatch(TimeStampedModel):
    """One imported file and its report. A rejected import keeps its report and nothing else."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="survey_imports",
        limit_choices_to={"level": Level.VILLAGE},
    )
    form = models.CharField(_("formulir"), max_length=20, choices=SurveyForm.choices)
    source_format = models.CharField(
        _("format berkas"), max_length=12, choices=SourceFormat.choices
    )
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=ImportMode.choices)
    status = models.CharField(_("hasil"), max_length=12, choices=ImportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diimpor oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rows = models.PositiveIntegerField(_("baris data"), default=0)
    created = models.PositiveIntegerField(_("baru"), default=0)
    updated = models.PositiveIntegerField(_("diperbarui"), default=0)
    unchanged = models.PositiveIntegerField(_("tidak berubah"), default=0)
    bad_rows = models.PositiveIntegerField(_("baris salah"), default=0)
    quarantined = models.PositiveIntegerField(_("dikarantina"), default=0)
    # The file's header, so quarantined rows can be downloaded in the same layout.
    header = models.JSONField(_("judul kolom"), default=list, blank=True)
    # Columns the form does not know: reported, never silently dropped.
    unknown_columns = models.JSONField(_("kolom tak dikenal"), default=list, blank=True)
    # [{"line": 12, "column": "rt", "value": "RT 9", "reason": "..."}], the first
    # `ISSUES_KEPT` of them; `bad_rows` counts them all.
    issues = models.JSONField(_("masalah per baris"), default=list, blank=True)
    issues_truncated = models.BooleanField(default=False)
    seconds = models.FloatField(_("lama (detik)"), default=0)

    ISSUES_KEPT = 10_000

    class Meta:
        verbose_name = _("impor survei")
        verbose_name_plural = _("impor survei")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def region_code(self) -> str:
        return self.village_id


class QuarantinedRow(TimeStampedModel):
    """A bad row a quarantine-mode import kept aside, with its answers as they came and the
    reasons, until a corrected file imports the same submission."""

    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("impor"),
        on_delete=models.CASCADE,
        related_name="quarantined_rows",
    )
    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.CASCADE, related_name="+"
    )
    form = models.CharField(_("formulir"), max_length=20, choices=SurveyForm.choices)
    line = models.PositiveIntegerField(_("baris"))
    instance_id = models.CharField(_("ID kiriman survei"), max_length=100, blank=True)
    # The row's cells as exported, in the order of the batch's header.
    cells = models.JSONField(_("isi baris"), default=list)
    issues = models.JSONField(_("masalah"), default=list)
    resolved_by = models.ForeignKey(
        ImportBatch,
        verbose_name=_("diselesaikan oleh impor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_rows",
    )

    class Meta:
        verbose_name = _("baris karantina")
        verbose_name_plural = _("baris karantina")
        ordering = ["batch", "line"]
        indexes = [
            models.Index(fields=["village", "form", "instance_id"], name="quarantine_instance_idx")
        ]

    def __str__(self) -> str:
        return _("Baris %(line)s") % {"line": self.line}

    @property
    def region_code(self) -> str:
        return self.village_id
