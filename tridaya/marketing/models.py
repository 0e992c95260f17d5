"""Marketing the plan (pemasaran): the funding sources of the program MIS (versioned data), the
partners of a city (one register shared by its villages), the pipeline of every pledge towards an
activity of a legalised RPLP/RTPLP (pledged -> committed -> realised, or withdrawn), the
prospectus of a legalised plan, and the collaboration forums where pledges are made.

Money is whole rupiah. Pledges point at planning's rows by string references, so this app reads
planning only through its selectors."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_LONG, TEXT_NOTE, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadFileField
from tridaya.core.uploads.names import random_name
from tridaya.regions.models import Level, Region

# --- Funding sources (versioned data, see sources/*.toml) -------------------------------------


class CountsAs(models.TextChoices):
    BLM = "blm", _("BLM program")
    SWADAYA = "swadaya", _("Swadaya masyarakat")
    PARTNER = "partner", _("Dana mitra")


class SourceList(models.Model):
    """One loaded version of a funding-source file."""

    code = models.CharField(_("kode"), max_length=40)
    version = models.PositiveSmallIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    source_file = models.CharField(_("berkas"), max_length=100)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("daftar sumber dana")
        verbose_name_plural = _("daftar sumber dana")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="marketing_source_list_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class FundingSource(models.Model):
    source_list = models.ForeignKey(SourceList, on_delete=models.PROTECT, related_name="sources")
    code = models.CharField(_("kode"), max_length=40)
    position = models.PositiveSmallIntegerField(_("urutan"))
    label = models.CharField(_("sumber dana"), max_length=120)
    short = models.CharField(_("singkatan"), max_length=30)
    counts_as = models.CharField(_("dihitung sebagai"), max_length=8, choices=CountsAs.choices)
    government = models.BooleanField(_("dana pemerintah"), default=False)

    class Meta:
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")
        ordering = ["source_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source_list", "code"], name="marketing_source_code")
        ]

    def __str__(self) -> str:
        return self.label


# --- Partners ----------------------------------------------------------------------------------


class PartnerType(models.TextChoices):
    OPD = "opd", _("OPD Pemda")
    MINISTRY = "kementerian", _("Kementerian / program")
    COMPANY = "perusahaan", _("Perusahaan (CSR)")
    BANK = "bank", _("Bank")
    DONOR = "donor", _("Donor / lembaga internasional")
    COMMUNITY = "komunitas", _("Organisasi masyarakat")


class Partner(TimeStampedModel):
    """An organisation that may fund parts of plans, in the register of one city (kabupaten/kota)
    that all its villages share. Unique by normalised name and the region it acts in."""

    city = models.ForeignKey(
        Region,
        verbose_name=_("kabupaten/kota register"),
        on_delete=models.PROTECT,
        related_name="marketing_partners",
        limit_choices_to={"level": Level.REGENCY},
    )
    name = models.CharField(_("nama organisasi"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("jenis mitra"), max_length=12, choices=PartnerType.choices)
    acts_in = models.ForeignKey(
        Region,
        verbose_name=_("wilayah kerja"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Wilayah tempat mitra bekerja (negara, provinsi, kabupaten/kota, ...)."),
    )
    sectors = models.CharField(_("bidang / sektor"), max_length=200, blank=True)
    address = models.CharField(_("alamat kantor"), max_length=300, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    sources = models.ManyToManyField(
        FundingSource, verbose_name=_("sumber dana"), blank=True, related_name="partners"
    )
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")
        ordering = ["city", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "normalised_name", "acts_in"], name="marketing_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.city_id


class PartnerContact(TimeStampedModel):
    """A person to talk to at a partner: personal data, shown only to roles that need it."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nama"), max_length=120)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    class Meta:
        verbose_name = _("kontak mitra")
        verbose_name_plural = _("kontak mitra")
        ordering = ["partner", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.partner.city_id


# --- Pledges ----------------------------------------------------------------------------------


class PledgeState(models.TextChoices):
    PLEDGED = "janji", _("Janji dukungan")
    COMMITTED = "komitmen", _("Komitmen (kesepakatan ditandatangani)")
    REALISED = "realisasi", _("Terealisasi")
    WITHDRAWN = "batal", _("Dibatalkan")


# A commitment or a realisation is money the plan can count on.
COUNTED_STATES = (PledgeState.COMMITTED, PledgeState.REALISED)


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Nota kesepahaman (MoU)")
    PKS = "pks", _("Perjanjian kerja sama (PKS)")
    KESEPAKATAN = "kesepakatan", _("Surat kesepakatan / komitmen")


def _upload_path(folder: str, instance: Pledge, filename: str) -> str:
    return random_name(f"pemasaran/{instance.village_id}/{folder}", filename)


def agreement_path(instance: Pledge, filename: str) -> str:
    return _upload_path("kesepakatan", instance, filename)


def evidence_path(instance: Pledge, filename: str) -> str:
    return _upload_path("bukti", instance, filename)


class Pledge(TimeStampedModel):
    """A partner's pledge to fund (part of) one RTPLP activity or one RPLP investment row, and
    what became of it."""

    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    activity = models.ForeignKey(
        "planning.Activity",
        verbose_name=_("kegiatan RTPLP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    investment_row = models.ForeignKey(
        "planning.InvestmentRow",
        verbose_name=_("kegiatan RPLP"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="pledges"
    )
    source = models.ForeignKey(
        FundingSource, verbose_name=_("sumber dana"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.BigIntegerField(_("nilai janji (Rp)"))
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    meeting = models.ForeignKey(
        "cycle.Meeting",
        verbose_name=_("pertemuan / forum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pledged_on = models.DateField(_("tanggal janji"))
    state = models.CharField(
        _("status"), max_length=10, choices=PledgeState.choices, default=PledgeState.PLEDGED
    )
    # Commitment.
    agreement_kind = models.CharField(
        _("jenis kesepakatan"), max_length=12, choices=AgreementKind.choices, blank=True
    )
    agreement_file = UploadFileField(
        _("berkas kesepakatan"),
        upload_to=agreement_path,
        blank=True,
        accept={kinds.Kind.PDF, kinds.Kind.DOCX, kinds.Kind.JPEG, kinds.Kind.PNG},
        group="document",
    )
    committed_on = models.DateField(_("tanggal kesepakatan"), null=True, blank=True)
    conditions = BoundedTextField(_("syarat"), blank=True, max_length=TEXT_NOTE)
    over_commit_reason = BoundedTextField(
        _("alasan melebihi biaya"), blank=True, max_length=TEXT_NOTE
    )
    # Realisation.
    realised_amount = models.BigIntegerField(_("nilai realisasi (Rp)"), null=True, blank=True)
    realised_on = models.DateField(_("tanggal realisasi"), null=True, blank=True)
    in_kind = models.BooleanField(_("dalam bentuk barang/jasa"), default=False)
    in_kind_description = models.CharField(_("uraian barang/jasa"), max_length=300, blank=True)
    evidence_file = UploadFileField(
        _("bukti realisasi"),
        upload_to=evidence_path,
        blank=True,
        accept={kinds.Kind.PDF, kinds.Kind.DOCX, kinds.Kind.JPEG, kinds.Kind.PNG},
        group="document",
    )
    through_bkm = models.BooleanField(
        _("diterima di rekening BKM"),
        default=False,
        help_text=_("Uang masuk ke rekening bersama BKM dan dibukukan di buku kas."),
    )
    # Withdrawal.
    withdrawn_on = models.DateField(_("tanggal batal"), null=True, blank=True)
    withdrawal_reason = BoundedTextField(_("alasan batal"), blank=True, max_length=TEXT_NOTE)
    withdrawn_from = models.CharField(max_length=10, choices=PledgeState.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Not columns: the activity or row name, and where a pledge on a superseded plan version
    # was carried from (version number; old name and the in-force target), set by the pages.
    target_name: str
    carried_version: int | None
    carried: dict | None

    class Meta:
        verbose_name = _("janji pendanaan")
        verbose_name_plural = _("janji pendanaan")
        ordering = ["village", "-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(activity__isnull=False) & Q(investment_row__isnull=True))
                | (Q(activity__isnull=True) & Q(investment_row__isnull=False)),
                name="marketing_pledge_one_target",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="marketing_pledge_amount"),
            models.CheckConstraint(
                condition=Q(realised_amount__isnull=True) | Q(realised_amount__gte=0),
                name="marketing_pledge_realised_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} Rp {self.amount:,}".replace(",", ".")

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def counted_amount(self) -> int:
        """What the plan can count on: the realised value once realised, the committed amount
        while committed, nothing while only pledged or withdrawn."""
        if self.state == PledgeState.REALISED:
            return self.realised_amount or 0
        if self.state == PledgeState.COMMITTED:
            return self.amount
        return 0

    def clean(self) -> None:
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": _("Nilai janji harus lebih dari Rp 0.")})
        if self.in_kind and not self.in_kind_description.strip():
            raise ValidationError(
                {"in_kind_description": _("Sebutkan barang/jasa yang diberikan dan nilainya.")}
            )


# --- Prospectus -------------------------------------------------------------------------------


class ProspectusState(models.TextChoices):
    DRAFT = "draf", _("Draf")
    PUBLISHED = "terbit", _("Diterbitkan")


class Prospectus(TimeStampedModel):
    """The investment prospectus of one legalised plan version: the offer to partners."""

    version = models.OneToOneField(
        "planning.PlanVersion",
        verbose_name=_("versi rencana"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        Region, verbose_name=_("kelurahan/desa"), on_delete=models.PROTECT, related_name="+"
    )
    introduction = BoundedTextField(_("pengantar untuk mitra"), blank=True, max_length=TEXT_LONG)
    state = models.CharField(
        _("status"), max_length=8, choices=ProspectusState.choices, default=ProspectusState.DRAFT
    )
    published_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("prospektus")
        verbose_name_plural = _("prospektus")
        ordering = ["village", "-id"]

    def __str__(self) -> str:
        return str(_("Prospektus %(version)s") % {"version": self.version})

    @property
    def region_code(self) -> str:
        return self.village_id


# --- Forums -----------------------------------------------------------------------------------


class ForumLevel(models.TextChoices):
    VILLAGE = "desa", _("Kelurahan/desa")
    DISTRICT = "kecamatan", _("Kecamatan")
    CITY = "kota", _("Kabupaten/kota")


FORUM_LEVEL_OF_REGION: dict[int, ForumLevel] = {
    Level.VILLAGE: ForumLevel.VILLAGE,
    Level.DISTRICT: ForumLevel.DISTRICT,
    Level.REGENCY: ForumLevel.CITY,
}


class ForumKind(models.TextChoices):
    COLLABORATION = "kolaborasi", _("Forum kolaborasi")
    FKA_BKM = "fka_bkm", _("FKA BKM/LKM")


class Forum(TimeStampedModel):
    """A collaboration forum meeting (forum kolaborasi, FKA BKM) at village, kecamatan or city
    level, held as a cycle meeting (attendance men/women, decisions) in a host village."""

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah forum"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=ForumLevel.choices)
    kind = models.CharField(_("jenis forum"), max_length=12, choices=ForumKind.choices)
    meeting = models.OneToOneField(
        "cycle.Meeting",
        verbose_name=_("pertemuan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    bkm_members = models.PositiveIntegerField(_("anggota BKM hadir"), default=0)
    functioning = models.BooleanField(_("forum berfungsi"), default=True)
    notes = BoundedTextField(_("catatan"), blank=True, max_length=TEXT_NOTE)
    # Not a column: the pledges recorded with the forum's meeting, set by the forums page.
    produced: list[Pledge]

    class Meta:
        verbose_name = _("forum kolaborasi")
        verbose_name_plural = _("forum kolaborasi")
        ordering = ["region", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region}"

    @property
    def region_code(self) -> str:
        return self.region_id
