"""Prioritisation rounds: a village ranks its mapped problems (and candidate programs) with
criteria weighted by the TIPP, then votes on them at a rembug.

A round moves draft -> voting -> closed. In draft the TIPP sets the options, the criteria and
their weights; once voting opens the options are fixed (ballots name them), while criterion
scores may still be corrected; when the round closes, the result (vote tallies and the weighted
ranking, with their arithmetic) is computed from the stored ballots and scores, frozen in
`result` with a digest of the ballots, and every later change is refused with a coded error.

An option copies the figures it is ranked on (households, poor households, severity) from its
problem when it is added, so a closed round can be recounted to the same result even after the
mapping data changes."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.cycle.models import Meeting, VillageCycle
from tridaya.regions.models import Level, Region

CRITERION_SCORE_MAX = 5  # the TIPP scores each option 0-5 on each criterion
VOTE_SCORE_MAX_LIMIT = 10


class RoundStatus(models.TextChoices):
    DRAFT = "draf", _("Persiapan")
    VOTING = "pemungutan", _("Pemungutan suara")
    CLOSED = "ditutup", _("Ditutup")


class VoteMethod(models.TextChoices):
    """The values are those of `tridaya.planning.voting.Method`."""

    APPROVAL = "approval", _("Persetujuan: pilih satu atau lebih")
    BORDA = "borda", _("Hitungan Borda: urutkan pilihan")
    SCORE = "score", _("Skor: beri nilai setiap pilihan")


class CriterionBasis(models.TextChoices):
    """Where a criterion's scores come from: typed in by the TIPP, or suggested from the
    figures the option carries (the TIPP may still correct them)."""

    MANUAL = "manual", _("Diisi TIPP")
    SEVERITY = "severity", _("Tingkat keparahan masalah (1-5)")
    HOUSEHOLDS = "households", _("KK terdampak")
    POOR_HOUSEHOLDS = "poor_households", _("KK miskin terdampak")
    SLUM = "slum", _("Skor kumuh RT lokasi masalah")


class OptionKind(models.TextChoices):
    PROBLEM = "masalah", _("Masalah hasil pemetaan")
    PROGRAM = "program", _("Usulan program")


class BallotKind(models.TextChoices):
    ONLINE = "daring", _("Daring (oleh peserta)")
    PAPER = "kertas", _("Kertas (dimasukkan sebagai jumlah)")


class PriorityRound(TimeStampedModel):
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="priority_rounds",
        limit_choices_to={"level": Level.VILLAGE},
    )
    cycle = models.ForeignKey(
        VillageCycle,
        verbose_name=_("siklus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priority_rounds",
    )
    title = models.CharField(_("judul"), max_length=200)
    description = BoundedTextField(_("keterangan"), blank=True, max_length=TEXT_NOTE)
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    method = models.CharField(
        _("cara pemungutan suara"),
        max_length=10,
        choices=VoteMethod.choices,
        default=VoteMethod.BORDA,
    )
    max_score = models.PositiveSmallIntegerField(
        _("nilai tertinggi (cara skor)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(VOTE_SCORE_MAX_LIMIT)],
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("rembug tempat pemungutan suara"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priority_rounds",
    )
    voting_opened_at = models.DateTimeField(_("pemungutan dibuka"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Frozen at close: vote tallies and the weighted ranking with their arithmetic.
    result = models.JSONField(_("hasil"), default=dict, blank=True, editable=False)
    # SHA-256 of everything the result is counted from (ballots, options, criteria, scores) at
    # close, in a canonical form: a recount compares it.
    inputs_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("putaran prioritas")
        verbose_name_plural = _("putaran prioritas")
        ordering = ["village", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class PriorityCriterion(models.Model):
    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("urutan"))
    key = models.SlugField(_("kode"), max_length=40)
    label = models.CharField(_("kriteria"), max_length=120)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("bobot (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    basis = models.CharField(
        _("sumber nilai"),
        max_length=16,
        choices=CriterionBasis.choices,
        default=CriterionBasis.MANUAL,
    )

    class Meta:
        verbose_name = _("kriteria prioritas")
        verbose_name_plural = _("kriteria prioritas")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="priority_criterion_key"),
            models.CheckConstraint(
                condition=Q(weight__lte=100), name="priority_criterion_weight_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.weight}%)"

    @property
    def region_code(self) -> str:
        return self.round.village_id


class PriorityOption(models.Model):
    """A problem or a candidate program being ranked, with the figures it is ranked on."""

    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("urutan pendaftaran"))
    kind = models.CharField(_("jenis"), max_length=8, choices=OptionKind.choices)
    problem = models.ForeignKey(
        "mapping.Problem",
        verbose_name=_("masalah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priority_options",
    )
    title = models.CharField(_("judul"), max_length=200)
    domain = models.CharField(_("daya (Tridaya)"), max_length=1, choices=TridayaDomain.choices)
    description = BoundedTextField(_("uraian"), blank=True, max_length=TEXT_NOTE)
    households = models.PositiveIntegerField(_("KK terdampak"), default=0)
    poor_households = models.PositiveIntegerField(_("KK miskin terdampak"), default=0)
    severity = models.PositiveSmallIntegerField(
        _("tingkat keparahan (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # The slum score (0-80 under Permen PUPR 14/2018) of the problem's RT when it was added,
    # and the highest score its criteria set allows.
    slum_total = models.PositiveSmallIntegerField(_("skor kumuh RT"), null=True, blank=True)
    slum_max = models.PositiveSmallIntegerField(_("skor kumuh tertinggi"), null=True, blank=True)

    class Meta:
        verbose_name = _("pilihan prioritas")
        verbose_name_plural = _("pilihan prioritas")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "problem"],
                condition=Q(problem__isnull=False),
                name="priority_option_problem_once",
            ),
            models.UniqueConstraint(fields=["round", "position"], name="priority_option_position"),
            models.CheckConstraint(
                condition=Q(poor_households__lte=models.F("households")),
                name="priority_option_poor_within_households",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.round.village_id

    @property
    def key(self) -> str:
        """The option's name in ballots and results."""
        return str(self.pk)


