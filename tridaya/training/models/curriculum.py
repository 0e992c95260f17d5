"""Curricula as data: modules with their topic, objectives, duration in JPL, media, readings,
steps, learning-outcome indicators, target actor groups and question bank. Loaded from the
versioned files in `tridaya/training/curricula/` (see definitions.py) and editable by the program
in the admin afterwards; the program's settings (pass mark, absence limit) live here too."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, TEXT_SHORT, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.core.stages import STAGES

# One JPL (jam pelajaran) lasts 45 minutes: 2 JPL = 90 minutes (DOMAIN.md section 6).
JPL_MINUTES = 45


class ActorGroup(models.TextChoices):
    """The groups a training is for and the capacity map counts, plus guests."""

    BKM = "bkm", _("BKM")
    UPK = "upk", _("UPK")
    UPL = "upl", _("UPL")
    UPS = "ups", _("UPS")
    TIPP = "tipp", _("TIPP")
    POKJA = "pokja", _("Relawan / Pokja")
    APARAT = "aparat", _("Aparat kelurahan/desa")
    KSM = "ksm", _("KSM")
    KPP = "kpp", _("KPP")
    OTHER = "lainnya", _("Lainnya / tamu")


# The rows of the capacity map, in this order; guests are not a group of the village.
CAPACITY_GROUPS: tuple[str, ...] = tuple(g for g in ActorGroup.values if g != ActorGroup.OTHER)
UP_UP_GROUPS: tuple[str, ...] = (ActorGroup.UPK, ActorGroup.UPL, ActorGroup.UPS)
STAGE_CHOICES = [(stage.slug, stage.title) for stage in STAGES]


def group_label(value: str) -> str:
    return str(ActorGroup(value).label) if value in ActorGroup.values else value


def check_groups(values, field: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError({field: _("Tulis daftar kelompok sasaran.")})
    unknown = sorted(set(values) - set(CAPACITY_GROUPS))
    if unknown:
        raise ValidationError(
            {
                field: _("Kelompok sasaran tidak dikenal: %(groups)s. Pilih dari: %(known)s.")
                % {"groups": ", ".join(unknown), "known": ", ".join(CAPACITY_GROUPS)}
            }
        )


def _check_text_list(value, field: str, errors: dict, *, required: bool) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors[field] = _("Isi satu butir per baris; baris kosong tidak boleh.")
    elif required and not value:
        errors[field] = _("Isi sedikitnya satu butir.")


class Curriculum(TimeStampedModel):
    code = models.SlugField(_("kode"), max_length=40)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    description = BoundedTextField(_("keterangan"), blank=True, max_length=TEXT_NOTE)
    source_file = models.CharField(_("berkas sumber"), max_length=120, blank=True)
    checksum = models.CharField(_("sidik isi berkas (SHA-256)"), max_length=64, blank=True)
    is_active = models.BooleanField(
        _("dipakai untuk pelatihan baru"),
        default=True,
        help_text=_(
            "Kurikulum yang tidak aktif tetap dipakai pelatihan lama, tetapi tidak "
            "ditawarkan untuk pelatihan baru."
        ),
    )

    class Meta:
        verbose_name = _("kurikulum")
        verbose_name_plural = _("kurikulum")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="curriculum_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Module(TimeStampedModel):
    """One training module. `code` stays the same across curriculum versions, so a module
    completed under version 1 still counts when version 2 is current."""

    curriculum = models.ForeignKey(
        Curriculum, verbose_name=_("kurikulum"), on_delete=models.CASCADE, related_name="modules"
    )
    code = models.SlugField(_("kode"), max_length=40)
    order = models.PositiveSmallIntegerField(_("urutan"))
    title = models.CharField(_("topik"), max_length=200)
    summary = BoundedTextField(_("ringkasan"), blank=True, max_length=TEXT_NOTE)
    stage = models.CharField(
        _("diperlukan pada tahap"), max_length=20, choices=STAGE_CHOICES, default="persiapan"
    )
    is_core = models.BooleanField(
        _("modul inti"),
        default=False,
        help_text=_("Modul inti dilatihkan sebelum BKM, UP-UP dan aparat memulai PLPBK."),
    )
    jpl = models.PositiveSmallIntegerField(
        _("durasi (JPL)"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("1 JPL = 45 menit; 2 JPL = 90 menit."),
    )
    objectives = models.JSONField(_("tujuan"), default=list, blank=True)
    media = models.JSONField(_("media dan alat bantu"), default=list, blank=True)
    readings = models.JSONField(_("bahan bacaan"), default=list, blank=True)
    steps = models.JSONField(
        _("langkah kegiatan"),
        default=list,
        blank=True,
        help_text=_('Daftar langkah: [{"title": "...", "minutes": 30, "method": "..."}].'),
    )
    indicators = models.JSONField(_("indikator hasil belajar"), default=list, blank=True)
    target_groups = models.JSONField(_("kelompok sasaran"), default=list, blank=True)

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("modul")
        ordering = ["curriculum", "order"]
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "code"], name="module_code_unique"),
            models.UniqueConstraint(fields=["curriculum", "order"], name="module_order_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes(self) -> int:
        return self.jpl * JPL_MINUTES

    @property
    def stage_label(self) -> str:
        return str(dict(STAGE_CHOICES).get(self.stage, self.stage))

    @property
    def target_labels(self) -> list[str]:
        return [group_label(g) for g in self.target_groups]

    def clean(self) -> None:
        errors: dict = {}
        _check_text_list(self.objectives, "objectives", errors, required=True)
        _check_text_list(self.indicators, "indicators", errors, required=True)
        _check_text_list(self.media, "media", errors, required=False)
        _check_text_list(self.readings, "readings", errors, required=False)
        try:
            check_groups(self.target_groups, "target_groups")
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if not self.target_groups and "target_groups" not in errors:
            errors["target_groups"] = _("Pilih sedikitnya satu kelompok sasaran.")
        step_error = self._steps_problem()
        if step_error:
            errors["steps"] = step_error
        if errors:
            raise ValidationError(errors)

    def _steps_problem(self) -> str | None:
        steps = self.steps
        if not isinstance(steps, list) or not steps:
            return str(_("Isi sedikitnya satu langkah kegiatan."))
        total = 0
        for number, step in enumerate(steps, start=1):
            if not isinstance(step, dict) or not str(step.get("title", "")).strip():
                return str(_("Langkah %(n)s: isi judul langkah.") % {"n": number})
            minutes = step.get("minutes")
            if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
                return str(
                    _("Langkah %(n)s: isi lama langkah dalam menit (angka bulat).") % {"n": number}
                )
            total += minutes
        if self.jpl and total != self.minutes:
            return str(
                _(
                    "Jumlah menit semua langkah (%(total)s) harus sama dengan durasi modul "
                    "%(jpl)s JPL = %(minutes)s menit."
                )
                % {"total": total, "jpl": self.jpl, "minutes": self.minutes}
            )
        return None


class QuestionKind(models.TextChoices):
    MULTIPLE_CHOICE = "pg", _("Pilihan ganda")
    TRUE_FALSE = "bs", _("Benar/salah")


LETTERS = "abcde"
MIN_OPTIONS, MAX_OPTIONS = 3, len(LETTERS)


class Question(TimeStampedModel):
    """One question of a module's bank. Pre-test and post-test ask the same questions, so the
    gain measures what the training taught. `answer` indexes `choices` (0 = a, or Benar)."""

    module = models.ForeignKey(
        Module, verbose_name=_("modul"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("nomor"))
    kind = models.CharField(_("jenis"), max_length=2, choices=QuestionKind.choices)
    text = BoundedTextField(_("pertanyaan"), max_length=TEXT_SHORT)
    options = models.JSONField(
        _("pilihan jawaban"),
        default=list,
        blank=True,
        help_text=_("Untuk pilihan ganda: 3 sampai 5 pilihan. Kosongkan untuk benar/salah."),
    )
    answer = models.PositiveSmallIntegerField(
        _("kunci jawaban"), help_text=_("Urutan pilihan yang benar, mulai dari 0 (a, atau Benar).")
    )

    class Meta:
        verbose_name = _("soal")
        verbose_name_plural = _("soal")
        ordering = ["module", "order"]
        constraints = [
            models.UniqueConstraint(fields=["module", "order"], name="question_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}"

    @property
    def choices(self) -> list[str]:
        if self.kind == QuestionKind.TRUE_FALSE:
            return [str(_("Benar")), str(_("Salah"))]
        return list(self.options)

    @property
    def lettered_choices(self) -> list[tuple[str, str]]:
        """[("a", "..."), ("b", "...")] for multiple choice; [("", "Benar"), ("", "Salah")]."""
        if self.kind == QuestionKind.TRUE_FALSE:
            return [("", choice) for choice in self.choices]
        return list(zip(LETTERS, self.choices, strict=False))

    @property
    def answer_label(self) -> str:
        if self.kind == QuestionKind.TRUE_FALSE:
            return self.choices[self.answer] if self.answer < 2 else "?"
        return LETTERS[self.answer] if self.answer < len(LETTERS) else "?"

    def clean(self) -> None:
        if self.kind == QuestionKind.TRUE_FALSE:
            if self.options:
                raise ValidationError({"options": _("Soal benar/salah tidak memakai pilihan.")})
            if self.answer not in (0, 1):
                raise ValidationError(
                    {"answer": _("Kunci soal benar/salah: 0 (Benar) atau 1 (Salah).")}
                )
            return
        options = self.options
        if (
            not isinstance(options, list)
            or not MIN_OPTIONS <= len(options) <= MAX_OPTIONS
            or not all(isinstance(o, str) and o.strip() for o in options)
        ):
            raise ValidationError(
                {"options": _("Soal pilihan ganda perlu 3 sampai 5 pilihan yang terisi.")}
            )
        if len({o.strip().lower() for o in options}) != len(options):
            raise ValidationError({"options": _("Ada pilihan jawaban yang sama.")})
        if self.answer >= len(options):
            raise ValidationError(
                {
                    "answer": _("Kunci jawaban harus salah satu pilihan (0 sampai %(last)s).")
                    % {"last": len(options) - 1}
                }
            )


class TrainingSettings(TimeStampedModel):
    """The program's rules for trainings (one row). Each training copies them when it is
    created, so a later change never alters a training already planned or held."""

    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus post-test"),
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_("Nilai 0-100; post-test sama dengan atau di atas nilai ini lulus."),
    )
    max_absence_pct = models.PositiveSmallIntegerField(
        _("ketidakhadiran maksimal (%)"),
        default=25,
        validators=[MaxValueValidator(100)],
        help_text=_("Peserta yang absen lebih dari bagian sesi ini dinyatakan tidak lengkap."),
    )
    require_pass = models.BooleanField(
        _("sertifikat hanya untuk yang lulus post-test"),
        default=False,
        help_text=_("Bila dicentang, sebuah modul baru dihitung selesai jika post-test-nya lulus."),
    )
    capacity_curriculum = models.SlugField(
        _("kurikulum peta kapasitas"),
        max_length=40,
        default="plpbk-inti",
        help_text=_("Kode kurikulum yang modul-modulnya menjadi kolom peta kapasitas."),
    )

    class Meta:
        verbose_name = _("pengaturan pelatihan")
        verbose_name_plural = _("pengaturan pelatihan")

    def __str__(self) -> str:
        return str(_("Pengaturan pelatihan"))

    @classmethod
    def current(cls) -> TrainingSettings:
        settings, _created = cls.objects.get_or_create(pk=1)
        return settings
