"""Map layers of a village (RT/RW boundaries, roads, drainage, buildings, land use, RTRW zoning or
any other named layer), imported from GIS files and exported back so QGIS opens them with their
attributes. Geometries are stored as GeoJSON in WGS84 (reprojected from UTM on import)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.mapping.models.problems import GeometryKind
from tridaya.regions.models import Level, Region


class LayerKind(models.TextChoices):
    BOUNDARIES = "batas", _("Batas RT/RW")
    ROADS = "jalan", _("Jaringan jalan")
    DRAINAGE = "drainase", _("Jaringan drainase")
    BUILDINGS = "bangunan", _("Bangunan")
    LAND_USE = "guna_lahan", _("Penggunaan lahan")
    ZONING = "rtrw", _("Pola ruang RTRW")
    OTHER = "lainnya", _("Lapisan lain")


class Layer(TimeStampedModel):
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="map_layers",
        limit_choices_to={"level": Level.VILLAGE},
    )
    name = models.CharField(_("nama lapisan"), max_length=120)
    kind = models.CharField(_("jenis lapisan"), max_length=12, choices=LayerKind.choices)
    description = BoundedTextField(_("keterangan"), blank=True, max_length=TEXT_NOTE)
    source_name = models.CharField(_("berkas asal"), max_length=200, blank=True)
    source_crs = models.CharField(_("sistem koordinat asal"), max_length=60, blank=True)
    feature_count = models.PositiveIntegerField(_("jumlah fitur"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lapisan peta")
        verbose_name_plural = _("lapisan peta")
        ordering = ["village", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["village", "name"], name="layer_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id


class LayerFeature(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="features")
    position = models.PositiveIntegerField(_("urutan"))
    geometry = models.JSONField(_("geometri (GeoJSON)"))
    geometry_kind = models.CharField(_("bentuk"), max_length=8, choices=GeometryKind.choices)
    properties = models.JSONField(_("atribut"), default=dict, blank=True)
    length_m = models.FloatField(_("panjang (m)"), null=True, blank=True)
    area_m2 = models.FloatField(_("luas (m2)"), null=True, blank=True)

    class Meta:
        verbose_name = _("fitur lapisan")
        verbose_name_plural = _("fitur lapisan")
        ordering = ["layer", "position"]
        constraints = [
            models.UniqueConstraint(fields=["layer", "position"], name="layer_feature_position")
        ]

    def __str__(self) -> str:
        return f"{self.layer} #{self.position}"

    @property
    def region_code(self) -> str:
        return self.layer.village_id
