"""Partners' money that passed through the BKM's bank account: the link from a realised pledge
(marketing) to the Bukti Kas Masuk that put it in the books. A realisation undone in marketing is
reversed by a voucher naming this one; the link row itself never changes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.finance.models.ledger import Voucher


class PartnerReceipt(models.Model):
    pledge = models.ForeignKey(
        "marketing.Pledge",
        verbose_name=_("janji pendanaan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    voucher = models.OneToOneField(
        Voucher,
        verbose_name=_("bukti kas masuk"),
        on_delete=models.PROTECT,
        related_name="partner_receipt",
    )

    class Meta:
        verbose_name = _("penerimaan dana mitra")
        verbose_name_plural = _("penerimaan dana mitra")
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self.voucher)
