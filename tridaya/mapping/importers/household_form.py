"""The household survey (survei rumah tangga): the questions of the XLSForm and of its import."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.mapping.importers.spec import (
    DATE,
    GEOPOINT,
    INTEGER,
    RT,
    RW,
    SELECT_ONE,
    TEXT,
    YES_NO,
    YES_NO_CHOICES,
    YES_NO_LIST,
    FormSpec,
    Question,
    choices_of,
    group_of,
)
from tridaya.mapping.models import (
    POVERTY_CRITERIA,
    BuildingTenure,
    CookingFuel,
    Electricity,
    HousingCondition,
    IncomeSource,
    LandTenure,
    Sanitation,
    SurveyForm,
    WasteDisposal,
    WaterSource,
)
from tridaya.mapping.models.households import MAX_MEMBERS


def _criterion_hint(number: int) -> str:
    return gettext("Kriteria %(number)s dari 14") % {"number": number}


criterion_hint = lazy(_criterion_hint, str)

# Questions answered with one of the model's choices: (question = model field, list, choices).
HOUSING_SELECTS = (
    ("land_tenure", _("Status lahan rumah"), LandTenure),
    ("building_tenure", _("Status bangunan rumah"), BuildingTenure),
    ("housing_condition", _("Kondisi rumah"), HousingCondition),
    ("water_source", _("Sumber air minum utama"), WaterSource),
    ("sanitation", _("Tempat buang air besar"), Sanitation),
    ("waste", _("Cara membuang sampah"), WasteDisposal),
    ("electricity", _("Sumber listrik"), Electricity),
    ("cooking_fuel", _("Bahan bakar memasak utama"), CookingFuel),
    ("income_source", _("Sumber penghasilan utama kepala KK"), IncomeSource),
)

NOT_MORE_THAN_MEMBERS = _("Tidak boleh lebih dari jumlah anggota keluarga.")

HOUSEHOLD_FORM = FormSpec(
    kind=SurveyForm.HOUSEHOLD,
    form_id="tridaya_rumah_tangga",
    title=_("Survei rumah tangga (pemetaan swadaya)"),
    version="2026120101",
    groups=(
        group_of(
            "area",
            _("Lokasi"),
            [
                Question(
                    "survey_date",
                    DATE,
                    _("Tanggal survei"),
                    required=True,
                    constraint=". <= today()",
                    constraint_message=_("Tanggal survei tidak boleh di masa depan."),
                ),
                Question("rw", RW, _("RW"), required=True),
                Question("rt", RT, _("RT"), required=True),
                Question(
                    "location",
                    GEOPOINT,
                    _("Titik lokasi rumah"),
                    hint=_("Berdiri di depan rumah, tunggu akurasi di bawah 10 m."),
                ),
            ],
        ),
        group_of(
            "head",
            _("Kepala keluarga dan anggota"),
            [
                Question("head_name", TEXT, _("Nama kepala keluarga"), required=True),
                Question(
                    "head_nik",
                    TEXT,
                    _("NIK kepala keluarga"),
                    hint=_("16 angka sesuai KTP. Boleh kosong."),
                    constraint="regex(., '^[0-9]{16}$')",
                    constraint_message=_("NIK harus 16 angka."),
                    appearance="numbers",
                ),
                Question(
                    "head_sex",
                    SELECT_ONE,
                    _("Jenis kelamin kepala keluarga"),
                    required=True,
                    choices="sex",
                ),
                Question(
                    "members",
                    INTEGER,
                    _("Jumlah anggota keluarga (termasuk kepala)"),
                    required=True,
                    constraint=f". >= 1 and . <= {MAX_MEMBERS}",
                    constraint_message=_("Isi 1 sampai 99 orang."),
                ),
                Question(
                    "women",
                    INTEGER,
                    _("Jumlah anggota perempuan"),
                    required=True,
                    constraint=". >= 0 and . <= ${members}",
                    constraint_message=NOT_MORE_THAN_MEMBERS,
                ),
                Question(
                    "disabled",
                    INTEGER,
                    _("Jumlah anggota penyandang disabilitas"),
                    required=True,
                    constraint=". >= 0 and . <= ${members}",
                    constraint_message=NOT_MORE_THAN_MEMBERS,
                ),
            ],
        ),
        group_of(
            "housing",
            _("Rumah dan layanan dasar"),
            [
                Question(name, SELECT_ONE, label, choices=name)
                for name, label, _choices in HOUSING_SELECTS
            ],
        ),
        group_of(
            "poverty",
            _("Kriteria kemiskinan BPS"),
            [
                Question(
                    c.field,
                    YES_NO,
                    c.label,
                    required=True,
                    hint=criterion_hint(c.number),
                )
                for c in POVERTY_CRITERIA
            ],
        ),
    ),
    choice_lists={
        YES_NO_LIST: YES_NO_CHOICES,
        "sex": choices_of(Sex),
        **{name: choices_of(choices) for name, _label, choices in HOUSING_SELECTS},
    },
)
