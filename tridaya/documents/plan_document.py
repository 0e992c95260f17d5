"""Plan documents (RPLP, RTPLP): a cover, a table of contents, numbered chapters made of blocks
(paragraphs, lists, tables, images), and a signature page. Plain data in, bytes out: the planning
app builds a `PlanDocument` (chapters from its editable outline) and calls `plan_docx` (editable
in Word and LibreOffice) or `plan_pdf`. Both forms are made from the same blocks, so they always
say the same thing. Nothing here reads the database.

Wide tables (`Table.landscape`) get a landscape page in both forms."""

from __future__ import annotations

import base64
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Literal

from django.utils.translation import gettext as _

from tridaya.core.dates import format_date_id
from tridaya.documents import docx as docx_helpers
from tridaya.documents.pdf import render_pdf
from tridaya.documents.signers import Signer, signature_rows


@functools.cache
def _docx_lib() -> SimpleNamespace:
    """The python-docx names the editable plan uses, imported on the first DOCX (issue 11,
    item 13: not with the URL conf)."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    return SimpleNamespace(
        WD_ORIENT=WD_ORIENT,
        WD_SECTION=WD_SECTION,
        WD_ALIGN_PARAGRAPH=WD_ALIGN_PARAGRAPH,
        WD_BREAK=WD_BREAK,
        OxmlElement=OxmlElement,
        qn=qn,
        Cm=Cm,
        Pt=Pt,
    )


__all__ = [
    "Bullets",
    "Chapter",
    "Image",
    "Paragraphs",
    "PlanDocument",
    "Signer",
    "Subheading",
    "Table",
    "plan_docx",
    "plan_pdf",
    "roman",
]

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Paragraphs:
    texts: Sequence[str]
    kind: str = "paragraphs"


@dataclass(frozen=True)
class Bullets:
    items: Sequence[str]
    numbered: bool = False
    kind: str = "bullets"


@dataclass(frozen=True)
class Subheading:
    text: str
    kind: str = "subheading"


@dataclass(frozen=True)
class Table:
    """A bordered table. `footer` rows (totals) are printed in bold. `widths` in centimetres
    (defaults to equal columns); `align` per column."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    title: str = ""
    footer: Sequence[Sequence[str]] = ()
    widths: Sequence[float] | None = None
    align: Sequence[Align] | None = None
    landscape: bool = False
    font_size_pt: float = 9
    kind: str = "table"

    def __post_init__(self) -> None:
        columns = len(self.header)
        for row in [*self.rows, *self.footer]:
            if len(row) != columns:
                raise ValueError(f"a row has {len(row)} cells, the header has {columns}")

    @property
    def font_size_css(self) -> str:
        return f"{self.font_size_pt:g}pt"

    @property
    def aligns(self) -> list[Align]:
        return list(self.align) if self.align else ["left"] * len(self.header)

    def _classed(self, rows) -> list[list[tuple[str, str]]]:
        css = {"right": "num", "center": "center", "left": "", "justify": ""}
        classes = [css[a] for a in self.aligns]
        return [list(zip(row, classes, strict=True)) for row in rows]

    @property
    def aligned_rows(self) -> list[list[tuple[str, str]]]:
        """Cells with the CSS class of their column (for the PDF template)."""
        return self._classed(self.rows)

    @property
    def aligned_footer(self) -> list[list[tuple[str, str]]]:
        return self._classed(self.footer)


@dataclass(frozen=True)
class Image:
    png: bytes
    caption: str
    width_cm: float = 15.5
    kind: str = "image"

    @property
    def width_css(self) -> str:
        """'15.5cm' whatever the active language (a template would write 15,5 in Indonesian)."""
        return f"{self.width_cm:g}cm"

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


Block = Paragraphs | Bullets | Subheading | Table | Image


@dataclass(frozen=True)
class Chapter:
    title: str
    blocks: Sequence[Block]
    key: str = ""


def roman(number: int) -> str:
    """1 -> 'I', 4 -> 'IV', 12 -> 'XII' (chapter numbers)."""
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


