"""The Kemendagri hierarchy (province > regency > district > village), village profiles and the
RW / RT units inside a village.

A region's code is its primary key and a materialized path: every ancestor's code is a prefix of
its descendants' codes (`52` > `52.01` > `52.01.08` > `52.01.08.2006`), so "everything under 52.01"
is one indexed prefix query.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.models import TimeStampedModel
from tridaya.regions.timezones import TimeZone, short_label, timezone_for_code


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Provinsi")
    REGENCY = 2, _("Kabupaten/Kota")
    DISTRICT = 3, _("Kecamatan")
    VILLAGE = 4, _("Kelurahan/Desa")


class Kind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")
    DESA_ADAT = "desa_adat", _("Desa adat")


class Region(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=13, primary_key=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        db_column="parent_code",
    )
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices, db_index=True)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=120, db_index=True)

    # Set by selectors.attach_ancestors: province down to parent, read in one query.
    ancestors: list["Region"]

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.display_name}"

    @property
    def head_title(self) -> str:
        """Who heads this village, as documents name the office: a kelurahan's Lurah, a desa's
        (or desa adat's) Kepala Desa."""
        return str(_("Lurah")) if self.kind == Kind.KELURAHAN else str(_("Kepala Desa"))

    @property
    def display_name(self) -> str:
        """Regency names in the official file already carry 'Kabupaten'/'Kota'."""
        if self.level == Level.REGENCY:
            for prefix in ("Kabupaten ", "Kota "):
                if self.name.startswith(prefix):
                    return self.name[len(prefix) :]
        return self.name

    @property
    def region_code(self) -> str:
        return self.code

    @property
    def is_village(self) -> bool:
        return self.level == Level.VILLAGE

    @property
    def ancestor_codes(self) -> list[str]:
        """'52.01.08.2006' -> ['52', '52.01', '52.01.08'] (from the path, no query)."""
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    @property
    def timezone(self) -> TimeZone:
        return timezone_for_code(self.code)

    @property
    def timezone_label(self) -> str:
        return short_label(self.timezone)


class VillageProfile(TimeStampedModel):
    """Facts about one kelurahan/desa that planning starts from."""

    village = models.OneToOneField(
        Region,
        verbose_name=_("kelurahan/desa"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="profile",
        limit_choices_to={"level": Level.VILLAGE},
    )
    population = models.PositiveIntegerField(_("jumlah penduduk"), null=True, blank=True)
    households = models.PositiveIntegerField(_("jumlah KK"), null=True, blank=True)
    poor_households = models.PositiveIntegerField(_("jumlah KK miskin"), null=True, blank=True)
    area_ha = models.DecimalField(
        _("luas (ha)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Centre of the village map when no RT/RW boundary is drawn yet.
    latitude = models.DecimalField(
        _("lintang pusat"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur pusat"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    boundary = models.JSONField(_("batas wilayah (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("profil kelurahan/desa")
        verbose_name_plural = _("profil kelurahan/desa")

    def __str__(self) -> str:
        return str(self.village)

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def timezone(self) -> TimeZone:
        return timezone_for_code(self.village_id)

    def clean(self) -> None:
        if (
            self.households is not None
            and self.poor_households is not None
            and self.poor_households > self.households
        ):
            raise ValidationError(
                {"poor_households": _("KK miskin tidak boleh lebih banyak dari jumlah KK.")}
            )


class RW(TimeStampedModel):
    """Rukun Warga: a unit of the village, grouping several RTs."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.CASCADE,
        related_name="rws",
        limit_choices_to={"level": Level.VILLAGE},
    )
    number = models.PositiveSmallIntegerField(_("nomor RW"), validators=[MinValueValidator(1)])
    name = models.CharField(_("nama / dusun"), max_length=100, blank=True)
    boundary = models.JSONField(_("batas (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        ordering = ["village", "number"]
        constraints = [
            models.UniqueConstraint(fields=["village", "number"], name="rw_number_unique")
        ]

    def __str__(self) -> str:
        label = f"RW {self.number:02d}"
        return f"{label} {self.name}" if self.name else label

    @property
    def region_code(self) -> str:
        return self.village_id


class RT(TimeStampedModel):
    """Rukun Tetangga: the smallest unit, roughly 20-150 households."""

    rw = models.ForeignKey(RW, verbose_name=_("RW"), on_delete=models.CASCADE, related_name="rts")
    # Copied from the RW so scope checks and village-wide lists need no join.
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.CASCADE,
        related_name="rts",
        editable=False,
    )
    number = models.PositiveSmallIntegerField(_("nomor RT"), validators=[MinValueValidator(1)])
    boundary = models.JSONField(_("batas (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["village", "rw__number", "number"]
        constraints = [models.UniqueConstraint(fields=["rw", "number"], name="rt_number_unique")]

    def __str__(self) -> str:
        return f"RT {self.number:02d} / RW {self.rw.number:02d}"

    @property
    def region_code(self) -> str:
        return self.village_id
