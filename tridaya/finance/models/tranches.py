"""Disbursement requests (PP-BLM) per tranche, their documents checklist and the ladder of
sign-offs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.finance.models.allocations import Allocation
from tridaya.finance.models.ledger import Voucher


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Diajukan, dalam verifikasi")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    DISBURSED = "disbursed", _("Dicairkan")


# The documents of the berkas pencairan [V, DOMAIN-implementation §1.3, S7].
DOCUMENT_LABELS = {
    "pp_blm": _("Permohonan pencairan BLM (PP-BLM)"),
    "kuitansi": _("Kuitansi"),
    "resume": _("Resume"),
    "rekening_bkm": _("Fotokopi rekening BKM/LKM"),
    "perjanjian_kerja_sama": _("Perjanjian kerja sama"),
    "proposal_verified": _("Usulan KSM terverifikasi BKM"),
    "rpd": _("Rencana penggunaan dana (RPD)"),
}


class DisbursementRequest(models.Model):
    """A request to release tranche N of an allocation into the BKM bank account."""

    allocation = models.ForeignKey(
        Allocation, verbose_name=_("alokasi"), on_delete=models.PROTECT, related_name="requests"
    )
    tranche = models.PositiveSmallIntegerField(_("tahap ke"))
    label = models.CharField(_("tahap"), max_length=40)
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    round = models.PositiveSmallIntegerField(_("putaran verifikasi"), default=1)
    # {document code: {"present": bool, "correct": bool, "note": str}}
    documents = models.JSONField(_("kelengkapan dokumen"), default=dict, blank=True)
    return_reason = BoundedTextField(_("alasan dikembalikan"), blank=True, max_length=TEXT_NOTE)
    receipt_voucher = models.OneToOneField(
        Voucher,
        verbose_name=_("bukti kas masuk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disbursement",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("permohonan pencairan (PP-BLM)")
        verbose_name_plural = _("permohonan pencairan (PP-BLM)")
        ordering = ["allocation", "tranche"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "tranche"], name="finance_request_one_per_tranche"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="finance_request_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"PP-BLM {self.label} {self.allocation.village_id}"

    @property
    def region_code(self) -> str:
        return self.allocation.village_id


class SignOff(models.Model):
    """One rung of the verification ladder (Tim Faskel -> PJOK -> Korkot/Askot -> PPK ->
    Satker): who signed, when, with what notes; a refusal returns the request."""

    request = models.ForeignKey(
        DisbursementRequest, on_delete=models.PROTECT, related_name="signoffs"
    )
    round = models.PositiveSmallIntegerField(_("putaran"))
    order = models.PositiveSmallIntegerField(_("urutan"))
    step_code = models.CharField(_("anak tangga"), max_length=20)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150)
    signed_on = models.DateField(_("tanggal"))
    approved = models.BooleanField(_("disetujui"))
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tanda tangan verifikasi")
        verbose_name_plural = _("tanda tangan verifikasi")
        ordering = ["request", "round", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "round", "order"], name="finance_signoff_once_per_rung"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step_code} {self.signer_name}"

    @property
    def region_code(self) -> str:
        return self.request.allocation.village_id
