"""RPLP and RTPLP: a plan of a village, its versions and their states, the programs of an RPLP
(each linked to the mapped problems it answers), the investment plan rows, the points raised at
the uji publik with the answer to each, and the three sign-offs of legalisation.

A version moves draft -> uji publik -> revised -> legalised; an amendment is a new version that
starts as a draft copy, and the version it replaces becomes superseded when the new one is
legalised. A legalised or superseded version never changes: the services refuse it with a coded
error and the database refuses it too (planning migration 0002, FrozenWhen guards)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.fields import TEXT_CHAPTER, TEXT_LONG, TEXT_NOTE, BoundedTextField
from tridaya.core.formats import group_thousands
from tridaya.core.models import TimeStampedModel
from tridaya.cycle.models import Meeting
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource, line_amount
from tridaya.planning.models.kawasan import PriorityArea
from tridaya.regions.models import RT, Level, Region


class PlanKind(models.TextChoices):
    RPLP = "rplp", _("RPLP")
    RTPLP = "rtplp", _("RTPLP")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLIC_TEST = "uji_publik", _("Uji publik")
    REVISED = "revisi", _("Direvisi")
    LEGALISED = "sah", _("Disahkan")
    SUPERSEDED = "diganti", _("Diganti versi baru")


# Content may change only in these states; the uji publik discusses a fixed text.
EDITABLE_STATES = (VersionState.DRAFT, VersionState.REVISED)
LOCKED_STATES = (VersionState.LEGALISED, VersionState.SUPERSEDED)


class Plan(TimeStampedModel):
    """The RPLP of a village, or an RTPLP of one of its kawasan prioritas."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="plans",
        limit_choices_to={"level": Level.VILLAGE},
    )
    kind = models.CharField(_("jenis rencana"), max_length=5, choices=PlanKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    kawasan = models.ForeignKey(
        PriorityArea,
        verbose_name=_("kawasan prioritas"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
        help_text=_("Kawasan prioritas yang dirinci oleh RTPLP ini."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rencana")
        verbose_name_plural = _("rencana")
        ordering = ["village", "kind", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def is_rtplp(self) -> bool:
        return self.kind == PlanKind.RTPLP

    def clean(self) -> None:
        if self.kind == PlanKind.RTPLP and self.kawasan_id is None:
            raise ValidationError({"kawasan": _("RTPLP harus untuk satu kawasan prioritas.")})
        if self.kind == PlanKind.RPLP and self.kawasan_id is not None:
            raise ValidationError({"kawasan": _("RPLP mencakup seluruh kelurahan/desa.")})
        if self.kawasan is not None and self.kawasan.village_id != self.village_id:
            raise ValidationError({"kawasan": _("Kawasan itu milik kelurahan/desa lain.")})


# Text fields of a version, in the order the diff page shows them.
VERSION_TEXT_FIELDS = (
    "vision",
    "mission",
    "concept",
    "community_rules",
    "env_social_notes",
)


class PlanVersion(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versi"))
    state = models.CharField(
        _("status"), max_length=12, choices=VersionState.choices, default=VersionState.DRAFT
    )
    start_year = models.PositiveSmallIntegerField(
        _("tahun pertama"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("jangka (tahun)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    vision = BoundedTextField(_("visi"), blank=True, max_length=TEXT_NOTE)
    mission = BoundedTextField(_("misi (satu per baris)"), blank=True, max_length=TEXT_LONG)
    concept = BoundedTextField(_("konsep penataan"), blank=True, max_length=TEXT_CHAPTER)
    community_rules = BoundedTextField(
        _("aturan bersama (satu per baris)"), blank=True, max_length=TEXT_LONG
    )
    env_social_notes = BoundedTextField(
        _("rencana pengelolaan lingkungan dan sosial"), blank=True, max_length=TEXT_CHAPTER
    )
    # Free-text chapters of the document outline, keyed by the outline's section key.
    sections = models.JSONField(_("bab lain"), default=dict, blank=True)
    # RTPLP: {item key: {"answer": "ya"|"tidak"|"na", "note": "..."}} (see safeguards.py).
    safeguards = models.JSONField(_("daftar periksa pengaman"), default=dict, blank=True)
    public_test_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("pertemuan uji publik"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_versions",
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("perubahan dari versi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    amendment_reason = BoundedTextField(_("alasan perubahan"), blank=True, max_length=TEXT_NOTE)
    legalised_on = models.DateField(_("tanggal pengesahan"), null=True, blank=True)

    class Meta:
        verbose_name = _("versi rencana")
        verbose_name_plural = _("versi rencana")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def region_code(self) -> str:
        return self.plan.village_id

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.start_year + self.horizon_years))

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def mission_lines(self) -> list[str]:
        return [line.strip() for line in self.mission.splitlines() if line.strip()]

    @property
    def rule_lines(self) -> list[str]:
        return [line.strip() for line in self.community_rules.splitlines() if line.strip()]


class PlanProgram(TimeStampedModel):
    """A program of an RPLP in one Tridaya domain, with the mapped problems it answers and the
    years it runs in (the 5-year phasing)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="programs")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    domain = models.CharField(_("daya (Tridaya)"), max_length=1, choices=TridayaDomain.choices)
    name = models.CharField(_("nama program"), max_length=200)
    description = BoundedTextField(_("uraian"), blank=True, max_length=TEXT_NOTE)
    problems = models.ManyToManyField(
        "mapping.Problem", verbose_name=_("masalah yang dijawab"), blank=True, related_name="+"
    )
    years = models.JSONField(_("tahun pelaksanaan"), default=list, blank=True)

    class Meta:
        verbose_name = _("program rencana")
        verbose_name_plural = _("program rencana")
        ordering = ["version", "domain", "position", "id"]

    def __str__(self) -> str:
        return f"{self.domain}. {self.name}"

    @property
    def region_code(self) -> str:
        return self.version.region_code

    def clean(self) -> None:
        years = self.years or []
        if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
            raise ValidationError({"years": _("Tahun pelaksanaan harus daftar tahun (angka).")})
        allowed = set(self.version.years)
        outside = sorted(set(years) - allowed)
        if outside:
            raise ValidationError(
                {
                    "years": _("Tahun %(years)s di luar jangka rencana %(first)s-%(last)s.")
                    % {
                        "years": ", ".join(str(y) for y in outside),
                        "first": min(allowed),
                        "last": max(allowed),
                    }
                }
            )


class FundingColumns(models.Model):
    """One whole-rupiah column per funding source (DOMAIN.md section 4)."""

    fund_blm = models.BigIntegerField(FundingSource.BLM.label, default=0)
    fund_apbn_pupr = models.BigIntegerField(FundingSource.APBN_PUPR.label, default=0)
    fund_apbn_other = models.BigIntegerField(FundingSource.APBN_OTHER.label, default=0)
    fund_apbd_prov = models.BigIntegerField(FundingSource.APBD_PROVINCE.label, default=0)
    fund_apbd_city = models.BigIntegerField(FundingSource.APBD_CITY.label, default=0)
    fund_dak = models.BigIntegerField(FundingSource.DAK.label, default=0)
    fund_hibah = models.BigIntegerField(FundingSource.GRANT.label, default=0)
    fund_csr = models.BigIntegerField(FundingSource.CSR.label, default=0)
    fund_swadaya = models.BigIntegerField(FundingSource.SWADAYA.label, default=0)
    fund_other = models.BigIntegerField(FundingSource.OTHER.label, default=0)

    class Meta:
        abstract = True

    def funding(self) -> dict[str, int]:
        return {source: getattr(self, name) for source, name in FUNDING_FIELDS.items()}

    @property
    def funding_total(self) -> int:
        return sum(self.funding().values())

    def clean_funding(self) -> None:
        negative = {
            name: _("Jumlah dana tidak boleh negatif.")
            for name in FUNDING_FIELDS.values()
            if getattr(self, name) < 0
        }
        if negative:
            raise ValidationError(negative)


class Beneficiaries(models.Model):
    """Who benefits: people, women, MBR, households, poor households."""

    people = models.PositiveIntegerField(_("penerima manfaat (jiwa)"), default=0)
    women = models.PositiveIntegerField(_("perempuan (jiwa)"), default=0)
    mbr = models.PositiveIntegerField(_("MBR (jiwa)"), default=0)
    households = models.PositiveIntegerField(_("KK"), default=0)
    poor_households = models.PositiveIntegerField(_("KK miskin"), default=0)

    class Meta:
        abstract = True

    def clean_beneficiaries(self) -> None:
        errors = {}
        if self.women > self.people:
            errors["women"] = _("Perempuan (%(n)s) lebih banyak dari penerima manfaat (%(all)s).")
        if self.mbr > self.people:
            errors["mbr"] = _("MBR (%(n)s) lebih banyak dari penerima manfaat (%(all)s).")
        if self.poor_households > self.households:
            errors["poor_households"] = _("KK miskin (%(n)s) lebih banyak dari KK (%(all)s).")
        if errors:
            values = {
                "women": (self.women, self.people),
                "mbr": (self.mbr, self.people),
                "poor_households": (self.poor_households, self.households),
            }
            raise ValidationError(
                {
                    name: message % {"n": values[name][0], "all": values[name][1]}
                    for name, message in errors.items()
                }
            )


class InvestmentRow(FundingColumns, Beneficiaries, TimeStampedModel):
    """One row of the 5-year investment plan of an RPLP."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="investment_rows"
    )
    program = models.ForeignKey(
        PlanProgram,
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="investment_rows",
    )
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    year = models.PositiveSmallIntegerField(_("tahun"))
    domain = models.CharField(_("daya (Tridaya)"), max_length=1, choices=TridayaDomain.choices)
    component = models.CharField(_("komponen"), max_length=200)
    detail = models.CharField(_("rincian"), max_length=300, blank=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    rt = models.ForeignKey(
        RT, verbose_name=_("RT"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("jumlah unit"), default=1)
    volume = models.DecimalField(_("volume"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("satuan"), max_length=30)
    unit_cost = models.BigIntegerField(_("biaya satuan (Rp)"))

    class Meta:
        verbose_name = _("baris rencana investasi")
        verbose_name_plural = _("rencana investasi")
        ordering = ["version", "year", "domain", "position", "id"]

    def __str__(self) -> str:
        return f"{self.year} {self.component}"

    @property
    def region_code(self) -> str:
        return self.version.region_code

    @property
    def cost(self) -> int:
        """Volume × unit cost, whole rupiah."""
        return line_amount(self.volume, self.unit_cost)

    def clean(self) -> None:
        self.clean_funding()
        self.clean_beneficiaries()
        if self.unit_cost is not None and self.unit_cost < 0:
            raise ValidationError({"unit_cost": _("Biaya satuan tidak boleh negatif.")})
        if self.volume is not None and self.volume <= 0:
            raise ValidationError({"volume": _("Volume harus lebih dari 0.")})
        if self.version_id and self.year not in self.version.years:
            years = self.version.years
            raise ValidationError(
                {
                    "year": _("Tahun %(year)s di luar jangka rencana %(first)s-%(last)s.")
                    % {"year": self.year, "first": years[0], "last": years[-1]}
                }
            )
        if self.program is not None and self.program.version_id != self.version_id:
            raise ValidationError({"program": _("Program itu milik versi rencana lain.")})
        if self.rt is not None and self.rt.village_id != self.version.plan.village_id:
            raise ValidationError({"rt": _("RT itu milik kelurahan/desa lain.")})
        if self.volume is not None and self.unit_cost is not None:
            cost = self.cost
            if self.funding_total != cost:
                raise ValidationError(
                    {
                        "fund_blm": _(
                            "Jumlah semua sumber dana (Rp %(funded)s) harus sama dengan volume × "
                            "biaya satuan (Rp %(cost)s)."
                        )
                        % {
                            "funded": group_thousands(self.funding_total),
                            "cost": group_thousands(cost),
                        }
                    }
                )


class Feedback(TimeStampedModel):
    """A point raised at the uji publik and the answer the TIPP gives to it."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="feedback")
    number = models.PositiveSmallIntegerField(_("nomor"))
    raised_by = models.CharField(_("disampaikan oleh"), max_length=200)
    point = BoundedTextField(_("masukan"), max_length=TEXT_NOTE)
    answer = BoundedTextField(_("jawaban / tindak lanjut"), blank=True, max_length=TEXT_NOTE)
    changes_plan = models.BooleanField(_("mengubah rencana"), default=False)

    class Meta:
        verbose_name = _("masukan uji publik")
        verbose_name_plural = _("masukan uji publik")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="feedback_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.point[:60]}"

    @property
    def region_code(self) -> str:
        return self.version.region_code


class SignatoryKind(models.TextChoices):
    """The three who legalise a plan (DOMAIN.md section 1, Perencanaan partisipatif)."""

    BKM = "bkm", _("BKM")
    LURAH = "lurah", _("Lurah / Kepala Desa")
    POKJA = "pokja_teknis", _("Pokja Teknis / Bappeda")


class PlanSignOff(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="signoffs")
    kind = models.CharField(_("atas nama"), max_length=14, choices=SignatoryKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=120)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    signed_on = models.DateField(_("tanggal"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pengesahan rencana")
        verbose_name_plural = _("pengesahan rencana")
        ordering = ["version", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="plan_signoff_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.signer_name}"

    @property
    def region_code(self) -> str:
        return self.version.region_code


class DocumentOutline(TimeStampedModel):
    """The chapters of an RPLP or RTPLP document. The program may edit it in the admin; the
    default ships as a versioned data file (tridaya/planning/outlines/)."""

    kind = models.CharField(_("jenis rencana"), max_length=5, choices=PlanKind.choices)
    version = models.PositiveSmallIntegerField(_("versi"))
    name = models.CharField(_("nama"), max_length=200)
    chapters = models.JSONField(_("bab"))
    is_active = models.BooleanField(_("dipakai"), default=True)

    class Meta:
        verbose_name = _("kerangka dokumen")
        verbose_name_plural = _("kerangka dokumen")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="outline_kind_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def clean(self) -> None:
        from tridaya.planning.outlines import outline_errors

        errors = outline_errors(self.chapters)
        if errors:
            raise ValidationError({"chapters": errors})
