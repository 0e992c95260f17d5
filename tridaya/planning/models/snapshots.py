"""What a legalised version shows, fixed when it is legalised.

A legalised RPLP / RTPLP never changes. Its own rows (programs, investment rows, activities, RAB
lines, feedback, sign-offs) are frozen by the database guards of migration 0002; what it shows
from elsewhere (the mapped problems and their households, slum classes of the RTs, the map, the
poverty check, the totals, the document outline) is copied into a `PlanSnapshot` at legalisation,
and its documents are rendered once and kept as `PlanDocumentFile`s in the default storage. Both
tables only grow (migration 0003: the database refuses UPDATE).

Versions legalised before snapshots existed are frozen the first time they are read (page, API,
download) or by `manage.py freeze_plans`; `at_legalisation` tells which."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.planning.models.plans import PlanVersion

SNAPSHOT_SCHEMA = 1


class PlanSnapshot(models.Model):
    version = models.OneToOneField(
        PlanVersion, on_delete=models.CASCADE, related_name="snapshot", verbose_name=_("versi")
    )
    schema = models.PositiveSmallIntegerField(_("skema"), default=SNAPSHOT_SCHEMA)
    data = models.JSONField(_("isi"))
    taken_at = models.DateTimeField(_("dibekukan pada"), default=timezone.now)
    at_legalisation = models.BooleanField(
        _("dibekukan saat pengesahan"),
        default=True,
        help_text=_("Tidak: versi disahkan sebelum ada pembekuan, dibekukan saat pertama dibaca."),
    )

    class Meta:
        verbose_name = _("pembekuan versi rencana")
        verbose_name_plural = _("pembekuan versi rencana")

    def __str__(self) -> str:
        return f"{self.version} ({self.taken_at:%Y-%m-%d})"


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"


def document_path(instance: PlanDocumentFile, filename: str) -> str:
    version = instance.version
    return random_name(
        f"rencana/{version.plan.village_id}/{version.plan_id}/v{version.number}", filename
    )


class PlanDocumentFile(models.Model):
    """A document of a legalised version, rendered once and served as stored."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="document_files"
    )
    fmt = models.CharField(_("format"), max_length=4, choices=DocumentFormat.choices)
    # Rendered by the app (not uploaded): PDF, DOCX or XLSX of a legalised version.
    file = UploadFileField(
        _("berkas"),
        upload_to=document_path,
        accept={kinds.Kind.PDF, kinds.Kind.DOCX, kinds.Kind.XLSX},
        group="generated",
        max_length=255,
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    rendered_at = models.DateTimeField(_("disusun pada"), default=timezone.now)

    class Meta:
        verbose_name = _("dokumen versi sah")
        verbose_name_plural = _("dokumen versi sah")
        constraints = [
            models.UniqueConstraint(fields=["version", "fmt"], name="plan_document_file_fmt")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.fmt}"
