"""The books as files: XLSX whose formulas recompute every running balance and total (so an
auditor can check them in a spreadsheet), and PDF printed from the same HTML as the page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tridaya.documents.pdf import render_pdf
from tridaya.documents.workbook import BORDER, HEADER_FILL, RUPIAH_FORMAT
from tridaya.finance.selectors.books import BalanceSheet, Book, IncomeStatement

FIRST_ROW = 5  # rows 1-3: title, village, period; row 4: headers


def _header(sheet, row: int, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
        cell.border = BORDER


def _money(cell) -> None:
    cell.number_format = RUPIAH_FORMAT
    cell.border = BORDER


def book_workbook(book: Book, village_name: str) -> bytes:
    """Columns: date, number, description, account, debit, credit, balance. The opening balance
    is a value; every balance is =previous + debit - credit; totals are =SUM."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = book.title[:31]
    sheet["A1"] = book.title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = village_name
    sheet["A3"] = f"{book.start.isoformat()} s.d. {book.end.isoformat()}"
    _header(
        sheet,
        4,
        [
            _("Tanggal"),
            _("Nomor bukti"),
            _("Uraian"),
            _("Akun"),
            _("Debit"),
            _("Kredit"),
            _("Saldo"),
        ],
    )
    row = FIRST_ROW
    sheet.cell(row=row, column=3, value=_("Saldo awal"))
    _money(sheet.cell(row=row, column=7, value=book.opening))
    for line in book.rows:
        row += 1
        sheet.cell(row=row, column=1, value=line.date).number_format = "dd/mm/yyyy"
        sheet.cell(row=row, column=2, value=line.number)
        sheet.cell(row=row, column=3, value=line.description)
        sheet.cell(row=row, column=4, value=line.account)
        _money(sheet.cell(row=row, column=5, value=line.debit or None))
        _money(sheet.cell(row=row, column=6, value=line.credit or None))
        _money(sheet.cell(row=row, column=7, value=f"=G{row - 1}+E{row}-F{row}"))
    total = row + 1
    sheet.cell(row=total, column=3, value=_("Jumlah")).font = Font(bold=True)
    _money(
        sheet.cell(row=total, column=5, value=f"=SUM(E{FIRST_ROW + 1}:E{max(row, FIRST_ROW + 1)})")
    )
    _money(
        sheet.cell(row=total, column=6, value=f"=SUM(F{FIRST_ROW + 1}:F{max(row, FIRST_ROW + 1)})")
    )
    _money(sheet.cell(row=total, column=7, value=f"=G{FIRST_ROW}+E{total}-F{total}"))
    for column, width in zip("ABCDEFG", (12, 16, 44, 10, 16, 16, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return _bytes(workbook)


def statements_workbook(sheet_data: BalanceSheet, statement: IncomeStatement, village: str):
    """Neraca and Laporan Pendapatan dan Biaya; section totals as =SUM formulas."""
    workbook = Workbook()
    neraca = workbook.active
    neraca.title = _("Neraca")
    neraca["A1"] = _("Neraca per %(date)s") % {"date": sheet_data.as_of.isoformat()}
    neraca["A2"] = village
    row = _section(neraca, 4, _("Aset"), sheet_data.assets)
    assets_total = row - 1
    row = _section(neraca, row + 1, _("Kewajiban"), sheet_data.liabilities)
    liabilities_total = row - 1
    row = _section(neraca, row + 1, _("Ekuitas"), sheet_data.equity)
    equity_total = row - 1
    neraca.cell(row=row, column=2, value=_("Surplus/defisit s.d. tanggal ini"))
    _money(neraca.cell(row=row, column=3, value=sheet_data.surplus))
    neraca.cell(row=row + 1, column=2, value=_("Jumlah kewajiban dan ekuitas")).font = Font(
        bold=True
    )
    _money(
        neraca.cell(row=row + 1, column=3, value=f"=C{liabilities_total}+C{equity_total}+C{row}")
    )
    neraca.cell(row=row + 2, column=2, value=_("Selisih (harus 0)"))
    _money(neraca.cell(row=row + 2, column=3, value=f"=C{assets_total}-C{row + 1}"))
    income = workbook.create_sheet(_("Pendapatan dan Biaya"))
    income["A1"] = _("Pendapatan dan biaya %(start)s s.d. %(end)s") % {
        "start": statement.start.isoformat(),
        "end": statement.end.isoformat(),
    }
    row = _section(income, 3, _("Pendapatan"), statement.income)
    income_total = row - 1
    row = _section(income, row + 1, _("Biaya"), statement.expenses)
    expense_total = row - 1
    income.cell(row=row, column=2, value=_("Surplus/defisit")).font = Font(bold=True)
    _money(income.cell(row=row, column=3, value=f"=C{income_total}-C{expense_total}"))
    for sheet in (neraca, income):
        sheet.column_dimensions["A"].width = 10
        sheet.column_dimensions["B"].width = 44
        sheet.column_dimensions["C"].width = 20
    return _bytes(workbook)


def _section(sheet, row: int, title: str, lines) -> int:
    """Write a titled list of accounts and its =SUM total; return the row after the total."""
    sheet.cell(row=row, column=1, value=title).font = Font(bold=True)
    first = row + 1
    for offset, line in enumerate(lines):
        sheet.cell(row=first + offset, column=1, value=line.code)
        sheet.cell(row=first + offset, column=2, value=line.name)
        _money(sheet.cell(row=first + offset, column=3, value=line.amount))
    total = first + len(lines)
    sheet.cell(row=total, column=2, value=_("Jumlah %(title)s") % {"title": title.lower()})
    formula = f"=SUM(C{first}:C{total - 1})" if lines else 0
    _money(sheet.cell(row=total, column=3, value=formula))
    return total + 1


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def book_pdf(book: Book, village_name: str, *, base_url: str | None = None) -> bytes:
    return render_pdf(
        "finance/book_print.html",
        {"book": book, "village_name": village_name},
        base_url=base_url,
    )
