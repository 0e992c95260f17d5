"""Problems and potentials that the community maps (pemetaan swadaya): each has a place on the
map (a point, a line or a polygon, drawn on a phone or imported), a Tridaya domain, a sector or
slum aspect, a severity, the households it touches, photos, a status, and where it came from (a
meeting, a survey submission, an imported file)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sector, TridayaDomain
from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.core.uploads.fields import UploadImageField
from tridaya.core.uploads.names import random_name
from tridaya.cycle.models import Meeting
from tridaya.regions.models import RT, Level, Region


class ProblemKind(models.TextChoices):
    PROBLEM = "masalah", _("Masalah")
    POTENTIAL = "potensi", _("Potensi")


SLUM_ASPECT_SECTORS = (
    Sector.BUILDINGS,
    Sector.ROADS,
    Sector.WATER,
    Sector.DRAINAGE,
    Sector.WASTEWATER,
    Sector.WASTE,
    Sector.FIRE,
)


# The sectors offered under each Tridaya domain ("Lainnya" under every one).
SECTOR_DOMAINS: dict[str, tuple[str, ...]] = {
    "L": (*SLUM_ASPECT_SECTORS, Sector.GREEN_SPACE, Sector.OTHER),
    "E": (Sector.ECONOMY, Sector.OTHER),
    "S": (Sector.HEALTH, Sector.EDUCATION, Sector.SOCIAL, Sector.OTHER),
}


class ProblemStatus(models.TextChoices):
    REPORTED = "dilaporkan", _("Dilaporkan")
    VERIFIED = "terverifikasi", _("Terverifikasi")
    PLANNED = "direncanakan", _("Masuk rencana")
    HANDLED = "ditangani", _("Sudah ditangani")
    REJECTED = "ditolak", _("Ditolak")


class ProblemSource(models.TextChoices):
    FORM = "formulir", _("Digambar di peta")
    SURVEY = "survei", _("Survei ODK/KoBo")
    IMPORT = "impor", _("Impor berkas GIS")


class GeometryKind(models.TextChoices):
    POINT = "titik", _("Titik")
    LINE = "garis", _("Garis")
    POLYGON = "area", _("Area")


GEOMETRY_KIND_OF = {
    "Point": GeometryKind.POINT,
    "MultiPoint": GeometryKind.POINT,
    "LineString": GeometryKind.LINE,
    "MultiLineString": GeometryKind.LINE,
    "Polygon": GeometryKind.POLYGON,
    "MultiPolygon": GeometryKind.POLYGON,
}

SEVERITY_MIN, SEVERITY_MAX = 1, 5


class Problem(TimeStampedModel):
    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="mapped_problems",
        limit_choices_to={"level": Level.VILLAGE},
    )
    rt = models.ForeignKey(
        RT,
        verbose_name=_("RT"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mapped_problems",
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=ProblemKind.choices)
    domain = models.CharField(_("daya (Tridaya)"), max_length=1, choices=TridayaDomain.choices)
    sector = models.CharField(_("sektor / aspek kumuh"), max_length=16, choices=Sector.choices)
    title = models.CharField(_("judul singkat"), max_length=200)
    description = BoundedTextField(_("uraian"), blank=True, max_length=TEXT_NOTE)
    severity = models.PositiveSmallIntegerField(
        _("tingkat keparahan / kepentingan (1-5)"),
        validators=[MinValueValidator(SEVERITY_MIN), MaxValueValidator(SEVERITY_MAX)],
    )
    households_affected = models.PositiveIntegerField(_("KK terdampak"), default=0)
    poor_households_affected = models.PositiveIntegerField(_("KK miskin terdampak"), default=0)
    geometry = models.JSONField(_("lokasi (GeoJSON)"))
    geometry_kind = models.CharField(
        _("bentuk lokasi"), max_length=8, choices=GeometryKind.choices, editable=False
    )
    length_m = models.FloatField(_("panjang (m)"), null=True, blank=True, editable=False)
    area_m2 = models.FloatField(_("luas (m2)"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.REPORTED
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("dari pertemuan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mapped_problems",
    )
    source = models.CharField(
        _("sumber"), max_length=10, choices=ProblemSource.choices, default=ProblemSource.FORM
    )
    # The survey submission's instance id (uuid:...) or an imported feature's id: a repeated
    # survey import or file updates the same row instead of adding one.
    source_ref = models.CharField(_("rujukan sumber"), max_length=100, blank=True)
    reported_on = models.DateField(_("tanggal dilaporkan"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dilaporkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("masalah / potensi")
        verbose_name_plural = _("masalah dan potensi")
        ordering = ["-severity", "-reported_on", "-id"]
        indexes = [models.Index(fields=["village", "kind", "status"], name="problem_filter_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "source_ref"],
                condition=~Q(source_ref=""),
                name="problem_source_ref_unique",
            ),
            models.CheckConstraint(
                condition=Q(severity__gte=SEVERITY_MIN) & Q(severity__lte=SEVERITY_MAX),
                name="problem_severity_1_5",
            ),
            models.CheckConstraint(
                condition=Q(poor_households_affected__lte=models.F("households_affected")),
                name="problem_poor_within_households",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def region_code(self) -> str:
        return self.village_id

    def clean(self) -> None:
        if self.poor_households_affected > self.households_affected:
            raise ValidationError(
                {
                    "poor_households_affected": _(
                        "KK miskin terdampak (%(poor)s) tidak boleh lebih dari KK terdampak "
                        "(%(all)s)."
                    )
                    % {"poor": self.poor_households_affected, "all": self.households_affected}
                }
            )
        if self.rt is not None and self.rt.village_id != self.village_id:
            raise ValidationError({"rt": _("RT itu milik kelurahan/desa lain.")})
        if self.meeting is not None and self.meeting.village_id != self.village_id:
            raise ValidationError({"meeting": _("Pertemuan itu milik kelurahan/desa lain.")})

    @property
    def area_ha(self) -> float | None:
        return None if self.area_m2 is None else self.area_m2 / 10_000


def problem_photo_path(instance: ProblemPhoto, filename: str) -> str:
    """A random name: the original file name may carry a person's name or the phone's id."""
    return random_name(f"pemetaan/{instance.problem.village_id}/{instance.problem_id}", filename)


class ProblemPhoto(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="photos")
    image = UploadImageField(_("foto"), upload_to=problem_photo_path, keep_time_place=True)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    # Read from the photo's EXIF when the camera recorded them.
    taken_at = models.DateTimeField(_("waktu pengambilan"), null=True, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto masalah / potensi")
        verbose_name_plural = _("foto masalah / potensi")
        ordering = ["problem", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name or ""

    @property
    def region_code(self) -> str:
        return self.problem.village_id

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None
