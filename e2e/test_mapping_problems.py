"""Self-help mapping on a phone: a TIPP volunteer of Desa Bajur draws a drainage problem as a line
on the village map, fills the form, and finds it in the list and on the map; then the RT slum
choropleth colours every RT by its class and by a chosen criterion."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.mapping.models import GeometryKind, Problem
from tridaya.mapping.tests.factories import profile
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import RT

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

SHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
SLUM_SHARES = {(3, 2): "0.8", (3, 3): "0.6", (2, 1): "0.3"}  # the rest at 10 %


@pytest.fixture
def rt_profiles(demo_data):
    for rt in RT.objects.filter(village__code=BAJUR).select_related("rw"):
        share = SLUM_SHARES.get((rt.rw.number, rt.number), "0.1")
        profile(rt, share=Decimal(share))


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def _tap_map(page, selector: str, points: list[tuple[float, float]]) -> None:
    """Tap the map at fractions of its width and height (Bajur fills its middle)."""
    box = page.locator(selector).bounding_box()
    for fx, fy in points:
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def test_a_volunteer_draws_a_drainage_problem_and_sees_it_listed_and_mapped(
    page, live_server, browser_log, rt_profiles
):
    base = live_server.url
    _log_in(page, base, "tipp.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Peta masalah & potensi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Masalah dan potensi")
    expect(page.get_by_text("Belum ada masalah atau potensi yang dipetakan.")).to_be_visible()
    # (Icons are CSS glyphs that count in the accessible name: match the end of it.)
    page.get_by_role("link", name=re.compile(r"Petakan$")).click()

    draw_map = page.locator("#draw-map")
    expect(draw_map, str(browser_log)).to_have_attribute("data-ready", "1")
    page.get_by_role("button", name="Garis").click()
    expect(page.locator("#draw-status")).to_contain_text("paling sedikit 2 kali")
    _tap_map(page, "#draw-map", [(0.45, 0.40), (0.50, 0.47), (0.56, 0.52)])
    expect(draw_map).to_have_attribute("data-vertices", "3")
    expect(page.locator("#draw-status")).to_have_text(re.compile(r"^3 titik · panjang ± [\d.]+ m$"))
    page.get_by_role("button", name="Batalkan titik terakhir").click()
    expect(draw_map).to_have_attribute("data-vertices", "2")
    _tap_map(page, "#draw-map", [(0.56, 0.52)])

    page.get_by_label(re.compile(r"^Jenis")).select_option(label="Masalah")
    page.get_by_label("Daya (Tridaya)").select_option(label="Lingkungan")
    page.get_by_label("Sektor / aspek kumuh").select_option(label="Drainase")
    page.get_by_label("Judul singkat").fill("Saluran meluap di gang masjid")
    page.get_by_label("Uraian").fill("Air meluap ke jalan setiap hujan deras.")
    page.get_by_label("Tingkat keparahan / kepentingan").select_option(label="4 - berat")
    page.get_by_label("KK terdampak").fill("20")
    page.get_by_label("Di antaranya KK miskin").fill("8")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Masalah 'Saluran meluap di gang masjid' dicatat di peta."
    )
    saved = Problem.objects.get()
    assert saved.geometry_kind == GeometryKind.LINE and len(saved.geometry["coordinates"]) == 3
    assert saved.sector == "drainase" and saved.rt is not None and saved.length_m > 10
    item = page.locator(f"#p{saved.pk}")
    expect(item).to_contain_text("Saluran meluap di gang masjid")
    expect(item).to_contain_text("Keparahan 4/5")
    problem_map = page.locator("#problem-map")
    expect(problem_map, str(browser_log)).to_have_attribute("data-problems", "1")
    expect(problem_map.locator("canvas, path").first).to_be_attached()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "mapping_problem_listed.png"), full_page=False)

    # The problem's own page draws it too, with its measured length.
    item.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saluran meluap di gang masjid")
    expect(page.locator("#problem-map")).to_have_attribute("data-problems", "1")
    expect(page.get_by_text(re.compile(r"Garis, panjang \d+ m"))).to_be_visible()

    # The thematic map of RT slum classes.
    page.get_by_role("link", name="Profil RT & kekumuhan").click()
    slum_map = page.locator("#slum-map")
    expect(slum_map, str(browser_log)).to_have_attribute("data-features", "16")
    legend = page.locator("#slum-legend")
    expect(legend).to_contain_text("Kumuh berat")
    expect(page.locator("#slum-table")).to_contain_text("Kumuh berat")
    page.get_by_label("Warnai RT menurut").select_option("4b")
    expect(slum_map).to_have_attribute("data-theme", "4b")
    expect(legend).to_contain_text("5")
    page.get_by_label("Warnai RT menurut").select_option("class")
    slum_map.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "mapping_slum_choropleth.png"), full_page=False)

    assert browser_log.unexpected() == [], str(browser_log)
