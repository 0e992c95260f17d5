import re

import pytest
from docx.oxml.ns import qn

from tridaya.documents.berita_acara import (
    AttendanceSheet,
    Attendee,
    Signer,
    attendance_sheet_pdf,
    berita_acara_docx,
    berita_acara_pdf,
    women_share_text,
)
from tridaya.documents.tests.factories import (
    ATTENDANCE,
    DECISIONS,
    SIGNERS,
    attendance_sheet,
    berita_acara,
    docx_all_text,
    docx_paragraph_texts,
    flat,
    open_docx,
    pdf_pages,
    signature_columns,
)

COUNTS = {
    "Laki-laki": "30",
    "Perempuan": "20",
    "Jumlah peserta": "50",
    "di antaranya warga miskin (MBR)": "12",
    "di antaranya penyandang disabilitas": "2",
    "Keterwakilan perempuan": "40%",
}


def counts_table(document):
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header == ["Uraian", "Jumlah (orang)"]:
            return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    raise AssertionError("no counts table in the document")


# DOCX -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ba_docx():
    return open_docx(berita_acara_docx(berita_acara()))


def test_docx_heading_names_the_document_meeting_village_and_number(ba_docx):
    paragraphs = docx_paragraph_texts(ba_docx)
    assert paragraphs[:5] == [
        "BERITA ACARA",
        "REMBUG KESIAPAN MASYARAKAT (RKM)",
        "DESA BAJUR KECAMATAN LABUAPI",
        "KABUPATEN LOMBOK BARAT",
        "Nomor: 005/BA-RKM/BKM-BJR/XI/2026",
    ]
    title = ba_docx.paragraphs[0]
    assert title.alignment == 1  # WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in title.runs)


def test_docx_opening_writes_the_date_in_indonesian_words_and_names_the_place(ba_docx):
    opening = next(p for p in docx_paragraph_texts(ba_docx) if p.startswith("Pada "))
    assert opening.startswith(
        "Pada hari Jumat tanggal dua puluh tujuh bulan November tahun dua ribu dua puluh enam "
        "(27 November 2026) pukul 09.00 WITA, bertempat di Balai Desa Bajur, Desa Bajur, "
        "Kecamatan Labuapi, Kabupaten Lombok Barat, Provinsi Nusa Tenggara Barat, "
        "telah dilaksanakan Rembug Kesiapan Masyarakat (RKM) dengan agenda menyepakati"
    )
    assert opening.endswith("difasilitasi oleh Baiq Nurul Hidayati.")
    assert "dihadiri oleh 50 (lima puluh) orang peserta" in docx_all_text(ba_docx)


def test_docx_counts_table_has_the_attendance_and_womens_share(ba_docx):
    assert counts_table(ba_docx) == COUNTS


def test_docx_numbers_every_decision_in_order(ba_docx):
    paragraphs = docx_paragraph_texts(ba_docx)
    numbered = [p for p in paragraphs if re.match(r"^\d+\.\t", p)]
    assert numbered == [f"{n}.\t{d}" for n, d in enumerate(DECISIONS, start=1)]


def test_docx_closes_and_signs_with_every_signer_side_by_side(ba_docx):
    paragraphs = docx_paragraph_texts(ba_docx)
    assert (
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan "
        "sebagaimana mestinya."
    ) in paragraphs
    assert "Bajur, 27 November 2026" in paragraphs
    # Five signers: a row of three, then a row of two.
    signature_tables = ba_docx.tables[1:]
    assert [len(table.columns) for table in signature_tables] == [3, 2]
    blocks = [block for table in signature_tables for block in signature_columns(table)]
    for (role, space, name, *_position), signer in zip(blocks, SIGNERS, strict=True):
        assert role.text == signer.role_title
        assert space.text.strip() == "" and space.text.count("\n") >= 3  # room to sign
        assert name.text == signer.name
        assert all(run.bold and run.underline for run in name.paragraphs[0].runs)
    assert [len(block) for block in blocks] == [3, 3, 3, 4, 4]  # only row 2 has a position
    assert blocks[3][3].text == "NIP. 19700101 199003 1 001"


