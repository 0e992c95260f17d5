"""Sample inputs for document tests: the RKM of Desa Bajur on Friday 27 November 2026."""

import dataclasses
import datetime as dt
import io
from typing import Any

import docx
import pypdf

from tridaya.documents.berita_acara import AttendanceSheet, Attendee, BeritaAcara, Signer

DECISIONS = [
    "Masyarakat Desa Bajur menyatakan siap melaksanakan seluruh tahapan PLPBK.",
    "Membentuk Tim Inti Perencanaan Partisipatif (TIPP) beranggotakan 11 orang.",
    "Swadaya masyarakat disepakati minimal Rp 25.000.000 dalam bentuk tenaga dan bahan.",
]

SIGNERS = [
    Signer("Koordinator BKM Bajur", "Lalu Ahmad Zainuri"),
    Signer("Ketua TIPP", "Siti Aminah"),
    Signer("Fasilitator", "Baiq Nurul Hidayati"),
    Signer("Mengetahui,\nKepala Desa Bajur", "H. Muhammad Saleh", "NIP. 19700101 199003 1 001"),
    Signer("Perwakilan Warga", "Inaq Rumenah"),
]


def berita_acara(**overrides: Any) -> BeritaAcara:
    ba = BeritaAcara(
        village_kind_and_name="Desa Bajur",
        district="Kecamatan Labuapi",
        regency="Kabupaten Lombok Barat",
        province="Provinsi Nusa Tenggara Barat",
        number="005/BA-RKM/BKM-BJR/XI/2026",
        meeting_title="Rembug Kesiapan Masyarakat (RKM)",
        held_on=dt.date(2026, 11, 27),
        start_time="09.00",
        timezone_label="WITA",
        place="Balai Desa Bajur",
        agenda="menyepakati kesiapan masyarakat melaksanakan PLPBK dan membentuk TIPP",
        facilitator="Baiq Nurul Hidayati",
        men=30,
        women=20,
        poor=12,
        disabled=2,
        decisions=list(DECISIONS),
        signers=list(SIGNERS),
    )
    return dataclasses.replace(ba, **overrides)


def attendance_sheet(**overrides: Any) -> AttendanceSheet:
    sheet = AttendanceSheet(
        meeting_title="Rembug Kesiapan Masyarakat (RKM)",
        village_kind_and_name="Desa Bajur",
        district="Kecamatan Labuapi",
        regency="Kabupaten Lombok Barat",
        held_on=dt.date(2026, 11, 27),
        start_time="09.00",
        timezone_label="WITA",
        place="Balai Desa Bajur",
    )
    return dataclasses.replace(sheet, **overrides)


ATTENDANCE = [
    Attendee("Lalu Ahmad Zainuri", "L", False, "BKM"),
    Attendee("Siti Aminah", "P", True, "Warga RT 02"),
]


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Whitespace collapsed: justified lines and line wraps come out as single spaces."""
    return " ".join(text.split())


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def docx_paragraph_texts(document: Any) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def docx_all_text(document: Any) -> str:
    """Body paragraphs and every table cell, in order of appearance."""
    parts = docx_paragraph_texts(document)
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def signature_columns(table: Any) -> list[list[Any]]:
    """A signature table read column by column: each block's cells, top to bottom
    (role, signing space, name, and the position when the row has one)."""
    columns = len(table.columns)
    return [[row.cells[index] for row in table.rows] for index in range(columns)]
