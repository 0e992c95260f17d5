"""Kawasan prioritas: the priority area(s) of a village, drawn on the map, imported as polygons
or derived from the RTs of the top-ranked problems.

Indicators are computed from what lies inside the polygon (tridaya.planning.indicators) and kept
in `indicators` with the time they were computed: RTs by area share, households, poor households,
population, the slum score and class of the area, its size in hectares, and the mapped problems
inside. The location criteria of Permen PUPR 02/2016 (slum condition, land legality, other
considerations) are recorded with their rationale before an area can be chosen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.cycle.models import Meeting
from tridaya.planning.models.priorities import PriorityRound
from tridaya.regions.models import Level, Region


class AreaStatus(models.TextChoices):
    CANDIDATE = "calon", _("Calon")
    CHOSEN = "ditetapkan", _("Ditetapkan")


class AreaSource(models.TextChoices):
    DRAWN = "digambar", _("Digambar di peta")
    IMPORTED = "impor", _("Impor GeoJSON")
    DERIVED = "turunan", _("Dari RT masalah prioritas")


class LandStatus(models.TextChoices):
    CLEAR = "jelas", _("Status penguasaan lahan jelas")
    UNCLEAR = "tidak_jelas", _("Status penguasaan lahan tidak jelas")


class SpatialConformity(models.TextChoices):
    CONFORMS = "sesuai", _("Sesuai RTRW")
    CONFLICTS = "tidak_sesuai", _("Tidak sesuai RTRW")


class Rating(models.TextChoices):
    HIGH = "tinggi", _("Tinggi")
    MEDIUM = "sedang", _("Sedang")
    LOW = "rendah", _("Rendah")


class PriorityArea(TimeStampedModel):
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="priority_areas",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("nama kawasan"), max_length=120)
    description = BoundedTextField(_("keterangan"), blank=True, max_length=TEXT_NOTE)
    geometry = models.JSONField(_("batas kawasan (GeoJSON)"))
    source = models.CharField(
        _("asal batas"), max_length=10, choices=AreaSource.choices, default=AreaSource.DRAWN
    )
    round = models.ForeignKey(
        PriorityRound,
        verbose_name=_("dari putaran prioritas"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AreaStatus.choices, default=AreaStatus.CANDIDATE
    )
    area_ha = models.DecimalField(
        _("luas (ha)"), max_digits=12, decimal_places=2, default=0, editable=False
    )
    indicators = models.JSONField(_("indikator"), default=dict, blank=True, editable=False)
    indicators_at = models.DateTimeField(_("indikator dihitung"), null=True, blank=True)
    # Permen PUPR 02/2016 location criteria, each with its rationale.
    slum_rationale = BoundedTextField(
        _("kondisi kekumuhan: alasan"), blank=True, max_length=TEXT_NOTE
    )
    land_status = models.CharField(
        _("status penguasaan lahan"), max_length=12, choices=LandStatus.choices, blank=True
    )
    spatial_conformity = models.CharField(
        _("kesesuaian dengan RTRW"), max_length=12, choices=SpatialConformity.choices, blank=True
    )
    land_rationale = BoundedTextField(
        _("legalitas lahan: alasan"), blank=True, max_length=TEXT_NOTE
    )
    strategic_value = models.CharField(
        _("nilai strategis lokasi"), max_length=8, choices=Rating.choices, blank=True
    )
    socio_economic = models.CharField(
        _("potensi sosial, ekonomi dan budaya"), max_length=8, choices=Rating.choices, blank=True
    )
    other_rationale = BoundedTextField(
        _("pertimbangan lain: alasan"), blank=True, max_length=TEXT_NOTE
    )
    decision_rationale = BoundedTextField(_("alasan penetapan"), blank=True, max_length=TEXT_NOTE)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("ditetapkan dalam pertemuan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priority_areas",
    )
    chosen_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kawasan prioritas")
        verbose_name_plural = _("kawasan prioritas")
        ordering = ["village", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="priority_area_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def is_chosen(self) -> bool:
        return self.status == AreaStatus.CHOSEN

    @property
    def land_is_legal(self) -> bool | None:
        """Legal when the land is clearly held and the area conforms to the RTRW; None until
        both are recorded."""
        if not self.land_status or not self.spatial_conformity:
            return None
        return (
            self.land_status == LandStatus.CLEAR
            and self.spatial_conformity == SpatialConformity.CONFORMS
        )

    @property
    def missing_criteria(self) -> list[str]:
        """The Permen PUPR 02/2016 criteria not yet recorded (labels, in order)."""
        missing = []
        if not self.slum_rationale.strip():
            missing.append(str(_("kondisi kekumuhan")))
        if not (self.land_status and self.spatial_conformity and self.land_rationale.strip()):
            missing.append(str(_("legalitas lahan")))
        if not (self.strategic_value and self.socio_economic and self.other_rationale.strip()):
            missing.append(str(_("pertimbangan lain")))
        return missing
