"""The follow-up plan (RKTL) written at the end of a training."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.training.models.trainings import Training


class FollowUpStatus(models.TextChoices):
    PLANNED = "planned", _("Belum mulai")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")
    DROPPED = "dropped", _("Dibatalkan")


class FollowUpAction(TimeStampedModel):
    """One line of the training's follow-up plan (RKTL, rencana kerja tindak lanjut)."""

    training = models.ForeignKey(
        Training, verbose_name=_("pelatihan"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    action = models.CharField(_("kegiatan"), max_length=300)
    owner = models.CharField(_("penanggung jawab"), max_length=150)
    due_on = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.PLANNED
    )
    note = models.CharField(_("catatan kemajuan"), max_length=300, blank=True)
    done_on = models.DateField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut (RKTL)")
        verbose_name_plural = _("rencana tindak lanjut (RKTL)")
        ordering = ["training", "due_on", "id"]

    def __str__(self) -> str:
        return self.action

    @property
    def region_code(self) -> str:
        return self.training.region_id

    def is_overdue(self, today) -> bool:
        open_states = (FollowUpStatus.PLANNED, FollowUpStatus.IN_PROGRESS)
        return self.status in open_states and self.due_on < today
