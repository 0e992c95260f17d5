import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from tridaya.documents.docx import (
    add_heading_block,
    add_numbered_list,
    add_paragraph,
    add_signature_blocks,
    add_table,
    new_document,
    to_bytes,
)
from tridaya.documents.signers import Signer
from tridaya.documents.tests.factories import signature_columns


def reopen(document):
    return docx.Document(io.BytesIO(to_bytes(document)))


def test_new_document_is_a4_with_margins_and_times_new_roman_12():
    document = reopen(new_document())
    section = document.sections[0]
    # Word stores lengths in twentieths of a point, so compare in millimetres.
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [margin.mm for margin in margins] == pytest.approx([25] * 4, abs=0.1)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(12)


def test_footer_numbers_pages_with_word_fields():
    footer = reopen(new_document()).sections[0].footer.paragraphs[0]
    instructions = [node.text.strip() for node in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text == "Halaman 1 dari 1"  # the placeholders Word replaces when it opens


def test_heading_block_is_centered_and_bold_with_a_larger_first_line():
    document = new_document()
    add_heading_block(document, ["BERITA ACARA", "RKM"])
    first, second = reopen(document).paragraphs[:2]
    assert (first.text, second.text) == ("BERITA ACARA", "RKM")
    assert first.alignment == second.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert first.runs[0].bold and second.runs[0].bold
    assert first.runs[0].font.size == Pt(14)
    assert second.runs[0].font.size is None  # the body size


def test_paragraph_turns_newlines_into_line_breaks_and_aligns():
    document = new_document()
    add_paragraph(document, "Baris satu\nBaris dua", align="right", bold=True)
    paragraph = reopen(document).paragraphs[0]
    assert paragraph.text == "Baris satu\nBaris dua"
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in paragraph.runs if run.text)


def test_numbered_list_hangs_its_text_after_the_number():
    document = new_document()
    add_numbered_list(document, ["Pertama", "Kedua"])
    paragraphs = reopen(document).paragraphs
    assert [p.text for p in paragraphs] == ["1.\tPertama", "2.\tKedua"]
    assert (
        paragraphs[0].paragraph_format.first_line_indent
        == -paragraphs[0].paragraph_format.left_indent
    )


def test_table_has_borders_a_bold_repeating_header_and_the_rows():
    document = new_document()
    add_table(document, ["No", "Nama"], [[1, "Siti"], [2, None]], widths=[1.5, 6])
    table = reopen(document).tables[0]
    assert table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["No", "Nama"],
        ["1", "Siti"],
        ["2", ""],
    ]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].width.cm == pytest.approx(6, abs=0.01)


@pytest.mark.parametrize(
    ("header", "rows", "widths"),
    [(["A", "B"], [["1"]], None), (["A", "B"], [["1", "2"]], [3.0])],
)
def test_table_refuses_rows_or_widths_that_do_not_fit_the_header(header, rows, widths):
    with pytest.raises(ValueError):
        add_table(new_document(), header, rows, widths=widths)


def test_signature_blocks_sit_side_by_side_without_borders():
    document = new_document()
    add_signature_blocks(
        document,
        [
            Signer("Ketua BKM", "Lalu Ahmad"),
            Signer("Sekretaris", "Siti Aminah"),
            Signer("Mengetahui,\nKepala Desa", "H. Saleh", "NIP. 123"),
            Signer("Warga", "Inaq Rumenah"),
        ],
    )
    tables = reopen(document).tables
    assert [len(table.columns) for table in tables] == [2, 2]
    blocks = [[cell.text for cell in block] for t in tables for block in signature_columns(t)]
    role, space, name = blocks[0][:3]
    assert (role, name) == ("Ketua BKM", "Lalu Ahmad")
    assert space == "\n" * 3  # four blank lines to sign on
    # The second row has a position, so its names line up and the position sits under them.
    assert blocks[2] == ["Mengetahui,\nKepala Desa", "\n" * 3, "H. Saleh", "NIP. 123"]
    assert blocks[3] == ["Warga", "\n" * 3, "Inaq Rumenah", ""]
    for table in tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {child.get(qn("w:val")) for child in borders} == {"nil"}