def test_docx_signers_without_a_name_get_a_dotted_line_to_fill_in():
    signers = [Signer("Diserahkan oleh,\nBKM", ""), Signer("Mengetahui,\nKepala Desa", "")]
    document = open_docx(berita_acara_docx(berita_acara(signers=signers)))
    names = [block[2] for block in signature_columns(document.tables[1])]
    assert [name.text for name in names] == ["(" + "." * 32 + ")"] * 2
    assert not any(run.bold for name in names for run in name.paragraphs[0].runs)


def test_docx_signature_tables_have_no_borders_and_the_counts_table_has(ba_docx):
    counts, *signatures = ba_docx.tables
    assert counts.style.name == "Table Grid"
    for table in signatures:
        borders = table._tbl.tblPr.xpath("./w:tblBorders/*")
        assert len(borders) == 6
        assert {border.get(qn("w:val")) for border in borders} == {"nil"}


def test_docx_without_number_has_no_nomor_line():
    document = open_docx(berita_acara_docx(berita_acara(number="")))
    assert "Nomor" not in docx_all_text(document)
    assert docx_paragraph_texts(document)[4] == ""  # the blank line after the heading


def test_docx_attaches_the_attendance_list_when_given():
    document = open_docx(berita_acara_docx(berita_acara(attendance=ATTENDANCE)))
    assert "Lampiran: Daftar Hadir Rembug Kesiapan Masyarakat (RKM)" in docx_paragraph_texts(
        document
    )
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert rows == [
        ["No", "Nama", "L/P", "Warga miskin", "Disabilitas", "Unsur/peran"],
        ["1", "Lalu Ahmad Zainuri", "L", "Tidak", "Tidak", "BKM"],
        ["2", "Siti Aminah", "P", "Ya", "Tidak", "Warga RT 02"],
    ]


def test_docx_without_attendance_has_no_attachment(ba_docx):
    assert "Lampiran" not in docx_all_text(ba_docx)


def test_docx_keeps_a_very_long_decision_whole():
    long_decision = "Warga sepakat menata drainase lingkungan RT 01 sampai RT 05. " * 60
    document = open_docx(berita_acara_docx(berita_acara(decisions=[long_decision])))
    assert f"1.\t{long_decision.strip()}" in docx_paragraph_texts(document)


# PDF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ba_pdf_pages():
    return pdf_pages(berita_acara_pdf(berita_acara()))


def test_pdf_shows_heading_village_date_and_decisions(ba_pdf_pages):
    text = flat("\n".join(ba_pdf_pages))
    assert text.startswith(
        "BERITA ACARA REMBUG KESIAPAN MASYARAKAT (RKM) DESA BAJUR KECAMATAN LABUAPI "
        "KABUPATEN LOMBOK BARAT Nomor: 005/BA-RKM/BKM-BJR/XI/2026"
    )
    assert "bertempat di Balai Desa Bajur, Desa Bajur, Kecamatan Labuapi" in text
    assert "dua puluh tujuh bulan November tahun dua ribu dua puluh enam" in text
    assert "Bajur, 27 November 2026" in text
    for number, decision in enumerate(DECISIONS, start=1):
        assert f"{number}. {decision}" in text


def test_pdf_shows_the_counts_and_every_signer(ba_pdf_pages):
    text = flat("\n".join(ba_pdf_pages))
    for label, value in COUNTS.items():
        assert f"{label} {value}" in text
    for signer in SIGNERS:
        assert signer.name in text
        assert flat(signer.role_title) in text


def test_pdf_numbers_its_pages_in_indonesian(ba_pdf_pages):
    count = len(ba_pdf_pages)
    for number, page in enumerate(ba_pdf_pages, start=1):
        assert f"Halaman {number} dari {count}" in page


