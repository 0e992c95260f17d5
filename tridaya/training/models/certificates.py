"""Certificates issued when a training is closed, with a public verification code."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.training.models.participants import Participant


class Certificate(TimeStampedModel):
    """A certificate for a participant who completed the training. Its verification code is
    printed on it and checked on the public page; what it certifies is kept as issued."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("peserta"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("nomor"), max_length=60, unique=True)
    code = models.CharField(_("kode verifikasi"), max_length=12, unique=True)
    issued_on = models.DateField(_("tanggal terbit"))
    holder_name = models.CharField(_("nama pemegang"), max_length=120)
    modules = models.JSONField(_("modul yang diselesaikan"), default=list)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = BoundedTextField(_("alasan pencabutan"), blank=True, max_length=TEXT_NOTE)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["participant__training", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_participant",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def region_code(self) -> str:
        return self.participant.training.region_id

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def total_jpl(self) -> int:
        return sum(int(m.get("jpl", 0)) for m in self.modules)
