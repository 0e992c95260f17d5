from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Base for every Tridaya table: when a row was made and last changed (UTC)."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One change to something that matters (plans, money, roles, sign-offs, complaints...).

    Written by services in the same transaction as the change; never edited afterwards (the
    database refuses UPDATE on this table, see migration 0002)."""

    created_at = models.DateTimeField(_("waktu (UTC)"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    action = models.CharField(_("tindakan"), max_length=80)
    object_type = models.CharField(_("jenis objek"), max_length=80)
    object_id = models.CharField(_("ID objek"), max_length=64)
    object_repr = models.CharField(_("objek"), max_length=200, blank=True)
    # Kemendagri code of the region the object belongs to: lets a village or a province browse
    # its own history with one indexed prefix query.
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True, db_index=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    request_id = models.CharField(_("ID permintaan"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action_label} {self.object_repr}"

    @property
    def action_label(self) -> str:
        """What people read for the action code (see `tridaya.core.audit.register_actions`)."""
        from tridaya.core.audit import action_label

        return action_label(self.action)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(models.Model):
    """One run of a background job (`tridaya/core/jobs.py`): what, for whom, how far, and its
    result or error. Pages poll it (htmx) while it runs."""

    kind = models.CharField(_("jenis"), max_length=60)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    # Jobs with the same key are one job while queued or running (e.g. "refresh the figures").
    dedupe_key = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("selesai"), default=0)
    total = models.PositiveIntegerField(_("jumlah"), default=0)
    message = models.CharField(_("keterangan"), max_length=300, blank=True)
    result = models.JSONField(_("hasil"), null=True, blank=True)
    error = models.TextField(_("galat"), blank=True)
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimulai oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=models.Q(status__in=["queued"]) & ~models.Q(dedupe_key=""),
                name="job_one_queued_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class SetupStamp(models.Model):
    """What a set-up command already put in place (the official regions from files with this
    checksum, the demo seeded from sources with this fingerprint), so running it again with the
    same input does nothing (`tridaya/core/setup_stamps.py`)."""

    key = models.CharField(_("kunci"), max_length=40, unique=True)
    checksum = models.CharField(_("checksum"), max_length=64)
    count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("penanda penyiapan")
        verbose_name_plural = _("penanda penyiapan")

    def __str__(self) -> str:
        return f"{self.key}: {self.checksum[:12]}"


class PersonalDataView(models.Model):
    """One showing of unmasked NIKs to someone (UU PDP 27/2022: who saw whose identity number):
    a page, an API answer or a download, with every NIK it showed.

    Written by `tridaya.core.personal_data.record_nik_views`, the one place every page and API
    that shows a NIK in full calls: one row per showing, however many NIKs it held (a page's
    query count does not grow with them). The NIKs themselves are not stored: `subjects` holds,
    for each record shown, the NIK's keyed hash (HMAC with the secret key) and the record's
    `type:id`, space-separated, which finds every showing of one person's NIK, whether on the
    register of people, on a household or on a list of beneficiaries."""

    created_at = models.DateTimeField(_("waktu (UTC)"), auto_now_add=True, db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("yang melihat"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewer_name = models.CharField(_("nama pengguna"), max_length=150)
    place = models.CharField(_("tempat"), max_length=80)
    object_type = models.CharField(_("jenis data"), max_length=80)
    region_code = models.CharField(_("kode wilayah"), max_length=13, db_index=True)
    shown = models.PositiveIntegerField(_("jumlah NIK"))
    subjects = models.TextField(_("sidik NIK dan data"))
    request_id = models.CharField(_("ID permintaan"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("akses NIK")
        verbose_name_plural = _("akses NIK")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.viewer_name} {self.place}"