def test_pdf_without_number_has_no_nomor_line():
    text = flat("\n".join(pdf_pages(berita_acara_pdf(berita_acara(number="")))))
    assert "Nomor" not in text
    assert "KABUPATEN LOMBOK BARAT Pada hari Jumat" in text


def test_opening_stays_a_sentence_without_place_agenda_or_facilitator():
    ba = berita_acara(place="", agenda="", facilitator="", start_time="")
    opening = next(p for p in docx_paragraph_texts(open_docx(berita_acara_docx(ba))) if "Pada" in p)
    assert opening.endswith(
        "(27 November 2026), bertempat di Desa Bajur, Kecamatan Labuapi, Kabupaten Lombok Barat, "
        "Provinsi Nusa Tenggara Barat, telah dilaksanakan Rembug Kesiapan Masyarakat (RKM)."
    )


def test_pdf_without_start_time_leaves_the_time_out():
    text = flat("\n".join(pdf_pages(berita_acara_pdf(berita_acara(start_time="")))))
    assert "(27 November 2026), bertempat di" in text
    assert "pukul" not in text


def test_pdf_wraps_long_decisions_over_pages():
    sentence = (
        "Warga sepakat menata drainase lingkungan RT 01 sampai RT 05 secara bergotong royong. "
    )
    long_decision = sentence * 40 + "AKHIR-KEPUTUSAN."
    unbroken = "https://desa-bajur.example/" + "x" * 150  # no place to break: must still wrap
    pages = pdf_pages(berita_acara_pdf(berita_acara(decisions=[long_decision, unbroken])))
    assert len(pages) >= 2
    text = "\n".join(pages)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("Halaman "))
    assert f"1. {flat(long_decision)}" in flat(body)
    assert "2. https://desa-bajur.example/" in text
    squeezed = "".join(text.split())
    assert unbroken in squeezed
    assert not any(unbroken in line for line in text.splitlines()), "the long word overflows"


def test_pdf_attaches_the_attendance_list_on_its_own_page():
    pages = pdf_pages(berita_acara_pdf(berita_acara(attendance=ATTENDANCE)))
    last = flat(pages[-1])
    assert last.startswith("Lampiran: Daftar Hadir Rembug Kesiapan Masyarakat (RKM)")
    assert "1 Lalu Ahmad Zainuri L Tidak Tidak BKM" in last
    assert "2 Siti Aminah P Ya Tidak Warga RT 02" in last


# Attendance sheet -----------------------------------------------------------------------------


def row_numbers(page_text: str) -> list[int]:
    return [int(line) for line in page_text.splitlines() if line.strip().isdigit()]


def test_attendance_sheet_has_the_requested_rows_fifteen_a_page():
    pages = pdf_pages(attendance_sheet_pdf(attendance_sheet()))
    assert [row_numbers(page) for page in pages] == [list(range(1, 16)), list(range(16, 31))]


def test_attendance_sheet_row_count_follows_the_request():
    pages = pdf_pages(attendance_sheet_pdf(attendance_sheet(rows=20, rows_per_page=10)))
    assert [row_numbers(page) for page in pages] == [list(range(1, 11)), list(range(11, 21))]


def test_attendance_sheet_repeats_the_column_header_on_every_page():
    pages = pdf_pages(attendance_sheet_pdf(attendance_sheet()))
    assert len(pages) == 2
    header = "No Nama L/P Warga miskin (Ya/Tidak) Disabilitas (Ya/Tidak) Unsur/peran Tanda tangan"
    assert f"{header} 1 2 3 " in flat(pages[0])
    assert f"{header} 16 17 18 " in flat(pages[1])
    assert "DAFTAR HADIR" in pages[0]
    assert "DAFTAR HADIR" not in pages[1]


