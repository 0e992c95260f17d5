"""python-docx helpers for documents in the Indonesian government letter form.

An editable DOCX is what village and district offices work with: A4, 2.5 cm margins, Times New
Roman 12 pt, a centered bold heading, justified paragraphs, tables with borders, and signature
blocks side by side at the end. These helpers build exactly that and nothing more; callers
(berita acara, reports) decide the wording.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Literal

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

from tridaya.documents.signers import Signer, signature_rows

__all__ = [
    "Signer",
    "add_heading_block",
    "add_numbered_list",
    "add_paragraph",
    "add_signature_blocks",
    "add_table",
    "new_document",
    "to_bytes",
]

Align = Literal["left", "center", "right", "justify"]


@functools.cache
def _lib() -> SimpleNamespace:
    """python-docx, imported on the first document rather than with every module that can write
    one (a server's URL conf stays light, issue 11, item 13)."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    return SimpleNamespace(
        docx=docx,
        WD_TABLE_ALIGNMENT=WD_TABLE_ALIGNMENT,
        WD_ALIGN_PARAGRAPH=WD_ALIGN_PARAGRAPH,
        WD_BREAK=WD_BREAK,
        WD_TAB_ALIGNMENT=WD_TAB_ALIGNMENT,
        OxmlElement=OxmlElement,
        qn=qn,
        Cm=Cm,
        Pt=Pt,
    )


def _align(name: str):
    """The python-docx paragraph alignment of 'left', 'center', 'right' or 'justify'."""
    return getattr(_lib().WD_ALIGN_PARAGRAPH, name.upper())


PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
SIGNATURE_BLANK_LINES = 4


