"""The village home of Desa Bajur as a phone user sees it: logged in as its BKM, as an anonymous
visitor, and reached through the live region search."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.regions.demo import BAJUR, DEMO_VILLAGES, RTS_PER_RW

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

SCREENSHOT = Path(__file__).resolve().parent.parent / "var" / "screenshots" / "village_home_bkm.png"
VILLAGE_PATH = f"/wilayah/{BAJUR}/"
PROFILE_EDIT_PATH = f"/wilayah/{BAJUR}/profil/ubah/"
RW_COUNT = len(DEMO_VILLAGES[BAJUR]["rws"])
RT_COUNT = RW_COUNT * RTS_PER_RW
POPULATION = "4.630"  # 4630 with Indonesian digit grouping


def _path_is(path: str):
    return re.compile(rf"^https?://[^/]+{re.escape(path)}(\?.*)?$")


def _log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/akun/masuk/")
    expect(page.get_by_role("heading", name="Masuk ke Tridaya")).to_be_visible()
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()


def _expect_map_drawn(page, browser_log) -> None:
    village_map = page.locator("#village-map")
    expect(village_map).to_be_visible()
    # village-map.js sets data-features to the number of layers Leaflet drew: 1 per RW + 1 per RT.
    expect(village_map, f"map not drawn\n{browser_log}").to_have_attribute(
        "data-features", str(RW_COUNT + RT_COUNT)
    )
    expect(village_map).to_have_class(re.compile(r"\bleaflet-container\b"))
    drawn = village_map.locator("path.leaflet-interactive")
    expect(drawn.nth(RT_COUNT - 1)).to_be_attached()
    assert drawn.count() >= RT_COUNT


def test_bkm_sees_village_home_with_map(page, live_server, browser_log):
    _log_in(page, live_server.url, "bkm.bajur")

    # Logging in lands on the home page, which lists the user's working area.
    expect(page).to_have_url(_path_is("/"))
    work_area = page.get_by_role("heading", name="Wilayah kerja Anda")
    expect(work_area).to_be_visible()
    page.locator("#main").get_by_role("link", name=re.compile(r"Desa Bajur")).click()

    expect(page).to_have_url(_path_is(VILLAGE_PATH))
    expect(page.get_by_role("heading", level=1)).to_have_text("Desa Bajur")
    population = page.locator(".card", has_text="Penduduk").locator(".stat")
    expect(population).to_have_text(POPULATION)
    expect(page.get_by_text(f"{RT_COUNT} RT tergambar.")).to_be_visible()
    _expect_map_drawn(page, browser_log)

    edit = page.get_by_role("link", name="Ubah profil")
    expect(edit).to_be_visible()
    expect(edit).to_have_attribute("href", PROFILE_EDIT_PATH)

    assert browser_log.unexpected() == [], str(browser_log)

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.is_file()
    assert SCREENSHOT.stat().st_size > 0


def test_anonymous_visitor_sees_village_but_cannot_edit(page, live_server, browser_log):
    page.goto(f"{live_server.url}{VILLAGE_PATH}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Desa Bajur")
    expect(page.locator(".card", has_text="Penduduk").locator(".stat")).to_have_text(POPULATION)
    _expect_map_drawn(page, browser_log)
    expect(page.get_by_role("link", name="Ubah profil")).to_have_count(0)
    expect(page.get_by_text("Ubah profil")).to_have_count(0)
    assert browser_log.unexpected() == [], str(browser_log)

    page.goto(f"{live_server.url}{PROFILE_EDIT_PATH}")
    expect(page).to_have_url(_path_is("/akun/masuk/"))
    assert f"next={PROFILE_EDIT_PATH}" in page.url.replace("%2F", "/")
    expect(page.get_by_role("heading", name="Masuk ke Tridaya")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Nama pengguna\b"))).to_be_visible()


def test_region_search_shows_live_results_while_typing(page, live_server, browser_log):
    page.goto(f"{live_server.url}/wilayah/")
    expect(page.get_by_role("heading", name="Cari wilayah")).to_be_visible()
    results = page.locator("#results")
    expect(results.get_by_role("link")).to_have_count(0)
    # A full page load would wipe this; an htmx swap keeps it.
    page.evaluate("window.__sameDocument = true")

    # Typed key by key, as a person would; htmx fires on input, no Enter and no submit.
    page.get_by_role("searchbox").press_sequentially("Bajur", delay=50)

    bajur = results.get_by_role("link", name=re.compile(r"Desa Bajur"))
    expect(bajur).to_be_visible()
    expect(bajur).to_have_attribute("href", VILLAGE_PATH)
    expect(bajur).to_contain_text(BAJUR)
    # The results came from htmx: the document is the one first loaded, and only its address
    # was updated (hx-push-url).
    assert page.evaluate("window.__sameDocument === true")
    expect(page).to_have_url(_path_is("/wilayah/"))
    assert "q=Bajur" in page.url
    assert browser_log.unexpected() == [], str(browser_log)