def test_attendance_sheet_heading_shows_meeting_village_date_and_place():
    text = flat(pdf_pages(attendance_sheet_pdf(attendance_sheet()))[0])
    assert text.startswith("DAFTAR HADIR REMBUG KESIAPAN MASYARAKAT (RKM) DESA BAJUR")
    assert "Hari/tanggal : Jumat, 27 November 2026" in text
    assert "Waktu : 09.00 WITA" in text
    assert "Tempat : Balai Desa Bajur" in text


def test_attendance_sheet_without_date_or_place_leaves_lines_to_fill_in():
    sheet = attendance_sheet(held_on=None, start_time="", place="")
    text = flat(pdf_pages(attendance_sheet_pdf(sheet))[0])
    dots = "." * 40
    assert f"Hari/tanggal : {dots}" in text
    assert f"Waktu : {dots}" in text
    assert f"Tempat : {dots}" in text
    assert "2026" not in text


def test_attendance_sheet_reminds_of_the_womens_share_on_every_page():
    pages = pdf_pages(attendance_sheet_pdf(attendance_sheet()))
    reminder = "Catat jenis kelamin setiap peserta: keterwakilan perempuan minimal 30%"
    assert all(reminder in flat(page) for page in pages)
    assert "Keterwakilan perempuan: ........ % (minimal 30%)." in flat(pages[-1])


def test_attendance_sheet_reminder_uses_the_programs_threshold():
    text = flat(pdf_pages(attendance_sheet_pdf(attendance_sheet(women_min_percent=40)))[0])
    assert "keterwakilan perempuan minimal 40%" in text
    assert "minimal 30%" not in text


@pytest.mark.parametrize(
    "overrides", [{"rows": 0}, {"rows_per_page": 0}, {"women_min_percent": 0}, {"start_time": "9"}]
)
def test_attendance_sheet_refuses_nonsense(overrides):
    with pytest.raises(ValueError):
        AttendanceSheet(meeting_title="RKM", village_kind_and_name="Desa Bajur", **overrides)


# Data rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("women", "total", "text"),
    [
        (20, 50, "40%"),
        (1, 3, "33,3%"),
        (2, 3, "66,7%"),
        (1, 16, "6,3%"),
        (0, 10, "0%"),
        (0, 0, "-"),
    ],
)
def test_womens_share_is_written_the_indonesian_way(women, total, text):
    assert women_share_text(women, total) == text


@pytest.mark.parametrize(
    ("village", "signing_place", "expected"),
    [
        ("Desa Bajur", "", "Bajur, 27 November 2026"),
        ("Kelurahan Dasan Agung", "", "Dasan Agung, 27 November 2026"),
        ("Bajur", "", "Bajur, 27 November 2026"),
        ("Desa Bajur", "Labuapi", "Labuapi, 27 November 2026"),
    ],
)
def test_place_and_date_line(village, signing_place, expected):
    ba = berita_acara(village_kind_and_name=village, signing_place=signing_place)
    assert expected in docx_paragraph_texts(open_docx(berita_acara_docx(ba)))


def test_start_time_with_a_colon_is_written_with_a_dot():
    ba = berita_acara(start_time="9:30", timezone_label="WITA")
    assert "pukul 09.30 WITA" in docx_all_text(open_docx(berita_acara_docx(ba)))


@pytest.mark.parametrize(
    "overrides",
    [
        {"poor": 51},
        {"disabled": 51},
        {"men": -1},
        {"women": 2.5},
        {"start_time": "jam sembilan"},
        {"meeting_title": " "},
        {"attendance": [Attendee("Siti", "W", False)]},
    ],
)
def test_berita_acara_refuses_inconsistent_data(overrides):
    with pytest.raises(ValueError):
        berita_acara(**overrides)


def test_plain_tuples_work_as_attendance_rows():
    ba = berita_acara(attendance=[("Amaq Sahnan", "L", True, "Warga RT 03")])
    document = open_docx(berita_acara_docx(ba))
    row = [cell.text for cell in document.tables[-1].rows[1].cells]
    assert row == ["1", "Amaq Sahnan", "L", "Ya", "Tidak", "Warga RT 03"]
