"""The dashboard of province Nusa Tenggara Barat and of the nation on a phone: headline cards,
the map (points of the regencies below a province, the 38 province outlines at national level),
the trend chart, and the sortable table of child regions."""

import re

import pytest
from playwright.sync_api import expect

from tridaya.dashboards import services
from tridaya.mapping.tests.factories import household
from tridaya.mapping.tests.factories import with_survey_units as with_units
from tridaya.regions.demo import BAJUR, TERONG_TAWAH
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

# The page loads Leaflet and Chart.js from the live server; on a loaded machine that is slow.
SLOW_MS = 60_000


@pytest.fixture(autouse=True)
def patient_expect():
    expect.set_options(timeout=SLOW_MS)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def figures(demo_data):
    bajur, terong = Region.objects.get(code=BAJUR), Region.objects.get(code=TERONG_TAWAH)
    with_units(bajur)
    for criteria in (10, 2, 12):
        household(bajur, poor_criteria=criteria)
    household(terong, poor_criteria=0)
    services.rebuild_all()


def test_a_province_dashboard_on_a_phone_shows_cards_map_chart_and_table(
    page, live_server, browser_log, figures
):
    page.set_default_timeout(SLOW_MS)
    page.goto(
        f"{live_server.url}/wilayah/52/dasbor/?peta=mapping_households",
        wait_until="domcontentloaded",
        timeout=SLOW_MS,
    )
    expect(
        page.get_by_role("heading", name=re.compile(r"^Dasbor .*Nusa Tenggara Barat"))
    ).to_be_visible()
    expect(page.locator('[data-figure="mapping_households"]')).to_have_text("4")
    expect(page.locator('[data-figure="mapping_poor_households"]')).to_have_text("2")
    dash_map = page.locator("#dash-map")
    expect(dash_map, f"map not drawn\n{browser_log}").to_have_attribute("data-ready", "1")
    expect(dash_map).to_have_attribute("data-features", "1")  # the regency with located villages
    expect(dash_map.locator("path.leaflet-interactive")).to_have_count(1)
    expect(page.locator("#dash-trend")).to_be_visible()
    table = page.locator("#dash-children")
    expect(table.locator("tbody tr")).to_have_count(Region.objects.filter(parent_id="52").count())
    assert not browser_log.unexpected(), str(browser_log)
    # Sorting by households puts the regency with households first after two clicks.
    header = table.locator("th", has_text="KK terdata")
    header.click()
    header.click()
    expect(table.locator("tbody tr").first).to_contain_text("Lombok Barat")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_the_national_dashboard_draws_the_province_outlines(
    page, live_server, browser_log, figures
):
    page.goto(f"{live_server.url}/dasbor/", wait_until="domcontentloaded", timeout=SLOW_MS)
    dash_map = page.locator("#dash-map")
    expect(dash_map, f"map not drawn\n{browser_log}").to_have_attribute("data-features", "38")
    expect(dash_map.locator("path.leaflet-interactive").first).to_be_attached()
    page.locator("#dash-children").get_by_role("link", name="Nusa Tenggara Barat").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Dasbor .*Nusa Tenggara Barat"))
    ).to_be_visible()
    assert not browser_log.unexpected(), str(browser_log)