@dataclass(frozen=True, kw_only=True)
class PlanDocument:
    document_title: str  # "RENCANA PENATAAN LINGKUNGAN PERMUKIMAN (RPLP)"
    plan_title: str  # "RPLP Desa Bajur"
    village_kind_and_name: str
    district: str
    regency: str
    province: str
    period: str  # "2027-2031"
    version_label: str  # "Versi 1 · Disahkan 27 November 2026"
    issued_on: dt.date
    chapters: Sequence[Chapter]
    signers: Sequence[Signer]
    signing_place: str
    organisation: str = ""  # "Badan Keswadayaan Masyarakat (BKM) ..."
    approval_text: str = ""
    draft_mark: str = ""  # "DRAF" on a version that is not legalised
    outline_name: str = ""

    @property
    def region_lines(self) -> list[str]:
        return [
            p for p in (self.village_kind_and_name, self.district, self.regency, self.province) if p
        ]

    @property
    def numbered_chapters(self) -> list[tuple[str, Chapter]]:
        return [(roman(i), c) for i, c in enumerate(self.chapters, start=1)]


def _words(doc: PlanDocument) -> dict[str, str]:
    return {
        "contents": _("DAFTAR ISI"),
        "chapter": _("BAB"),
        "approval": _("LEMBAR PENGESAHAN"),
        "place_date": f"{doc.signing_place}, {format_date_id(doc.issued_on)}",
        "period": _("Tahun %(period)s") % {"period": doc.period},
        "toc_note": _("Perbarui daftar isi (klik kanan, Perbarui Bidang) untuk nomor halaman."),
        "signature_page": _("Lembar pengesahan"),
    }


# --- DOCX ------------------------------------------------------------------------------------


def _toc_field(document) -> None:
    """A Word TOC field over Heading 1-2; Word and LibreOffice fill it when fields update."""
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    begin = _docx_lib().OxmlElement("w:fldChar")
    begin.set(_docx_lib().qn("w:fldCharType"), "begin")
    begin.set(_docx_lib().qn("w:dirty"), "true")
    text = _docx_lib().OxmlElement("w:instrText")
    text.set(_docx_lib().qn("xml:space"), "preserve")
    text.text = ' TOC \\o "1-2" \\h \\z \\u '
    separate = _docx_lib().OxmlElement("w:fldChar")
    separate.set(_docx_lib().qn("w:fldCharType"), "separate")
    end = _docx_lib().OxmlElement("w:fldChar")
    end.set(_docx_lib().qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    placeholder = paragraph.add_run()
    placeholder._r.append(end)


def _style_headings(document) -> None:
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Title", 20)):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = _docx_lib().Pt(size)
        style.font.bold = True
        style.font.color.rgb = None
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(_docx_lib().qn("w:rFonts"))
        if fonts is None:
            fonts = _docx_lib().OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(_docx_lib().qn(attribute), "Times New Roman")


def _new_section(document, *, landscape: bool) -> None:
    section = document.add_section(_docx_lib().WD_SECTION.NEW_PAGE)
    width, height = (
        _docx_lib().Cm(docx_helpers.PAGE_WIDTH_CM),
        _docx_lib().Cm(docx_helpers.PAGE_HEIGHT_CM),
    )
    section.orientation = (
        _docx_lib().WD_ORIENT.LANDSCAPE if landscape else _docx_lib().WD_ORIENT.PORTRAIT
    )
    section.page_width, section.page_height = (height, width) if landscape else (width, height)


def _docx_table(document, table: Table) -> None:
    text_width = (
        docx_helpers.PAGE_HEIGHT_CM if table.landscape else docx_helpers.PAGE_WIDTH_CM
    ) - 2 * docx_helpers.MARGIN_CM
    widths = (
        list(table.widths) if table.widths else [text_width / len(table.header)] * len(table.header)
    )
    scale = min(1.0, text_width / sum(widths))
    widths = [w * scale for w in widths]
    if table.title:
        docx_helpers.add_paragraph(
            document, table.title, bold=True, align="left", keep_with_next=True
        )
    rows = [list(r) for r in table.rows] + [list(r) for r in table.footer]
    grid = docx_helpers.add_table(document, table.header, rows, widths, align=table.aligns)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = _docx_lib().Pt(table.font_size_pt)
    for row in grid.rows[len(grid.rows) - len(table.footer) :] if table.footer else []:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
    document.add_paragraph().paragraph_format.space_after = _docx_lib().Pt(2)


def _docx_block(document, block: Block, *, landscape_now: bool) -> bool:
    """Write a block; returns whether the current section is landscape afterwards."""
    if isinstance(block, Table) and block.landscape != landscape_now:
        _new_section(document, landscape=block.landscape)
        landscape_now = block.landscape
    elif not isinstance(block, Table) and landscape_now:
        _new_section(document, landscape=False)
        landscape_now = False
    if isinstance(block, Paragraphs):
        for text in block.texts:
            docx_helpers.add_paragraph(document, text)
    elif isinstance(block, Bullets):
        if block.numbered:
            docx_helpers.add_numbered_list(document, list(block.items))
        else:
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Subheading):
        document.add_heading(block.text, level=2)
    elif isinstance(block, Table):
        _docx_table(document, block)
    elif isinstance(block, Image):
        document.add_picture(_png_stream(block.png), width=_docx_lib().Cm(block.width_cm))
        document.paragraphs[-1].alignment = _docx_lib().WD_ALIGN_PARAGRAPH.CENTER
        docx_helpers.add_paragraph(document, block.caption, italic=True, align="center")
    return landscape_now


