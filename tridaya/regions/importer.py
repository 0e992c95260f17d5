"""Import of the official Kemendagri regions from the idn-area CSV files.

Two passes: the files are read and checked completely first (header, code form, parent, duplicate,
name), and only a clean set is written, in one transaction. Rows already in the database are
compared, so a second run writes nothing and a newer file only renames or adds; rows are never
deleted, so records linked to a region (profiles, roles, plans) are never touched.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.core.setup_stamps import files_checksum, stamp_matches, stamp_record
from tridaya.regions.models import Kind, Level, Region

DEFAULT_DIR = Path(settings.BASE_DIR) / "data" / "idn-area"
STAMP_KEY = "regions"


@dataclass(frozen=True)
class LevelFile:
    level: Level
    filename: str
    header: tuple[str, ...]
    code_pattern: re.Pattern


LEVEL_FILES = (
    LevelFile(Level.PROVINCE, "provinces.csv", ("code", "name"), re.compile(r"\d{2}")),
    LevelFile(
        Level.REGENCY,
        "regencies.csv",
        ("code", "province_code", "name"),
        re.compile(r"\d{2}\.\d{2}"),
    ),
    LevelFile(
        Level.DISTRICT,
        "districts.csv",
        ("code", "regency_code", "name"),
        re.compile(r"\d{2}\.\d{2}\.\d{2}"),
    ),
    LevelFile(
        Level.VILLAGE,
        "villages.csv",
        ("code", "district_code", "name"),
        re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}"),
    ),
)
VILLAGE_KINDS = {"1": Kind.KELURAHAN, "2": Kind.DESA, "3": Kind.DESA_ADAT}
MAX_REPORTED_ERRORS = 50


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class RegionImportError(Exception):
    """The files were refused; nothing was written. `errors` lists file, line and reason."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        shown = "\n".join(str(e) for e in errors[:MAX_REPORTED_ERRORS])
        more = len(errors) - MAX_REPORTED_ERRORS
        if more > 0:
            shown += "\n" + _("... dan %(count)d kesalahan lain") % {"count": more}
        super().__init__(shown)


@dataclass
class ParsedRegion:
    code: str
    parent_code: str | None
    level: int
    kind: str
    name: str


@dataclass
class ImportResult:
    created: dict[int, int] = field(default_factory=lambda: {lvl.value: 0 for lvl in Level})
    renamed: int = 0
    unchanged: int = 0
    total_in_files: dict[int, int] = field(default_factory=dict)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())


def kind_for(level: int, code: str, name: str) -> str:
    if level == Level.PROVINCE:
        return Kind.PROVINSI
    if level == Level.REGENCY:
        # Kota codes are 71-99 in the second part; the name says it too.
        return Kind.KOTA if int(code[3:5]) >= 71 or name.startswith("Kota ") else Kind.KABUPATEN
    if level == Level.DISTRICT:
        return Kind.KECAMATAN
    return VILLAGE_KINDS[code[9]]


def read_level(path: Path, spec: LevelFile, parents: set[str] | None, errors: list[RowError]):
    """Parse one file, appending every problem to `errors`; returns the rows it could read."""
    rows: dict[str, ParsedRegion] = {}
    name = path.name
    if not path.exists():
        errors.append(RowError(name, 0, _("berkas tidak ditemukan di %(dir)s") % {"dir": path}))
        return rows
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != spec.header:
            errors.append(
                RowError(
                    name,
                    1,
                    _("kepala kolom %(got)s, seharusnya %(want)s")
                    % {"got": ",".join(header) or "(kosong)", "want": ",".join(spec.header)},
                )
            )
            return rows
        for line, row in enumerate(reader, start=2):
            parsed = _check_row(row, line, spec, parents, rows, name, errors)
            if parsed is not None:
                rows[parsed.code] = parsed
    return rows


