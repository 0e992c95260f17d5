"""The RTPLP's activities and their RAB (bill of quantities), and the regional price lists (HSPK)
the unit prices come from.

A RAB line keeps the unit price it was entered with (and the price-list item it came from), so
a new price never changes a plan silently: `selectors.price_change_impact` shows which activities
a change moves, and the TIPP applies it to the plans still open for editing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sector, TridayaDomain
from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource, line_amount
from tridaya.planning.models.plans import (
    Beneficiaries,
    FundingColumns,
    InvestmentRow,
    PlanVersion,
)
from tridaya.regions.models import RT, Region


class PriceList(TimeStampedModel):
    """A regional unit-price list (HSPK, harga satuan pokok kegiatan) of a regency or city for a
    year, imported from XLSX/CSV or typed in."""

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="price_lists"
    )
    year = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("nama"), max_length=200)
    source = models.CharField(_("sumber (SK/Perbup)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("daftar harga satuan (HSPK)")
        verbose_name_plural = _("daftar harga satuan (HSPK)")
        ordering = ["region", "-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "name"], name="price_list_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

    @property
    def region_code(self) -> str:
        return self.region_id


class PriceItem(TimeStampedModel):
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("uraian"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=30)
    price = models.BigIntegerField(_("harga satuan (Rp)"), validators=[MinValueValidator(0)])
    category = models.CharField(_("kelompok"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("harga satuan")
        verbose_name_plural = _("harga satuan")
        ordering = ["price_list", "code"]
        constraints = [
            models.UniqueConstraint(fields=["price_list", "code"], name="price_item_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def region_code(self) -> str:
        return self.price_list.region_id


class Activity(FundingColumns, Beneficiaries, TimeStampedModel):
    """An activity of an RTPLP: where it is (geometry), its RAB, its schedule, its attachments,
    how it is funded. The amount of `main_source` is whatever the RAB total leaves after the other
    sources, so the split always adds up to the RAB total."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama kegiatan"), max_length=200)
    domain = models.CharField(
        _("daya (Tridaya)"),
        max_length=1,
        choices=TridayaDomain.choices,
        default=TridayaDomain.ENVIRONMENT,
    )
    sector = models.CharField(
        _("sektor / aspek kumuh"), max_length=16, choices=Sector.choices, default=Sector.OTHER
    )
    description = BoundedTextField(_("uraian"), blank=True, max_length=TEXT_NOTE)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    rt = models.ForeignKey(
        RT, verbose_name=_("RT"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    geometry = models.JSONField(_("lokasi di peta (GeoJSON)"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3, default=1)
    unit = models.CharField(_("satuan"), max_length=30, default="paket")
    starts_on = models.DateField(_("mulai"), null=True, blank=True)
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    problems = models.ManyToManyField(
        "mapping.Problem", verbose_name=_("masalah yang dijawab"), blank=True, related_name="+"
    )
    rplp_row = models.ForeignKey(
        InvestmentRow,
        verbose_name=_("baris rencana investasi RPLP"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rtplp_activities",
    )
    main_source = models.CharField(
        _("sumber dana utama"),
        max_length=12,
        choices=FundingSource.choices,
        default=FundingSource.BLM,
        help_text=_("Menanggung sisa RAB setelah sumber dana lain."),
    )
    rab_total = models.BigIntegerField(_("total RAB (Rp)"), default=0, editable=False)

    class Meta:
        verbose_name = _("kegiatan RTPLP")
        verbose_name_plural = _("kegiatan RTPLP")
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.version.region_code

    @property
    def main_field(self) -> str:
        return FUNDING_FIELDS[self.main_source]

    @property
    def other_funding(self) -> int:
        return sum(
            getattr(self, name) for name in FUNDING_FIELDS.values() if name != self.main_field
        )

    @property
    def is_balanced(self) -> bool:
        return self.funding_total == self.rab_total and getattr(self, self.main_field) >= 0

    def balance_funding(self) -> None:
        """Give the main source what the RAB total leaves after the other sources."""
        setattr(self, self.main_field, self.rab_total - self.other_funding)

    def clean(self) -> None:
        self.clean_beneficiaries()
        errors: dict[str, Any] = {}
        for name in FUNDING_FIELDS.values():
            if name != self.main_field and getattr(self, name) < 0:
                errors[name] = _("Jumlah dana tidak boleh negatif.")
        if self.version_id and self.year not in self.version.years:
            years = self.version.years
            errors["year"] = _("Tahun %(year)s di luar jangka rencana %(first)s-%(last)s.") % {
                "year": self.year,
                "first": years[0],
                "last": years[-1],
            }
        if self.volume is not None and self.volume <= 0:
            errors["volume"] = _("Volume harus lebih dari 0.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("Tanggal selesai sebelum tanggal mulai.")
        if self.rt is not None and self.rt.village_id != self.version.plan.village_id:
            errors["rt"] = _("RT itu milik kelurahan/desa lain.")
        if self.rplp_row is not None and self.rplp_row.version.plan.village_id != (
            self.version.plan.village_id
        ):
            errors["rplp_row"] = _("Baris RPLP itu milik kelurahan/desa lain.")
        if errors:
            raise ValidationError(errors)


class RABItem(TimeStampedModel):
    """One line of an activity's RAB: volume × unit price, rounded to whole rupiah."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="rab_items")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    price_item = models.ForeignKey(
        PriceItem,
        verbose_name=_("dari HSPK"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rab_items",
    )
    code = models.CharField(_("kode"), max_length=40, blank=True)
    description = models.CharField(_("uraian pekerjaan"), max_length=300)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"))
    amount = models.BigIntegerField(_("jumlah (Rp)"), editable=False)

    class Meta:
        verbose_name = _("baris RAB")
        verbose_name_plural = _("RAB")
        ordering = ["activity", "position", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def region_code(self) -> str:
        return self.activity.region_code

    def clean(self) -> None:
        errors = {}
        if self.volume is not None and self.volume <= 0:
            errors["volume"] = _("Volume harus lebih dari 0.")
        if self.unit_price is not None and self.unit_price < 0:
            errors["unit_price"] = _("Harga satuan tidak boleh negatif.")
        if errors:
            raise ValidationError(errors)
        self.amount = line_amount(self.volume, self.unit_price)


class AttachmentKind(models.TextChoices):
    DED = "ded", _("Gambar rencana (DED)")
    RKS = "rks", _("Rencana kerja dan syarat (RKS)")
    LAND = "lahan", _("Surat hibah / status lahan")
    PHOTO = "foto", _("Foto kondisi awal")
    OTHER = "lain", _("Lampiran lain")


def attachment_path(instance: ActivityAttachment, filename: str) -> str:
    village = instance.activity.version.plan.village_id
    return random_name(f"perencanaan/{village}/{instance.activity_id}", filename)


class ActivityAttachment(TimeStampedModel):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("jenis"), max_length=8, choices=AttachmentKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    file = UploadFileField(
        _("berkas"), upload_to=attachment_path, accept=kinds.DOCUMENTS, group="document"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lampiran kegiatan")
        verbose_name_plural = _("lampiran kegiatan")
        ordering = ["activity", "kind", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.activity.region_code