class CriterionScore(models.Model):
    option = models.ForeignKey(PriorityOption, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        PriorityCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("nilai"), validators=[MaxValueValidator(CRITERION_SCORE_MAX)]
    )

    class Meta:
        verbose_name = _("nilai kriteria")
        verbose_name_plural = _("nilai kriteria")
        ordering = ["option", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["option", "criterion"], name="criterion_score_once"),
            models.CheckConstraint(
                condition=Q(score__lte=CRITERION_SCORE_MAX), name="criterion_score_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.option} / {self.criterion}: {self.score}"

    @property
    def region_code(self) -> str:
        return self.option.round.village_id


class Ballot(TimeStampedModel):
    """An online ballot of one participant, or `count` identical paper ballots entered at once.

    `choices` lists option ids: the approved options (approval) or the ranking from first to
    last (Borda). `scores` maps option ids (as text) to the score given (score voting)."""

    round = models.ForeignKey(PriorityRound, on_delete=models.CASCADE, related_name="ballots")
    kind = models.CharField(_("jenis surat suara"), max_length=8, choices=BallotKind.choices)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemilih"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priority_ballots",
    )
    count = models.PositiveIntegerField(_("jumlah lembar"), default=1)
    choices = models.JSONField(_("pilihan"), default=list, blank=True)
    scores = models.JSONField(_("skor"), default=dict, blank=True)
    note = models.CharField(_("catatan (kotak suara, RW, ...)"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimasukkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("surat suara")
        verbose_name_plural = _("surat suara")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "voter"],
                condition=Q(voter__isnull=False),
                name="ballot_one_per_voter",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="ballot_count_min_1"),
            models.CheckConstraint(
                condition=Q(kind="kertas", voter__isnull=True)
                | Q(kind="daring", voter__isnull=False, count=1),
                name="ballot_kind_matches_voter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.count})"

    @property
    def region_code(self) -> str:
        return self.round.village_id