def _check_row(row, line, spec, parents, seen, name, errors) -> ParsedRegion | None:
    def fail(reason: str) -> None:
        errors.append(RowError(name, line, reason))

    if len(row) != len(spec.header):
        fail(_("%(got)d kolom, seharusnya %(want)d") % {"got": len(row), "want": len(spec.header)})
        return None
    code = row[0].strip()
    region_name = row[-1].strip()
    parent_code = row[1].strip() if spec.level != Level.PROVINCE else None
    if not spec.code_pattern.fullmatch(code):
        fail(
            _("kode '%(code)s' tidak berbentuk kode %(level)s")
            % {"code": code, "level": Level(spec.level).label}
        )
        return None
    if spec.level == Level.VILLAGE and code[9] not in VILLAGE_KINDS:
        fail(
            _("kode desa '%(code)s' harus diawali 1, 2 atau 3 di bagian terakhir") % {"code": code}
        )
        return None
    if code in seen:
        fail(_("kode '%(code)s' ganda") % {"code": code})
        return None
    if not region_name:
        fail(_("nama kosong untuk kode '%(code)s'") % {"code": code})
        return None
    if parent_code is not None:
        if code.rsplit(".", 1)[0] != parent_code:
            fail(
                _("kode '%(code)s' tidak berada di bawah induk '%(parent)s'")
                % {"code": code, "parent": parent_code}
            )
            return None
        if parents is not None and parent_code not in parents:
            fail(_("kode induk '%(parent)s' tidak dikenal") % {"parent": parent_code})
            return None
    kind = kind_for(spec.level, code, region_name)
    return ParsedRegion(code, parent_code, spec.level, kind, region_name)


def read_all(directory: Path) -> list[dict[str, ParsedRegion]]:
    """All four levels, checked; raises RegionImportError listing every problem."""
    errors: list[RowError] = []
    levels: list[dict[str, ParsedRegion]] = []
    parents: set[str] | None = None
    for spec in LEVEL_FILES:
        rows = read_level(directory / spec.filename, spec, parents, errors)
        levels.append(rows)
        parents = set(rows)
    if errors:
        raise RegionImportError(errors)
    return levels


def import_regions(
    *, directory: Path = DEFAULT_DIR, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """Check the files, then add new regions and rename changed ones in one transaction."""
    levels = read_all(Path(directory))
    result = ImportResult(
        total_in_files={int(s.level): len(r) for s, r in zip(LEVEL_FILES, levels, strict=True)}
    )
    existing = {
        code: (name, kind)
        for code, name, kind in Region.objects.values_list("code", "name", "kind")
    }
    with transaction.atomic():
        for rows in levels:
            _write_level(rows, existing, result, progress)
    return result


def regions_checksum(directory: Path = DEFAULT_DIR) -> str:
    return files_checksum(Path(directory) / spec.filename for spec in LEVEL_FILES)


def import_regions_unless_in_place(
    *,
    directory: Path = DEFAULT_DIR,
    progress: Callable[[int], None] | None = None,
    force: bool = False,
) -> ImportResult | None:
    """`import_regions` when the files changed since the last import, were never imported, or
    regions were deleted since (checked without reading the rows); None when they are in place
    (unless `force`). Stamps the files' checksum after a successful import."""
    checksum = regions_checksum(directory)
    if not force and stamp_matches(STAMP_KEY, checksum, count=Region.objects.count()):
        return None
    result = import_regions(directory=directory, progress=progress)
    stamp_record(STAMP_KEY, checksum, count=sum(result.total_in_files.values()))
    return result


def _write_level(rows, existing, result: ImportResult, progress) -> None:
    new: list[Region] = []
    renamed: list[Region] = []
    for row in rows.values():
        current = existing.get(row.code)
        if current is None:
            new.append(_model(row))
        elif current != (row.name, row.kind):
            renamed.append(_model(row))
        else:
            result.unchanged += 1
    for batch in _batches(new, 5000):
        Region.objects.bulk_create(batch)
        result.created[batch[0].level] += len(batch)
        if progress:
            progress(len(batch))
    for batch in _batches(renamed, 2000):
        Region.objects.bulk_update(batch, ["name", "kind"])
        result.renamed += len(batch)
        if progress:
            progress(len(batch))
    if progress:
        progress(len(rows) - len(new) - len(renamed))


def _model(row: ParsedRegion) -> Region:
    return Region(
        code=row.code, parent_id=row.parent_code, level=row.level, kind=row.kind, name=row.name
    )


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def count_rows(directory: Path = DEFAULT_DIR) -> int:
    """Data rows in the four files (for a progress bar's total)."""
    total = 0
    for spec in LEVEL_FILES:
        path = Path(directory) / spec.filename
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                total += max(sum(1 for _ in handle) - 1, 0)
    return total
