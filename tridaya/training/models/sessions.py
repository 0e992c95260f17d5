"""A training's sessions and who attended each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.training.models.curriculum import Module
from tridaya.training.models.participants import Participant
from tridaya.training.models.trainings import Training


class Session(TimeStampedModel):
    """One session of a training, usually one module; attendance is recorded per session."""

    training = models.ForeignKey(
        Training, verbose_name=_("pelatihan"), on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    module = models.ForeignKey(
        Module,
        verbose_name=_("modul"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("judul sesi"), max_length=200, blank=True)
    trainers = models.CharField(_("pelatih / narasumber"), max_length=300, blank=True)
    attendance_recorded_at = models.DateTimeField(_("kehadiran dicatat"), null=True, blank=True)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["training", "date", "start_time", "id"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.module.title if self.module is not None else str(_("Sesi umum"))

    @property
    def region_code(self) -> str:
        return self.training.region_id

    def clean(self) -> None:
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Jam selesai harus sesudah jam mulai.")})


class Attendance(models.Model):
    """A participant was present at a session (absence is the lack of a row, once the
    session's attendance has been recorded)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} @ {self.session_id}"
