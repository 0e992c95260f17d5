"""Money as the UPK lives it on a phone: Bajur's demo year is in the books; the UPK posts a
payment with its receipt photo, sees it on its voucher page and downloads the Buku Kas Umum as
XLSX; a resident sees the totals but no books."""

import io
import re

import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.finance import demo as finance_demo
from tridaya.finance.models import Voucher
from tridaya.institutions import demo as institutions_demo
from tridaya.regions.demo import BAJUR

pytestmark = [pytest.mark.browser]


@pytest.fixture
def bajur_money(demo_data, settings, tmp_path):
    """Bajur's demo institutions and money (the ledger's append-only tables are emptied at
    teardown by finance's `flush`, which lifts their guards for that moment only)."""
    settings.MEDIA_ROOT = tmp_path
    institutions_demo.seed(lambda _m: None)
    finance_demo.seed(lambda _m: None)


def log_in(page, base_url: str, username: str) -> None:
    page.set_default_timeout(60_000)  # the shared 2-core machine can be slow; no sleeps here
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def receipt(tmp_path):
    path = tmp_path / "nota-paku.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (240, 240, 230)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_upk_posts_a_payment_and_finds_it_in_the_books(
    page, live_server, bajur_money, browser_log, tmp_path
):
    base = live_server.url
    log_in(page, base, "upk.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Keuangan").first.click()
    expect(page.get_by_text("Dana BLM diterima")).to_be_visible()
    page.get_by_role("link", name="Bukukan bukti").click()

    page.get_by_label("Jenis bukti").select_option(label="Bukti Kas Keluar")
    page.get_by_label("Tanggal").fill("2026-11-20")
    page.get_by_label("Uraian").fill("Paku 5 kg untuk bekisting")
    page.get_by_label("Foto/pindaian kuitansi").set_input_files(str(receipt(tmp_path)))
    page.get_by_label("Akun baris 1").select_option(label="5101 Biaya bahan")
    page.get_by_label("Debit baris 1").fill("Rp 85.000")
    # Paid from the joint bank account, which holds tranche I (the demo's KSM advances are
    # opened later, by releases against the KSMs' proposals).
    bank = page.get_by_label("Akun baris 2").locator("option", has_text="Bank BKM")
    page.get_by_label("Akun baris 2").select_option(bank.first.get_attribute("value"))
    page.get_by_label("Kredit baris 2").fill("85.000")
    page.get_by_role("button", name="Bukukan", exact=True).click()

    voucher = Voucher.objects.get(description="Paku 5 kg untuk bekisting")
    expect(page.get_by_role("heading", name=voucher.display_number)).to_be_visible()
    expect(page.get_by_role("link", name="Lihat kuitansi")).to_be_visible()

    page.goto(f"{base}/wilayah/{BAJUR}/keuangan/buku/kas-umum/?tahun=2026")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX").click()
    with open(download.value.path(), "rb") as workbook:
        sheet = load_workbook(io.BytesIO(workbook.read())).active
    assert sheet["A1"].value == "Buku Kas Umum"
    assert browser_log.unexpected() == []


def test_resident_sees_totals_only(page, live_server, bajur_money):
    base = live_server.url
    log_in(page, base, "warga.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/keuangan/")
    expect(page.get_by_text("Dana BLM diterima")).to_be_visible()
    expect(page.get_by_role("link", name="Buku Kas Umum")).to_have_count(0)
    page.goto(f"{base}/wilayah/{BAJUR}/keuangan/buku/kas-umum/")
    expect(page.get_by_text("Dana BLM diterima")).to_have_count(0)
