"""Accountability: LPJ per tranche and final, judged by the facilitator; the annual audit by
a public accountant with its opinion and findings that become follow-ups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_LONG, TEXT_NOTE, BoundedTextField
from tridaya.finance.models.allocations import Allocation
from tridaya.regions.models import Region


class LpjStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    ACCEPTED = "accepted", _("Diterima")
    RETURNED = "returned", _("Dikembalikan")


class Lpj(models.Model):
    """Laporan pertanggungjawaban of one tranche (tranche=0 for the final report), judged by
    the facilitator: accepted, or returned with a reason."""

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="lpjs")
    tranche = models.PositiveSmallIntegerField(_("tahap ke (0 = akhir)"))
    period_end = models.DateField(_("sampai tanggal"))
    status = models.CharField(
        _("status"), max_length=10, choices=LpjStatus.choices, default=LpjStatus.SUBMITTED
    )
    reason = BoundedTextField(_("alasan dikembalikan"), blank=True, max_length=TEXT_NOTE)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("LPJ")
        verbose_name_plural = _("LPJ")
        ordering = ["allocation", "tranche", "-submitted_at"]

    def __str__(self) -> str:
        return f"LPJ {self.tranche or 'akhir'} {self.allocation.village_id}"

    @property
    def region_code(self) -> str:
        return self.allocation.village_id


class AuditOpinion(models.TextChoices):
    """KOTAKU SIM bk010505 [V, S1]."""

    WTP = "wtp", _("Wajar Tanpa Pengecualian (WTP)")
    WDP = "wdp", _("Wajar Dengan Pengecualian (WDP)")
    TW = "tw", _("Tidak Wajar (TW)")
    TMP = "tmp", _("Tidak Memberikan Pendapat (TMP)")


class AnnualAudit(models.Model):
    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    auditor = models.CharField(_("auditor (kantor akuntan publik)"), max_length=200)
    audited_on = models.DateField(_("tanggal laporan audit"))
    opinion = models.CharField(_("opini"), max_length=4, choices=AuditOpinion.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit tahunan")
        verbose_name_plural = _("audit tahunan")
        ordering = ["village", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="finance_audit_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Audit {self.year} {self.village_id}"

    @property
    def region_code(self) -> str:
        return self.village_id


class AuditFinding(models.Model):
    """A finding of the audit, followed up until closed with what was done."""

    audit = models.ForeignKey(AnnualAudit, on_delete=models.PROTECT, related_name="findings")
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = BoundedTextField(_("temuan"), max_length=TEXT_LONG)
    follow_up = BoundedTextField(_("tindak lanjut yang diminta"), blank=True, max_length=TEXT_NOTE)
    due_on = models.DateField(_("batas waktu"), null=True, blank=True)
    closed_on = models.DateField(_("selesai pada"), null=True, blank=True)
    closing_note = BoundedTextField(_("yang sudah dilakukan"), blank=True, max_length=TEXT_NOTE)

    class Meta:
        verbose_name = _("temuan audit")
        verbose_name_plural = _("temuan audit")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="finance_finding_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def region_code(self) -> str:
        return self.audit.village_id
