"""Marketing the plan on a phone: the BKM records a partner's pledge for an activity of Bajur's
legalised RPLP, commits it by uploading the signed MoU, and sees the gap shrink; a resident (no
login) reads the published prospectus and downloads its PDF."""

import re

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.marketing.services import prospectus as prospectus_services
from tridaya.marketing.tests import factories as f
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]


@pytest.fixture
def marketed(demo_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    village = Region.objects.get(code=BAJUR)
    version, rows = f.legalised_rplp(village, rows=2)
    partner = f.partner(village, name="Perumda Air Minum Giri Menang", kind="perusahaan")
    prospectus = prospectus_services.prospectus_create(
        actor=None, version=version, introduction="Mari bermitra menata Bajur."
    )
    prospectus_services.prospectus_publish(actor=None, prospectus=prospectus)
    return {"rows": rows, "partner": partner, "prospectus": prospectus}


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def test_bkm_pledges_and_commits_and_the_gap_shrinks(
    page, live_server, browser_log, marketed, tmp_path
):
    base = live_server.url
    log_in(page, base, "bkm.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Pemasaran").first.click()
    expect(page.get_by_role("heading", name="Pemasaran rencana")).to_be_visible()
    expect(page.get_by_text("Rp 100.000").first).to_be_visible()  # 2 × (100.000 - 50.000)
    page.get_by_role("link", name="Catat janji pendanaan").first.click()
    page.get_by_label("Kegiatan").select_option(f"row-{marketed['rows'][0].pk}")
    page.get_by_label("Mitra").select_option(label="Perumda Air Minum Giri Menang")
    page.get_by_label("Sumber dana").select_option("non_pemerintah")
    page.get_by_label(re.compile(r"^Nilai janji")).fill("Rp 30.000")
    page.get_by_label(re.compile(r"^Tahun anggaran")).fill("2027")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").filter(has_text="Janji pendanaan dicatat.")).to_be_visible()
    expect(page.locator("#status")).to_have_text("Janji dukungan")
    page.get_by_text("Catat komitmen").click()
    mou = tmp_path / "mou-pdam.pdf"
    mou.write_bytes(f.PDF_BYTES)
    page.get_by_label(re.compile(r"^Berkas kesepakatan")).set_input_files(str(mou))
    page.get_by_label(re.compile(r"^Tanggal kesepakatan")).fill("2026-12-10")
    page.get_by_role("button", name="Simpan komitmen").click()
    expect(page.locator("#status")).to_have_text(re.compile("^Komitmen"))
    page.goto(f"{base}/wilayah/{BAJUR}/pemasaran/celah/")
    expect(page.get_by_text("Terdanai sebagian").first).to_be_visible()
    expect(page.locator("tfoot")).to_contain_text("Rp 70.000")
    assert not browser_log.unexpected(), str(browser_log)


def test_resident_reads_the_prospectus_and_downloads_the_pdf(
    page, live_server, browser_log, marketed
):
    base = live_server.url
    page.goto(f"{base}/wilayah/{BAJUR}/pemasaran/prospektus/{marketed['prospectus'].pk}/")
    expect(page.get_by_role("heading", name=re.compile("Prospektus investasi"))).to_be_visible()
    expect(page.get_by_text("Mari bermitra menata Bajur.")).to_be_visible()
    expect(page.get_by_text("Saluran drainase 2").first).to_be_visible()
    with page.expect_response(re.compile(r"prospektus\.pdf")) as response_info:
        page.get_by_role("link", name="PDF").click()
    response = response_info.value
    assert response.status == 200 and response.header_value("content-type") == "application/pdf"
    assert not browser_log.unexpected(), str(browser_log)
