"""Reading exported submissions as a stream of rows, whatever tool exported them.

Three formats, told apart by the file's first bytes and its header:

- KoBoToolbox CSV: `;` or `,` between cells, groups joined with `/` (`head/members`), the
  submission's id in `_uuid` (and `meta/instanceID`), `_submission_time`, geopoints as one
  `lat lon alt acc` cell and/or split `<group>/_<name>_latitude` ... `_<name>_precision`
  columns (read where the combined cell is empty);
- KoBoToolbox XLSX: the same columns in the first sheet of a workbook;
- ODK Central CSV: `SubmissionDate` first, groups joined with `-` (`head-members`), the id in
  `KEY` / `meta-instanceID`, geopoints split into `-Latitude`, `-Longitude`, `-Altitude`,
  `-Accuracy`.

Any of them may also come in a ZIP with the photos of the submissions (archive.py): the export
inside is read the same way, and the photos are offered to the form's importer (`Source.media`).

Rows are read one at a time (csv module; openpyxl in read-only mode), so memory stays flat
whatever the size of the file."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.mapping.errors import MappingError
from tridaya.mapping.importers.archive import READ_ERRORS, Archive, Photos, broken, is_zip
from tridaya.mapping.models import SourceFormat

HEADER_SNIFF_BYTES = 64 * 1024
ODK_MARKERS = frozenset({"SubmissionDate", "KEY", "meta-instanceID"})
KOBO_MARKERS = frozenset({"_uuid", "_submission_time", "meta/instanceID", "_id", "_index"})


# A data row: (line in a CSV, or row in a workbook, as a spreadsheet numbers it; the header is
# line 1), and its cells as text.
SourceRow = tuple[int, list[str]]


@dataclass
class Source:
    """An open export: its format, header and a one-pass iterator over its data rows; from a
    ZIP, also the photos next to it. Close it (or use it in a `with`) when done."""

    format: str
    header: list[str]
    rows: Iterator[SourceRow]
    delimiter: str = ""
    size: int | None = None  # bytes (CSV) or rows (XLSX), for progress bars
    _position: Any = field(default=None, repr=False)
    media: Photos | None = None
    closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def position(self) -> int:
        """How far the reader got, in the unit of `size`."""
        return self._position() if self._position is not None else 0

    def close(self) -> None:
        """Release what the reader opened (never the caller's file)."""
        while self.closers:
            self.closers.pop()()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _format_from_header(header: list[str]) -> str | None:
    names = {name.strip() for name in header}
    if names & ODK_MARKERS or any(name.startswith("meta-") for name in names):
        return SourceFormat.ODK_CSV
    if names & KOBO_MARKERS or any(name.startswith("meta/") for name in names):
        return SourceFormat.KOBO_CSV
    return None


def _unknown_format() -> DomainError:
    return DomainError(
        _(
            "Format berkas tidak dikenali. Unggah ekspor CSV atau XLSX dari KoBoToolbox "
            "(dengan nilai dan judul kolom XML) atau ekspor CSV dari ODK Central, tanpa "
            "mengubah baris judul kolom."
        ),
        code=MappingError.IMPORT_UNKNOWN_FORMAT,
    )


def _delimiter(first_line: str) -> str:
    """KoBo offers `;` and `,`; ODK Central writes `,`. The header line decides: the candidate
    that splits it into the most columns, counted outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else ","


def _sniff(handle: IO[bytes]) -> bytes:
    start = handle.read(HEADER_SNIFF_BYTES)
    handle.seek(0)
    if not start.strip():
        raise DomainError(_("Berkas kosong."), code=MappingError.IMPORT_EMPTY)
    return start


def open_source(handle: IO[bytes]) -> Source:
    """Detect the format of a binary file handle (seekable) and open it as a row stream."""
    start = _sniff(handle)
    if is_zip(start):
        return _open_zip(handle)
    return _open_csv(handle, start)


def _open_zip(handle: IO[bytes]) -> Source:
    """A workbook, or an export archive with photos (detected by its magic bytes, then its
    members)."""
    try:
        archive = Archive(handle)
    except (*READ_ERRORS, OSError, ValueError):
        # A damaged workbook and a damaged archive look alike; openpyxl says what is wrong.
        return _open_xlsx(handle)
    if archive.is_workbook:
        archive.close()
        return _open_xlsx(handle)
    try:
        table = archive.table()
        source = _open_table(archive, table)
    except BaseException:
        archive.close()
        raise
    source.media = archive.photos(table)
    source.closers.insert(0, archive.close)  # last: after the table's stream
    return source


def _open_table(archive: Archive, table: zipfile.ZipInfo) -> Source:
    if table.filename.lower().endswith(".xlsx"):
        copy = archive.workbook_copy(table)
        try:
            source = _open_xlsx(copy)
        except BaseException:
            copy.close()
            raise
        source.closers.append(copy.close)
        return source
    stream = archive.open_stream(table)
    try:
        source = _open_csv(stream, _sniff(stream), size=table.file_size)
    except READ_ERRORS as exc:
        stream.close()
        raise broken(exc) from exc
    except BaseException:
        stream.close()
        raise
    source.rows = _zip_rows(source.rows)
    source.closers.append(stream.close)
    return source


def _zip_rows(rows: Iterator[SourceRow]) -> Iterator[SourceRow]:
    """A damaged member shows only as it is read (its CRC is checked at its end)."""
    try:
        yield from rows
    except READ_ERRORS as exc:
        raise broken(exc) from exc


def _open_csv(handle: IO[bytes], start: bytes, size: int | None = None) -> Source:
    try:
        first_line = codecs.decode(start.split(b"\n", 1)[0], "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(1) from exc
    delimiter = _delimiter(first_line)
    if size is None:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        handle.seek(0)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        text.detach()
        raise DomainError(_("Berkas kosong."), code=MappingError.IMPORT_EMPTY) from None
    except UnicodeDecodeError as exc:
        text.detach()
        raise _not_utf8(1) from exc
    fmt = _format_from_header(header)
    if fmt is None:
        text.detach()
        raise _unknown_format()

    def rows() -> Iterator[SourceRow]:
        previous_end = reader.line_num
        try:
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    raise _not_utf8(previous_end + 1) from exc
                line = previous_end + 1
                previous_end = reader.line_num
                if cells and any(cells):
                    yield line, cells
        finally:
            text.detach()  # leave the caller's file open; it closes it

    return Source(fmt, header, rows(), delimiter, size, handle.tell)


def _not_utf8(line: int) -> DomainError:
    return DomainError(
        _(
            "Berkas tidak terbaca sebagai teks UTF-8 (baris %(line)s). Unduh ulang ekspor dari "
            "KoBoToolbox/ODK Central, atau simpan sebagai CSV UTF-8."
        )
        % {"line": line},
        code=MappingError.IMPORT_NOT_UTF8,
    )


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _open_xlsx(handle: IO[bytes]) -> Source:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors for broken files
        raise DomainError(
            _("Berkas XLSX rusak atau bukan buku kerja Excel: %(error)s")
            % {"error": str(exc)[:200]},
            code=MappingError.IMPORT_BAD_XLSX,
        ) from exc
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    try:
        header = [cell_text(v).strip() for v in next(values)]
    except StopIteration:
        raise DomainError(_("Berkas kosong."), code=MappingError.IMPORT_EMPTY) from None
    while header and not header[-1]:
        header.pop()
    fmt = _format_from_header(header)
    if fmt is None:
        raise _unknown_format()
    state = {"row": 1}

    def rows() -> Iterator[SourceRow]:
        try:
            for row in values:
                state["row"] += 1
                cells = [cell_text(v) for v in row[: len(header)]]
                if any(cells):
                    yield state["row"], cells
        finally:
            workbook.close()

    return Source(SourceFormat.KOBO_XLSX, header, rows(), "", sheet.max_row, lambda: state["row"])
