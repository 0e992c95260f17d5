"""XLSX of the dashboards' tables (openpyxl write-only: a province's thousands of villages stream
out row by row). Numbers stay numbers so offices can compute with them."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from tridaya.dashboards.selectors import Column

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def table_xlsx(
    title: str, columns: list[Column], rows: Iterable[tuple[str, str, list[Decimal | None]]]
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)
    header = [_("Kode"), _("Nama")] + [f"{c.label} ({c.unit})" for c in columns]
    cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for code, name, values in rows:
        sheet.append([code, name, *(_number(v) for v in values)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
