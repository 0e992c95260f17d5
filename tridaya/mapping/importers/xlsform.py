"""XLSForms for ODK Collect and KoboCollect, generated from a form's spec for one village: its
RW and RT as choice lists (the RT list filtered by the chosen RW), Indonesian labels and an
English translation column. `check_xlsform` converts one with pyxform, as KoBoToolbox and ODK
Central will when the form is uploaded."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.mapping.errors import MappingError
from tridaya.mapping.importers.places import rt_choice_name, rw_choice_name
from tridaya.mapping.importers.spec import RT, RT_LIST, RW_LIST, FormSpec, Label, Question
from tridaya.regions.models import RT as RTUnit

if TYPE_CHECKING:  # openpyxl is imported where a form is built (issue 11, item 13)
    from openpyxl import Workbook
from tridaya.regions.models import Region

LANGUAGES = (("id", "Bahasa Indonesia (id)"), ("en", "English (en)"))
SURVEY_COLUMNS = (
    "type",
    "name",
    *[f"{column}::{name}" for column in ("label", "hint") for _code, name in LANGUAGES],
    "required",
    "constraint",
    *[f"constraint_message::{name}" for _code, name in LANGUAGES],
    "relevant",
    "appearance",
    "choice_filter",
    "default",
    "parameters",
)
CHOICE_COLUMNS = ("list_name", "name", *[f"label::{name}" for _code, name in LANGUAGES], "rw")


def _in(code: str, text: Label) -> str:
    if not text:
        return ""
    with translation.override(code):
        return str(text)


def _translated(text: Label) -> list[str]:
    return [_in(code, text) for code, _name in LANGUAGES]


def _question_row(question: Question) -> list[str]:
    return [
        question.xlsform_type,
        question.name,
        *_translated(question.label),
        *_translated(question.hint),
        "yes" if question.required else "",
        question.constraint,
        *_translated(question.constraint_message),
        question.relevant,
        question.appearance,
        "rw=${rw}" if question.kind == RT else "",
        question.default,
        question.parameters,
    ]


def _sheet(workbook: Workbook, title: str, header: tuple[str, ...], rows: list[list[str]]):
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    return sheet


@dataclass(frozen=True)
class BuiltForm:
    filename: str
    content: bytes


def build_xlsform(spec: FormSpec, village: Region) -> BuiltForm:
    """The XLSForm of `spec` for `village` as XLSX bytes. Refused when the village has no RT."""
    rts = list(
        RTUnit.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
    )
    if not rts:
        raise DomainError(
            _("Kelurahan/desa ini belum punya RT. Catat RW dan RT dahulu, lalu unduh formulir."),
            code=MappingError.XLSFORM_NO_UNITS,
        )
    survey: list[list[str]] = []
    for meta in spec.meta:
        survey.append([meta.kind, meta.name, *[""] * (len(SURVEY_COLUMNS) - 2)])
    for group in spec.groups:
        survey.append(["begin_group", group.name, *_translated(group.label)])
        survey.extend(_question_row(question) for question in group.questions)
        survey.append(["end_group", group.name])
    choices: list[list[str]] = []
    for list_name, items in spec.choice_lists.items():
        choices.extend([list_name, c.name, *_translated(c.label), ""] for c in items)
    seen_rw = set()
    for rt in rts:
        rw = rt.rw
        if rw.pk not in seen_rw:
            seen_rw.add(rw.pk)
            label = str(rw)
            choices.append([RW_LIST, rw_choice_name(rw.number), label, label, ""])
    for rt in rts:
        label = str(rt)
        name = rt_choice_name(rt.rw.number, rt.number)
        choices.append([RT_LIST, name, label, label, rw_choice_name(rt.rw.number)])
    title = _in("id", spec.title)
    settings_rows = [
        [
            f"{title} - {village.name}",
            f"{spec.form_id}_{village.code.replace('.', '')}",
            spec.version,
            LANGUAGES[0][1],
            "concat(${rt}, ' ', ${head_name})" if spec.question("head_name") else "",
        ]
    ]
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "survey", SURVEY_COLUMNS, survey)
    _sheet(workbook, "choices", CHOICE_COLUMNS, choices)
    _sheet(
        workbook,
        "settings",
        ("form_title", "form_id", "version", "default_language", "instance_name"),
        settings_rows,
    )
    out = io.BytesIO()
    workbook.save(out)
    filename = f"{spec.form_id}_{village.code.replace('.', '')}.xlsx"
    return BuiltForm(filename, out.getvalue())


def check_xlsform(content: bytes) -> str:
    """Convert with pyxform; returns the XForm XML. Raises DomainError with pyxform's message
    (and any warning) when the form would be refused by KoBoToolbox or ODK Central."""
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    try:
        result = convert(xlsform=content, warnings=warnings, file_type=".xlsx")
    except Exception as exc:  # pyxform raises PyXFormError and friends
        raise DomainError(
            _("Formulir tidak lolos pyxform: %(error)s") % {"error": exc},
            code=MappingError.XLSFORM_INVALID,
        ) from exc
    if warnings:
        raise DomainError(
            _("Formulir lolos pyxform dengan peringatan: %(warnings)s")
            % {"warnings": "; ".join(warnings)},
            code=MappingError.XLSFORM_INVALID,
        )
    return result.xform
