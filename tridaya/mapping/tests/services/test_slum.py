"""RT profiles and slum volumes: saved with the criteria set in force, a negative volume or one
above its denominator refused naming the field, handled volumes kept for re-scoring, changes
audited; the XLSX/CSV template round-trips, its import is strict (every bad cell with its line
and column, nothing written) and can be run again without duplicates."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook, load_workbook

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import AuditEvent
from tridaya.mapping import slum_template
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import RTProfile, SlumVolume
from tridaya.mapping.selectors import slum as selectors_slum
from tridaya.mapping.services import slum as services_slum
from tridaya.mapping.tests.factories import figures, profile, rt_of, volumes_at, with_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def test_a_profile_is_saved_with_its_volumes_and_the_set_in_force(village):
    rt = rt_of(village)
    saved = profile(rt, share=D("0.8"))
    assert saved.criteria_set.code == "permen-pupr-14-2018"
    assert saved.volumes.count() == 16
    assert SlumVolume.objects.get(profile=saved, code="3a").volume == D("80.00")
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    assert row.score.total == 80 and row.score.class_label == "Kumuh berat"


def test_a_volume_above_its_denominator_is_refused_naming_the_field(village):
    rt = rt_of(village)
    volumes = volumes_at(D("0.5"))
    volumes["4b"] = D("2500")  # ideal drainage is 2,000 m
    volumes["1a"] = D("-3")
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **figures())
    errors = caught.value.error_dict
    assert set(errors) == {"volume_4b", "volume_1a"}
    assert errors["volume_4b"][0].code == MappingError.BAD_VOLUMES
    assert "melebihi panjang drainase ideal (m) 2000" in errors["volume_4b"][0].message
    assert not RTProfile.objects.exists()


def test_shrinking_a_denominator_below_a_stored_volume_is_refused(village):
    rt = rt_of(village)
    profile(rt, share=D("0.9"))
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(actor=None, rt=rt, year=2026, **figures(households=50))
    assert {"volume_3a", "volume_3b", "volume_5a"} <= set(caught.value.error_dict)


def test_more_households_than_people_is_refused(village):
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None, rt=rt_of(village), year=2026, **figures(population=90)
        )
    assert "households" in caught.value.error_dict


def test_handled_volumes_are_kept_and_rescored(village):
    rt = rt_of(village)
    saved = profile(rt, share=D("0.8"))
    services_slum.rt_profile_save(
        actor=None, rt=rt, year=2026, handled={"4b": D("1600"), "4c": D("1600")}, **figures()
    )
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    assert row.rescore is not None
    assert row.rescore.after.by_code["4b"].percentage == D("0.00")
    assert row.rescore.after.total == 70
    assert row.rescore.contribution > 0


def test_changes_are_audited_per_volume_and_unchanged_saves_write_nothing(village):
    rt = rt_of(village)
    editor = user_with_role("tipp", BAJUR)
    profile(rt, actor=editor)
    assert AuditEvent.objects.filter(action="mapping.rt_profile_created").count() == 1
    volumes = {"2b": D("450")}
    services_slum.rt_profile_save(actor=editor, rt=rt, year=2026, volumes=volumes, **figures())
    event = AuditEvent.objects.get(action="mapping.rt_profile_updated")
    assert event.changes == {"volume_2b": ["300", "450"]}
    services_slum.rt_profile_save(actor=editor, rt=rt, year=2026, volumes=volumes, **figures())
    assert AuditEvent.objects.filter(action="mapping.rt_profile_updated").count() == 1


def test_a_resident_may_not_edit_and_another_village_is_out_of_sight(village, terong_tawah):
    from django.http import Http404

    with pytest.raises(PermissionDenied):
        profile(rt_of(village), actor=user_with_role("resident", BAJUR))
    with pytest.raises(Http404):
        profile(rt_of(village), actor=user_with_role("bkm", terong_tawah.code))


# --- Template import ---------------------------------------------------------------------------


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
    result = services_slum.slum_import(
        actor=None, village=village, data=_xlsx(_filled(village)), file_name="isi.xlsx"
    )
    assert (result.created, result.updated, result.unchanged) == (16, 0, 0)
    again = services_slum.slum_import(
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
    result = services_slum.slum_import(
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
        services_slum.slum_import(
            actor=None, village=village, data=_xlsx(rows), file_name="isi.xlsx"
        )
    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(3, "4b"), (4, "kk"), (5, "rt"), (6, "1a")]
    messages = caught.value.messages
    assert messages[0].startswith("Baris 3, kolom 4b: Kriteria 4b")
    assert "RT 09 / RW 01 tidak ada di Bajur" in messages[2]
    assert not RTProfile.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(village):
    with pytest.raises(ValidationError, match="tidak terbaca"):
        services_slum.slum_import(actor=None, village=village, data=b"x", file_name="isi.xlsx")


# --- Precision: hectares with 6 decimals, metres with 2 (issue 11, item 2) ---------------------

PRECISE = {
    "area_ha": D("0.512731"),
    "buildings": 40,
    "population": 160,
    "households": 40,
    "road_length_m": D("412.75"),
    "drainage_length_m": D("300.25"),
}


def _scores(rt, saved):
    row = selectors_slum.score_row(rt, saved, selectors_slum.criteria_of(saved.criteria_set))
    return {code: (str(item.percentage), item.score) for code, item in row.score.by_code.items()}


def test_hectares_and_metres_are_stored_exactly_and_scored_at_the_band_edges(village):
    rt = rt_of(village)
    volumes = volumes_at(D(0), PRECISE) | {
        "1b": D("0.389174"),  # 75.90 % -> 3 (0.39 / 0.51 would be 76.47 % -> 5)
        "4a": D("0.389650"),  # 75.995 % -> 76.00 % -> 5
        "2a": D("103.16"),  # 24.99 % -> 0
        "2b": D("412.75"),  # equal to its denominator: 100 % -> 5
        "4b": D("210.50"),
    }
    saved = services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **PRECISE)
    saved.refresh_from_db()
    assert saved.area_ha == D("0.512731") and saved.road_length_m == D("412.75")
    assert saved.volumes.get(code="1b").volume == D("0.389174")
    scores = _scores(rt, saved)
    assert scores["1b"] == ("75.90", 3)
    assert scores["4a"] == ("76.00", 5)
    assert scores["2a"] == ("24.99", 0)
    assert scores["2b"] == ("100.00", 5)
    assert scores["4b"] == ("70.11", 3)
    volumes = {"1b": D("0.261467"), "4a": D("0.261468")}  # 50.99 % -> 1, 51.00 % -> 3
    saved = services_slum.rt_profile_save(actor=None, rt=rt, year=2026, volumes=volumes, **PRECISE)
    assert _scores(rt, saved)["1b"] == ("50.99", 1)
    assert _scores(rt, saved)["4a"] == ("51.00", 3)


def test_more_decimals_than_stored_are_refused_naming_the_value_never_rounded(village):
    rt = rt_of(village)
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None,
            rt=rt,
            year=2026,
            volumes={"1b": D("0.3891745")},
            handled={"1b": D("0.1000001")},
            **{**PRECISE, "road_length_m": D("412.755")},
        )
    errors = {field: e[0].message for field, e in caught.value.error_dict.items()}
    assert set(errors) == {"road_length_m"}
    assert "412,755 memakai 3 angka di belakang koma, paling banyak 2" in errors["road_length_m"]
    assert "(412,76)" in errors["road_length_m"]
    with pytest.raises(ValidationError) as caught:
        services_slum.rt_profile_save(
            actor=None,
            rt=rt,
            year=2026,
            volumes={"1b": D("0.3891745")},
            handled={"1b": D("0.1000001")},
            **PRECISE,
        )
    errors = {field: e[0].message for field, e in caught.value.error_dict.items()}
    assert set(errors) == {"volume_1b", "handled_1b"}
    assert errors["volume_1b"].startswith("Kriteria 1b: 0,3891745 memakai 7 angka")
    assert not RTProfile.objects.exists()


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
    services_slum.slum_import(actor=None, village=village, data=_xlsx(rows), file_name="t.xlsx")
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
        services_slum.slum_import(actor=None, village=village, data=_xlsx(rows), file_name="t.xlsx")
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
