"""Berita acara (official minutes of a meeting) and the blank daftar hadir (attendance sheet).

Plain data in, document bytes out: the cycle app builds a `BeritaAcara` from a meeting and calls
`berita_acara_docx` (editable, for the village office) or `berita_acara_pdf` (for signing and
archiving). Both forms are made from the same text (`_content`), so they always say the same
thing. Nothing here reads the database.

The document is written in the active language (Indonesian by default; official documents are
normally Indonesian). The date written out in words is always Indonesian, as the law asks.

Personal data: attendee names with their poor-household status are printed in the attachment
only when `attendance` is given; callers pass it only to roles allowed to see it (UU PDP).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tridaya.core.dates import WEEKDAYS, date_in_words, format_date_id, number_in_words
from tridaya.documents import docx as docx_helpers
from tridaya.documents.pdf import css_string, render_pdf
from tridaya.documents.signers import Signer, signature_rows

__all__ = [
    "AttendanceSheet",
    "Attendee",
    "BeritaAcara",
    "Signer",
    "attendance_sheet_pdf",
    "berita_acara_docx",
    "berita_acara_pdf",
    "women_share_text",
]

# "Desa Bajur" is signed "Bajur, 27 November 2026": these words name the kind of village.
VILLAGE_KINDS = ("desa", "kelurahan", "nagari", "gampong", "kampung", "negeri", "lembang", "pekon")
_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


class Attendee(NamedTuple):
    """One line of a filled-in attendance list. `sex` is "L" (laki-laki) or "P" (perempuan)."""

    name: str
    sex: str
    is_poor: bool
    role: str = ""
    is_disabled: bool = False


def women_share(women: int, total: int) -> Decimal | None:
    """Women's share of attendance in percent, one decimal, rounded half up; None if nobody."""
    if total <= 0:
        return None
    return (Decimal(women) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def women_share_text(women: int, total: int) -> str:
    """Indonesian percent: 20 of 50 -> '40%', 1 of 3 -> '33,3%', nobody -> '-'."""
    share = women_share(women, total)
    if share is None:
        return "-"
    text = f"{share:.0f}" if share == share.to_integral_value() else f"{share:.1f}"
    return text.replace(".", ",") + "%"


def _normalise_time(value: str, field: str) -> str:
    if not value:
        return ""
    match = _TIME.match(value.strip())
    if not match:
        raise ValueError(f"{field} must look like 09.00, not {value!r}")
    return f"{int(match.group(1)):02d}.{match.group(2)}"


def _require_text(**fields: str) -> None:
    for name, value in fields.items():
        if not value or not value.strip():
            raise ValueError(f"{name} must not be empty")


def _signing_place(village_kind_and_name: str) -> str:
    first, _space, rest = village_kind_and_name.strip().partition(" ")
    return rest.strip() if rest and first.lower() in VILLAGE_KINDS else village_kind_and_name


@dataclass(frozen=True, kw_only=True)
class BeritaAcara:
    """What a berita acara says. Counts are people; `men + women` is the total attendance, and
    `poor` and `disabled` are counted among them."""

    village_kind_and_name: str  # "Desa Bajur"
    district: str  # "Kecamatan Labuapi"
    regency: str  # "Kabupaten Lombok Barat"
    province: str  # "Provinsi Nusa Tenggara Barat"
    meeting_title: str  # "Rembug Kesiapan Masyarakat (RKM)"
    held_on: dt.date
    place: str  # "Balai Desa Bajur"; may be "" (the sentence then names only the village)
    agenda: str  # may be "": the "dengan agenda" clause is left out
    facilitator: str  # may be "": the "difasilitasi oleh" clause is left out
    men: int
    women: int
    poor: int
    disabled: int
    decisions: Sequence[str]
    signers: Sequence[Signer]
    number: str = ""  # nomor surat; the "Nomor:" line is left out when empty
    start_time: str = ""  # "09.00" (or "09:00"); left out when empty
    timezone_label: str = ""  # "WIB", "WITA" or "WIT", printed after the time
    attendance: Sequence[Attendee] = ()  # attached as a list when given
    signing_place: str = ""  # defaults to the village name without its kind: "Bajur"

    def __post_init__(self) -> None:
        _require_text(
            village_kind_and_name=self.village_kind_and_name, meeting_title=self.meeting_title
        )
        for name in ("men", "women", "poor", "disabled"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a whole number of people, not {value!r}")
        if self.poor > self.total:
            raise ValueError(f"poor ({self.poor}) cannot exceed attendance ({self.total})")
        if self.disabled > self.total:
            raise ValueError(f"disabled ({self.disabled}) cannot exceed attendance ({self.total})")
        _normalise_time(self.start_time, "start_time")
        for index, attendee in enumerate(self.attendance, start=1):
            if Attendee(*attendee).sex not in ("L", "P"):
                raise ValueError(f"attendance row {index}: sex must be 'L' or 'P'")

    @property
    def total(self) -> int:
        return self.men + self.women

    @property
    def women_share_text(self) -> str:
        return women_share_text(self.women, self.total)

    @property
    def region_text(self) -> str:
        parts = (self.village_kind_and_name, self.district, self.regency, self.province)
        return ", ".join(part.strip() for part in parts if part and part.strip())


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def _day_and_date(held_on: dt.date) -> str:
    """'Jumat, 27 November 2026'."""
    return f"{WEEKDAYS[held_on.weekday()]}, {format_date_id(held_on)}"


def _time_text(start_time: str, timezone_label: str) -> str:
    time = _normalise_time(start_time, "start_time")
    return f"{time} {timezone_label}".strip() if time else ""


def _opening(ba: BeritaAcara) -> str:
    """The opening sentence: day and time, place, meeting, agenda, facilitator."""
    day = f"{date_in_words(ba.held_on)} ({format_date_id(ba.held_on)})"
    time = _time_text(ba.start_time, ba.timezone_label)
    if time:
        day += " " + _("pukul %(time)s") % {"time": time}
    location = ", ".join(part for part in (ba.place.strip(), ba.region_text) if part)
    opening = _("Pada %(day)s, bertempat di %(location)s, telah dilaksanakan %(meeting)s") % {
        "day": day,
        "location": location,
        "meeting": ba.meeting_title.strip(),
    }
    agenda = ba.agenda.strip().rstrip(".")
    if agenda:
        opening += " " + _("dengan agenda %(agenda)s") % {"agenda": agenda}
    if ba.facilitator.strip():
        opening += ", " + _("difasilitasi oleh %(facilitator)s") % {
            "facilitator": ba.facilitator.strip()
        }
    return opening + "."


def _heading(ba: BeritaAcara) -> list[str]:
    heading = [
        _("BERITA ACARA"),
        ba.meeting_title.strip().upper(),
        " ".join(p for p in (ba.village_kind_and_name.strip(), ba.district.strip()) if p).upper(),
    ]
    if ba.regency.strip():
        heading.append(ba.regency.strip().upper())
    return heading


def _attendance_rows(ba: BeritaAcara) -> list[tuple[str, ...]]:
    return [
        (
            str(index),
            row.name,
            row.sex,
            _yes_no(row.is_poor),
            _yes_no(row.is_disabled),
            row.role,
        )
        for index, row in enumerate((Attendee(*a) for a in ba.attendance), start=1)
    ]


def _content(ba: BeritaAcara) -> dict[str, Any]:
    """The words of the berita acara, shared by the DOCX and the PDF."""
    participants = _(
        "Pertemuan ini dihadiri oleh %(total)s (%(total_words)s) orang peserta dengan rincian "
        "sebagai berikut:"
    ) % {"total": ba.total, "total_words": number_in_words(ba.total)}
    counts = [
        (_("Laki-laki"), str(ba.men)),
        (_("Perempuan"), str(ba.women)),
        (_("Jumlah peserta"), str(ba.total)),
        (_("di antaranya warga miskin (MBR)"), str(ba.poor)),
        (_("di antaranya penyandang disabilitas"), str(ba.disabled)),
        (_("Keterwakilan perempuan"), ba.women_share_text),
    ]
    number_line = (
        _("Nomor: %(number)s") % {"number": ba.number.strip()} if ba.number.strip() else ""
    )
    return {
        "heading": _heading(ba),
        "number_line": number_line,
        "opening": _opening(ba),
        "participants": participants,
        "counts_header": (_("Uraian"), _("Jumlah (orang)")),
        "counts": counts,
        "decisions_intro": _("Pertemuan ini menghasilkan kesepakatan sebagai berikut:"),
        "decisions": [d.strip() for d in ba.decisions if d.strip()],
        "closing": _(
            "Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan "
            "sebagaimana mestinya."
        ),
        "place_date": f"{ba.signing_place.strip() or _signing_place(ba.village_kind_and_name)}, "
        f"{format_date_id(ba.held_on)}",
        "signers": list(ba.signers),
        "signature_rows": signature_rows(ba.signers),
        "attachment_title": _("Lampiran: Daftar Hadir %(meeting)s")
        % {"meeting": ba.meeting_title.strip()},
        "attendance_header": (
            pgettext("nomor urut", "No"),
            _("Nama"),
            _("L/P"),
            _("Warga miskin"),
            _("Disabilitas"),
            _("Unsur/peran"),
        ),
        "attendance": _attendance_rows(ba),
    }


def berita_acara_docx(ba: BeritaAcara) -> bytes:
    """The berita acara as an editable DOCX (A4, Times New Roman 12)."""
    content = _content(ba)
    doc = docx_helpers.new_document()
    docx_helpers.add_heading_block(doc, content["heading"], space_after_pt=2)
    if content["number_line"]:
        docx_helpers.add_paragraph(doc, content["number_line"], align="center", space_after_pt=2)
    docx_helpers.add_paragraph(doc, "", space_after_pt=6)
    docx_helpers.add_paragraph(doc, content["opening"])
    docx_helpers.add_paragraph(doc, content["participants"], keep_with_next=True)
    docx_helpers.add_table(
        doc, content["counts_header"], content["counts"], widths=[8.5, 3.5], align=["left", "right"]
    )
    docx_helpers.add_paragraph(doc, "", space_after_pt=0)
    if content["decisions"]:
        docx_helpers.add_paragraph(doc, content["decisions_intro"], keep_with_next=True)
        docx_helpers.add_numbered_list(doc, content["decisions"])
    docx_helpers.add_paragraph(doc, content["closing"])
    docx_helpers.add_paragraph(doc, content["place_date"], align="right", keep_with_next=True)
    docx_helpers.add_signature_blocks(doc, content["signers"])
    if content["attendance"]:
        doc.add_page_break()
        docx_helpers.add_paragraph(doc, content["attachment_title"], bold=True, align="left")
        docx_helpers.add_table(
            doc,
            content["attendance_header"],
            content["attendance"],
            widths=[1.0, 5.5, 1.2, 2.3, 2.3, 3.7],
            align=["center", "left", "center", "center", "center", "left"],
        )
    return docx_helpers.to_bytes(doc)


def berita_acara_pdf(ba: BeritaAcara, *, base_url: str | None = None) -> bytes:
    """The berita acara as PDF, from templates/documents/berita_acara.html."""
    return render_pdf("documents/berita_acara.html", _content(ba), base_url=base_url)


@dataclass(frozen=True, kw_only=True)
class AttendanceSheet:
    """A blank daftar hadir to print before a meeting. Unknown date or place print as dotted
    lines to fill in by hand."""

    meeting_title: str
    village_kind_and_name: str
    district: str = ""
    regency: str = ""
    province: str = ""
    held_on: dt.date | None = None
    start_time: str = ""
    timezone_label: str = ""
    place: str = ""
    rows: int = 30
    rows_per_page: int = 15
    women_min_percent: int = 30

    def __post_init__(self) -> None:
        _require_text(
            meeting_title=self.meeting_title, village_kind_and_name=self.village_kind_and_name
        )
        if self.rows < 1:
            raise ValueError("rows must be at least 1")
        if self.rows_per_page < 1:
            raise ValueError("rows_per_page must be at least 1")
        if not 0 < self.women_min_percent <= 100:
            raise ValueError("women_min_percent must be between 1 and 100")
        _normalise_time(self.start_time, "start_time")


BLANK = "." * 40


def _attendance_sheet_context(sheet: AttendanceSheet) -> dict[str, Any]:
    time = _time_text(sheet.start_time, sheet.timezone_label)
    reminder = _(
        "Catat jenis kelamin setiap peserta: keterwakilan perempuan minimal %(percent)s%%"
    ) % {"percent": sheet.women_min_percent}
    region = ", ".join(
        part.strip()
        for part in (sheet.village_kind_and_name, sheet.district, sheet.regency, sheet.province)
        if part and part.strip()
    )
    numbers = range(1, sheet.rows + 1)
    return {
        "heading": [
            _("DAFTAR HADIR"),
            sheet.meeting_title.strip().upper(),
            " ".join(
                p for p in (sheet.village_kind_and_name.strip(), sheet.district.strip()) if p
            ).upper(),
        ]
        + ([sheet.regency.strip().upper()] if sheet.regency.strip() else []),
        "meta": [
            (_("Hari/tanggal"), _day_and_date(sheet.held_on) if sheet.held_on else BLANK),
            (_("Waktu"), time or BLANK),
            (_("Tempat"), sheet.place.strip() or BLANK),
            (_("Wilayah"), region),
        ],
        "rows": [
            {
                "number": number,
                "page_end": number % sheet.rows_per_page == 0 and number != sheet.rows,
            }
            for number in numbers
        ],
        "reminder": reminder,
        "reminder_css": mark_safe(css_string(reminder)),  # escaped by css_string
        "women_min_percent": sheet.women_min_percent,
    }


def attendance_sheet_pdf(sheet: AttendanceSheet, *, base_url: str | None = None) -> bytes:
    """A printable blank attendance sheet: `sheet.rows` numbered rows, `sheet.rows_per_page`
    per page, the column header repeated on every page and the women's-share reminder in the
    footer of every page."""
    context = _attendance_sheet_context(sheet)
    return render_pdf("documents/attendance_sheet.html", context, base_url=base_url)
