"""Programs' rules as versioned data, and the allocations they give villages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.finance.models.ledger import Voucher
from tridaya.regions.models import Region


class SchemeKind(models.TextChoices):
    PROGRAM = "program", _("Program")
    TRANCHES = "tranches", _("Skema tahap pencairan")


class SchemeDefinition(models.Model):
    """One version of a scheme file (tridaya/finance/schemes/), stored as loaded. A loaded
    version never changes: a changed file must carry a new version number."""

    kind = models.CharField(_("jenis"), max_length=10, choices=SchemeKind.choices)
    code = models.CharField(_("kode"), max_length=40)
    version = models.PositiveIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    definition = models.JSONField(_("isi"))
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skema pendanaan")
        verbose_name_plural = _("skema pendanaan")
        ordering = ["kind", "code", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "version"], name="finance_scheme_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class AllocationStatus(models.TextChoices):
    ACTIVE = "active", _("Berjalan")
    SUSPENDED = "suspended", _("Ditangguhkan")
    CANCELLED = "cancelled", _("Dibatalkan")
    CLOSED = "closed", _("Selesai")


class Allocation(models.Model):
    """What a program gives a village for a budget year, under the scheme version it started
    with (later versions of the program's file do not change it)."""

    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    scheme = models.ForeignKey(
        SchemeDefinition,
        verbose_name=_("program dan versi aturannya"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    tranche_scheme = models.ForeignKey(
        SchemeDefinition, on_delete=models.PROTECT, related_name="bkm_allocations"
    )
    ksm_scheme = models.ForeignKey(
        SchemeDefinition, on_delete=models.PROTECT, related_name="ksm_allocations"
    )
    amount = models.BigIntegerField(_("nilai alokasi (Rp)"))
    funding_source = models.CharField(_("sumber dana"), max_length=60)
    budget_year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    min_physical_percent = models.DecimalField(
        _("porsi fisik minimal (%)"), max_digits=5, decimal_places=2
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AllocationStatus.choices, default="active"
    )
    status_reason = BoundedTextField(_("alasan status"), blank=True, max_length=TEXT_NOTE)
    return_voucher = models.OneToOneField(
        Voucher,
        verbose_name=_("bukti pengembalian dana"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returned_allocation",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alokasi dana")
        verbose_name_plural = _("alokasi dana")
        ordering = ["village", "-budget_year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "scheme", "budget_year"],
                name="finance_allocation_unique_per_program_year",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="finance_allocation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name} {self.budget_year} {self.village_id}"

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def program(self) -> dict:
        return self.scheme.definition
