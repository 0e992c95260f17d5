"""Capacity building as a facilitator lives it on a phone: a training for Bajur's BKM, UP-UP and
apparatus on the six core modules is created, its participants picked from the village's
institutions, attendance recorded for every session (both UPL staff miss the BLM funding
session), pre-test and post-test scores typed in for every participant, the gain chart drawn;
the training is closed, a certificate PDF downloaded and checked, and the capacity map shows the
gap that remains."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.institutions import demo as institutions_demo
from tridaya.regions.demo import BAJUR
from tridaya.training.models import Certificate, Training

pytestmark = [pytest.mark.browser]

CORE_TITLES = [
    "Konsep PLPBK dan Tridaya",
    "Peran dan tanggung jawab pelaku",
    "Siklus PLPBK",
    "Pemetaan swadaya",
    "Penyusunan rencana: RPP, RPLP dan RTPLP",
    "Pendanaan BLM: pencairan, penggunaan dan LPJ",
]


@pytest.fixture
def bajur_institutions(demo_data):
    """The demo people and institutions of Bajur and Terong Tawah (BKM, UP-UP, TIPP, KSM...)."""
    institutions_demo.seed(lambda _message: None)


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def saved(page, text: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=text)).to_be_visible()


def test_facilitator_runs_a_training_and_sees_the_remaining_gap(
    page, live_server, bajur_institutions, browser_log
):
    base = live_server.url
    log_in(page, base, "fasilitator.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Pelatihan").first.click()
    page.get_by_role("link", name="Buat pelatihan").click()

    # The six core modules are proposed; the facilitator fills in the rest.
    for title in CORE_TITLES:
        expect(page.get_by_label(re.compile(re.escape(title)))).to_be_checked()
    page.get_by_label("Judul pelatihan").fill("Pelatihan Dasar PLPBK Desa Bajur")
    page.get_by_label("Tanggal mulai").fill("2026-04-07")
    page.get_by_label("Tanggal selesai").fill("2026-04-10")
    page.get_by_label(re.compile(r"^Tempat\b")).fill("Aula Kantor Desa Bajur")
    page.get_by_label("Biaya dari program (Rp)").fill("7.500.000")
    page.get_by_label("Biaya swadaya (Rp)").fill("1.250.000")
    page.get_by_role("button", name="Simpan").click()
    saved(page, "Pelatihan dibuat")

    # Participants from the village's institutions: BKM, UP-UP and apparatus.
    page.wait_for_load_state()
    for group in ("bkm", "upk", "upl", "ups", "aparat"):
        page.locator(f'[data-check-all="pick-{group}-ui"]').click()
    page.get_by_role("button", name="Tambahkan yang dipilih").click()
    saved(page, "18 peserta ditambahkan.")
    rows = page.locator("#participants tbody tr")
    expect(rows).to_have_count(18)
    upl_names = [
        row.locator("td").first.inner_text().split("\n")[0].rsplit(" ", 1)[0]
        for row in rows.filter(has_text="UPL").all()
    ]
    assert len(upl_names) == 2

    # Attendance of the six sessions; both UPL staff miss the last one (BLM funding).
    page.get_by_role("link", name="Sesi dan kehadiran").click()
    expect(page.locator("#sessions .list-group-item")).to_have_count(6)
    for number in range(6):
        page.locator("#sessions").get_by_role("link", name="Kehadiran").nth(number).click()
        expect(page).to_have_url(re.compile(r"/kehadiran/$"))
        page.wait_for_load_state()  # the "check all" button works once its script has run
        page.get_by_role("button", name="Centang semua").click()
        if number == 5:
            for name in upl_names:
                page.get_by_label(re.compile(re.escape(name))).uncheck()
        page.get_by_role("button", name="Simpan kehadiran").click()
        saved(page, "Kehadiran sesi tersimpan")
    badges = page.locator("#sessions .badge")
    expect(badges).to_have_text(["18/18 hadir"] * 5 + ["16/18 hadir"])

    # Pre-test and post-test scores for every participant of every module.
    page.get_by_role("link", name="Nilai", exact=True).click()
    for number, title in enumerate(CORE_TITLES):
        page.locator("#module-scores").get_by_role("link", name="Isi nilai").nth(number).click()
        expect(page.get_by_role("heading", name=f"Nilai modul: {title}")).to_be_visible()
        inputs = page.locator("#score-form input[name^='pre-']")
        for index in range(inputs.count()):
            pid = inputs.nth(index).get_attribute("name").split("-")[1]
            page.locator(f"input[name='pre-{pid}']").fill(str(40 + index))
            page.locator(f"input[name='post-{pid}']").fill(str(70 + index))
        page.get_by_role("button", name="Simpan nilai").click()
        saved(page, "Nilai")

    # The gain chart is drawn and its table says pre 48,5 and post 78,5 for every module.
    expect(page.locator("#gain-chart")).to_have_attribute("data-ready", "1")
    table = page.locator("#gain-table")
    for title in CORE_TITLES:
        expect(table.locator("tr", has_text=title)).to_contain_text("48,5")
        expect(table.locator("tr", has_text=title)).to_contain_text("78,5")
    expect(page.locator("#group-scores tfoot")).to_contain_text("30,0")

    # Closing issues the certificates; the PDF carries the name and the verification code.
    page.get_by_role("link", name="Ringkasan").click()
    page.get_by_role("button", name="Selesaikan dan terbitkan sertifikat").click()
    saved(page, "Pelatihan selesai; 18 sertifikat terbit.")
    page.get_by_role("link", name="Sertifikat", exact=True).click()
    link = page.locator("#certificates").get_by_role("link", name=re.compile(r"\(PDF\)$")).first
    holder = re.sub(r"^Sertifikat | \(PDF\)$", "", link.inner_text().strip())
    with page.expect_download() as download_info:
        link.click()
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(download_info.value.path()).pages
    )
    certificate = Certificate.objects.get(holder_name=holder)
    assert holder in text and certificate.display_code in text
    assert "Pelatihan Dasar PLPBK Desa Bajur" in text and "7-10 April 2026" in text

    # The public check confirms it.
    page.goto(f"{base}/sertifikat/?kode={certificate.display_code.lower()}")
    expect(page.locator("#verify-result")).to_contain_text("Sertifikat sah dan berlaku.")

    # The capacity map: the BKM is fully trained, and the UPL gap on BLM funding remains.
    page.goto(f"{base}/wilayah/{BAJUR}/pelatihan/kapasitas/")
    gaps = page.locator("#gaps")
    expect(gaps).to_contain_text(
        "Belum ada anggota UPL yang menyelesaikan modul Pendanaan BLM: pencairan, penggunaan "
        "dan LPJ."
    )
    matrix = page.locator("#capacity-matrix")
    expect(matrix.locator('td[data-group="bkm"][data-module="pendanaan_blm"]')).to_have_text("9/9")
    expect(matrix.locator('td[data-group="upl"][data-module="pendanaan_blm"]')).to_have_text("0/2")
    expect(matrix.locator('td[data-group="upl"][data-module="konsep_plpbk"]')).to_have_text("2/2")
    page.screenshot(path="var/screenshots/training_capacity.png", full_page=True)
    assert Training.objects.get().status == "done"
    assert not browser_log.unexpected(), str(browser_log)
