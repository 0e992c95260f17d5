"""Community procurement: price surveys with their quotes, purchases linked to the chosen
quote and to the Bukti Kas Keluar that paid them; optional tax lines (off by default)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.finance.models.ledger import Voucher
from tridaya.finance.models.proposals import ProposalActivity
from tridaya.regions.models import Region


class PriceSurvey(models.Model):
    """A price check for one item (PAMSIMAS: at least 3 shops [A, S16]); a tender reference
    when the value is in the tender band."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(
        ProposalActivity, on_delete=models.PROTECT, related_name="price_surveys"
    )
    item = models.CharField(_("barang/jasa"), max_length=200)
    unit = models.CharField(_("satuan"), max_length=30)
    surveyed_on = models.DateField(_("tanggal survei"))
    surveyor = models.CharField(_("petugas survei"), max_length=150)
    tender_reference = models.CharField(_("nomor berita acara tender"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("survei harga")
        verbose_name_plural = _("survei harga")
        ordering = ["village", "-surveyed_on", "id"]

    def __str__(self) -> str:
        return f"{self.item} ({self.surveyed_on})"

    @property
    def region_code(self) -> str:
        return self.village_id


class PriceQuote(models.Model):
    survey = models.ForeignKey(PriceSurvey, on_delete=models.PROTECT, related_name="quotes")
    shop = models.CharField(_("toko/pemasok"), max_length=150)
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"))
    quoted_on = models.DateField(_("tanggal"))
    written = models.BooleanField(_("penawaran tertulis"), default=False)

    class Meta:
        verbose_name = _("penawaran harga")
        verbose_name_plural = _("penawaran harga")
        ordering = ["survey", "unit_price", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="finance_quote_positive")
        ]

    def __str__(self) -> str:
        return f"{self.shop}: {self.unit_price}"

    @property
    def region_code(self) -> str:
        return self.survey.village_id


class Purchase(models.Model):
    """A purchase paid by a Bukti Kas Keluar, with the quote it chose and the band it met."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(
        ProposalActivity, on_delete=models.PROTECT, related_name="purchases"
    )
    survey = models.ForeignKey(PriceSurvey, on_delete=models.PROTECT, related_name="purchases")
    quote = models.ForeignKey(PriceQuote, on_delete=models.PROTECT, related_name="purchases")
    quantity = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=3)
    amount = models.BigIntegerField(_("nilai (Rp)"))
    method = models.CharField(_("cara pengadaan"), max_length=12)
    voucher = models.OneToOneField(Voucher, on_delete=models.PROTECT, related_name="purchase")

    class Meta:
        verbose_name = _("pembelian")
        verbose_name_plural = _("pembelian")
        ordering = ["village", "id"]

    def __str__(self) -> str:
        return f"{self.survey.item} {self.amount}"

    @property
    def region_code(self) -> str:
        return self.village_id


TAX_TYPES = ("PPN", "PPh 21", "PPh 22", "PPh 23", "PPh 4(2)")
"""The taxes a BKM meets on community purchases and wages (a tax line names one of them)."""


def tax_evidence_path(line: "TaxLine", filename: str) -> str:
    return random_name(f"finance/{line.voucher.village_id}/{line.voucher.year}/pajak", filename)


class TaxLine(models.Model):
    """A tax withheld or paid on an expense (PPN/PPh). No PLPBK rule was found [NF]: off unless
    the setting TRIDAYA_FINANCE_TAX_LINES is on."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="tax_lines")
    tax_type = models.CharField(_("jenis pajak"), max_length=20)
    base = models.BigIntegerField(_("dasar pengenaan (Rp)"))
    rate = models.DecimalField(_("tarif (%)"), max_digits=5, decimal_places=2)
    amount = models.BigIntegerField(_("jumlah pajak (Rp)"))
    deposit_proof = models.CharField(_("bukti setor (NTPN)"), max_length=60, blank=True)
    # The Bukti Penerimaan Negara (BPN) itself, photographed or scanned; NTPN stays the number.
    deposit_evidence = UploadFileField(
        _("bukti penerimaan negara (foto/scan)"),
        upload_to=tax_evidence_path,
        blank=True,
        accept=kinds.IMAGES | {kinds.Kind.PDF},
        group="document",
    )

    class Meta:
        verbose_name = _("pajak")
        verbose_name_plural = _("pajak")

    def __str__(self) -> str:
        return f"{self.tax_type} {self.amount}"

    @property
    def region_code(self) -> str:
        return self.voucher.village_id
