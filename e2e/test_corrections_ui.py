"""Issue 11 items 6, 7 and 10 on a 390x844 phone: a secretary records a meeting's attendance from
the village register and lands on the meeting with names in its berita acara; the step offers
only the buttons the role may use; the menu and the village home lead to the village's cycle."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.cycle.tests.factories import enrolled
from tridaya.institutions.tests.factories import person
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

PHONE = {"width": 390, "height": 844}


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    page.set_default_timeout(30_000)
    return page


@pytest.fixture
def bajur_enrolled(demo_data):
    return enrolled(Region.objects.get(code=BAJUR))


def test_attendance_from_the_register_reaches_the_berita_acara(phone, live_server, browser_log):
    page, base = phone, live_server.url
    person(Region.objects.get(code=BAJUR), name="Siti Aminah", sex="P", is_poor=True,
           nik="5201081204780003")  # fmt: skip
    log_in(page, base, "bkm.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/rapat/baru/")
    page.get_by_label("Jenis pertemuan").select_option("rembug_warga")
    page.get_by_label("Tempat").fill("Balai Desa Bajur")
    page.get_by_label("Agenda").fill("Rembug warga RT 02")
    page.get_by_label("Daftar nama peserta").check()

    first = page.locator(".attendee-row").first
    expect(first.get_by_label("Nama peserta")).to_be_visible()
    expect(first.get_by_label("Jenis kelamin")).to_be_visible()
    page.get_by_label("Cari di daftar warga").fill("siti")
    choice = page.locator("#register-results button").filter(has_text="Siti Aminah")
    expect(choice).to_contain_text("NIK 5201**********03")
    choice.click()
    expect(first.get_by_label("Nama peserta")).to_have_value("Siti Aminah")
    expect(first.get_by_label("Jenis kelamin")).to_have_value("P")
    second = page.locator(".attendee-row").nth(1)
    second.get_by_label("Nama peserta").fill("Lalu Ahmad")
    second.get_by_label("Jenis kelamin").select_option("L")
    page.get_by_role("button", name="Simpan").click()

    expect(page).to_have_url(re.compile(rf"/wilayah/{re.escape(BAJUR)}/rapat/\d+/$"))
    expect(page.get_by_role("cell", name="Siti Aminah")).to_be_visible()
    expect(page.get_by_text("Pemilihan BKM")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Berita acara (DOCX)").click()
    document = Document(str(download.value.path()))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Siti Aminah" in cells and "Lalu Ahmad" in cells
    assert not browser_log.unexpected(), browser_log
    page.screenshot(path="var/screenshots/meeting_attendance_phone.png", full_page=True)


def test_step_buttons_match_the_role(phone, live_server, bajur_enrolled):
    page, base = phone, live_server.url
    step_url = f"{base}/wilayah/{BAJUR}/siklus/sosialisasi/"
    log_in(page, base, "fasilitator.bajur")
    page.goto(step_url)
    expect(page.get_by_role("button", name=re.compile("Tanda tangani"))).to_have_count(0)
    complete = page.get_by_role("button", name="Selesaikan langkah")
    expect(complete).to_be_disabled()
    expect(page.locator("#complete-blockers")).to_contain_text("Tanda tangan belum lengkap")
    page.screenshot(path="var/screenshots/step_buttons_phone.png", full_page=True)

    log_in(page, base, "bkm.bajur")
    page.goto(step_url)
    page.get_by_role("button", name="Tanda tangani: Diserahkan oleh").click()
    expect(page.get_by_role("alert").filter(has_text="Tanda tangan tercatat.")).to_be_visible()
    # The next sign-off is the village apparatus's, so the BKM is offered none.
    expect(page.get_by_role("button", name=re.compile("Tanda tangani"))).to_have_count(0)


def test_menu_and_village_home_lead_to_the_cycle(phone, live_server, bajur_enrolled):
    page, base = phone, live_server.url
    log_in(page, base, "bkm.bajur")
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("button", name="Tahap PLPBK").or_(
        page.get_by_role("link", name="Tahap PLPBK")
    ).click()
    page.get_by_role("link", name="Siklus Bajur").click()
    expect(page).to_have_url(re.compile(rf"/wilayah/{re.escape(BAJUR)}/siklus/$"))
    expect(page.locator('a[href="/api/docs/"]')).to_have_count(1)

    page.goto(f"{base}/wilayah/{BAJUR}/")
    status = page.locator(".village-status")
    expect(status).to_contain_text("Langkah sekarang:")
    expect(status).to_contain_text("Sosialisasi dan lokakarya")
    expect(page.locator("#village-map-legend")).to_contain_text("Batas RW")
    page.screenshot(path="var/screenshots/village_home_status_phone.png", full_page=True)

    page.goto(f"{base}/wilayah/{BAJUR}/pemetaan/")
    tabs = page.locator(".mapping-tabs a")
    count = tabs.count()
    page.goto(f"{base}/wilayah/{BAJUR}/pemetaan/peta/")
    expect(page.locator(".mapping-tabs a")).to_have_count(count)
    expect(page.locator("#map-legend")).to_contain_text("Masalah")

    log_in(page, base, "warga.bajur")
    expect(page.locator('a[href="/api/docs/"]')).to_have_count(0)
