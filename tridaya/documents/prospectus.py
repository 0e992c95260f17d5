"""Investment prospectus (prospektus investasi) of a plan: a cover and numbered chapters made of
the same blocks as the plan documents (paragraphs, lists, tables, images), with no signature
page. Plain data in, bytes out: the marketing app builds a `ProspectusDocument` and calls
`prospectus_docx` or `prospectus_pdf`; both are made from the same blocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tridaya.documents import docx as docx_helpers
from tridaya.documents.pdf import render_html, render_pdf
from tridaya.documents.plan_document import Chapter, _docx_block, _new_section, _style_headings

__all__ = ["ProspectusDocument", "prospectus_docx", "prospectus_html", "prospectus_pdf"]


@dataclass(frozen=True, kw_only=True)
class ProspectusDocument:
    document_title: str  # "PROSPEKTUS INVESTASI PENATAAN PERMUKIMAN"
    plan_title: str
    region_lines: Sequence[str]
    period: str
    status_line: str  # "Diterbitkan 12 Desember 2026"
    issued_on: dt.date
    chapters: Sequence[Chapter]
    subtitle: str = ""  # "Ringkasan untuk mitra: air minum"
    organisation: str = ""
    draft_mark: str = ""

    @property
    def numbered_chapters(self) -> list[tuple[int, Chapter]]:
        return list(enumerate(self.chapters, start=1))


def _words(doc: ProspectusDocument) -> dict[str, str]:
    return {
        "contents": _("DAFTAR ISI"),
        "period": _("Tahun %(period)s") % {"period": doc.period} if doc.period else "",
    }


def prospectus_docx(doc: ProspectusDocument) -> bytes:
    """The prospectus as an editable DOCX (A4, Times New Roman, chapters as Heading 1)."""
    words = _words(doc)
    document = docx_helpers.new_document()
    _style_headings(document)
    for _blank in range(3):
        docx_helpers.add_paragraph(document, "")
    lines = [doc.document_title, doc.plan_title.upper(), *[r.upper() for r in doc.region_lines]]
    docx_helpers.add_heading_block(document, lines, first_line_size_pt=18)
    if doc.subtitle:
        docx_helpers.add_paragraph(document, doc.subtitle, align="center", bold=True)
    if words["period"]:
        docx_helpers.add_paragraph(document, words["period"], align="center", bold=True)
    docx_helpers.add_paragraph(document, doc.status_line, align="center")
    if doc.draft_mark:
        docx_helpers.add_paragraph(document, doc.draft_mark, align="center", bold=True)
    if doc.organisation:
        docx_helpers.add_paragraph(document, doc.organisation, align="center", bold=True)
    landscape = False
    for number, chapter in doc.numbered_chapters:
        if landscape:
            _new_section(document, landscape=False)
            landscape = False
        else:
            document.add_page_break()
        document.add_heading(f"{number}. {chapter.title}", level=1)
        for block in chapter.blocks:
            landscape = _docx_block(document, block, landscape_now=landscape)
    return docx_helpers.to_bytes(document)


def _context(doc: ProspectusDocument) -> dict:
    return {
        "doc": doc,
        "words": _words(doc),
        "chapters": [
            {"number": number, "chapter": chapter, "anchor": f"bab-{number}"}
            for number, chapter in doc.numbered_chapters
        ],
    }


def prospectus_pdf(doc: ProspectusDocument, *, base_url: str | None = None) -> bytes:
    return render_pdf("documents/prospectus.html", _context(doc), base_url=base_url)


def prospectus_html(doc: ProspectusDocument) -> str:
    return render_html("documents/prospectus.html", _context(doc))
