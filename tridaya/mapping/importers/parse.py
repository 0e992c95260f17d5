"""From an export's header and cells to the answers of a form's questions.

`map_columns` finds each question's column whatever the tool did to its name (group prefixes,
split geopoints) and lists the columns the form does not know. `RowReader.read` turns the cells of
one row into typed answers, or into issues that name the column as the file spells it and say
in Indonesian what is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from tridaya.core.errors import DomainError
from tridaya.mapping.errors import MappingError
from tridaya.mapping.importers.spec import (
    DATE,
    GEOPOINT,
    IMAGE,
    NOTE,
    RT,
    RW,
    TEXT,
    FormSpec,
)
from tridaya.mapping.importers.values import (
    BadValue,
    GeoPoint,
    fast_lookup,
    geopoint,
    parse_datetime,
    parser_for,
)
from tridaya.mapping.models import SourceFormat

# Columns every KoBo or ODK export adds; known, so neither stored nor reported.
SYSTEM_COLUMNS = frozenset(
    {
        # KoBoToolbox
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_notes",
        "_status",
        "_submitted_by",
        "__version__",
        "_version_",
        "_tags",
        "_index",
        "_parent_index",
        "_parent_table_name",
        "_attachments",
        "_geolocation",
        "_xform_id_string",
        "_duration",
        "_media_all_received",
        "_total_media",
        "_media_count",
        "formhub/uuid",
        "meta/instanceID",
        "meta/deprecatedID",
        "meta/rootUuid",
        "meta/instanceName",
        # ODK Central
        "SubmissionDate",
        "KEY",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "meta-instanceID",
        "meta-deprecatedID",
        "meta-instanceName",
        "instanceID",
        # Tridaya's own: the reasons column of a downloaded quarantine file.
        "tridaya_masalah",
    }
)
INSTANCE_COLUMNS: dict[str, tuple[str, str]] = {
    SourceFormat.KOBO_CSV: ("_uuid", "meta/instanceID"),
    SourceFormat.KOBO_XLSX: ("_uuid", "meta/instanceID"),
    SourceFormat.ODK_CSV: ("KEY", "meta-instanceID"),
}
DEPRECATED_COLUMNS = ("meta/deprecatedID", "meta-deprecatedID")
SUBMITTED_COLUMNS = ("_submission_time", "SubmissionDate")
KOBO_GEO_SUFFIXES = {
    "_latitude": "lat",
    "_longitude": "lon",
    "_altitude": "alt",
    "_precision": "acc",
}
ODK_GEO_SUFFIXES = {"Latitude": "lat", "Longitude": "lon", "Altitude": "alt", "Accuracy": "acc"}


@dataclass(frozen=True)
class Issue:
    line: int
    column: str
    value: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class Columns:
    header: list[str]
    questions: dict[str, int] = field(default_factory=dict)
    geo_parts: dict[str, dict[str, int]] = field(default_factory=dict)
    instance: list[int] = field(default_factory=list)
    deprecated: int | None = None
    submitted: int | None = None
    unknown: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)


def strip_instance_id(value: str) -> str:
    """`uuid:1b2c...` (meta/instanceID, KEY) and `1b2c...` (_uuid) name the same submission."""
    value = value.strip()
    return value[5:] if value.lower().startswith("uuid:") else value


def _question_key(name: str, fmt: str) -> tuple[str, str | None]:
    """(question name, geopoint part or None) of an export column."""
    if fmt == SourceFormat.ODK_CSV:
        parts = name.split("-")
        if len(parts) >= 2 and parts[-1] in ODK_GEO_SUFFIXES:
            return parts[-2], ODK_GEO_SUFFIXES[parts[-1]]
        return parts[-1], None
    key = name.rsplit("/", 1)[-1]
    # KoBo writes a geopoint `location` in group `area` as `area/location` plus
    # `area/_location_latitude` ... `area/_location_precision` (`_location_latitude` without
    # group names); the underscore starts the last part, not the whole name.
    if key.startswith("_") or name.startswith("_"):
        bare = key.lstrip("_")
        for suffix, part in KOBO_GEO_SUFFIXES.items():
            if bare.endswith(suffix) and len(bare) > len(suffix):
                return bare[: -len(suffix)], part
    return key, None


def map_columns(header: list[str], spec: FormSpec, fmt: str) -> Columns:
    columns = Columns(header=header)
    known = {q.name: q for q in spec.questions()}
    meta = spec.meta_names
    for index, raw in enumerate(header):
        name = raw.strip()
        if not name:
            continue
        if name in INSTANCE_COLUMNS[fmt]:
            columns.instance.append(index)
        if name in DEPRECATED_COLUMNS:
            columns.deprecated = index
        if name in SUBMITTED_COLUMNS:
            columns.submitted = index
        if name in SYSTEM_COLUMNS:
            continue
        key, part = _question_key(name, fmt)
        if key in meta and part is None:
            continue
        question = known.get(key)
        if question is None:
            columns.unknown.append(name)
        elif part is not None and question.kind == GEOPOINT:
            columns.geo_parts.setdefault(key, {})[part] = index
        elif part is not None:
            columns.unknown.append(name)
        elif key in columns.questions:
            columns.duplicate.append(name)
        else:
            columns.questions[key] = index
    # `_uuid` first (stable across edits in KoBo), then meta/instanceID.
    order = INSTANCE_COLUMNS[fmt]
    columns.instance.sort(key=lambda i: order.index(header[i].strip()))
    return columns


def require_columns(columns: Columns, spec: FormSpec, required: list[str]) -> None:
    """Refuse the whole file when a question the import needs has no column."""
    if not columns.instance:
        raise DomainError(
            _(
                "Kolom ID kiriman tidak ada (%(columns)s). Tanpa ID, impor ulang akan "
                "menggandakan data; ekspor ulang dengan kolom itu."
            )
            % {"columns": " / ".join(INSTANCE_COLUMNS[SourceFormat.KOBO_CSV] + ("KEY",))},
            code=MappingError.IMPORT_NO_INSTANCE_ID,
        )
    missing = [
        name for name in required if name not in columns.questions and name not in columns.geo_parts
    ]
    if missing:
        raise DomainError(
            _(
                "Kolom wajib tidak ada: %(columns)s. Pastikan berkas diekspor dari formulir "
                "%(form)s dengan judul kolom XML (bukan label)."
            )
            % {"columns": ", ".join(missing), "form": spec.title},
            code=MappingError.IMPORT_MISSING_COLUMNS,
        )


# Parsers: text in, value out (None for an empty cell), BadValue with the reason otherwise.


class Chunk:
    """Rows of an export read together, column by column: `values[question][i]` is the answer
    of row `i`. Reading a column at a time costs a fraction of reading a row at a time, which
    is what lets a million rows import in under a minute. Issues are kept per row index."""

    def __init__(self, lines: list[int], cells: list[list[str]]):
        self.lines = lines
        self.cells = cells
        self.values: dict[str, list[Any]] = {}
        self.instance_ids: list[str] = []
        self.deprecated_ids: list[str] = []
        self.submitted: list[dt.datetime | None] = []
        self.issues: dict[int, list[Issue]] = {}
        # Filled by the form's importer: what it will write, and a digest of each row's answers.
        self.prepared: dict[str, list[Any]] = {}
        self.digests: list[str] = []

    def __len__(self) -> int:
        return len(self.lines)

    def add_issue(self, index: int, column: str, value: Any, reason: str) -> None:
        text = "" if value is None else str(value)
        self.issues.setdefault(index, []).append(
            Issue(self.lines[index], column, text[:200], reason)
        )

    def ok(self, index: int) -> bool:
        return index not in self.issues

    def good(self) -> list[int]:
        issues = self.issues
        return [i for i in range(len(self.lines)) if i not in issues]

    def row_values(self, index: int) -> dict[str, Any]:
        """One row's answers by question name (for importers that write row by row)."""
        return {name: column[index] for name, column in self.values.items()}


