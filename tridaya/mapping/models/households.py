"""Households of a village, each in one RT, with the 14 BPS poverty criteria.

A household's poverty status is never typed in: `criteria_met` is the number of criteria that
hold and `is_poor` is true when at least `POOR_MIN_CRITERIA` (9) hold. Services set both from
the answers, and two database constraints refuse a row where they disagree, so the status stays
in step with the answers whatever writes the row (form, API, import).

A household records its head as the KK card gives them: name, sex and NIK (unique among the
village's households). When the village's register of people (`institutions.Person`) holds
someone with that NIK, the household links to them (`head`) and their `is_poor` follows the
household's. (A survey import of a million households therefore writes one row per household,
not two.) Names and NIKs are personal data (UU PDP 27/2022), shown only to the roles in
`mapping.view_household_personal_data`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.models import TimeStampedModel
from tridaya.institutions.models import Person
from tridaya.institutions.models.people import nik_validator
from tridaya.regions.models import RT, Level, Region

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

POOR_MIN_CRITERIA = 9
MAX_MEMBERS = 99  # more people in one household is a typing error, not a household


@dataclass(frozen=True)
class Criterion:
    number: int
    field: str
    label: str | _StrPromise  # the question as volunteers ask it (Indonesian msgid)


# BPS's 14 criteria (DOMAIN.md section 3), in BPS's order. `field` is the model field and the
# name of the question in the XLSForm.
POVERTY_CRITERIA: tuple[Criterion, ...] = (
    Criterion(1, "crit_floor_area", _("Luas lantai kurang dari 8 m2 per orang")),
    Criterion(2, "crit_floor_material", _("Lantai tanah, bambu atau kayu murahan")),
    Criterion(
        3,
        "crit_wall_material",
        _("Dinding bambu, rumbia, kayu murahan atau tembok tanpa plester"),
    ),
    Criterion(4, "crit_toilet", _("Tidak punya jamban sendiri (tidak ada atau bersama)")),
    Criterion(5, "crit_electricity", _("Tidak ada listrik")),
    Criterion(
        6,
        "crit_water",
        _("Air minum dari sumur/mata air tak terlindung, sungai atau hujan"),
    ),
    Criterion(7, "crit_cooking_fuel", _("Memasak dengan kayu bakar, arang atau minyak tanah")),
    Criterion(8, "crit_protein", _("Makan daging, susu atau ayam paling banyak sekali seminggu")),
    Criterion(9, "crit_clothing", _("Hanya membeli satu stel pakaian baru setahun")),
    Criterion(10, "crit_meals", _("Makan hanya satu atau dua kali sehari")),
    Criterion(11, "crit_health_cost", _("Tidak sanggup membayar berobat ke puskesmas")),
    Criterion(
        12,
        "crit_income",
        _(
            "Penghasilan kepala KK: petani lahan < 500 m2, buruh, nelayan dan sejenisnya, "
            "atau kurang dari Rp 600.000 sebulan"
        ),
    ),
    Criterion(13, "crit_education", _("Pendidikan kepala KK tidak sekolah atau hanya SD")),
    Criterion(14, "crit_savings", _("Tidak punya tabungan atau barang senilai Rp 500.000")),
)
CRITERIA_FIELDS: tuple[str, ...] = tuple(c.field for c in POVERTY_CRITERIA)


def count_criteria(answers) -> int:
    """How many of the 14 criteria hold; `answers` maps field name to bool (or is an object)."""
    if isinstance(answers, dict):
        return sum(1 for name in CRITERIA_FIELDS if answers.get(name))
    return sum(1 for name in CRITERIA_FIELDS if getattr(answers, name))


def is_poor_by_criteria(criteria_met: int) -> bool:
    return criteria_met >= POOR_MIN_CRITERIA


class LandTenure(models.TextChoices):
    OWNED_CERTIFIED = "owned_certified", _("Milik sendiri, bersertifikat")
    OWNED_UNCERTIFIED = "owned_uncertified", _("Milik sendiri, belum bersertifikat")
    RENTED = "rented", _("Sewa")
    FAMILY = "family", _("Milik keluarga / menumpang")
    STATE_OR_CUSTOMARY = "state", _("Tanah negara / adat / garapan")
    OTHER = "other", _("Lainnya")


class BuildingTenure(models.TextChoices):
    OWNED = "owned", _("Milik sendiri")
    RENTED = "rented", _("Sewa / kontrak")
    RENT_FREE = "rent_free", _("Bebas sewa / menumpang")
    OFFICIAL = "official", _("Rumah dinas")
    OTHER = "other", _("Lainnya")


class HousingCondition(models.TextChoices):
    GOOD = "good", _("Layak huni")
    MODERATE = "moderate", _("Rusak ringan")
    POOR = "poor", _("Rusak berat / tidak layak huni")


class WaterSource(models.TextChoices):
    PIPED = "piped", _("Air ledeng / perpipaan (PDAM, PAMSIMAS)")
    BOREHOLE = "borehole", _("Sumur bor / pompa")
    PROTECTED_WELL = "protected_well", _("Sumur terlindung")
    UNPROTECTED_WELL = "unprotected_well", _("Sumur tak terlindung")
    PROTECTED_SPRING = "protected_spring", _("Mata air terlindung")
    UNPROTECTED_SPRING = "unprotected_spring", _("Mata air tak terlindung")
    RAIN = "rain", _("Air hujan")
    SURFACE = "surface", _("Sungai / danau / irigasi")
    BOTTLED = "bottled", _("Air kemasan / isi ulang")
    OTHER = "other", _("Lainnya")


# Sources counted as safe drinking-water access (the "100" of 100-0-100).
SAFE_WATER = frozenset(
    {
        WaterSource.PIPED,
        WaterSource.BOREHOLE,
        WaterSource.PROTECTED_WELL,
        WaterSource.PROTECTED_SPRING,
        WaterSource.BOTTLED,
    }
)


class Sanitation(models.TextChoices):
    PRIVATE_SEPTIC = "private_septic", _("Jamban sendiri dengan tangki septik")
    PRIVATE_NO_SEPTIC = "private_no_septic", _("Jamban sendiri tanpa tangki septik")
    SHARED = "shared", _("Jamban bersama / komunal")
    PUBLIC = "public", _("MCK umum")
    NONE = "none", _("Tidak ada (buang air sembarangan)")


SAFE_SANITATION = frozenset({Sanitation.PRIVATE_SEPTIC, Sanitation.SHARED})


class WasteDisposal(models.TextChoices):
    COLLECTED = "collected", _("Diangkut petugas / TPS")
    WASTE_BANK = "waste_bank", _("Bank sampah / dipilah dan didaur ulang")
    BURIED = "buried", _("Ditimbun / dikompos")
    BURNED = "burned", _("Dibakar")
    DUMPED = "dumped", _("Dibuang ke sungai, saluran atau lahan kosong")
    OTHER = "other", _("Lainnya")


class Electricity(models.TextChoices):
    PLN_OWN_METER = "pln_own", _("PLN, meteran sendiri")
    PLN_SHARED = "pln_shared", _("PLN, menyambung dari tetangga")
    NON_PLN = "non_pln", _("Non-PLN (genset, surya)")
    NONE = "none", _("Tidak ada listrik")


class CookingFuel(models.TextChoices):
    ELECTRICITY = "electricity", _("Listrik")
    LPG = "lpg", _("Gas / LPG")
    KEROSENE = "kerosene", _("Minyak tanah")
    FIREWOOD = "firewood", _("Kayu bakar")
    CHARCOAL = "charcoal", _("Arang")
    OTHER = "other", _("Lainnya")


class IncomeSource(models.TextChoices):
    FARMING = "farming", _("Pertanian / perkebunan / peternakan")
    FISHING = "fishing", _("Perikanan / nelayan")
    LABOUR = "labour", _("Buruh (tani, bangunan, pabrik)")
    TRADE = "trade", _("Perdagangan / usaha sendiri")
    SERVICES = "services", _("Jasa (ojek, bengkel, dan sebagainya)")
    PRIVATE_EMPLOYEE = "employee", _("Karyawan swasta")
    CIVIL_SERVANT = "civil_servant", _("PNS / TNI / Polri")
    MIGRANT_WORKER = "migrant", _("Pekerja migran (kiriman)")
    NONE = "none", _("Tidak bekerja")
    OTHER = "other", _("Lainnya")


@dataclass(frozen=True)
class HousingRule:
    """A poverty criterion that a housing answer settles: an answer in `holds` means the
    criterion holds, one in `fails` that it does not; other answers (blank, "Lainnya") settle
    nothing. A household whose criterion contradicts its answer is refused by the form, the API
    and the survey import alike (`housing_contradictions`); docs/household-rules.md lists them."""

    criterion: str
    answer: str
    choices: type[models.TextChoices]
    holds: frozenset[str]
    fails: frozenset[str]


HOUSING_RULES: tuple[HousingRule, ...] = (
    HousingRule(
        "crit_toilet",
        "sanitation",
        Sanitation,
        frozenset({Sanitation.SHARED, Sanitation.PUBLIC, Sanitation.NONE}),
        frozenset({Sanitation.PRIVATE_SEPTIC, Sanitation.PRIVATE_NO_SEPTIC}),
    ),
    HousingRule(
        "crit_electricity",
        "electricity",
        Electricity,
        frozenset({Electricity.NONE}),
        frozenset({Electricity.PLN_OWN_METER, Electricity.PLN_SHARED, Electricity.NON_PLN}),
    ),
    HousingRule(
        "crit_water",
        "water_source",
        WaterSource,
        frozenset(
            {
                WaterSource.UNPROTECTED_WELL,
                WaterSource.UNPROTECTED_SPRING,
                WaterSource.RAIN,
                WaterSource.SURFACE,
            }
        ),
        frozenset(SAFE_WATER),
    ),
    HousingRule(
        "crit_cooking_fuel",
        "cooking_fuel",
        CookingFuel,
        frozenset({CookingFuel.FIREWOOD, CookingFuel.CHARCOAL, CookingFuel.KEROSENE}),
        frozenset({CookingFuel.ELECTRICITY, CookingFuel.LPG}),
    ),
)
_CRITERION_BY_FIELD = {c.field: c for c in POVERTY_CRITERIA}
_ANSWER_LABELS = {
    "sanitation": _("sanitasi (jamban)"),
    "electricity": _("listrik"),
    "water_source": _("sumber air minum"),
    "cooking_fuel": _("bahan bakar memasak"),
}


def housing_contradiction(rule: HousingRule, answer: str, criterion: bool) -> str | None:
    """Why the criterion's answer contradicts the housing answer (Indonesian), or None."""
    if answer in rule.fails and criterion:
        text = _(
            "kriteria %(n)s (%(criterion)s) dicentang, padahal %(question)s dijawab "
            "'%(answer)s'; hapus centang kriteria %(n)s atau perbaiki jawaban %(question)s."
        )
    elif answer in rule.holds and not criterion:
        text = _(
            "%(question)s dijawab '%(answer)s', jadi kriteria %(n)s (%(criterion)s) terpenuhi; "
            "centang kriteria %(n)s atau perbaiki jawaban %(question)s."
        )
    else:
        return None
    found = _CRITERION_BY_FIELD[rule.criterion]
    return text % {
        "n": found.number,
        "criterion": found.label,
        "question": _ANSWER_LABELS[rule.answer],
        "answer": rule.choices(answer).label,
    }


