"""The books as files: XLSX whose formulas recompute every running balance and total (so an
auditor can check them in a spreadsheet), and PDF printed from the same HTML as the page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tridaya.core.money import format_rupiah
from tridaya.documents.docx import (
    add_heading_block,
    add_paragraph,
    add_table,
    new_document,
    to_bytes,
)
from tridaya.documents.pdf import render_pdf
from tridaya.documents.workbook import BORDER, HEADER_FILL, RUPIAH_FORMAT
from tridaya.finance.selectors.books import BalanceSheet, Book, IncomeStatement
from tridaya.finance.selectors.reports import LpjReport

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


def _lpj_summary(report: LpjReport) -> list[tuple[str, int]]:
    return [
        (_("Dana BLM diterima"), report.received),
        (_("Swadaya masyarakat (tunai dan natura)"), report.swadaya),
        *[(name, amount) for name, amount in report.expenses.items()],
        (_("Jumlah biaya"), report.total_expenses),
        (_("Saldo kas dan bank BKM"), report.cash_and_bank),
        (_("Saldo uang muka KSM"), report.ksm_advances),
    ]


def lpj_docx(report: LpjReport) -> bytes:
    """The LPJ as an editable DOCX: summary figures and the list of receipts."""
    document = new_document()
    add_heading_block(
        document,
        [
            _("LAPORAN PERTANGGUNGJAWABAN (LPJ)"),
            f"{report.program} · {_('Tahap')} {report.tranche_label}",
            report.village_name,
            f"{report.start.isoformat()} s.d. {report.end.isoformat()}",
        ],
    )
    add_table(
        document,
        [_("Uraian"), _("Jumlah (Rp)")],
        [(label, format_rupiah(amount)) for label, amount in _lpj_summary(report)],
        widths=[11, 5],
        align=["left", "right"],
    )
    add_paragraph(document, _("Daftar bukti kas keluar"), bold=True)
    add_table(
        document,
        [_("Nomor"), _("Tanggal"), _("Uraian"), _("Jumlah (Rp)"), _("Bukti")],
        [
            (
                r.number,
                r.date.isoformat(),
                r.description,
                format_rupiah(r.amount),
                _("ada") if r.has_evidence else _("tidak ada"),
            )
            for r in report.receipts
        ],
        widths=[3, 2.5, 6.5, 3, 1.5],
        align=["left", "left", "left", "right", "center"],
    )
    return to_bytes(document)


def lpj_workbook(report: LpjReport) -> bytes:
    """The LPJ as XLSX: the summary with =SUM of the expenses, and the receipts with their
    =SUM total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "LPJ"
    sheet["A1"] = f"LPJ {report.program} {_('Tahap')} {report.tranche_label}"
    sheet["A2"] = report.village_name
    sheet["A3"] = f"{report.start.isoformat()} s.d. {report.end.isoformat()}"
    _header(sheet, 4, [_("Uraian"), _("Jumlah (Rp)")])
    rows = [(_("Dana BLM diterima"), report.received), (_("Swadaya masyarakat"), report.swadaya)]
    rows += list(report.expenses.items())
    for offset, (label, amount) in enumerate(rows):
        sheet.cell(row=5 + offset, column=1, value=label)
        _money(sheet.cell(row=5 + offset, column=2, value=amount))
    first, last = 7, 6 + len(report.expenses)
    total = last + 1
    sheet.cell(row=total, column=1, value=_("Jumlah biaya"))
    _money(sheet.cell(row=total, column=2, value=f"=SUM(B{first}:B{last})" if last >= first else 0))
    receipts = workbook.create_sheet(_("Bukti kas keluar"))
    _header(receipts, 1, [_("Nomor"), _("Tanggal"), _("Uraian"), _("Jumlah (Rp)"), _("Bukti")])
    for offset, r in enumerate(report.receipts, start=2):
        receipts.cell(row=offset, column=1, value=r.number)
        receipts.cell(row=offset, column=2, value=r.date).number_format = "dd/mm/yyyy"
        receipts.cell(row=offset, column=3, value=r.description)
        _money(receipts.cell(row=offset, column=4, value=r.amount))
        receipts.cell(row=offset, column=5, value=_("ada") if r.has_evidence else _("tidak ada"))
    end = len(report.receipts) + 1
    receipts.cell(row=end + 1, column=3, value=_("Jumlah"))
    _money(receipts.cell(row=end + 1, column=4, value=f"=SUM(D2:D{end})" if end >= 2 else 0))
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 20
    receipts.column_dimensions["C"].width = 44
    return _bytes(workbook)
