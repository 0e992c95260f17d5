import io

import pytest
from openpyxl import Workbook

from tridaya.core.errors import CoreError
from tridaya.core.tabular import RowProblem, TableError, read_table

ALIASES = {"price": ("harga", "harga satuan"), "name": ("uraian",)}


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    second = book.create_sheet("lain")
    second.append(["tidak", "dibaca"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiter_bom_header_aliases_and_line_numbers(delimiter):
    text = delimiter.join(["  Uraian ", "HARGA  Satuan", "Catatan"]) + "\r\n"
    text += delimiter.join(["Semen", "75000", "ok"]) + "\r\n"
    text += delimiter.join(["", "", ""]) + "\r\n"
    text += delimiter.join(['"Pasir, halus"' if delimiter == "," else "Pasir, halus", "1", ""])
    table = read_table(("\ufeff" + text).encode(), "harga.csv", aliases=ALIASES, required=["price"])
    assert table.delimiter == delimiter
    assert table.header == ["name", "price", "catatan"]
    assert table.column_label("price") == "HARGA  Satuan"
    assert [(r.line, r["name"], r["price"]) for r in table.rows] == [
        (2, "Semen", "75000"),
        (4, "Pasir, halus", "1"),
    ]
    assert table.rows[0]["catatan"] == "ok" and table.rows[0]["nothing"] == ""


def test_a_quoted_cell_over_two_lines_keeps_the_next_rows_line_number():
    text = 'uraian;harga\n"dua\nbaris";5\nSemen;7\n'
    table = read_table(text.encode(), "a.csv", aliases=ALIASES)
    assert [(r.line, r["price"]) for r in table.rows] == [(2, "5"), (4, "7")]


def test_xlsx_reads_the_first_sheet_as_text():
    data = _xlsx([["Uraian", "Harga"], ["Semen", 75000.0], [None, None], ["Pasir", 12.5]])
    table = read_table(data, "HARGA.XLSX", aliases=ALIASES)
    assert table.delimiter is None
    assert [(r.line, r["name"], r["price"]) for r in table.rows] == [
        (2, "Semen", "75000"),
        (4, "Pasir", "12.5"),
    ]


def test_missing_required_columns_are_named_with_what_the_header_holds():
    with pytest.raises(TableError) as error:
        read_table(b"uraian,jumlah\nSemen,1\n", "a.csv", aliases=ALIASES, required=["price"])
    assert error.value.code == CoreError.TABLE_MISSING_COLUMNS
    assert error.value.problems == [
        RowProblem(1, "price", "kolom wajib tidak ada. Baris judul berisi: uraian, jumlah.")
    ]
    assert str(error.value.problems[0]).startswith("Baris 1, kolom price: kolom wajib")


def test_empty_unreadable_and_not_utf8_files_are_refused_with_the_line():
    with pytest.raises(TableError) as error:
        read_table(b"", "a.csv")
    assert error.value.code == CoreError.TABLE_EMPTY
    with pytest.raises(TableError) as error:
        read_table(b"not a zip", "a.xlsx")
    assert error.value.code == CoreError.TABLE_UNREADABLE
    with pytest.raises(TableError) as error:
        read_table(b"uraian;harga\nSemen;1\nK\xe9ramik;2\n", "a.csv")
    assert error.value.problems[0].line == 3
