"""People of a village, the rules every membership shares, and small helpers (terms, NIK
masking, gender balance)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.models import TimeStampedModel
from tridaya.regions.models import Level, Region

VILLAGE_ONLY = {"level": Level.VILLAGE}
EARLIEST_BIRTH_YEAR = 1900
BKM_TERM_YEARS = 3
KSM_MIN_MEMBERS = 3

nik_validator = RegexValidator(r"^\d{16}$", _("NIK harus 16 angka."), code="invalid_nik")
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 -]{5,18}$", _("Nomor HP hanya boleh berisi angka, spasi, - dan +."), "phone"
)


class Education(models.TextChoices):
    NONE = "none", _("Tidak/belum sekolah")
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/SMK/sederajat")
    D3 = "d3", _("Diploma (D1-D3)")
    S1 = "s1", _("Sarjana (D4/S1)")
    S2 = "s2", _("Pascasarjana (S2/S3)")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def default_term_end(term_start: dt.date) -> dt.date:
    """A BKM term lasts three years: the day before the third anniversary of its start."""
    return add_years(term_start, BKM_TERM_YEARS) - dt.timedelta(days=1)


def mask_nik(nik: str) -> str:
    """'5201081204780003' -> '5201**********03': the first four and last two digits only."""
    if not nik:
        return ""
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


class Person(TimeStampedModel):
    """A resident who takes part in the village's institutions."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="people",
        limit_choices_to=VILLAGE_ONLY,
    )
    name = models.CharField(_("nama"), max_length=120)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("tahun lahir"), null=True, blank=True, validators=[MinValueValidator(EARLIEST_BIRTH_YEAR)]
    )
    education = models.CharField(
        _("pendidikan"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    is_poor = models.BooleanField(_("KK miskin/MBR"), default=False)
    disability = models.BooleanField(_("penyandang disabilitas"), default=False)
    disability_note = models.CharField(_("keterangan disabilitas"), max_length=200, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True, validators=[phone_validator])
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        validators=[nik_validator],
        help_text=_("Boleh kosong. Data pribadi: hanya terlihat oleh peran yang berwenang."),
    )

    class Meta:
        verbose_name = _("warga")
        verbose_name_plural = _("warga")
        ordering = ["village", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "nik"],
                condition=~Q(nik=""),
                name="person_nik_unique_per_village",
                violation_error_message=_("NIK ini sudah tercatat untuk warga lain di desa ini."),
                violation_error_code="nik_taken",
            )
        ]
        indexes = [models.Index(fields=["village", "name"], name="person_village_name_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik)

    def validate_constraints(self, exclude=None) -> None:
        """A duplicate NIK is reported on the NIK field, where the person typed it."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            for error in general:
                field = "nik" if getattr(error, "code", None) == "nik_taken" else NON_FIELD_ERRORS
                errors.setdefault(field, []).append(error)
            raise ValidationError(errors) from exc

    def clean(self) -> None:
        errors = {}
        if self.birth_year is not None and self.birth_year > timezone.localdate().year:
            errors["birth_year"] = _("Tahun lahir tidak boleh di masa depan.")
        if self.disability_note and not self.disability:
            errors["disability_note"] = _(
                "Isi keterangan disabilitas hanya untuk penyandang disabilitas."
            )
        if self.village_id and self.village.level != Level.VILLAGE:
            errors["village"] = _("Warga harus tercatat di sebuah kelurahan/desa.")
        if errors:
            raise ValidationError(errors)


def require_same_village(person: Person | None, village_id: str | None) -> None:
    """Members come from the institution's own village (checked once both are known)."""
    if person is None or not village_id:
        return
    if person.village_id != village_id:
        raise ValidationError(
            {
                "person": ValidationError(
                    _("%(person)s bukan warga desa ini.") % {"person": person.name},
                    code="not_a_villager",
                )
            }
        )


def require_member_of_parent_village(member, parent_field: str) -> None:
    """`member.person` belongs to the village of `member.<parent_field>`."""
    parent = getattr(member, parent_field) if getattr(member, f"{parent_field}_id") else None
    person = member.person if member.person_id else None
    require_same_village(person, parent.village_id if parent is not None else None)


@dataclass(frozen=True)
class GenderBalance:
    men: int
    women: int

    @property
    def total(self) -> int:
        return self.men + self.women

    @property
    def women_share(self) -> Decimal | None:
        """Women as a percentage of all members, one decimal (None when there is nobody)."""
        if not self.total:
            return None
        share = Decimal(self.women * 100) / Decimal(self.total)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def reaches(self, percent: int | Decimal) -> bool:
        return self.total > 0 and self.women * 100 >= Decimal(percent) * self.total


def gender_balance(people) -> GenderBalance:
    people = list(people)
    women = sum(1 for person in people if person.sex == Sex.FEMALE)
    return GenderBalance(men=len(people) - women, women=women)
