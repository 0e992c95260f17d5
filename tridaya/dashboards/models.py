"""Aggregate tables the dashboards read (and nothing else): one row per region, month, figure
and state, refreshed from the figures registry (`tridaya/core/figures.py`).

Region codes are Kemendagri materialized paths; the nation is the empty code at level 0. A
region's descendants at any level are the rows whose code lies in [`code.`, `code/`) (`/`
sorts right after `.`), an index range scan on both databases."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NATION = ""
NATION_LEVEL = 0


class FigureValue(models.Model):
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    level = models.PositiveSmallIntegerField(_("tingkat"))
    month = models.DateField(_("bulan"))  # the first day of the month
    figure = models.CharField(_("angka"), max_length=60)
    state = models.CharField(_("keadaan"), max_length=40, blank=True)
    # Sum of values (MEAN: of value x weight; COUNT_BY_STATE: villages in the state).
    total = models.DecimalField(max_digits=24, decimal_places=4)
    weight = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    villages = models.PositiveIntegerField(default=0)
    # What is shown: the sum, the weighted mean, the count or the median.
    value = models.DecimalField(max_digits=24, decimal_places=4, null=True)

    class Meta:
        verbose_name = _("angka wilayah")
        verbose_name_plural = _("angka wilayah")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "figure", "level", "region_code", "state"],
                name="figure_value_unique",
            )
        ]
        indexes = [
            models.Index(fields=["region_code", "month"], name="figure_value_region_idx"),
            # A region's own rows and its children's: month, level, then a code range.
            models.Index(fields=["month", "level", "region_code"], name="figure_value_level_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code or 'ID'} {self.month:%Y-%m} {self.figure} {self.state}"


class DirtyVillage(models.Model):
    """A village whose figures are stale: marked in the transaction of the change, cleared by
    the refresh job once recomputed."""

    code = models.CharField(_("kode desa"), max_length=13, primary_key=True)
    marked_at = models.DateTimeField(_("ditandai"), auto_now=True)

    class Meta:
        verbose_name = _("desa perlu dihitung ulang")
        verbose_name_plural = _("desa perlu dihitung ulang")

    def __str__(self) -> str:
        return self.code


class FiguresVersion(models.Model):
    """One row, bumped whenever the aggregate tables change: pages cache what they render under
    this number, so every process sees a refresh at once (no stale page after a change)."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("versi angka")
        verbose_name_plural = _("versi angka")

    def __str__(self) -> str:
        return str(self.version)
