"""Plan documents from plain data (no database): chapters, tables, images, landscape tables,
signatures; the XLSX with formulas; maps and charts as PNG."""

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from tridaya.documents import figures
from tridaya.documents.plan_document import (
    Bullets,
    Chapter,
    Image,
    Paragraphs,
    PlanDocument,
    Signer,
    Table,
    plan_docx,
    plan_pdf,
    roman,
)
from tridaya.documents.workbook import (
    InvestmentLine,
    PlanWorkbook,
    RABBlock,
    RABLine,
    plan_workbook,
)

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[116.1, -8.6], [116.11, -8.6], [116.11, -8.59], [116.1, -8.59], [116.1, -8.6]]
    ],
}


def document(**overrides: Any) -> PlanDocument:
    chart = figures.bar_chart_png(["Lingkungan", "Ekonomi"], [1_250_000, 500_000])
    values: dict[str, Any] = {
        "document_title": "RENCANA PENATAAN LINGKUNGAN PERMUKIMAN (RPLP)",
        "plan_title": "RPLP Desa Contoh",
        "village_kind_and_name": "Desa Contoh",
        "district": "Kecamatan Uji",
        "regency": "Kabupaten Uji",
        "province": "Provinsi Uji",
        "period": "2027-2031",
        "version_label": "Versi 1 · disahkan 27 November 2026",
        "issued_on": dt.date(2026, 11, 27),
        "chapters": [
            Chapter("Pendahuluan", [Paragraphs(["Paragraf satu.", "Paragraf dua."])]),
            Chapter(
                "Program",
                [
                    Bullets(["Satu", "Dua"], numbered=True),
                    Table(
                        ["No", "Program", "Anggaran"],
                        [["1", "Drainase", "Rp 1.250.000"]],
                        footer=[["", "Jumlah", "Rp 1.250.000"]],
                        align=["center", "left", "right"],
                    ),
                    Table(["A", "B"], [["lebar", "tabel"]], landscape=True),
                    Image(chart, "Grafik anggaran"),
                ],
            ),
        ],
        "signers": [Signer("Koordinator BKM", "Lalu Ahmad"), Signer("Kepala Desa", "")],
        "signing_place": "Contoh",
    }
    values.update(overrides)
    return PlanDocument(**values)


def test_roman_numbers():
    assert [roman(n) for n in (1, 4, 9, 11, 14)] == ["I", "IV", "IX", "XI", "XIV"]


def test_docx_has_cover_contents_chapters_tables_and_signatures():
    parsed = docx.Document(io.BytesIO(plan_docx(document())))
    headings = [p.text for p in parsed.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["BAB I Pendahuluan", "BAB II Program", "LEMBAR PENGESAHAN"]
    text = "\n".join(p.text for p in parsed.paragraphs)
    assert "DAFTAR ISI" in text and "BAB II  Program" in text and "Contoh, 27 November 2026" in text
    grid = parsed.tables[0]
    assert [c.text for c in grid.rows[-1].cells] == ["", "Jumlah", "Rp 1.250.000"]
    assert grid.rows[-1].cells[2].paragraphs[0].runs[0].bold
    landscape = [s for s in parsed.sections if s.page_width > s.page_height]
    assert len(landscape) == 1
    assert len(parsed.inline_shapes) == 1


def test_pdf_text_holds_title_chapters_and_contents_page_numbers():
    reader = PdfReader(io.BytesIO(plan_pdf(document(draft_mark="DRAF"))))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "RPLP DESA CONTOH" in text and "DRAF" in text
    # The contents give each chapter's page: cover, contents, I on 3, II on 4 (its landscape
    # table on 5), the approval page on 6, each after a dot leader on the chapter's line.
    lines = reader.pages[1].extract_text().split("\n")
    entries = [re.fullmatch(r"(.+?) (?:\. )+\.? ?(\d+)", line) for line in lines]
    assert [m.groups() for m in entries if m] == [
        ("BAB I Pendahuluan", "3"),
        ("BAB II Program", "4"),
        ("Lembar pengesahan", "6"),
    ]
    assert "LEMBAR PENGESAHAN" in text and "Lalu Ahmad" in text
    assert len(reader.pages) >= 6


def test_workbook_formulas():
    data = PlanWorkbook(
        title="Uji",
        source_labels=["BLM", "Swadaya"],
        lines=[
            InvestmentLine(
                2027,
                "L",
                "Saluran",
                "",
                "RT 1",
                1,
                Decimal("2.5"),
                "m",
                3,
                [7, 1],
                [10, 5, 4, 3, 2],
            ),
            InvestmentLine(
                2027,
                "L",
                "Kegiatan",
                "",
                "",
                1,
                Decimal("1"),
                "paket",
                0,
                [0, 0],
                [0, 0, 0, 0, 0],
                rab_key="a",
            ),
        ],
        rab=[RABBlock("a", "Kegiatan", [RABLine("X", "Galian", Decimal("1.5"), "m3", 1000)])],
    )
    workbook = load_workbook(io.BytesIO(plan_workbook(data)))
    sheet = workbook["Rencana Investasi"]
    assert sheet["M4"].value == "=SUM(K4:L4)"
    assert sheet["N4"].value == "=ROUND(H4*J4,0)" and sheet["O4"].value == "=M4-N4"
    assert sheet["N5"].value == "='RAB'!$G$6"
    assert sheet["M6"].value == "=SUM(M4:M5)"
    assert workbook["RAB"]["G5"].value == "=ROUND(D5*F5,0)"


def test_figures_are_png():
    layers = [
        figures.MapLayer("RT", [SQUARE], colors=["#d73027"], legend=[("Berat", "#d73027")]),
        figures.MapLayer("Titik", [{"type": "Point", "coordinates": [116.105, -8.595]}]),
    ]
    for png in (figures.map_png(layers, title="Peta"), figures.bar_chart_png(["a"], [0])):
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_map_is_drawn_once_as_an_rgb_png_with_its_legend(monkeypatch):
    """Issue 11, item 12: the figure is drawn once (no savefig round of bbox_inches='tight')
    and written without an alpha channel; its legend stays inside the image."""
    import io as _io

    from PIL import Image

    from tridaya.documents import figures

    calls = []
    monkeypatch.setattr(
        "matplotlib.figure.Figure.savefig", lambda *a, **k: calls.append(1), raising=True
    )
    square = {
        "type": "Polygon",
        "coordinates": [[[116.1, -8.6], [116.11, -8.6], [116.11, -8.61], [116.1, -8.6]]],
    }
    layers = [
        figures.MapLayer("Batas RT", [square, square], colors=["#ff0000", "#00ff00"]),
        figures.MapLayer("Masalah", [{"type": "Point", "coordinates": [116.105, -8.605]}]),
        figures.MapLayer(
            "Jalan", [{"type": "LineString", "coordinates": [[116.1, -8.6], [116.11, -8.61]]}]
        ),
    ]
    png = figures.map_png(layers, title="Peta")
    assert calls == []
    image = Image.open(_io.BytesIO(png))
    assert image.mode == "RGB"
    assert image.width > 500 and image.height > 300
