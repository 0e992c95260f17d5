"""Plan documents: the DOCX opens with python-docx and holds the tables; the PDF's text holds the
village, the chapter titles and the total; the XLSX keeps its formulas; the outline drives the
chapters."""

import io
import re

import docx
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tridaya.planning.documents import plans as plan_documents
from tridaya.planning.models import DocumentOutline, PlanKind
from tridaya.planning.outlines import active_outline
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.services import plans, versions
from tridaya.planning.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def rplp_page(bajur):
    version = f.ready_rplp(bajur)
    plans.version_update_texts(
        actor=None,
        version=version,
        data=plans.VersionTexts(
            vision="Bajur bersih, sehat, produktif",
            mission="Menata drainase\nMenguatkan usaha warga",
            community_rules="Tidak membuang sampah ke saluran",
            sections={"pendahuluan": "RPLP ini disusun oleh TIPP."},
        ),
    )
    f.row(version, volume="12.5", unit_cost=1_250_000, year=2028, domain="E", swadaya=625_000)
    f.legalise(version)
    return selectors.version_page(bajur.code, version.plan_id, 1)


def table_with(document, column: int, title: str):
    """The first table whose header has `title` in column `column`."""
    return next(
        t
        for t in document.tables
        if len(t.rows[0].cells) > column and t.rows[0].cells[column].text == title
    )


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_rplp_pdf_holds_the_village_the_chapter_titles_and_the_total(rplp_page):
    content, content_type = plan_documents.plan_file(rplp_page, "pdf")
    assert content_type == "application/pdf"
    text = pdf_text(content)
    assert "DESA BAJUR" in text and "Desa Bajur" in text
    for title in (
        "Pendahuluan",
        "Visi, Misi dan Konsep Penataan",
        "Rencana Investasi Lima Tahun",
        "Pemeriksaan Kemiskinan",
        "Aturan Bersama",
    ):
        assert title.upper() in text or title in text
    assert rplp_page.totals.total == 15_725_000
    assert "Rp 15.725.000" in text
    assert "27 November 2026" in text
    assert "LEMBAR PENGESAHAN" in text and "Lalu Ahmad" in text


def test_rplp_docx_opens_and_holds_the_program_matrix_and_investment_plan(rplp_page):
    content, _type = plan_documents.plan_file(rplp_page, "docx")
    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "BAB I Pendahuluan"
    assert "BAB VI Rencana Investasi Lima Tahun" in headings
    matrix = table_with(document, 2, "Program")
    assert matrix.rows[1].cells[2].text == "Drainase lingkungan"
    assert matrix.rows[1].cells[3].text == "Genangan di gang"
    plan = table_with(document, 3, "Komponen dan rincian")
    assert plan.rows[-1].cells[8].text == "Rp 15.725.000"
    assert table_with(document, 0, "Sumber dana").rows[-1].cells[1].text == "Rp 15.725.000"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "RPLP Desa Bajur".upper() in text and "Versi 1 · disahkan 27 November 2026" in text


def test_rtplp_documents_hold_the_rab(bajur):
    version = f.first_version(f.rtplp(bajur))
    activity = f.activity(version, name="Saluran gang Melati")
    f.rab_line(activity, volume="10", unit_price=150_000, description="Galian tanah")
    f.rab_line(activity, volume="2.5", unit_price=1_200_001, description="Beton K-225")
    page = selectors.version_page(bajur.code, version.plan_id, 1)
    document = docx.Document(io.BytesIO(plan_documents.plan_file(page, "docx")[0]))
    rab = table_with(document, 2, "Uraian pekerjaan")
    assert [r.cells[2].text for r in rab.rows[1:3]] == ["Galian tanah", "Beton K-225"]
    assert rab.rows[2].cells[6].text == "Rp 3.000.003"  # 2,5 × 1.200.001 = 3.000.002,5
    assert rab.rows[-1].cells[6].text == "Rp 4.500.003"
    text = pdf_text(plan_documents.plan_file(page, "pdf")[0])
    assert "RENCANA ANGGARAN BIAYA (RAB)" in text and "Rp 4.500.003" in text
    assert "DRAF: BELUM DISAHKAN" in text