def new_document(
    *, font_name: str = "Times New Roman", font_size_pt: float = 12, language: str = "id-ID"
) -> Document:
    """An empty A4 document with 2.5 cm margins, the given body font and a
    "Halaman X dari Y" footer."""
    document = _lib().docx.Document()
    section = document.sections[0]
    section.page_width = _lib().Cm(PAGE_WIDTH_CM)
    section.page_height = _lib().Cm(PAGE_HEIGHT_CM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, _lib().Cm(MARGIN_CM))

    normal = document.styles["Normal"]
    normal.font.name = font_name
    normal.font.size = _lib().Pt(font_size_pt)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(_lib().qn("w:rFonts"))
    if fonts is None:  # pragma: no cover - python-docx adds it when the name is set
        fonts = _lib().OxmlElement("w:rFonts")
        r_pr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(_lib().qn(attribute), font_name)
    lang = _lib().OxmlElement("w:lang")
    lang.set(_lib().qn("w:val"), language)
    r_pr.append(lang)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = _lib().Pt(0)
    paragraph_format.space_after = _lib().Pt(6)
    paragraph_format.line_spacing = 1.15

    _add_page_number_footer(document, font_size_pt=max(font_size_pt - 3, 8))
    return document


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in."""
    run = paragraph.add_run()
    begin = _lib().OxmlElement("w:fldChar")
    begin.set(_lib().qn("w:fldCharType"), "begin")
    text = _lib().OxmlElement("w:instrText")
    text.set(_lib().qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = _lib().OxmlElement("w:fldChar")
    separate.set(_lib().qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(separate)
    placeholder = paragraph.add_run("1")
    end = _lib().OxmlElement("w:fldChar")
    end.set(_lib().qn("w:fldCharType"), "end")
    placeholder._r.append(end)


def _add_page_number_footer(document: Document, *, font_size_pt: float) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = _lib().WD_ALIGN_PARAGRAPH.RIGHT
    template = _("Halaman %(page)s dari %(pages)s")
    before, _sep, rest = template.partition("%(page)s")
    middle, _sep, after = rest.partition("%(pages)s")
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
        if text:
            paragraph.add_run(text)
        if field:
            _add_field(paragraph, field)
    for run in paragraph.runs:
        run.font.size = _lib().Pt(font_size_pt)


def _write_lines(paragraph: Paragraph, text: str, *, bold: bool = False) -> None:
    """Put `text` in `paragraph`, turning newlines into line breaks."""
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        if index:
            run.add_break(_lib().WD_BREAK.LINE)
        run.add_text(line)
        if bold:
            run.bold = True


def add_heading_block(
    doc: Document,
    lines: Sequence[str],
    *,
    bold: bool = True,
    first_line_size_pt: float | None = 14,
    space_after_pt: float = 12,
) -> list[Paragraph]:
    """Centered bold lines: a kop or a document title ("BERITA ACARA", the meeting, ...).

    The first line may be larger (`first_line_size_pt`); the block is kept on one page and
    with the text after it.
    """
    paragraphs = []
    for index, line in enumerate(lines):
        paragraph = doc.add_paragraph()
        paragraph.alignment = _lib().WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = _lib().Pt(0)
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(line)
        run.bold = bold
        if index == 0 and first_line_size_pt:
            run.font.size = _lib().Pt(first_line_size_pt)
        paragraphs.append(paragraph)
    if paragraphs:
        paragraphs[-1].paragraph_format.space_after = _lib().Pt(space_after_pt)
    return paragraphs


def add_paragraph(
    doc: Document,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: Align = "justify",
    space_after_pt: float | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A body paragraph (justified by default); newlines in `text` become line breaks."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = _align(align)
    if text:
        _write_lines(paragraph, text, bold=bold)
    for run in paragraph.runs:
        run.italic = italic or None
    if space_after_pt is not None:
        paragraph.paragraph_format.space_after = _lib().Pt(space_after_pt)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_numbered_list(
    doc: Document, items: Sequence[str], *, start: int = 1, indent_cm: float = 0.75
) -> list[Paragraph]:
    """A numbered list ("1.", "2.", ...) with a hanging indent, so long items wrap under their
    text. The numbers are plain text: they look the same in Word and LibreOffice and never
    continue a previous list by accident."""
    paragraphs = []
    for number, item in enumerate(items, start=start):
        paragraph = doc.add_paragraph()
        paragraph.alignment = _lib().WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph_format = paragraph.paragraph_format
        paragraph_format.left_indent = _lib().Cm(indent_cm)
        paragraph_format.first_line_indent = _lib().Cm(-indent_cm)
        paragraph_format.tab_stops.add_tab_stop(_lib().Cm(indent_cm), _lib().WD_TAB_ALIGNMENT.LEFT)
        paragraph_format.space_after = _lib().Pt(3)
        paragraph.add_run(f"{number}.\t{item}")
        paragraphs.append(paragraph)
    return paragraphs


def _set_cell_width(cell: _Cell, width_cm: float) -> None:
    cell.width = _lib().Cm(width_cm)


def _repeat_as_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = _lib().OxmlElement("w:tblHeader")
    header.set(_lib().qn("w:val"), "true")
    tr_pr.append(header)


def _cant_split(table: Table) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        element = _lib().OxmlElement("w:cantSplit")
        element.set(_lib().qn("w:val"), "true")
        tr_pr.append(element)


def add_table(
    doc: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    *,
    align: Sequence[Align] | None = None,
) -> Table:
    """A bordered table ('Table Grid'): a bold header row repeated on every page, then `rows`.

    `widths` are column widths in centimetres (defaults to equal columns over the text width);
    `align` is each column's alignment in the body rows (default left). Cells show `str(value)`,
    with None as an empty cell.
    """
    columns = len(header)
    if widths is not None and len(widths) != columns:
        raise ValueError(f"{len(widths)} widths for {columns} columns")
    if align is not None and len(align) != columns:
        raise ValueError(f"{len(align)} alignments for {columns} columns")
    for index, row in enumerate(rows, start=1):
        if len(row) != columns:
            raise ValueError(f"row {index} has {len(row)} cells, the header has {columns}")
    column_widths = list(widths) if widths else [TEXT_WIDTH_CM / columns] * columns

    table = doc.add_table(rows=1 + len(rows), cols=columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = _lib().WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, column_widths, strict=True):
        column.width = _lib().Cm(width)

    for cell, text, width in zip(table.rows[0].cells, header, column_widths, strict=True):
        _set_cell_width(cell, width)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = _lib().WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = _lib().Pt(0)
        paragraph.add_run(str(text)).bold = True
    for row_cells, values in zip(table.rows[1:], rows, strict=True):
        for column, (cell, value) in enumerate(zip(row_cells.cells, values, strict=True)):
            _set_cell_width(cell, column_widths[column])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = _lib().Pt(0)
            paragraph.alignment = _align(align[column] if align else "left")
            if value is not None:
                _write_lines(paragraph, str(value))
    _repeat_as_header(table)
    _cant_split(table)
    return table


def _remove_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = _lib().OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = _lib().OxmlElement(f"w:{side}")
        element.set(_lib().qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _centered(cell: _Cell, paragraph: Paragraph | None = None) -> Paragraph:
    paragraph = paragraph or cell.add_paragraph()
    paragraph.alignment = _lib().WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = _lib().Pt(0)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_signature_blocks(
    doc: Document, signers: Sequence[Signer], *, per_row: int = 3
) -> list[Table]:
    """Signature blocks side by side, 2 or 3 per row (a single signer sits on the right).

    Each row of blocks is a borderless table whose rows line the blocks up: the roles, blank
    lines to sign on, the names in bold underlined (a dotted line when the name is empty), and
    the positions when any signer has one. A row of blocks never splits across pages.
    """
    tables = []
    for row in signature_rows(signers, per_row=per_row):
        has_position = any(signer and signer.position for signer in row)
        table = doc.add_table(rows=4 if has_position else 3, cols=len(row))
        table.alignment = _lib().WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _remove_borders(table)
        width = TEXT_WIDTH_CM / len(row)
        for column in table.columns:
            column.width = _lib().Cm(width)
        for column_index, signer in enumerate(row):
            cells = [table_row.cells[column_index] for table_row in table.rows]
            for cell in cells:
                _set_cell_width(cell, width)
                _centered(cell, cell.paragraphs[0])
            if signer is None:
                continue
            _write_lines(cells[0].paragraphs[0], signer.role_title)
            blank = cells[1].paragraphs[0]
            for _line in range(SIGNATURE_BLANK_LINES - 1):
                blank.add_run().add_break(_lib().WD_BREAK.LINE)
            name = cells[2].paragraphs[0].add_run(signer.name_or_blank)
            if not signer.is_blank:
                name.bold = True
                name.underline = True
            if signer.position:
                _write_lines(cells[3].paragraphs[0], signer.position)
        _cant_split(table)
        spacer = doc.add_paragraph()
        spacer.paragraph_format.space_after = _lib().Pt(6)
        tables.append(table)
    return tables


def to_bytes(doc: Document) -> bytes:
    """The document as .docx bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
