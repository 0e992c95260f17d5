"""Households of Desa Bajur on a phone: the facilitator finds pemetaan swadaya from the village
page, sees the counts and the map of poor households (drawn with map tiles blocked), records a
household whose poverty status follows the ticked BPS criteria, and uploads a KoboToolbox export
whose bad row is quarantined and reported; an anonymous visitor sees counts and no names."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.mapping.demo import households as demo_households
from tridaya.mapping.importers import samples
from tridaya.mapping.models import Household, ImportBatch, ImportStatus
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
BASE = f"/wilayah/{BAJUR}/pemetaan"


@pytest.fixture
def households(demo_data):
    demo_households.seed(lambda _message: None)
    return Household.objects.filter(village_id=BAJUR)


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def test_the_facilitator_sees_counts_and_the_map_of_poor_households(
    page, live_server, browser_log, households
):
    poor = households.filter(is_poor=True)
    located = poor.exclude(location=None).count()
    _log_in(page, live_server.url, "fasilitator.bajur")
    page.goto(f"{live_server.url}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Pemetaan swadaya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pemetaan swadaya")
    expect(page.locator('[data-stat="households"]').first).to_have_text("1.200")
    expect(page.locator('[data-stat="poor"]').first).to_have_text(str(poor.count()))

    page.get_by_role("link", name=re.compile(r"Rumah tangga$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rumah tangga (KK)")
    expect(page.locator("#rt-households tbody tr")).to_have_count(16)
    page.get_by_role("link", name=re.compile(r"Peta KK miskin$")).click()

    poor_map = page.locator("#household-map")
    expect(poor_map, str(browser_log)).to_have_attribute("data-features", str(located))
    expect(poor_map).to_have_attribute("data-units", "16")
    expect(poor_map.locator("path.leaflet-interactive").nth(located + 15)).to_be_attached()
    expect(
        page.get_by_text(f"{located} dari {poor.count()} KK miskin bertitik lokasi.")
    ).to_be_visible()
    # A tap on a household dot opens its popup, with the head's name for the facilitator.
    poor_map.scroll_into_view_if_needed()
    poor_map.locator("path.leaflet-interactive").nth(16).click(force=True)
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("/14")
    names = set(poor.exclude(location=None).values_list("head_name", flat=True))
    assert popup.locator(".fw-semibold").inner_text() in names
    assert browser_log.unexpected() == [], str(browser_log)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "households_poor_map.png"), full_page=True)


def test_the_facilitator_records_a_poor_household(page, live_server, browser_log, households):
    _log_in(page, live_server.url, "fasilitator.bajur")
    page.goto(f"{live_server.url}{BASE}/kk/tambah/")
    page.get_by_label(re.compile(r"^RT")).select_option(label="RT 02 / RW 03")
    page.get_by_label(re.compile(r"^Nama kepala keluarga")).fill("Inaq Sumenah")
    page.get_by_label(re.compile(r"^Jenis kelamin kepala keluarga")).select_option("P")
    page.get_by_label(re.compile(r"^Jumlah anggota keluarga")).fill("6")
    page.get_by_label(re.compile(r"^Jumlah anggota perempuan")).fill("4")
    for number in range(1, 10):
        page.get_by_label(re.compile(rf"^{number}\. ")).check()
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Inaq Sumenah")
    expect(page.locator("#poverty-status")).to_contain_text("KK miskin")
    expect(page.locator("#poverty-status")).to_contain_text("9 dari 14")
    saved = Household.objects.get(head_name="Inaq Sumenah")
    assert (saved.is_poor, saved.criteria_met, saved.rt.number, saved.rt.rw.number) == (
        True, 9, 2, 3,
    )  # fmt: skip
    assert browser_log.unexpected() == [], str(browser_log)


def test_the_facilitator_uploads_a_kobo_export(
    page, live_server, browser_log, households, tmp_path
):
    village = Region.objects.get(code=BAJUR)
    header = samples.household_header("kobo")
    rows = [list(row) for row in samples.household_rows(samples.sample_rts(village), 8, seed=77)]
    rows[4][header.index("head/women")] = "15"
    path = tmp_path / "survei_kobo.csv"
    path.write_bytes(samples.csv_bytes(header, rows, delimiter=";"))

    _log_in(page, live_server.url, "fasilitator.bajur")
    page.goto(f"{live_server.url}{BASE}/survei/")
    expect(page.get_by_role("link", name=re.compile("Survei rumah tangga XLSForm"))).to_be_visible()
    page.get_by_label("Formulir", exact=True).select_option("household")
    page.get_by_label(re.compile(r"^Karantina")).check()
    page.get_by_label("Berkas ekspor").set_input_files(str(path))
    page.get_by_role("button", name=re.compile(r"Impor$")).click()

    # The import runs as a background job; its page follows it and links the report.
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor survei")
    page.get_by_role("link", name="Lihat hasilnya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan impor")
    expect(page.locator("#batch-verdict")).to_contain_text("1 baris dikarantina")
    issue = page.locator("#batch-issues tbody tr").first
    expect(issue).to_contain_text("6")
    expect(issue).to_contain_text("head/women")
    expect(issue).to_contain_text("lebih dari jumlah anggota keluarga")
    batch = ImportBatch.objects.order_by("-id").first()
    assert (batch.status, batch.created, batch.quarantined) == (ImportStatus.PARTIAL, 7, 1)
    assert browser_log.unexpected() == [], str(browser_log)


def test_an_anonymous_visitor_sees_counts_and_no_names(page, live_server, households):
    head = households.first().head_name
    page.goto(f"{live_server.url}{BASE}/kk/")
    expect(page.locator('[data-stat="households"]').first).to_have_text("1.200")
    expect(page.get_by_role("link", name=re.compile(r"Daftar KK$"))).to_have_count(0)
    assert head not in page.content()
    page.goto(f"{live_server.url}{BASE}/kk/daftar/")
    expect(page.get_by_role("heading", name="Masuk ke Tridaya")).to_be_visible()