def test_xlsx_keeps_formulas_for_sources_costs_and_rab(bajur):
    version = f.first_version(f.rtplp(bajur))
    activity = f.activity(version)
    f.rab_line(activity, volume="10", unit_price=150_000)
    f.rab_line(activity, volume="3", unit_price=50_000)
    page = selectors.version_page(bajur.code, version.plan_id, 1)
    content, content_type = plan_documents.plan_file(page, "xlsx")
    assert content_type.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(content))
    plan, rab = workbook["Rencana Investasi"], workbook["RAB"]
    headers = [c.value for c in plan[3]]
    total = headers.index("Jumlah (Rp)") + 1
    cost = headers.index("Biaya (Rp)") + 1
    assert plan.cell(row=4, column=total).value == "=SUM(K4:T4)"
    assert plan.cell(row=4, column=cost).value == "='RAB'!$G$7"
    assert plan.cell(row=4, column=headers.index("Selisih") + 1).value == "=U4-V4"
    assert plan.cell(row=5, column=total).value == "=SUM(U4:U4)"
    assert rab["G5"].value == "=ROUND(D5*F5,0)" and rab["D5"].value == 10
    assert rab["G7"].value == "=SUM(G5:G6)" and rab["G9"].value == "=G7"
    # The values the formulas work on are the application's own, in whole rupiah.
    assert plan.cell(row=4, column=headers.index("APBN PUPR: BLM PLPBK / BDI") + 1).value == (
        1_650_000
    )
    assert rab["F5"].value == 150_000 and rab["F6"].value == 50_000


def test_rplp_xlsx_costs_are_volume_times_unit_cost(rplp_page):
    workbook = load_workbook(io.BytesIO(plan_documents.plan_file(rplp_page, "xlsx")[0]))
    sheet = workbook["Rencana Investasi"]
    assert sheet["V4"].value == "=ROUND(H4*J4,0)"
    assert sheet["H5"].value == 12.5 and sheet["J5"].value == 1_250_000
    assert "RAB" not in workbook.sheetnames


def test_the_outline_is_loaded_from_its_file_and_can_be_edited(bajur, rplp_page):
    outline = active_outline(PlanKind.RPLP)
    assert outline.version == 1 and outline.chapters[0]["title"] == "Pendahuluan"
    DocumentOutline.objects.create(
        kind=PlanKind.RPLP,
        version=2,
        name="Kerangka ringkas",
        chapters=[
            {
                "key": "inti",
                "title": "Ringkasan Rencana",
                "blocks": ["vision_mission", "investment_summary"],
            }
        ],
    )
    draft = versions.version_amend(
        actor=None, version=rplp_page.version, reason="Kerangka dokumen yang lebih ringkas."
    )
    doc = plan_documents.plan_document(selectors.version_page(bajur.code, draft.plan_id, 2))
    assert [c.title for c in doc.chapters] == ["Ringkasan Rencana"]
    # A legalised version keeps the outline it was legalised with.
    frozen = selectors.version_page(bajur.code, rplp_page.plan.pk, 1)
    assert plan_documents.plan_document(frozen).chapters[0].title == "Pendahuluan"


def test_a_broken_outline_is_refused_with_what_to_fix():
    outline = DocumentOutline(
        kind="rplp",
        version=9,
        name="x",
        chapters=[{"key": "a", "title": "A", "blocks": ["peta_ajaib"]}],
    )
    with pytest.raises(Exception) as exc:
        outline.full_clean()
    assert "blok tidak dikenal 'peta_ajaib'" in str(exc.value)


def test_rplp_pdf_keeps_every_section_figure_and_table_of_its_document(rplp_page):
    """Whatever makes the PDF cheaper to lay out (issue 11, item 12), it still holds the whole
    document: the contents list each chapter with the page it starts on, that page shows the
    chapter's heading, and every subheading, table title, figure caption and image is there."""
    doc = plan_documents.plan_document(rplp_page)
    content, _type = plan_documents.plan_file(rplp_page, "pdf")
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages]
    contents = dict(re.findall(r"(BAB [IVXL]+ [^.]+?|Lembar pengesahan) (?:\. ?)+(\d+)", pages[1]))
    assert len(contents) == len(doc.chapters) + 1
    for number, chapter in doc.numbered_chapters:
        page = int(contents[f"BAB {number} {chapter.title}"])
        assert f"BAB {number} {chapter.title.upper()}" in pages[page - 1]
    assert "LEMBAR PENGESAHAN" in pages[int(contents["Lembar pengesahan"]) - 1]
    text = " ".join(pages)
    blocks = [block for chapter in doc.chapters for block in chapter.blocks]
    wanted = [b.text for b in blocks if b.kind == "subheading"]
    wanted += [b.title for b in blocks if b.kind == "table" and b.title]
    wanted += [b.caption for b in blocks if b.kind == "image"]
    assert wanted and [w for w in wanted if " ".join(w.split()) not in text] == []
    # The pages share one resource dictionary, so each page lists every image: count them once.
    images = {image.data for page in PdfReader(io.BytesIO(content)).pages for image in page.images}
    assert len(images) == sum(b.kind == "image" for b in blocks) == 4
