"""RTPLP and RPLP as the TIPP lives them on a phone (PART 2 of the planning browser test): an
RTPLP activity is built with three RAB lines (one priced from the regency's HSPK, two typed), its
location tapped on the map, the totals follow, and the legalised RPLP is downloaded as a PDF
that names the village, its chapters and its total."""

import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.planning.models import Activity, PlanKind
from tridaya.planning.tests import factories as f
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]


@pytest.fixture
def plans_ready(demo_data):
    """Bajur with a legalised RPLP, a kawasan prioritas with an empty RTPLP draft, and the
    Lombok Barat HSPK with one unit price."""
    village = Region.objects.get(code=BAJUR)
    rplp = f.legalise(f.ready_rplp(village))
    area = f.kawasan(village, geometry=f.square(lon=116.1060, lat=-8.6350, size=0.004))
    rtplp = f.rtplp(village, area=area)
    item = f.price_item(
        f.price_list(Region.objects.get(code="52.01")),
        code="A.2.2.1.1",
        price=78_500,
        name="Galian tanah biasa",
    )
    return {"rplp": rplp, "rtplp": rtplp, "item": item}


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def add_rab_line(page, **fields) -> None:
    form = page.locator("form").filter(has=page.get_by_role("button", name="Tambah ke RAB"))
    if "hspk" in fields:
        form.get_by_label("Dari daftar HSPK").select_option(label=fields["hspk"])
    for label, key in (
        ("Uraian pekerjaan", "description"),
        ("Satuan", "unit"),
        ("Harga satuan (Rp)", "price"),
    ):
        if key in fields:
            form.get_by_label(label, exact=True).fill(fields[key])
    form.get_by_label(re.compile(r"^Volume\b")).fill(fields["volume"])
    form.get_by_role("button", name="Tambah ke RAB").click()
    expect(page.get_by_role("alert").filter(has_text="Baris RAB ditambahkan.")).to_be_visible()


def test_tipp_builds_an_rtplp_activity_and_downloads_the_rplp_pdf(
    page, live_server, browser_log, plans_ready
):
    base = live_server.url
    log_in(page, base, "tipp.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/perencanaan/rencana/")
    page.get_by_role("link", name=re.compile("^RTPLP Kawasan Bajur Tengah")).click()
    page.get_by_role("link", name="Tambah kegiatan").click()

    page.get_by_label("Nama kegiatan").fill("Saluran drainase gang Mawar")
    page.get_by_label("Lokasi", exact=True).fill("Gang Mawar, RT 02")
    map_box = page.locator("#plan-map").bounding_box()
    page.mouse.click(map_box["x"] + map_box["width"] / 2, map_box["y"] + map_box["height"] / 2)
    geometry = json.loads(page.get_by_label("Lokasi di peta (GeoJSON)").input_value())
    assert geometry["type"] == "Point"
    page.get_by_label(re.compile(r"^Volume\b")).fill("120")
    page.get_by_label(re.compile(r"^Satuan\b")).fill("m")
    page.get_by_label("Swadaya masyarakat").fill("500.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name="Saluran drainase gang Mawar")).to_be_visible()

    add_rab_line(page, hspk="A.2.2.1.1 Galian tanah biasa (m3, Rp 78.500)", volume="42,5")
    add_rab_line(
        page, description="Pasangan batu kali 1:4", unit="m3", price="Rp 1.145.000", volume="31,2"
    )
    add_rab_line(page, description="Plesteran 1:4", unit="m2", price="72.400", volume="96")
    # 42,5 × 78.500 = 3.336.250; 31,2 × 1.145.000 = 35.724.000; 96 × 72.400 = 6.950.400.
    expect(page.locator("#rab li")).to_have_count(3)
    expect(page.locator("#rab-total")).to_have_text("Rp 46.010.650")
    funding = page.locator("#funding")
    expect(funding).to_contain_text("APBN PUPR: BLM PLPBK / BDI")
    expect(funding).to_contain_text("Rp 45.510.650")
    expect(funding).to_contain_text("Rp 500.000")
    activity = Activity.objects.get(name="Saluran drainase gang Mawar")
    assert activity.rab_total == 46_010_650 and activity.geometry["type"] == "Point"

    page.get_by_role("link", name=re.compile("RTPLP Kawasan Bajur Tengah")).click()
    expect(page.locator("#total")).to_have_text("Rp 46.010.650")
    expect(page.locator("#investment-total")).to_have_text("Rp 46.010.650")

    page.goto(f"{base}/wilayah/{BAJUR}/perencanaan/rencana/")
    page.get_by_role("link", name="RPLP Desa Bajur").click()
    expect(page.locator("#state")).to_contain_text("Disahkan")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    assert download.suggested_filename == "rplp-desa-bajur-v1.pdf"
    reader = PdfReader(download.path())
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Desa Bajur" in text
    assert "RENCANA INVESTASI LIMA TAHUN" in text and "PEMERIKSAAN KEMISKINAN" in text
    assert "Rp 100.000" in text  # the legalised RPLP's total
    assert plans_ready["rplp"].plan.kind == PlanKind.RPLP
    assert not browser_log.unexpected(), str(browser_log)
    page.screenshot(path="var/screenshots/rtplp_activity.png", full_page=True)