def housing_contradictions(answers) -> dict[str, str]:
    """{criterion field: reason} for each rule the answers break; `answers` is a dict of
    field -> value or a Household."""

    def value(name: str):
        return answers.get(name) if isinstance(answers, dict) else getattr(answers, name)

    found = {}
    for rule in HOUSING_RULES:
        reason = housing_contradiction(rule, value(rule.answer) or "", bool(value(rule.criterion)))
        if reason:
            found[rule.criterion] = reason
    return found


class HouseholdSource(models.TextChoices):
    FORM = "form", _("Formulir Tridaya")
    SURVEY = "survey", _("Impor survei (ODK/KoBo)")


def _criteria_sum():
    total = Cast(F(CRITERIA_FIELDS[0]), models.IntegerField())
    for name in CRITERIA_FIELDS[1:]:
        total = total + Cast(F(name), models.IntegerField())
    return total


class Household(TimeStampedModel):
    """One household (KK) of a village, as the self-help mapping recorded it."""

    village = models.ForeignKey(
        Region,
        verbose_name=_("kelurahan/desa"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"level": Level.VILLAGE},
        # The unique index on (village, instance_id) serves every query by village; a second
        # index on the village alone would only slow large imports down.
        db_index=False,
    )
    rt = models.ForeignKey(
        RT, verbose_name=_("RT"), on_delete=models.PROTECT, related_name="households"
    )
    head_name = models.CharField(_("nama kepala keluarga"), max_length=120)
    head_sex = models.CharField(
        _("jenis kelamin kepala keluarga"), max_length=1, choices=Sex.choices
    )
    head_nik = models.CharField(
        _("NIK kepala keluarga"), max_length=16, blank=True, validators=[nik_validator]
    )
    # The head's entry in the village's register of people, when it has one with this NIK.
    head = models.OneToOneField(
        Person,
        verbose_name=_("kepala keluarga di daftar warga"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="household_headed",
    )
    members = models.PositiveSmallIntegerField(
        _("jumlah anggota"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MEMBERS)]
    )
    women = models.PositiveSmallIntegerField(_("anggota perempuan"), default=0)
    disabled = models.PositiveSmallIntegerField(_("anggota penyandang disabilitas"), default=0)
    land_tenure = models.CharField(
        _("status lahan"), max_length=20, choices=LandTenure.choices, blank=True
    )
    building_tenure = models.CharField(
        _("status bangunan"), max_length=20, choices=BuildingTenure.choices, blank=True
    )
    housing_condition = models.CharField(
        _("kondisi rumah"), max_length=20, choices=HousingCondition.choices, blank=True
    )
    water_source = models.CharField(
        _("sumber air minum"), max_length=20, choices=WaterSource.choices, blank=True
    )
    sanitation = models.CharField(
        _("sanitasi (jamban)"), max_length=20, choices=Sanitation.choices, blank=True
    )
    waste = models.CharField(
        _("pembuangan sampah"), max_length=20, choices=WasteDisposal.choices, blank=True
    )
    electricity = models.CharField(
        _("listrik"), max_length=20, choices=Electricity.choices, blank=True
    )
    cooking_fuel = models.CharField(
        _("bahan bakar memasak"), max_length=20, choices=CookingFuel.choices, blank=True
    )
    income_source = models.CharField(
        _("sumber penghasilan utama"), max_length=20, choices=IncomeSource.choices, blank=True
    )
    crit_floor_area = models.BooleanField(POVERTY_CRITERIA[0].label, default=False)
    crit_floor_material = models.BooleanField(POVERTY_CRITERIA[1].label, default=False)
    crit_wall_material = models.BooleanField(POVERTY_CRITERIA[2].label, default=False)
    crit_toilet = models.BooleanField(POVERTY_CRITERIA[3].label, default=False)
    crit_electricity = models.BooleanField(POVERTY_CRITERIA[4].label, default=False)
    crit_water = models.BooleanField(POVERTY_CRITERIA[5].label, default=False)
    crit_cooking_fuel = models.BooleanField(POVERTY_CRITERIA[6].label, default=False)
    crit_protein = models.BooleanField(POVERTY_CRITERIA[7].label, default=False)
    crit_clothing = models.BooleanField(POVERTY_CRITERIA[8].label, default=False)
    crit_meals = models.BooleanField(POVERTY_CRITERIA[9].label, default=False)
    crit_health_cost = models.BooleanField(POVERTY_CRITERIA[10].label, default=False)
    crit_income = models.BooleanField(POVERTY_CRITERIA[11].label, default=False)
    crit_education = models.BooleanField(POVERTY_CRITERIA[12].label, default=False)
    crit_savings = models.BooleanField(POVERTY_CRITERIA[13].label, default=False)
    # Computed from the criteria by the services; the constraints below keep them honest.
    criteria_met = models.PositiveSmallIntegerField(
        _("kriteria BPS terpenuhi"), default=0, editable=False
    )
    is_poor = models.BooleanField(_("KK miskin"), default=False, editable=False)
    # A GeoJSON Point (WGS84), when the volunteer recorded one.
    location = models.JSONField(_("lokasi (GeoJSON)"), null=True, blank=True)
    surveyed_on = models.DateField(_("tanggal survei"), null=True, blank=True)
    source = models.CharField(
        _("sumber data"),
        max_length=10,
        choices=HouseholdSource.choices,
        default=HouseholdSource.FORM,
    )
    # The submission's instance id (KoBo `_uuid`, ODK Central `KEY`) that re-imports match on.
    # NULL when the household was typed in: many NULLs may share a village, and the unique
    # index covers every submitted row (a partial index would not serve `instance_id IN (...)`).
    instance_id = models.CharField(_("ID kiriman survei"), max_length=100, null=True, blank=True)
    submitted_at = models.DateTimeField(_("waktu kiriman"), null=True, blank=True)
    # Digest of the imported answers: a repeated file leaves an unchanged household untouched.
    source_digest = models.CharField(max_length=32, blank=True, editable=False)
    import_batch = models.ForeignKey(
        "mapping.ImportBatch",
        verbose_name=_("impor terakhir"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="households",
        editable=False,
        # A bookkeeping pointer (which import last wrote the row), so neither an index nor a
        # database-level foreign key: both would be checked for each of a million imported rows
        # (the check alone costs about a fifth of a PostgreSQL import). Django still sets it to
        # NULL when the batch is deleted.
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("rumah tangga (KK)")
        verbose_name_plural = _("rumah tangga (KK)")
        ordering = ["village", "rt", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "instance_id"],
                name="household_instance_unique",
                violation_error_message=_("Kiriman survei ini sudah tercatat untuk KK lain."),
            ),
            models.UniqueConstraint(
                fields=["village", "head_nik"],
                condition=~Q(head_nik=""),
                name="household_head_nik_unique",
                violation_error_message=_("NIK ini sudah menjadi kepala KK lain di desa ini."),
                violation_error_code="head_nik_taken",
            ),
            models.CheckConstraint(
                condition=Q(women__lte=F("members")),
                name="household_women_within_members",
                violation_error_message=_(
                    "Anggota perempuan tidak boleh lebih dari jumlah anggota."
                ),  # noqa: E501
            ),
            models.CheckConstraint(
                condition=Q(disabled__lte=F("members")),
                name="household_disabled_within_members",
                violation_error_message=_(
                    "Anggota disabilitas tidak boleh lebih dari jumlah anggota."
                ),  # noqa: E501
            ),
            models.CheckConstraint(
                condition=Q(criteria_met=_criteria_sum()),
                name="household_criteria_met_counts_answers",
                violation_error_message=_("Jumlah kriteria BPS tidak sesuai jawaban."),
            ),
            models.CheckConstraint(
                condition=Q(is_poor=True, criteria_met__gte=POOR_MIN_CRITERIA)
                | Q(is_poor=False, criteria_met__lt=POOR_MIN_CRITERIA),
                name="household_poverty_follows_criteria",
                violation_error_message=_("Status miskin tidak sesuai jumlah kriteria BPS."),
            ),
        ]

    def __str__(self) -> str:
        return _("KK #%(id)s") % {"id": self.pk or "-"}

    @property
    def region_code(self) -> str:
        return self.village_id

    def set_poverty_status(self) -> None:
        """Recount the criteria and derive the status (the only place it is derived)."""
        self.criteria_met = count_criteria(self)
        self.is_poor = is_poor_by_criteria(self.criteria_met)

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.rt_id and self.village_id and self.rt.village_id != self.village_id:
            errors.setdefault("rt", []).append(_("RT ini bukan bagian dari kelurahan/desa ini."))
        head = self.head if self.head_id else None
        if head is not None and self.village_id and head.village_id != self.village_id:
            errors.setdefault("head", []).append(_("Kepala keluarga harus warga desa ini."))
        if self.members is not None:
            for name in ("women", "disabled"):
                value = getattr(self, name)
                if value is not None and value > self.members:
                    errors.setdefault(name, []).append(
                        _("Tidak boleh lebih dari jumlah anggota (%(members)s).")
                        % {"members": self.members}
                    )
        for name, reason in housing_contradictions(self).items():
            errors.setdefault(name, []).append(reason[:1].upper() + reason[1:])
        if errors:
            raise ValidationError(errors)
