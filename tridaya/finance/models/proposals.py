"""KSM proposals (usulan kegiatan) drawn from the legalised RTPLP, verified by the BKM; their
cash plans (RPD) per tranche; and the BKM -> KSM releases against them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, BoundedTextField
from tridaya.finance.models.allocations import Allocation
from tridaya.finance.models.ledger import CostCategory, Voucher
from tridaya.institutions.models import KSM
from tridaya.regions.models import Region


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Diajukan ke BKM")
    VERIFIED = "verified", _("Diverifikasi BKM")
    RETURNED = "returned", _("Dikembalikan")


class Proposal(models.Model):
    """A KSM's proposal of activities under an allocation (KOTAKU SIM bk010311 [V, S1])."""

    village = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    allocation = models.ForeignKey(
        Allocation, verbose_name=_("alokasi"), on_delete=models.PROTECT, related_name="proposals"
    )
    ksm = models.ForeignKey(
        KSM, verbose_name=_("KSM"), on_delete=models.PROTECT, related_name="finance_proposals"
    )
    number = models.CharField(_("nomor usulan"), max_length=60)
    proposed_on = models.DateField(_("tanggal usulan"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    verified_on = models.DateField(_("tanggal verifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = BoundedTextField(_("alasan dikembalikan"), blank=True, max_length=TEXT_NOTE)

    class Meta:
        verbose_name = _("usulan KSM")
        verbose_name_plural = _("usulan KSM")
        ordering = ["village", "proposed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "number"], name="finance_proposal_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.ksm}"

    @property
    def region_code(self) -> str:
        return self.village_id


class ProposalActivity(models.Model):
    """One activity of a proposal, copied from a legalised RTPLP activity at proposal time:
    volume, unit, location, Tridaya domain, beneficiaries and funding per source."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="activities")
    plan_activity_id = models.PositiveIntegerField(_("kegiatan RTPLP"))
    name = models.CharField(_("kegiatan"), max_length=200)
    domain = models.CharField(_("daya (Tridaya)"), max_length=1)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    people = models.PositiveIntegerField(_("penerima manfaat (jiwa)"), default=0)
    women = models.PositiveIntegerField(_("perempuan"), default=0)
    mbr = models.PositiveIntegerField(_("MBR"), default=0)
    households = models.PositiveIntegerField(_("KK"), default=0)
    poor_households = models.PositiveIntegerField(_("KK miskin"), default=0)
    funding = models.JSONField(_("pendanaan per sumber (Rp)"), default=dict)
    blm_amount = models.BigIntegerField(_("dana BLM (Rp)"))
    swadaya_amount = models.BigIntegerField(_("swadaya (Rp)"), default=0)

    class Meta:
        verbose_name = _("kegiatan usulan")
        verbose_name_plural = _("kegiatan usulan")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "plan_activity_id"], name="finance_proposal_activity_once"
            ),
            models.CheckConstraint(
                condition=Q(blm_amount__gte=0) & Q(swadaya_amount__gte=0),
                name="finance_proposal_activity_amounts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The activity's tag in its advance account code (1301-<ksm>-a<id>)."""
        return f"a{self.pk}"

    @property
    def region_code(self) -> str:
        return self.proposal.village_id


class CashPlanItem(models.Model):
    """One line of a cash plan (RPD) for a tranche, grouped Bahan/Alat/Upah/Operasional
    (Sanimas-IDB juknis [A, S12])."""

    activity = models.ForeignKey(
        ProposalActivity, on_delete=models.PROTECT, related_name="cash_plan"
    )
    tranche = models.PositiveSmallIntegerField(_("tahap ke"))
    category = models.CharField(_("kelompok"), max_length=12, choices=CostCategory.choices)
    item = models.CharField(_("uraian"), max_length=200)
    unit = models.CharField(_("satuan"), max_length=30)
    quantity_needed = models.DecimalField(_("kebutuhan total"), max_digits=14, decimal_places=3)
    realised_before = models.DecimalField(
        _("terealisasi s.d. tahap lalu"), max_digits=14, decimal_places=3, default=0
    )
    requested = models.DecimalField(_("diminta sekarang"), max_digits=14, decimal_places=3)
    unit_price = models.BigIntegerField(_("harga satuan (Rp)"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))

    class Meta:
        verbose_name = _("rencana penggunaan dana (RPD)")
        verbose_name_plural = _("rencana penggunaan dana (RPD)")
        ordering = ["activity", "tranche", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_price__gte=0) & Q(amount__gte=0), name="finance_rpd_amounts"
            ),
        ]

    def __str__(self) -> str:
        return self.item

    @property
    def region_code(self) -> str:
        return self.activity.proposal.village_id


class KsmRelease(models.Model):
    """Money moved from the BKM bank to a KSM activity's advance for a KSM tranche."""

    activity = models.ForeignKey(
        ProposalActivity, on_delete=models.PROTECT, related_name="releases"
    )
    tranche = models.PositiveSmallIntegerField(_("tahap ke"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    voucher = models.OneToOneField(Voucher, on_delete=models.PROTECT, related_name="ksm_release")

    class Meta:
        verbose_name = _("pencairan ke KSM")
        verbose_name_plural = _("pencairan ke KSM")
        ordering = ["activity", "tranche", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="finance_release_positive")
        ]

    def __str__(self) -> str:
        return f"{self.activity} tahap {self.tranche}"

    @property
    def region_code(self) -> str:
        return self.voucher.village_id
