"""The RKM step as a facilitator lives it on a phone: the meeting is recorded with too few women,
the step refuses to complete and says why; after the correction and the three sign-offs the step
is done, the next one opens, and the berita acara PDF carries the village and the date."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tridaya.accounts.models import User
from tridaya.core.demo import DEMO_PASSWORD
from tridaya.cycle import services
from tridaya.cycle.models import SIGNOFF_ORDER
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]

STEP_URL = f"/wilayah/{BAJUR}/siklus/rkm/"


@pytest.fixture
def at_rkm(demo_data):
    """Bajur enrolled, with its first step (socialisation) already done."""
    cycle = enrolled(Region.objects.get(code=BAJUR))
    first = cycle.steps.get(code="sosialisasi")
    facilitator = User.objects.get(username="fasilitator.bajur")
    services.meeting_record(actor=facilitator, village=cycle.village, step=first,
                            data=meeting_input(kind="lokakarya"))  # fmt: skip
    signers = ["bkm.bajur", "aparat.bajur", "fasilitator.bajur"]
    for kind, username in zip(SIGNOFF_ORDER, signers, strict=True):
        services.signoff_give(actor=User.objects.get(username=username), step=first, kind=kind)
    services.step_complete(actor=facilitator, step=first)
    return cycle


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def fill_counts(page, men: int, women: int) -> None:
    page.get_by_label("Laki-laki", exact=True).fill(str(men))
    page.get_by_label("Perempuan", exact=True).fill(str(women))


def sign(page, base_url: str, username: str, label: str) -> None:
    log_in(page, base_url, username)
    page.goto(base_url + STEP_URL)
    page.get_by_role("button", name=f"Tanda tangani: {label}").click()
    expect(page.get_by_role("alert").filter(has_text="Tanda tangan tercatat.")).to_be_visible()


def test_rkm_step_refuses_then_completes_and_prints_its_berita_acara(page, live_server, at_rkm):
    base = live_server.url
    log_in(page, base, "fasilitator.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/siklus/")
    page.get_by_role("link", name="Rembug Kesiapan Masyarakat (RKM)").first.click()
    page.get_by_role("link", name="Catat pertemuan").click()

    expect(page.get_by_label("Jenis pertemuan")).to_have_value("rkm")
    page.get_by_label("Tanggal").fill("2026-03-05")
    page.get_by_label("Tempat").fill("Masjid Nurul Huda")
    page.get_by_label("Agenda").fill("Kesiapan warga mengikuti PLPBK")
    fill_counts(page, men=40, women=10)
    page.get_by_label("Keputusan (satu per baris)").fill("Warga Desa Bajur siap mengikuti PLPBK.")
    page.get_by_role("button", name="Simpan").click()
    # Saved: the meeting's own page, with its berita acara and the way back to the step.
    expect(page.get_by_role("link", name="Berita acara (PDF)")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Langkah: ")).click()

    gates = page.locator("#gates")
    expect(gates).to_contain_text("Perempuan 10 dari 50 peserta (20%), kurang dari minimal 30%.")
    # The gate fails: the button is disabled and says why.
    expect(page.get_by_role("button", name="Selesaikan langkah")).to_be_disabled()
    expect(page.locator("#complete-blockers")).to_contain_text("Perempuan 10 dari 50 peserta (20%)")
    expect(page.locator(".badge").first).to_have_text("Berjalan")

    page.get_by_role("link", name=re.compile("Rembug Kesiapan Masyarakat")).last.click()
    page.get_by_role("link", name="Ubah").click()
    fill_counts(page, men=30, women=20)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name=re.compile("^Langkah: ")).click()
    expect(gates).to_contain_text("Perempuan 20 dari 50 peserta (40%), minimal 30%.")

    sign(page, base, "bkm.bajur", "Diserahkan oleh")
    sign(page, base, "aparat.bajur", "Diketahui oleh")
    sign(page, base, "fasilitator.bajur", "Diverifikasi oleh")
    page.get_by_role("button", name="Selesaikan langkah").click()
    expect(page.get_by_role("alert").filter(has_text="Langkah selesai")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Selesai")

    page.goto(f"{base}/wilayah/{BAJUR}/siklus/")
    current = page.locator(".card.border-warning")
    expect(current).to_contain_text("Pembentukan TIPP")

    page.goto(f"{base}/wilayah/{BAJUR}/rapat/")
    page.get_by_role("link", name=re.compile("Rembug Kesiapan Masyarakat")).first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Berita acara (PDF)").click()
    pdf = download_info.value
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf.path()).pages)
    assert "Desa Bajur" in text
    assert "tanggal lima bulan Maret tahun dua ribu dua puluh enam (5 Maret 2026)" in text
    assert "Perempuan 20" in text
    page.screenshot(path="var/screenshots/rkm_meeting.png", full_page=True)
