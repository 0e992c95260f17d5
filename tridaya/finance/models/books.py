"""Bank reconciliations: the statement balance typed in, the book balance of the same day,
and the explanation of any difference."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.regions.models import Region


class BankReconciliation(models.Model):
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    statement_date = models.DateField(_("tanggal rekening koran"))
    statement_balance = models.BigIntegerField(_("saldo menurut bank (Rp)"))
    book_balance = models.BigIntegerField(_("saldo menurut Buku Bank (Rp)"))
    explanation = BoundedTextField(_("penjelasan selisih"), blank=True, max_length=TEXT_NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rekonsiliasi bank")
        verbose_name_plural = _("rekonsiliasi bank")
        ordering = ["village", "-statement_date", "-id"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.statement_date}"

    @property
    def difference(self) -> int:
        return self.statement_balance - self.book_balance

    @property
    def region_code(self) -> str:
        return self.village_id
