"""What an uploaded file is, told from its bytes (never its name or the browser's type).

A sniffed `Kind` is one of the formats the app reads or stores. Office files and Shapefile
archives are ZIPs told apart by their members; GeoJSON, KML and CSV are text told apart by their
first non-blank character."""

from __future__ import annotations

import zipfile
from enum import StrEnum
from typing import IO

from django.utils.translation import gettext_lazy as _

HEAD = 2048  # bytes read to tell a kind


class Kind(StrEnum):
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ZIP = "zip"
    SHAPEFILE = "shapefile"  # a ZIP holding a .shp
    GPKG = "gpkg"
    GEOJSON = "geojson"
    KML = "kml"
    CSV = "csv"


LABELS = {
    Kind.JPEG: "JPEG",
    Kind.PNG: "PNG",
    Kind.WEBP: "WebP",
    Kind.PDF: "PDF",
    Kind.DOCX: "DOCX",
    Kind.XLSX: "XLSX",
    Kind.ZIP: "ZIP",
    Kind.SHAPEFILE: _("Shapefile dalam .zip"),
    Kind.GPKG: "GeoPackage",
    Kind.GEOJSON: "GeoJSON",
    Kind.KML: "KML",
    Kind.CSV: "CSV",
}
SUFFIXES = {
    Kind.JPEG: ".jpg",
    Kind.PNG: ".png",
    Kind.WEBP: ".webp",
    Kind.PDF: ".pdf",
    Kind.DOCX: ".docx",
    Kind.XLSX: ".xlsx",
    Kind.ZIP: ".zip",
    Kind.SHAPEFILE: ".zip",
    Kind.GPKG: ".gpkg",
    Kind.GEOJSON: ".geojson",
    Kind.KML: ".kml",
    Kind.CSV: ".csv",
}
CONTENT_TYPES = {
    Kind.JPEG: "image/jpeg",
    Kind.PNG: "image/png",
    Kind.WEBP: "image/webp",
    Kind.PDF: "application/pdf",
    Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Kind.ZIP: "application/zip",
    Kind.SHAPEFILE: "application/zip",
    Kind.GPKG: "application/geopackage+sqlite3",
    Kind.GEOJSON: "application/geo+json",
    Kind.KML: "application/vnd.google-earth.kml+xml",
    Kind.CSV: "text/csv",
}
IMAGES = frozenset({Kind.JPEG, Kind.PNG, Kind.WEBP})
# Receipts, agreements, step documents, attachments: a scan or photo, a PDF or a Word file.
DOCUMENTS = IMAGES | {Kind.PDF, Kind.DOCX}
# Survey exports and price lists: a table, or a KoBo/ODK export archive with its photos.
TABLES = frozenset({Kind.CSV, Kind.XLSX})
SURVEYS = TABLES | {Kind.ZIP}
GIS = frozenset({Kind.GEOJSON, Kind.KML, Kind.CSV, Kind.GPKG, Kind.SHAPEFILE})
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
GPKG_MAGIC = b"SQLite format 3\x00"


def _zip_kind(file: IO[bytes]) -> Kind:
    """DOCX, XLSX, a Shapefile archive or a plain ZIP, from the member names alone."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return Kind.ZIP  # refused later by the ZIP check with the reason
    finally:
        file.seek(0)
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return Kind.DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return Kind.XLSX
    if any(name.lower().endswith(".shp") for name in names):
        return Kind.SHAPEFILE
    return Kind.ZIP


def _text_kind(head: bytes) -> Kind | None:
    """GeoJSON, KML or CSV: UTF-8 (or Latin-1) text without NUL bytes."""
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the head
            try:
                text = head.decode("cp1252")
            except UnicodeDecodeError:
                return None
        else:
            text = head[: exc.start].decode("utf-8")
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return Kind.GEOJSON
    if text.startswith("<"):
        return Kind.KML if "<kml" in text[:1000].lower() else None
    printable = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return Kind.CSV if text and printable / len(text) > 0.95 else None


def sniff(file: IO[bytes]) -> Kind | None:
    """The kind of an open binary file (its position is restored to the start)."""
    file.seek(0)
    head = file.read(HEAD)
    file.seek(0)
    if head.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.WEBP
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head[:4] in ZIP_MAGICS:
        return _zip_kind(file)
    if head.startswith(GPKG_MAGIC):
        return Kind.GPKG
    return _text_kind(head)


def describe(kinds: frozenset[Kind] | set[Kind]) -> str:
    """'JPEG, PNG atau PDF': the accepted kinds for a message."""
    labels = sorted({str(LABELS[kind]) for kind in kinds})
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " " + str(_("atau")) + " " + labels[-1]
