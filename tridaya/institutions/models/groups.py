"""The BKM's units (UP-UP), the TIPP, the Pokja of volunteers, the KSM and the KPP."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tridaya.core.fields import TEXT_NOTE, TEXT_SHORT, BoundedTextField
from tridaya.core.models import TimeStampedModel
from tridaya.institutions.models.people import (
    VILLAGE_ONLY,
    Person,
    require_member_of_parent_village,
    require_same_village,
)
from tridaya.regions.models import Region


class UPKind(models.TextChoices):
    UPK = "UPK", _("UPK (Unit Pengelola Keuangan)")
    UPL = "UPL", _("UPL (Unit Pengelola Lingkungan)")
    UPS = "UPS", _("UPS (Unit Pengelola Sosial)")


class UPUnit(TimeStampedModel):
    """One of the BKM's units: finance (UPK), environment (UPL) or social (UPS)."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="up_units",
        limit_choices_to=VILLAGE_ONLY,
    )
    kind = models.CharField(_("unit"), max_length=3, choices=UPKind.choices)
    formed_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)

    class Meta:
        verbose_name = _("unit pengelola (UP)")
        verbose_name_plural = _("unit pengelola (UP-UP)")
        ordering = ["village", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "kind"],
                name="up_unit_kind_unique_per_village",
                violation_error_message=_("Unit ini sudah ada di desa ini."),
            )
        ]

    def __str__(self) -> str:
        return self.kind

    @property
    def region_code(self) -> str:
        return self.village_id


