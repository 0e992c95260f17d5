"""A training's participants: people of its villages or guests."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.models import TimeStampedModel
from tridaya.institutions.models import Person
from tridaya.regions.models import Level, Region
from tridaya.training.models.curriculum import ActorGroup
from tridaya.training.models.trainings import Training


class Participant(TimeStampedModel):
    """Someone who takes part: a person of a village (from its register or institutions) or a
    guest. `group` is the capacity they attend in; `village` is where they come from (their
    person's village, or the village a guest serves), which the capacity map counts."""

    training = models.ForeignKey(
        Training, verbose_name=_("pelatihan"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("warga"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    village = models.ForeignKey(
        Region,
        verbose_name=_("asal kelurahan/desa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("nama"), max_length=120)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    is_poor = models.BooleanField(_("warga miskin (MBR)"), default=False)
    group = models.CharField(_("unsur"), max_length=10, choices=ActorGroup.choices)
    position = models.CharField(_("jabatan / asal"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("peserta")
        verbose_name_plural = _("peserta")
        ordering = ["training", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person"],
                condition=Q(person__isnull=False),
                name="participant_person_once_per_training",
                violation_error_message=_("Warga ini sudah menjadi peserta pelatihan ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.training.region_id

    @property
    def group_label(self) -> str:
        return str(ActorGroup(self.group).label) if self.group in ActorGroup.values else self.group