DATE_MEMO_LIMIT = 10_000


class RowReader:
    """Reads chunks of one export against one form (the parsers are chosen once)."""

    def __init__(self, spec: FormSpec, columns: Columns):
        self.columns = columns
        self.header = columns.header
        self.plan = []
        for question in spec.questions():
            index = columns.questions.get(question.name)
            if index is not None:
                self.plan.append(
                    (
                        question.name,
                        question.kind,
                        index,
                        fast_lookup(question, spec),
                        parser_for(question, spec),
                        # A question asked only when another answer calls for it (`relevant`)
                        # is checked by the form's importer, which knows that answer.
                        question.required and not question.relevant,
                        self.header[index],
                    )
                )
        self.geo_plan = [
            (name, parts, self.header[parts.get("lat", parts.get("lon", 0))])
            for name, parts in columns.geo_parts.items()
        ]
        used = [index for _n, _k, index, *_rest in self.plan]
        used += [i for parts in columns.geo_parts.values() for i in parts.values()]
        used += columns.instance
        used += [i for i in (columns.deprecated, columns.submitted) if i is not None]
        self.width = max(used) + 1 if used else 0
        self._dates: dict[str, Any] = {}

    def column_name(self, question: str) -> str:
        index = self.columns.questions.get(question)
        if index is not None:
            return self.header[index]
        parts = self.columns.geo_parts.get(question)
        if parts:
            return self.header[next(iter(parts.values()))]
        return question

    @staticmethod
    def _transpose(cells: list[list[str]], width: int) -> list[Sequence[str]]:
        """The chunk's cells column by column (one C-level transpose), short rows padded."""
        if cells and min(map(len, cells)) < width:
            cells = [row if len(row) >= width else row + [""] * (width - len(row)) for row in cells]
        return list(zip(*cells, strict=False)) if cells else []

    def read_chunk(self, lines: list[int], cells: list[list[str]]) -> Chunk:
        chunk = Chunk(lines, cells)
        by_column = self._transpose(cells, self.width)
        count = len(lines)
        values = chunk.values
        for name, kind, index, fast, parse, required, column in self.plan:
            texts = by_column[index]
            if fast is not None:
                found = list(map(fast, texts))
                slow = [i for i, value in enumerate(found) if value is None]
            elif kind in (TEXT, RW, RT, IMAGE, NOTE):
                found = [text.strip() for text in texts]
                slow = [i for i, value in enumerate(found) if not value]
            elif kind == DATE:
                if len(self._dates) > DATE_MEMO_LIMIT:
                    self._dates.clear()
                found = list(map(self._dates.get, texts))
                slow = [i for i, value in enumerate(found) if value is None]
            else:
                found = [None] * count
                slow = list(range(count))
            for i in slow:
                text = texts[i]
                try:
                    value = parse(text)
                except BadValue as bad:
                    chunk.add_issue(i, column, text, bad.reason)
                    found[i] = None
                    continue
                if value is None and required:
                    chunk.add_issue(i, column, text, _("wajib diisi"))
                elif kind == DATE and value is not None:
                    self._dates[text] = value
                found[i] = value
            values[name] = found
        for name, parts, column in self.geo_plan:
            found = values.setdefault(name, [None] * count)
            for i in range(count):
                if found[i] is None:
                    try:
                        found[i] = _split_geopoint(cells[i], parts)
                    except BadValue as bad:
                        chunk.add_issue(i, column, "", bad.reason)
        self._ids(chunk, by_column)
        return chunk

    def _ids(self, chunk: Chunk, by_column: list[Sequence[str]]) -> None:
        columns = self.columns
        count = len(chunk)
        ids = [""] * count
        if columns.instance:  # the preferred column, then the others where it is empty
            ids = [strip_instance_id(text) for text in by_column[columns.instance[0]]]
            for index in columns.instance[1:]:
                for i in [i for i, found in enumerate(ids) if not found]:
                    ids[i] = strip_instance_id(by_column[index][i])
        column = self.header[columns.instance[0]] if columns.instance else "_uuid"
        for i, found in enumerate(ids):
            if not found:
                chunk.add_issue(i, column, "", _("ID kiriman kosong"))
        chunk.instance_ids = ids
        if columns.deprecated is not None:
            texts = by_column[columns.deprecated]
            chunk.deprecated_ids = [strip_instance_id(text) for text in texts]
        else:
            chunk.deprecated_ids = [""] * count
        submitted: list[dt.datetime | None] = [None] * count
        if columns.submitted is not None:
            header = self.header[columns.submitted]
            for i, text in enumerate(by_column[columns.submitted]):
                try:
                    submitted[i] = parse_datetime(text)
                except BadValue as bad:
                    chunk.add_issue(i, header, text, bad.reason)
        chunk.submitted = submitted


def _split_geopoint(cells: list[str], parts: dict[str, int]) -> GeoPoint | None:
    numbers: dict[str, float | None] = {}
    width = len(cells)
    for part, index in parts.items():
        text = cells[index].strip() if index < width else ""
        if not text:
            numbers[part] = None
            continue
        try:
            numbers[part] = float(text)
        except ValueError:
            raise BadValue(_("koordinat berisi teks yang bukan angka")) from None
    lat, lon = numbers.get("lat"), numbers.get("lon")
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise BadValue(_("lintang dan bujur harus diisi keduanya"))
    return geopoint(lat, lon, numbers.get("alt"), numbers.get("acc"))
