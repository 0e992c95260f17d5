"""Training events: a training for a village or a kecamatan, its sessions, participants,
attendance per session, pre/post-test results, the follow-up plan (RKTL) and certificates."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.institutions.models import Person, Sex
from tridaya.regions.models import Level, Region
from tridaya.training.models.curriculum import ActorGroup, Curriculum, Module, check_groups


class TrainingStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan / berjalan")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Training(TimeStampedModel):
    """A training held for a village, or for the villages of a kecamatan."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="trainings",
        limit_choices_to={"level__in": [Level.DISTRICT, Level.VILLAGE]},
    )
    curriculum = models.ForeignKey(
        Curriculum, verbose_name=_("kurikulum"), on_delete=models.PROTECT, related_name="trainings"
    )
    modules = models.ManyToManyField(Module, verbose_name=_("modul"), related_name="trainings")
    title = models.CharField(_("judul"), max_length=200)
    place = models.CharField(_("tempat"), max_length=200)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    target_groups = models.JSONField(_("kelompok sasaran"), default=list, blank=True)
    cost_program = models.BigIntegerField(
        _("biaya dari program (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    cost_swadaya = models.BigIntegerField(
        _("biaya swadaya (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    # Copied from TrainingSettings when the training is created.
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus post-test"), validators=[MaxValueValidator(100)]
    )
    max_absence_pct = models.PositiveSmallIntegerField(
        _("ketidakhadiran maksimal (%)"), validators=[MaxValueValidator(100)]
    )
    require_pass = models.BooleanField(_("sertifikat hanya untuk yang lulus"), default=False)
    signer_title = models.CharField(
        _("jabatan penanda tangan sertifikat"), max_length=120, blank=True
    )
    signer_name = models.CharField(_("nama penanda tangan sertifikat"), max_length=120, blank=True)
    cosigner_title = models.CharField(_("jabatan penanda tangan kedua"), max_length=120, blank=True)
    cosigner_name = models.CharField(_("nama penanda tangan kedua"), max_length=120, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default=TrainingStatus.PLANNED
    )
    closed_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_reason = models.TextField(_("alasan pembatalan / pembukaan kembali"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["region", "status"], name="training_region_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="training_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(cost_program__gte=0) & Q(cost_swadaya__gte=0),
                name="training_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.region_id

    @property
    def is_open(self) -> bool:
        return self.status == TrainingStatus.PLANNED

    @property
    def cost_total(self) -> int:
        return self.cost_program + self.cost_swadaya

    def clean(self) -> None:
        errors: dict = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        if self.region_id and self.region.level not in (Level.DISTRICT, Level.VILLAGE):
            errors["region"] = _("Pelatihan diadakan untuk sebuah kelurahan/desa atau kecamatan.")
        try:
            check_groups(self.target_groups, "target_groups")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)


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
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)

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
