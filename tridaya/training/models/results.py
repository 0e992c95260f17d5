"""Pre-test and post-test results of a participant for a module."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.training.models.curriculum import Module
from tridaya.training.models.participants import Participant


class TestKind(models.TextChoices):
    __test__ = False  # not a pytest test class

    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class TestResult(TimeStampedModel):
    """A participant's pre-test or post-test score for one module: typed in directly, or
    computed from the answers to the module's questions (then `answers` holds them)."""

    __test__ = False  # not a pytest test class

    participant = models.ForeignKey(
        Participant, verbose_name=_("peserta"), on_delete=models.CASCADE, related_name="results"
    )
    module = models.ForeignKey(
        Module, verbose_name=_("modul"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("jenis tes"), max_length=4, choices=TestKind.choices)
    score = models.DecimalField(
        _("nilai"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    answers = models.JSONField(_("jawaban"), null=True, blank=True)
    correct = models.PositiveSmallIntegerField(_("jawaban benar"), null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(_("jumlah soal"), null=True, blank=True)

    class Meta:
        verbose_name = _("nilai tes")
        verbose_name_plural = _("nilai tes")
        ordering = ["participant", "module", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "module", "kind"], name="one_result_per_test"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="score_between_0_and_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} {self.kind} {self.score}"
