"""RT profiles and slum volumes (Permen PUPR 14/PRT/M/2018, DOMAIN.md section 3).

The criteria set is versioned data: `criteria_data/<code>.toml` is loaded into an immutable
`SlumCriteriaSet` row, and each RT profile names the set its volumes were recorded against, so a
later set never changes an old baseline. Scores are never stored: `tridaya.mapping.scoring`
computes them from the profile and the volumes whenever they are shown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.regions.models import RT, Region

ZERO = Decimal("0")

# Precision of the stored figures: GIS tools and city systems export hectares with up to six
# decimals and metres with two; percentages are computed from these exact values (the
# percentage alone is rounded, to two decimals, by `tridaya.mapping.scoring`).
AREA_PLACES = 6
AREA_DIGITS = 14
LENGTH_PLACES = 2
LENGTH_DIGITS = 12
VOLUME_PLACES = 6
VOLUME_DIGITS = 18
# (max_digits, decimal_places) of each decimal the profile and volume forms, API and import read.
PRECISION = {
    "area_ha": (AREA_DIGITS, AREA_PLACES),
    "road_length_m": (LENGTH_DIGITS, LENGTH_PLACES),
    "drainage_length_m": (LENGTH_DIGITS, LENGTH_PLACES),
    "volume": (VOLUME_DIGITS, VOLUME_PLACES),
}


def _shown(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def precision_problem(value: Decimal, name: str) -> str | None:
    """Why `value` cannot be stored in the decimal `name` ("area_ha", "road_length_m",
    "drainage_length_m" or "volume", handled volumes included), naming the value and what to do;
    None when it fits. The one rule the form, the API, the template and the survey imports
    share, so that none of them rounds a value another would refuse."""
    digits, places = PRECISION[name]
    if not value.is_finite():
        return _("'%(value)s' bukan angka; isi angka biasa.") % {"value": value}
    exponent = value.normalize().as_tuple().exponent
    used = max(0, -int(exponent))
    if used > places:
        example = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return _(
            "%(value)s memakai %(used)s angka di belakang koma, paling banyak %(places)s; "
            "bulatkan ke %(places)s angka desimal (%(example)s)."
        ) % {"value": _shown(value), "used": used, "places": places, "example": _shown(example)}
    whole = len(str(abs(int(value)))) if abs(value) >= 1 else 0
    if whole > digits - places:
        return _(
            "%(value)s terlalu besar (paling banyak %(whole)s angka sebelum koma); periksa "
            "satuannya."
        ) % {"value": _shown(value), "whole": digits - places}
    return None


def precision_validator(name: str):
    """A form/serializer validator with the message of `precision_problem`."""

    def validate(value: Decimal | None) -> None:
        if value is None:
            return
        problem = precision_problem(value, name)
        if problem:
            raise ValidationError(problem, code="precision")

    return validate


class SlumCriteriaSet(models.Model):
    """One version of the slum criteria (aspects, criteria, denominators, score and class
    bands), as loaded from its data file. Never edited: a change is a new version."""

    code = models.CharField(_("kode"), max_length=60)
    version = models.PositiveSmallIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    definition = models.JSONField(_("definisi"))
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("set kriteria kumuh")
        verbose_name_plural = _("set kriteria kumuh")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="slum_criteria_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class ProfileSource(models.TextChoices):
    FORM = "formulir", _("Formulir")
    IMPORT = "impor", _("Impor templat XLSX/CSV")
    SURVEY = "survei", _("Survei ODK/KoBo")


class RTProfile(TimeStampedModel):
    """An RT in one year: the verified figures the slum percentages divide by."""

    rt = models.ForeignKey(
        RT, verbose_name=_("RT"), on_delete=models.CASCADE, related_name="slum_profiles"
    )
    # Copied from the RT so scope checks and village-wide lists need no join.
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.CASCADE,
        related_name="rt_profiles",
        editable=False,
    )
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    criteria_set = models.ForeignKey(
        SlumCriteriaSet, verbose_name=_("set kriteria"), on_delete=models.PROTECT, related_name="+"
    )
    area_ha = models.DecimalField(
        _("luas terverifikasi (ha)"),
        max_digits=AREA_DIGITS,
        decimal_places=AREA_PLACES,
        validators=[MinValueValidator(ZERO)],
    )
    buildings = models.PositiveIntegerField(_("jumlah bangunan"))
    population = models.PositiveIntegerField(_("jumlah penduduk"))
    households = models.PositiveIntegerField(_("jumlah KK"))
    road_length_m = models.DecimalField(
        _("panjang jalan ideal (m)"),
        max_digits=LENGTH_DIGITS,
        decimal_places=LENGTH_PLACES,
        validators=[MinValueValidator(ZERO)],
    )
    drainage_length_m = models.DecimalField(
        _("panjang drainase ideal (m)"),
        max_digits=LENGTH_DIGITS,
        decimal_places=LENGTH_PLACES,
        validators=[MinValueValidator(ZERO)],
    )
    source = models.CharField(
        _("sumber"), max_length=10, choices=ProfileSource.choices, default=ProfileSource.FORM
    )

    class Meta:
        verbose_name = _("profil RT")
        verbose_name_plural = _("profil RT")
        ordering = ["village", "-year", "rt__rw__number", "rt__number"]
        constraints = [models.UniqueConstraint(fields=["rt", "year"], name="rt_profile_year")]

    def __str__(self) -> str:
        return f"{self.rt} ({self.year})"

    @property
    def region_code(self) -> str:
        return self.village_id

    def clean(self) -> None:
        counted = self.population is not None and self.households is not None
        if counted and self.households > self.population:
            raise ValidationError(
                {
                    "households": _(
                        "Jumlah KK (%(kk)s) tidak boleh lebih dari jumlah penduduk (%(people)s)."
                    )
                    % {"kk": self.households, "people": self.population}
                }
            )


class SlumVolume(models.Model):
    """The volume of one criterion in an RT profile, and how much of it has been handled."""

    profile = models.ForeignKey(RTProfile, on_delete=models.CASCADE, related_name="volumes")
    code = models.CharField(_("kriteria"), max_length=8)
    volume = models.DecimalField(
        _("volume"), max_digits=VOLUME_DIGITS, decimal_places=VOLUME_PLACES
    )
    handled = models.DecimalField(
        _("volume tertangani"),
        max_digits=VOLUME_DIGITS,
        decimal_places=VOLUME_PLACES,
        default=ZERO,
    )

    class Meta:
        verbose_name = _("volume kekumuhan")
        verbose_name_plural = _("volume kekumuhan")
        ordering = ["profile", "code"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="slum_volume_code"),
            models.CheckConstraint(condition=models.Q(volume__gte=0), name="slum_volume_min_0"),
            models.CheckConstraint(condition=models.Q(handled__gte=0), name="slum_handled_min_0"),
        ]

    def __str__(self) -> str:
        return f"{self.profile} {self.code}: {self.volume}"

    @property
    def region_code(self) -> str:
        return self.profile.village_id