class UPStaff(TimeStampedModel):
    unit = models.ForeignKey(
        UPUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="up_posts"
    )
    position = models.CharField(_("jabatan"), max_length=100)
    since = models.DateField(_("sejak"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengelola UP")
        verbose_name_plural = _("pengelola UP")
        ordering = ["unit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "person"],
                name="up_staff_unique",
                violation_error_message=_("Warga ini sudah menjadi pengelola unit ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.position})"

    @property
    def region_code(self) -> str:
        return self.unit.village_id

    def clean(self) -> None:
        require_member_of_parent_village(self, "unit")


class TIPP(TimeStampedModel):
    """Tim Inti Perencanaan Partisipatif: the village's core planning team (one per village),
    confirmed by the BKM and by the Lurah / Kepala Desa."""

    village = models.OneToOneField(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="tipp",
        limit_choices_to=VILLAGE_ONLY,
    )
    formed_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)
    confirmed_by_bkm_on = models.DateField(_("dikukuhkan BKM pada"), null=True, blank=True)
    confirmed_by_lurah_on = models.DateField(
        _("dikukuhkan Lurah/Kepala Desa pada"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("TIPP")
        verbose_name_plural = _("TIPP")

    def __str__(self) -> str:
        return f"TIPP {self.village.name}"

    @property
    def region_code(self) -> str:
        return self.village_id

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_by_bkm_on is not None and self.confirmed_by_lurah_on is not None

    def clean(self) -> None:
        today = timezone.localdate()
        errors = {}
        for name in ("confirmed_by_bkm_on", "confirmed_by_lurah_on"):
            day = getattr(self, name)
            if day is None:
                continue
            if day > today:
                errors[name] = _("Tanggal pengukuhan tidak boleh di masa depan.")
            elif self.formed_on and day < self.formed_on:
                errors[name] = _("Tanggal pengukuhan tidak boleh sebelum TIPP dibentuk.")
        if errors:
            raise ValidationError(errors)


class TIPPGroup(models.TextChoices):
    BKM_UP = "bkm_up", _("BKM / UP-UP")
    APPARATUS = "aparat", _("Aparat kelurahan/desa")
    DISTRICT = "kecamatan", _("Kecamatan")
    AGENCY = "dinas", _("Dinas / Pemda")
    VOLUNTEER = "relawan", _("Relawan")
    COMMUNITY = "kelompok", _("Kelompok masyarakat")


class TIPPMember(TimeStampedModel):
    tipp = models.ForeignKey(
        TIPP, verbose_name=_("TIPP"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="tipp_posts"
    )
    group = models.CharField(_("unsur"), max_length=16, choices=TIPPGroup.choices)
    role = models.CharField(_("peran dalam tim"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("anggota TIPP")
        verbose_name_plural = _("anggota TIPP")
        ordering = ["tipp", "group", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipp", "person"],
                name="tipp_member_unique",
                violation_error_message=_("Warga ini sudah menjadi anggota TIPP."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_group_display()})"

    @property
    def region_code(self) -> str:
        return self.tipp.village_id

    def clean(self) -> None:
        require_member_of_parent_village(self, "tipp")


class SlumAspect(models.TextChoices):
    """The seven slum aspects of Permen PUPR 14/PRT/M/2018, plus any other theme."""

    BUILDINGS = "bangunan", _("Bangunan gedung")
    ROADS = "jalan", _("Jalan lingkungan")
    WATER = "air_minum", _("Air minum")
    DRAINAGE = "drainase", _("Drainase")
    WASTEWATER = "air_limbah", _("Air limbah")
    WASTE = "persampahan", _("Persampahan")
    FIRE = "kebakaran", _("Proteksi kebakaran")
    OTHER = "lainnya", _("Lainnya")


class Pokja(TimeStampedModel):
    """A working group of volunteers (relawan) under the TIPP, for one slum aspect or theme."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="pokjas",
        limit_choices_to=VILLAGE_ONLY,
    )
    name = models.CharField(_("nama pokja"), max_length=150)
    aspect = models.CharField(_("aspek/tema"), max_length=16, choices=SlumAspect.choices)

    class Meta:
        verbose_name = _("pokja")
        verbose_name_plural = _("pokja")
        ordering = ["village", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"],
                name="pokja_name_unique_per_village",
                violation_error_message=_("Nama pokja ini sudah dipakai di desa ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id


class PokjaMember(TimeStampedModel):
    pokja = models.ForeignKey(
        Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("relawan"), on_delete=models.PROTECT, related_name="pokja_posts"
    )
    role = models.CharField(_("peran"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("relawan pokja")
        verbose_name_plural = _("relawan pokja")
        ordering = ["pokja", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pokja", "person"],
                name="pokja_member_unique",
                violation_error_message=_("Warga ini sudah menjadi relawan pokja ini."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def region_code(self) -> str:
        return self.pokja.village_id

    def clean(self) -> None:
        require_member_of_parent_village(self, "pokja")


class KSM(TimeStampedModel):
    """Kelompok Swadaya Masyarakat: a community group that carries out one activity. It has at
    least three members (KSM_MIN_MEMBERS); the services refuse anything less."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="ksms",
        limit_choices_to=VILLAGE_ONLY,
    )
    name = models.CharField(_("nama KSM"), max_length=150)
    activity = BoundedTextField(_("kegiatan"), blank=True, max_length=TEXT_SHORT)
    leader = models.ForeignKey(
        Person,
        verbose_name=_("ketua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ksms_led",
    )
    formed_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)

    class Meta:
        verbose_name = _("KSM")
        verbose_name_plural = _("KSM")
        ordering = ["village", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"],
                name="ksm_name_unique_per_village",
                violation_error_message=_("Nama KSM ini sudah dipakai di desa ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id

    def clean(self) -> None:
        require_same_village(self.leader if self.leader_id else None, self.village_id)


class KSMMember(TimeStampedModel):
    ksm = models.ForeignKey(
        KSM, verbose_name=_("KSM"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="ksm_posts"
    )

    class Meta:
        verbose_name = _("anggota KSM")
        verbose_name_plural = _("anggota KSM")
        ordering = ["ksm", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ksm", "person"],
                name="ksm_member_unique",
                violation_error_message=_("Warga ini sudah menjadi anggota KSM ini."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def region_code(self) -> str:
        return self.ksm.village_id

    def clean(self) -> None:
        require_member_of_parent_village(self, "ksm")


class KPP(TimeStampedModel):
    """Kelompok Pemanfaat dan Pemelihara: the group that uses and maintains what was built."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="kpps",
        limit_choices_to=VILLAGE_ONLY,
    )
    name = models.CharField(_("nama KPP"), max_length=150)
    assets = BoundedTextField(_("aset yang dikelola"), blank=True, max_length=TEXT_NOTE)
    formed_on = models.DateField(_("tanggal dibentuk"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPP")
        verbose_name_plural = _("KPP")
        ordering = ["village", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "name"],
                name="kpp_name_unique_per_village",
                violation_error_message=_("Nama KPP ini sudah dipakai di desa ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region_code(self) -> str:
        return self.village_id


class KPPMember(TimeStampedModel):
    kpp = models.ForeignKey(
        KPP, verbose_name=_("KPP"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="kpp_posts"
    )
    role = models.CharField(_("peran"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("anggota KPP")
        verbose_name_plural = _("anggota KPP")
        ordering = ["kpp", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpp", "person"],
                name="kpp_member_unique",
                violation_error_message=_("Warga ini sudah menjadi anggota KPP ini."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def region_code(self) -> str:
        return self.kpp.village_id

    def clean(self) -> None:
        require_member_of_parent_village(self, "kpp")
