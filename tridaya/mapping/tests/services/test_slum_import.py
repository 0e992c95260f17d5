"""The slum template import: the XLSX template lists every RT and imports back, a CSV with
semicolons and decimal commas is read, one bad row writes nothing and every bad cell is listed
with its value and what to write, hectares keep six decimals."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from tridaya.mapping import slum_template
from tridaya.mapping.models import RTProfile, SlumVolume
from tridaya.mapping.selectors import slum as selectors_slum
from tridaya.mapping.services import slum_import as services
from tridaya.mapping.tests.factories import rt_of, with_units
from tridaya.mapping.tests.services.test_slum import _scores

D = Decimal


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _template_rows(village, year=2026):
    page = selectors_slum.slum_page(village, year)
    return slum_template.header(page), slum_template.rows(page)


def _filled(village) -> list[list]:
    header, rows = _template_rows(village)
    filled = [header]
    for row in rows:
        row[3:9] = [12.5, 80, 320, 78, 1500, 2400]
        values = {"buildings": 80, "area_ha": 12.5, "road_length_m": 1500,
                  "drainage_length_m": 2400, "households": 78}  # fmt: skip
        cset = selectors_slum.slum_page(village, 2026).cset
        row[9 : 9 + 16] = [round(values[c.denominator] * 0.4, 2) for c in cset.criteria]
        filled.append(row)
    return filled


def test_the_xlsx_template_lists_every_rt_and_imports_back(village):
    page = selectors_slum.slum_page(village, 2026)
    book = load_workbook(io.BytesIO(slum_template.as_xlsx(page)))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == ["rw", "rt", "tahun", "luas_ha"]
    assert sheet.max_row == 17  # header + 16 RTs
    assert book.worksheets[1].title == "Petunjuk"
    result = services.slum_import(
        actor=None, village=village, data=_xlsx(_filled(village)), file_name="isi.xlsx"
    )
    assert (result.created, result.updated, result.unchanged) == (16, 0, 0)
    again = services.slum_import(
        actor=None, village=village, data=_xlsx(_filled(village)), file_name="isi.xlsx"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 16)
    assert RTProfile.objects.count() == 16 and SlumVolume.objects.count() == 16 * 16
    exported = slum_template.rows(selectors_slum.slum_page(village, 2026))
    assert exported[0][3:9] == [12.5, 80, 320, 78, 1500, 2400]


def test_a_csv_template_with_semicolons_and_decimal_commas(village):
    header, _rows = _template_rows(village)
    rt = rt_of(village, rw=2, number=3)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    values = ["2", "3", "", "12,5", "80", "320", "78", "1500", "2400"]
    writer.writerow(values + ["10"] * 16 + ["2"] + [""] * 15)
    result = services.slum_import(
        actor=None, village=village, data=out.getvalue().encode(), file_name="isi.csv", year=2025
    )
    saved = result.profiles[0]
    assert saved.rt == rt and saved.year == 2025 and saved.area_ha == D("12.50")
    assert saved.volumes.get(code="1a").handled == D("2")


def test_one_bad_row_writes_nothing_and_every_bad_cell_is_listed(village):
    rows = _filled(village)
    header = rows[0]
    rows[2][header.index("4b")] = 9999  # above the ideal drainage length of 2,400 m
    rows[3][header.index("kk")] = "banyak"
    rows[4][header.index("rt")] = 9  # row 5 is RT 04 / RW 01: there is no RT 09 in RW 01
    rows[5][header.index("1a")] = -1
    with pytest.raises(ValidationError) as caught:
        services.slum_import(actor=None, village=village, data=_xlsx(rows), file_name="isi.xlsx")
    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(3, "4b"), (4, "kk"), (5, "rt"), (6, "1a")]
    messages = caught.value.messages
    assert messages[0].startswith("Baris 3, kolom 4b: Kriteria 4b")
    assert "RT 09 / RW 01 tidak ada di Bajur" in messages[2]
    assert not RTProfile.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(village):
    with pytest.raises(ValidationError, match="tidak terbaca"):
        services.slum_import(actor=None, village=village, data=b"x", file_name="isi.xlsx")


def _precise_rows(village) -> list[list]:
    rows = _filled(village)
    header = rows[0]
    for row in rows[1:]:
        row[3] = 0.512731
        row[header.index("jalan_ideal_m")] = 412.75
        for code, value in (("1b", 0.2), ("4a", 0.2), ("2a", 100), ("2b", 100)):
            row[header.index(code)] = value
    return rows


def test_the_template_keeps_six_decimals_and_accepts_a_volume_equal_to_its_area(village):
    rows = _precise_rows(village)
    header = rows[0]
    rows[1][header.index("1b")] = 0.389174
    rows[1][header.index("4a")] = 0.512731  # the whole RT floods: equal to its area
    rows[1][header.index("2b")] = 412.75
    services.slum_import(actor=None, village=village, data=_xlsx(rows), file_name="t.xlsx")
    rt = rt_of(village, rows[1][0], rows[1][1])
    saved = RTProfile.objects.get(rt=rt, year=2026)
    assert saved.area_ha == D("0.512731")
    scores = _scores(rt, saved)
    assert scores["1b"] == ("75.90", 3)
    assert scores["4a"] == ("100.00", 5) and scores["2b"] == ("100.00", 5)


def test_the_template_import_reports_every_bad_cell_with_its_value_and_what_to_do(village):
    rows = _precise_rows(village)
    header = rows[0]
    rows[1][3] = "0,5127315"  # seven decimals
    rows[1][header.index("1b")] = 0.389174  # fine: its denominator is the bad cell
    rows[1][header.index("2b")] = 500  # above the road length of 412.75 m
    rows[2][header.index("jalan_ideal_m")] = "412.755"
    rows[2][header.index("4a")] = "0.1234567"
    rows[3][header.index("kk")] = 500  # more KK than the 320 people
    rows[3][header.index("1a_tertangani")] = "x"
    with pytest.raises(ValidationError) as caught:
        services.slum_import(actor=None, village=village, data=_xlsx(rows), file_name="t.xlsx")
    problems = {(p.line, p.column): p.reason for p in caught.value.problems}
    assert sorted(problems) == [
        (2, "2b"),
        (2, "luas_ha"),
        (3, "4a"),
        (3, "jalan_ideal_m"),
        (4, "1a_tertangani"),
        (4, "kk"),
    ]
    assert problems[(2, "luas_ha")].startswith("0,5127315 memakai 7 angka di belakang koma")
    assert "bulatkan ke 6 angka desimal (0,512732)" in problems[(2, "luas_ha")]
    assert "412,755" in problems[(3, "jalan_ideal_m")]
    assert "melebihi panjang jalan ideal (m) 412,75" in problems[(2, "2b")]
    assert "(sekarang 'x')" in problems[(4, "1a_tertangani")]
    assert "500" in problems[(4, "kk")] and "320" in problems[(4, "kk")]
    assert not RTProfile.objects.exists()
