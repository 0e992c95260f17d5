"""XLSX export of an investment plan and its RAB, with the formulas intact (openpyxl): plain data
in, bytes out. Nothing here reads the database.

Sheet "Rencana Investasi": one row per line, the amount per funding source as values, "Jumlah"
as =SUM of the sources, "Biaya" as =ROUND(volume × biaya satuan, 0) or, for a line detailed by
a RAB, a reference to that activity's subtotal on the RAB sheet, and "Selisih" = Jumlah - Biaya
(0 when the sources add up); a totals row of =SUM per column.
Sheet "RAB": one block per activity, each line's amount =ROUND(volume × harga satuan, 0), the
activity's subtotal =SUM of its lines, and the grand total =SUM of the subtotals. Amounts are
whole rupiah, as the application computes them, so the file recalculates to the same figures."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

if TYPE_CHECKING:
    from openpyxl import Workbook

RUPIAH_FORMAT = "#,##0;[Red]-#,##0"
VOLUME_FORMAT = "#,##0.###"


@functools.cache
def _styles() -> dict[str, Any]:
    """The shared cell styles, made on the first workbook: openpyxl is imported where a workbook
    is written, not with every module that can write one (issue 11, item 13)."""
    from openpyxl.styles import Border, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "THIN": thin,
        "BORDER": Border(left=thin, right=thin, top=thin, bottom=thin),
        "HEADER_FILL": PatternFill("solid", fgColor="DDEBDF"),
    }


def __getattr__(name: str) -> Any:
    """`BORDER`, `HEADER_FILL` and `THIN` as module attributes (finance's exports use them)."""
    if name in ("BORDER", "HEADER_FILL", "THIN"):
        return _styles()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class RABLine:
    code: str
    description: str
    volume: Decimal
    unit: str
    unit_price: int


@dataclass(frozen=True)
class RABBlock:
    key: str
    title: str
    lines: Sequence[RABLine]


@dataclass(frozen=True)
class InvestmentLine:
    year: int
    domain: str
    component: str
    detail: str
    location: str
    quantity: int
    volume: Decimal
    unit: str
    unit_cost: int
    funding: Sequence[int]  # one amount per source, in the order of `source_labels`
    beneficiaries: Sequence[int]  # people, women, MBR, households, poor households
    rab_key: str = ""  # the RABBlock whose subtotal this line's cost is


@dataclass(frozen=True, kw_only=True)
class PlanWorkbook:
    title: str
    source_labels: Sequence[str]
    lines: Sequence[InvestmentLine]
    rab: Sequence[RABBlock] = field(default_factory=tuple)


def _header(sheet, row: int, labels: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    border = _styles()["BORDER"]
    header_fill = _styles()["HEADER_FILL"]
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border


def _rab_sheet(workbook: Workbook, blocks: Sequence[RABBlock]) -> dict[str, str]:
    """Write the RAB sheet; returns {block key: absolute reference of its subtotal}."""
    from openpyxl.styles import Font

    border = _styles()["BORDER"]
    sheet = workbook.create_sheet(_("RAB"))
    sheet.append([_("Rencana Anggaran Biaya (RAB)")])
    sheet["A1"].font = Font(bold=True, size=12)
    headers = [
        pgettext("nomor urut", "No"),
        _("Kode"),
        _("Uraian pekerjaan"),
        _("Volume"),
        _("Satuan"),
        _("Harga satuan (Rp)"),
        _("Jumlah (Rp)"),
    ]
    refs: dict[str, str] = {}
    subtotals: list[str] = []
    row = 3
    for block in blocks:
        sheet.cell(row=row, column=1, value=block.title).font = Font(bold=True)
        row += 1
        _header(sheet, row, headers)
        row += 1
        first = row
        for number, line in enumerate(block.lines, start=1):
            values = [
                number,
                line.code,
                line.description,
                float(line.volume),
                line.unit,
                line.unit_price,
                f"=ROUND(D{row}*F{row},0)",
            ]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=column, value=value)
                cell.border = border
            sheet.cell(row=row, column=4).number_format = VOLUME_FORMAT
            sheet.cell(row=row, column=6).number_format = RUPIAH_FORMAT
            sheet.cell(row=row, column=7).number_format = RUPIAH_FORMAT
            row += 1
        last = row - 1
        sheet.cell(row=row, column=6, value=_("Jumlah")).font = Font(bold=True)
        formula = f"=SUM(G{first}:G{last})" if block.lines else "=0"
        total = sheet.cell(row=row, column=7, value=formula)
        total.font, total.number_format, total.border = Font(bold=True), RUPIAH_FORMAT, border
        refs[block.key] = f"'{sheet.title}'!$G${row}"
        subtotals.append(f"G{row}")
        row += 2
    if blocks:
        sheet.cell(row=row, column=6, value=_("Total RAB")).font = Font(bold=True)
        grand = sheet.cell(row=row, column=7, value="=" + "+".join(subtotals))
        grand.font, grand.number_format = Font(bold=True), RUPIAH_FORMAT
    for letter, width in zip("ABCDEFG", (5, 10, 44, 10, 8, 16, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    return refs


def plan_workbook(data: PlanWorkbook) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    border = _styles()["BORDER"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Rencana Investasi")
    sheet.append([data.title])
    sheet["A1"].font = Font(bold=True, size=12)
    refs = _rab_sheet(workbook, data.rab) if data.rab else {}
    sources = list(data.source_labels)
    fixed = [
        pgettext("nomor urut", "No"),
        _("Tahun"),
        _("Daya"),
        _("Komponen"),
        _("Rincian"),
        _("Lokasi"),
        _("Jumlah unit"),
        _("Volume"),
        _("Satuan"),
        _("Biaya satuan (Rp)"),
    ]
    people = [_("Jiwa"), _("Perempuan"), _("MBR"), _("KK"), _("KK miskin")]
    headers = [*fixed, *sources, _("Jumlah (Rp)"), _("Biaya (Rp)"), _("Selisih"), *people]
    _header(sheet, 3, headers)
    first_source = len(fixed) + 1
    last_source = first_source + len(sources) - 1
    total_col = last_source + 1
    cost_col, gap_col = total_col + 1, total_col + 2
    letter = get_column_letter
    row = 4
    for number, line in enumerate(data.lines, start=1):
        values: list = [
            number,
            line.year,
            line.domain,
            line.component,
            line.detail,
            line.location,
            line.quantity,
            float(line.volume),
            line.unit,
            line.unit_cost,
        ]
        values += list(line.funding)
        values.append(f"=SUM({letter(first_source)}{row}:{letter(last_source)}{row})")
        if line.rab_key and line.rab_key in refs:
            values.append(f"={refs[line.rab_key]}")
        else:
            values.append(f"=ROUND(H{row}*J{row},0)")
        values.append(f"={letter(total_col)}{row}-{letter(cost_col)}{row}")
        values += list(line.beneficiaries)
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = border
            if column == 10 or first_source <= column <= gap_col:
                cell.number_format = RUPIAH_FORMAT
        sheet.cell(row=row, column=8).number_format = VOLUME_FORMAT
        row += 1
    last = row - 1
    sheet.cell(row=row, column=4, value=_("Jumlah")).font = Font(bold=True)
    for column in [*range(first_source, gap_col + 1), *range(gap_col + 1, gap_col + 6)]:
        col = letter(column)
        formula = f"=SUM({col}4:{col}{last})" if data.lines else "=0"
        cell = sheet.cell(row=row, column=column, value=formula)
        cell.font, cell.border = Font(bold=True), border
        if column <= gap_col:
            cell.number_format = RUPIAH_FORMAT
    widths = [5, 7, 6, 30, 30, 18, 8, 10, 8, 15] + [15] * (len(sources) + 3) + [8] * 5
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[letter(column)].width = width
    sheet.freeze_panes = "E4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