def _png_stream(png: bytes):
    import io

    return io.BytesIO(png)


def plan_docx(doc: PlanDocument) -> bytes:
    """The plan as an editable DOCX (A4, Times New Roman 12, chapters as Heading 1)."""
    words = _words(doc)
    document = docx_helpers.new_document()
    _style_headings(document)
    # Cover.
    for _blank in range(3):
        docx_helpers.add_paragraph(document, "")
    lines = [doc.document_title, doc.plan_title.upper(), *[r.upper() for r in doc.region_lines]]
    docx_helpers.add_heading_block(document, lines, first_line_size_pt=18)
    docx_helpers.add_paragraph(document, words["period"], align="center", bold=True)
    docx_helpers.add_paragraph(document, doc.version_label, align="center")
    if doc.draft_mark:
        docx_helpers.add_paragraph(document, doc.draft_mark, align="center", bold=True)
    for _blank in range(8):
        docx_helpers.add_paragraph(document, "")
    if doc.organisation:
        docx_helpers.add_paragraph(document, doc.organisation, align="center", bold=True)
    docx_helpers.add_paragraph(document, str(doc.issued_on.year), align="center", bold=True)
    document.paragraphs[-1].runs[-1].add_break(_docx_lib().WD_BREAK.PAGE)
    # Table of contents: the field (with page numbers once updated) and the chapter list.
    docx_helpers.add_heading_block(document, [words["contents"]])
    _toc_field(document)
    for number, chapter in doc.numbered_chapters:
        docx_helpers.add_paragraph(
            document,
            f"{words['chapter']} {number}  {chapter.title}",
            align="left",
            space_after_pt=2,
        )
    docx_helpers.add_paragraph(document, words["signature_page"], align="left")
    docx_helpers.add_paragraph(document, words["toc_note"], italic=True, align="left")
    landscape = False
    for number, chapter in doc.numbered_chapters:
        if landscape:
            _new_section(document, landscape=False)
            landscape = False
        else:
            document.add_page_break()
        document.add_heading(f"{words['chapter']} {number} {chapter.title}", level=1)
        for block in chapter.blocks:
            landscape = _docx_block(document, block, landscape_now=landscape)
    if landscape:
        _new_section(document, landscape=False)
    else:
        document.add_page_break()
    document.add_heading(words["approval"], level=1)
    if doc.approval_text:
        docx_helpers.add_paragraph(document, doc.approval_text)
    docx_helpers.add_paragraph(document, words["place_date"], align="right", keep_with_next=True)
    docx_helpers.add_signature_blocks(document, doc.signers)
    return docx_helpers.to_bytes(document)


# --- PDF -------------------------------------------------------------------------------------


def _pdf_context(doc: PlanDocument) -> dict:
    return {
        "doc": doc,
        "words": _words(doc),
        "chapters": [
            {"number": number, "chapter": chapter, "anchor": f"bab-{index}"}
            for index, (number, chapter) in enumerate(doc.numbered_chapters, start=1)
        ],
        "signature_rows": signature_rows(doc.signers),
    }


def plan_pdf(doc: PlanDocument, *, base_url: str | None = None) -> bytes:
    """The plan as PDF, from templates/documents/plan.html (page numbers in the contents)."""
    return render_pdf("documents/plan.html", _pdf_context(doc), base_url=base_url)


def plan_html(doc: PlanDocument) -> str:
    """The HTML the PDF is made from (for previews and for a baseline in the benchmark)."""
    from tridaya.documents.pdf import render_html

    return render_html("documents/plan.html", _pdf_context(doc))
