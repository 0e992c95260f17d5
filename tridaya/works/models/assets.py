"""Handover (BAST), the asset register, O&M plans, functionality checks, maintenance, and the
volumes a completed package handled per RT and slum criterion."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_LONG, TEXT_NOTE, BoundedTextField
from tridaya.institutions.models import KPP
from tridaya.regions.models import RT, Region
from tridaya.works.models.packages import WorkPackage


class Recipient(models.TextChoices):
    KPP = "kpp", _("KPP")
    PEMDA = "pemda", _("Pemerintah daerah")


class Handover(models.Model):
    package = models.OneToOneField(WorkPackage, on_delete=models.PROTECT, related_name="handover")
    number = models.CharField(_("nomor BAST"), max_length=80)
    date = models.DateField(_("tanggal serah terima"))
    recipient = models.CharField(_("penerima"), max_length=8, choices=Recipient.choices)
    kpp = models.ForeignKey(KPP, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pemda_office = models.CharField(_("instansi pemda"), max_length=200, blank=True)
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient="pemda") | Q(kpp__isnull=False),
                name="works_handover_kpp_named",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def region_code(self) -> str:
        return self.package.village_id

    @property
    def recipient_name(self) -> str:
        return self.kpp.name if self.kpp_id and self.kpp else self.pemda_office


class Asset(models.Model):
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    package = models.OneToOneField(WorkPackage, on_delete=models.PROTECT, related_name="asset")
    handover = models.OneToOneField(Handover, on_delete=models.PROTECT, related_name="asset")
    kind = models.CharField(_("jenis aset"), max_length=100)
    name = models.CharField(_("nama aset"), max_length=200)
    geometry = models.JSONField(_("lokasi (GeoJSON)"))
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    value = models.BigIntegerField(_("nilai (Rp, dari buku kas)"), default=0)
    design_life_years = models.PositiveSmallIntegerField(_("umur rencana (tahun)"), default=10)
    people = models.PositiveIntegerField(_("penerima manfaat (jiwa)"), default=0)
    households = models.PositiveIntegerField(_("KK"), default=0)
    handed_on = models.DateField(_("tanggal serah terima"))

    # Not a column: set by selectors.assets_overdue on the assets it returns (the date of the
    # last functionality check, or the handover date when there is none).
    last_checked: dt.date

    class Meta:
        ordering = ["village", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id


class OmPlan(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="om_plans")
    year = models.PositiveSmallIntegerField(_("tahun"))
    use_plan = BoundedTextField(_("rencana pemanfaatan"), max_length=TEXT_LONG)
    revenue_plan = models.BigIntegerField(_("rencana penerimaan (Rp)"), default=0)
    spending_plan = models.BigIntegerField(_("rencana pengeluaran (Rp)"), default=0)
    maintenance_schedule = BoundedTextField(_("jadwal pemeliharaan"), max_length=TEXT_LONG)

    class Meta:
        ordering = ["asset", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "year"], name="works_om_plan_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.asset} {self.year}"

    @property
    def region_code(self) -> str:
        return self.asset.village_id


class FunctionalityCheck(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="checks")
    year = models.PositiveSmallIntegerField(_("tahun O&P"))
    checked_on = models.DateField(_("tanggal pemeriksaan"))
    exists = models.BooleanField(_("masih ada"))
    good_condition = models.BooleanField(_("kondisi baik"))
    functioning = models.BooleanField(_("masih berfungsi"))
    used = models.BooleanField(_("masih dimanfaatkan"))
    upgraded = models.BooleanField(_("dikembangkan/ditingkatkan"))
    score = models.PositiveSmallIntegerField(_("skor keberfungsian"), editable=False)
    note = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["asset", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "year"], name="works_check_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.asset} {self.year}: {self.score}"

    @property
    def region_code(self) -> str:
        return self.asset.village_id


class MaintenanceLog(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="maintenance")
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("pekerjaan pemeliharaan"), max_length=300)
    cost = models.BigIntegerField(_("biaya (Rp)"), default=0)

    class Meta:
        ordering = ["asset", "-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(cost__gte=0), name="works_om_cost")]

    def __str__(self) -> str:
        return f"{self.asset} {self.date}"

    @property
    def region_code(self) -> str:
        return self.asset.village_id


class HandledVolume(models.Model):
    """What a completed package handled in one RT for one slum criterion (e.g. 4a drainage,
    metres). Passed to mapping's RT profile of the year through mapping's service."""

    package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="handled")
    rt = models.ForeignKey(RT, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun profil"))
    code = models.CharField(_("kriteria"), max_length=4)
    amount = models.DecimalField(_("volume tertangani"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["package", "rt", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "rt", "year", "code"], name="works_handled_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="works_handled_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.package} RT {self.rt_id} {self.code}"

    @property
    def region_code(self) -> str:
        return self.package.village_id


class IuranPayment(models.Model):
    """Users' fees collected for an asset, posted in the ledger as swadaya in cash (the
    voucher is finance's; this row says which asset it was for)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="iuran")
    date = models.DateField(_("tanggal"))
    amount = models.BigIntegerField(_("iuran (Rp)"))
    payers = models.CharField(_("pembayar"), max_length=100, blank=True)
    voucher_id = models.PositiveIntegerField(editable=False)
    key = models.CharField(max_length=120, unique=True, editable=False)

    class Meta:
        ordering = ["asset", "-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="works_iuran_amount")]

    def __str__(self) -> str:
        return f"{self.asset} {self.date}"

    @property
    def region_code(self) -> str:
        return self.asset.village_id
