"""The village's RT profile and slum volume template, as XLSX (with a sheet explaining every
column) or CSV: one row per RT, prefilled with what is already recorded for the year, read back
by `services.slum_import.slum_import` (the readers and the column names are here)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from tridaya.core.errors import CoreError, DomainError
from tridaya.core.tabular import RowProblem, TableError, read_table
from tridaya.mapping.errors import MappingError
from tridaya.mapping.scoring import DENOMINATOR_LABELS
from tridaya.mapping.selectors.slum import SlumPage

TEMPLATE_PROFILE_COLUMNS = (
    ("luas_ha", "area_ha"),
    ("bangunan", "buildings"),
    ("penduduk", "population"),
    ("kk", "households"),
    ("jalan_ideal_m", "road_length_m"),
    ("drainase_ideal_m", "drainage_length_m"),
)
HANDLED_SUFFIX = "_tertangani"
INTEGER_FIELDS = {"buildings", "population", "households"}


class SlumImportError(DomainError):
    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__([str(p) for p in problems], code=MappingError.BAD_TEMPLATE)


def template_rows(data: bytes, file_name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: cell text}) of each non-empty row of an XLSX or CSV template,
    read with the program's one table reader."""
    try:
        table = read_table(data, file_name)
    except TableError as exc:
        if exc.code == CoreError.TABLE_EMPTY:
            return
        if file_name.lower().endswith(".xlsx"):
            problem = RowProblem(1, "", _("berkas XLSX tidak terbaca."))
            raise SlumImportError([problem]) from exc
        raise SlumImportError(exc.problems) from exc
    for row in table.rows:
        yield row.line, row.cells


def header(page: SlumPage) -> list[str]:
    codes = page.cset.codes
    return [
        "rw",
        "rt",
        "tahun",
        *(column for column, _name in TEMPLATE_PROFILE_COLUMNS),
        *codes,
        *(code + HANDLED_SUFFIX for code in codes),
    ]


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return value


def rows(page: SlumPage) -> list[list[Any]]:
    out = []
    codes = page.cset.codes
    for row in page.rows:
        profile = row.profile
        values: list[Any] = [row.rt.rw.number, row.rt.number, page.year]
        values += [
            _cell(getattr(profile, name)) if profile else None
            for _column, name in TEMPLATE_PROFILE_COLUMNS
        ]
        values += [_cell(row.volumes.get(code)) for code in codes]
        values += [_cell(row.handled.get(code)) for code in codes]
        out.append(values)
    return out


def explanations(page: SlumPage) -> list[tuple[str, str]]:
    lines = [
        ("rw", _("Nomor RW (jangan diubah)")),
        ("rt", _("Nomor RT (jangan diubah)")),
        ("tahun", _("Tahun data")),
        ("luas_ha", _("Luas terverifikasi RT (ha)")),
        ("bangunan", _("Jumlah bangunan")),
        ("penduduk", _("Jumlah penduduk (jiwa)")),
        ("kk", _("Jumlah kepala keluarga (KK)")),
        ("jalan_ideal_m", _("Panjang jalan ideal (m)")),
        ("drainase_ideal_m", _("Panjang drainase ideal (m)")),
    ]
    for criterion in page.cset.criteria:
        lines.append(
            (
                criterion.code,
                _("%(title)s: volume dalam %(unit)s, dibagi %(denominator)s")
                % {
                    "title": criterion.title,
                    "unit": criterion.unit,
                    "denominator": DENOMINATOR_LABELS[criterion.denominator],
                },
            )
        )
    lines.append(
        (
            "..." + HANDLED_SUFFIX,
            _("Volume yang sudah tertangani setelah investasi (boleh kosong)"),
        )
    )
    return lines


def as_csv(page: SlumPage) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(page))
    for values in rows(page):
        writer.writerow(["" if v is None else v for v in values])
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(page: SlumPage) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Data RT")
    sheet.append(header(page))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows(page):
        sheet.append(values)
    sheet.freeze_panes = "D2"
    guide = book.create_sheet(_("Petunjuk"))
    guide.append([_("Kolom"), _("Isi")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column, text in explanations(page):
        guide.append([column, text])
    guide.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
