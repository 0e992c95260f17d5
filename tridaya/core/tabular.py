"""One reader for the tables people upload (CSV from any spreadsheet, or the first sheet of an
XLSX): the delimiter is sniffed (`;` as Indonesian Excel saves, `,`, or tab), a UTF-8 byte-order
mark is dropped, header names are normalised (case, spaces) and mapped to the caller's keys
through aliases, empty rows are skipped, and every row keeps the line number people see in their
spreadsheet, so a problem can say "Baris 7, kolom harga: ...".

    table = read_table(data, "harga.xlsx", aliases={"price": ("harga", "harga satuan")},
                       required=["price"])
    for row in table.rows:
        row.line, row["price"]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tridaya.core.errors import CoreError, DomainError

DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class RowProblem:
    """What is wrong in one row (line as the spreadsheet numbers it; column as in its header;
    empty column when the whole row or file is at fault)."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.column:
            return _("Baris %(line)s, kolom %(column)s: %(reason)s") % {
                "line": self.line,
                "column": self.column,
                "reason": self.reason,
            }
        return _("Baris %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


class TableError(DomainError):
    """The table cannot be read; `problems` lists each place to fix."""

    def __init__(self, problems: Sequence[RowProblem], *, code: str) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems), code=code)


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.cells.get(key, "")

    def get(self, key: str, default: str = "") -> str:
        return self.cells.get(key, default)


@dataclass
class Table:
    header: list[str]  # normalised (or canonical, when an alias matched) names, in file order
    source_header: list[str]  # as written in the file
    delimiter: str | None  # None for XLSX
    rows: list[Row] = field(default_factory=list)

    def column_label(self, key: str) -> str:
        """The header as written in the file, for messages."""
        return self.source_header[self.header.index(key)] if key in self.header else key


def normalise_header(text: Any) -> str:
    """'  Harga  Satuan (Rp) ' -> 'harga satuan (rp)'."""
    return re.sub(r"\s+", " ", cell_text(text)).strip().lower()


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used most in the header line (`,` when none is)."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV export would hold (12.0 -> '12', dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def read_table(
    data: bytes,
    file_name: str,
    *,
    aliases: Mapping[str, Iterable[str]] | None = None,
    required: Sequence[str] = (),
) -> Table:
    """Read a CSV or the first sheet of an XLSX (by file name). `aliases` maps a key to the
    header names (any case) that mean it; `required` keys missing from the header are refused
    with one problem naming them all."""
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        delimiter = None
        rows = _xlsx(data)
    else:
        text = _decode(data)
        delimiter = sniff_delimiter(text.split("\n", 1)[0])
        rows = list(_csv_rows(text, delimiter))
    if not rows:
        raise TableError([RowProblem(1, "", _("berkas kosong."))], code=CoreError.TABLE_EMPTY)
    (header_line, header_cells), body = rows[0], rows[1:]
    written = [cell_text(h).strip() for h in header_cells]
    while written and not written[-1]:
        written.pop()
    if not written:
        raise TableError([RowProblem(1, "", _("berkas kosong."))], code=CoreError.TABLE_EMPTY)
    keys = _keys(written, aliases or {})
    missing = [key for key in required if key not in keys]
    if missing:
        raise TableError(
            [
                RowProblem(
                    header_line,
                    ", ".join(missing),
                    _("kolom wajib tidak ada. Baris judul berisi: %(found)s.")
                    % {"found": ", ".join(written)},
                )
            ],
            code=CoreError.TABLE_MISSING_COLUMNS,
        )
    table = Table(header=keys, source_header=written, delimiter=delimiter)
    for line, cells in body:
        texts = [cell_text(c).strip() for c in cells]
        if any(texts):
            table.rows.append(Row(line, {k: v for k, v in zip(keys, texts, strict=False) if k}))
    return table


def _keys(written: list[str], aliases: Mapping[str, Iterable[str]]) -> list[str]:
    lookup = {normalise_header(name): key for key, names in aliases.items() for name in names}
    lookup.update({normalise_header(key): key for key in aliases})
    return [lookup.get(normalise_header(name), normalise_header(name)) for name in written]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            [RowProblem(line, "", _("bukan teks UTF-8. Simpan berkas sebagai CSV UTF-8."))],
            code=CoreError.TABLE_UNREADABLE,
        ) from exc


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    for cells in reader:
        yield previous_end + 1, cells
        previous_end = reader.line_num


def _xlsx(data: bytes) -> list[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise TableError(
            [RowProblem(1, "", _("berkas XLSX rusak atau bukan buku kerja Excel."))],
            code=CoreError.TABLE_UNREADABLE,
        ) from exc
    try:
        sheet = book.worksheets[0]
        return [(line, list(row)) for line, row in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()
