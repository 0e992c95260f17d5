"""The three survey forms of pemetaan swadaya: the household survey (household_form.py), the RT
profile survey and the problem/potential report (below). `FORMS` maps each `SurveyForm` value
to its spec, for the XLSForm downloads and the importers.

The RT profile survey asks the figures of `RTProfile` and one volume per slum criterion of the
criteria set in force (read from its data file, so a new set gives a new form). The problem
report asks what `Problem` records; its place is a point, a line or an area drawn on the phone."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.mapping.importers.household_form import HOUSEHOLD_FORM
from tridaya.mapping.importers.spec import (
    DATE,
    DECIMAL,
    GEOPOINT,
    GEOSHAPE,
    GEOTRACE,
    IMAGE,
    INTEGER,
    RT,
    RW,
    SELECT_ONE,
    TEXT,
    Bilingual,
    FormSpec,
    Question,
    choices_of,
    group_of,
)
from tridaya.mapping.models import (
    GeometryKind,
    ProblemKind,
    Sector,
    SurveyForm,
)
from tridaya.mapping.models.problems import SEVERITY_MAX, SEVERITY_MIN

NOT_NEGATIVE = _("Tidak boleh negatif.")


def _criteria_definition() -> dict:
    from tridaya.mapping.criteria import current_code, definitions

    code = current_code()
    found = [data for data, _digest in definitions() if data["code"] == code]
    return max(found, key=lambda data: data["version"])


def volume_question(code: str) -> str:
    """The RT profile survey's question for criterion `code` (`volume_1a`)."""
    return f"volume_{code}"


def rt_profile_form() -> FormSpec:
    data = _criteria_definition()
    aspects = []
    for aspect in data["aspects"]:
        questions = [
            Question(
                volume_question(c["code"]),
                DECIMAL,
                Bilingual(
                    f"{c['code']}. {c['title']} ({c['unit']})",
                    f"{c['code']}. {c.get('title_en') or c['title']} ({c['unit']})",
                ),
                constraint=". >= 0",
                constraint_message=NOT_NEGATIVE,
            )
            for c in aspect["criteria"]
        ]
        title = Bilingual(aspect["title"], aspect.get("title_en") or aspect["title"])
        aspects.append(group_of(f"aspect_{aspect['key']}", title, questions))
    figures = [
        Question("area_ha", DECIMAL, _("Luas terverifikasi (ha)"), required=True,
                 constraint=". > 0", constraint_message=_("Isi luas lebih dari 0.")),
        Question("buildings", INTEGER, _("Jumlah bangunan"), required=True,
                 constraint=". >= 0", constraint_message=NOT_NEGATIVE),
        Question("population", INTEGER, _("Jumlah penduduk"), required=True,
                 constraint=". >= 0", constraint_message=NOT_NEGATIVE),
        Question("households", INTEGER, _("Jumlah KK"), required=True,
                 constraint=". >= 0 and . <= ${population}",
                 constraint_message=_("Jumlah KK tidak boleh lebih dari jumlah penduduk.")),
        Question("road_length_m", DECIMAL, _("Panjang jalan ideal (m)"), required=True,
                 constraint=". >= 0", constraint_message=NOT_NEGATIVE),
        Question("drainage_length_m", DECIMAL, _("Panjang drainase ideal (m)"), required=True,
                 constraint=". >= 0", constraint_message=NOT_NEGATIVE),
    ]  # fmt: skip
    return FormSpec(
        kind=SurveyForm.RT_PROFILE,
        form_id="tridaya_profil_rt",
        title=_("Survei profil RT dan kekumuhan"),
        version=f"2026120101{data['version']:02d}",
        groups=(
            group_of(
                "area",
                _("RT dan tahun"),
                [
                    Question(
                        "survey_date",
                        DATE,
                        _("Tanggal survei"),
                        required=True,
                        constraint=". <= today()",
                        constraint_message=_("Tanggal survei tidak boleh di masa depan."),
                    ),
                    Question(
                        "year",
                        INTEGER,
                        _("Tahun data"),
                        required=True,
                        constraint=". >= 2000 and . <= 2100",
                        constraint_message=_("Isi tahun empat angka."),
                    ),
                    Question("rw", RW, _("RW"), required=True),
                    Question("rt", RT, _("RT"), required=True),
                ],
            ),  # fmt: skip
            group_of("figures", _("Profil RT"), figures),
            *aspects,
        ),
        choice_lists={},
    )


PROBLEM_FORM = FormSpec(
    kind=SurveyForm.PROBLEM,
    form_id="tridaya_masalah_potensi",
    title=_("Laporan masalah dan potensi"),
    version="2026120101",
    groups=(
        group_of(
            "report",
            _("Laporan"),
            [
                Question(
                    "reported_on",
                    DATE,
                    _("Tanggal laporan"),
                    required=True,
                    constraint=". <= today()",
                    constraint_message=_("Tanggal laporan tidak boleh di masa depan."),
                ),
                Question(
                    "kind", SELECT_ONE, _("Masalah atau potensi?"), required=True, choices="kind"
                ),
                Question(
                    "domain", SELECT_ONE, _("Daya (Tridaya)"), required=True, choices="domain"
                ),
                Question(
                    "sector", SELECT_ONE, _("Sektor / aspek kumuh"), required=True, choices="sector"
                ),
                Question("title", TEXT, _("Judul singkat"), required=True),
                Question("description", TEXT, _("Uraian"), appearance="multiline"),
                Question(
                    "severity",
                    INTEGER,
                    _("Tingkat keparahan / kepentingan (1-5)"),
                    required=True,
                    constraint=f". >= {SEVERITY_MIN} and . <= {SEVERITY_MAX}",
                    constraint_message=_("Isi 1 sampai 5."),
                ),
                Question(
                    "households_affected",
                    INTEGER,
                    _("KK terdampak"),
                    constraint=". >= 0",
                    constraint_message=NOT_NEGATIVE,
                ),
                Question(
                    "poor_households_affected",
                    INTEGER,
                    _("KK miskin terdampak"),
                    constraint=". >= 0 and . <= ${households_affected}",
                    constraint_message=_("Tidak boleh lebih dari KK terdampak."),
                ),
            ],
        ),  # fmt: skip
        group_of(
            "place",
            _("Lokasi"),
            [
                Question("rw", RW, _("RW")),
                Question("rt", RT, _("RT")),
                Question("shape", SELECT_ONE, _("Bentuk lokasi"), required=True, choices="shape"),
                Question(
                    "point", GEOPOINT, _("Titik"), relevant="${shape} = 'titik'", required=True
                ),
                Question(
                    "line",
                    GEOTRACE,
                    _("Garis (mis. saluran, jalan)"),
                    relevant="${shape} = 'garis'",
                    required=True,
                ),
                Question("area", GEOSHAPE, _("Area"), relevant="${shape} = 'area'", required=True),
                Question("photo", IMAGE, _("Foto"), parameters="max-pixels=1600"),
            ],
        ),  # fmt: skip
    ),
    choice_lists={
        "kind": choices_of(ProblemKind),
        "domain": choices_of(TridayaDomain),
        "sector": choices_of(Sector),
        "shape": choices_of(GeometryKind),
    },
)

FORMS: dict[str, FormSpec] = {
    SurveyForm.HOUSEHOLD: HOUSEHOLD_FORM,
    SurveyForm.RT_PROFILE: rt_profile_form(),
    SurveyForm.PROBLEM: PROBLEM_FORM,
}
