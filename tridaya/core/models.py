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
