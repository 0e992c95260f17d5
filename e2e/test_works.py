"""Works on a phone: a KSM of Desa Bajur reports weekly progress with a photo, the facilitator
returns it with a reason, the KSM adds a better photo and submits again, the facilitator
approves it, and the package's S-curve shows the approved progress."""

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from tridaya.accounts.models import User
from tridaya.core.demo import DEMO_PASSWORD
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import Region
from tridaya.works.photos import jpeg_with_exif
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import LAT, LON, package

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]


@pytest.fixture
def work(demo_data):
    village = Region.objects.get(code=BAJUR)
    ksm = ksm_with(village, name="KSM Saluran Bersih")
    made = package(village, ksm=ksm)
    reporter_add(actor=None, ksm=ksm, user=User.objects.get(username="ksm.bajur"))
    return made


def _log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def _photo(tmp_path, name: str, minute: int):
    path = tmp_path / name
    path.write_bytes(jpeg_with_exif(LON, LAT, dt.datetime(2026, 3, 10, 9, minute)))
    return str(path)


def test_ksm_reports_facilitator_returns_then_approves_and_the_curve_moves(
    page, live_server, browser_log, work, tmp_path
):
    base = live_server.url
    page.set_default_navigation_timeout(60_000)  # a shared, busy machine
    url = f"{base}/wilayah/{BAJUR}/pembangunan/{work.pk}/"
    _log_in(page, base, "ksm.bajur")
    page.goto(url)
    expect(page.locator("[data-figure=physical]")).to_have_text("0%")
    form = page.locator("#progress-form")
    form.get_by_label(re.compile(r"^Tanggal")).fill("2026-03-10")
    form.get_by_label(re.compile(r"^Progres fisik")).fill("30")
    form.get_by_label(re.compile(r"^Foto")).set_input_files(_photo(tmp_path, "a.jpg", 10))
    form.get_by_label(re.compile(r"^Slot bukti")).select_option("0")
    form.get_by_label(re.compile(r"^Langsung ajukan")).check()
    form.get_by_role("button", name="Simpan progres").click()
    entry = page.locator("[data-status]").first
    expect(entry).to_have_attribute("data-status", "diajukan")

    _log_in(page, base, "fasilitator.bajur")
    page.goto(url)
    entry = page.locator("[data-status=diajukan]").first
    entry.get_by_label(re.compile(r"^Alasan dikembalikan")).fill(
        "Foto belum menunjukkan galian saluran, ambil dari ujung gang"
    )
    entry.get_by_role("button", name="Kembalikan").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "dikembalikan")

    _log_in(page, base, "ksm.bajur")
    page.goto(url)
    entry = page.locator("[data-status=dikembalikan]").first
    expect(entry).to_contain_text("ambil dari ujung gang")
    entry.get_by_label(re.compile(r"^Foto")).set_input_files(_photo(tmp_path, "b.jpg", 40))
    entry.get_by_role("button", name="Tambah foto").click()
    page.locator("[data-status=dikembalikan]").first.get_by_role(
        "button", name="Ajukan ke fasilitator"
    ).click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "diajukan")

    _log_in(page, base, "fasilitator.bajur")
    page.goto(url)
    page.locator("[data-status=diajukan]").first.get_by_role("button", name="Setujui").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "disetujui")
    expect(page.locator("[data-figure=physical]")).to_have_text("30%")
    curve = page.locator("#works-scurve")
    expect(curve).to_have_attribute("data-actual", re.compile("30"))
    assert 30 in json.loads(curve.get_attribute("data-actual"))
    assert not browser_log.unexpected(), str(browser_log)


def test_ksm_imports_a_kobo_export_of_the_progress_form_on_a_phone(
    page, live_server, browser_log, work, tmp_path, settings
):
    """The KSM downloads the village's XLSForm, uploads the ZIP that KoBoToolbox exported with
    the photo, sees the import report, and the package shows the submitted claim."""
    import io
    import zipfile

    from tridaya.mapping.importers import samples
    from tridaya.works.fieldform import package_choice_name

    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    page.set_default_navigation_timeout(60_000)
    _log_in(page, base, "ksm.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/pembangunan/")
    page.get_by_role("link", name="Laporan progres lewat KoboCollect / ODK Collect").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh formulir XLSForm desa ini").click()
    assert download.value.suggested_filename == "tridaya_progres_pembangunan_5201082006.xlsx"
    header = [
        "progress/package",
        "progress/date",
        "progress/percent",
        "progress/slot",
        "progress/photo",
        "progress/note",
        "progress/submit",
        "meta/instanceID",
        "_uuid",
    ]
    row = [package_choice_name(work.pk), "2026-03-10", "20", "0", "galian.jpg",
           "galian selesai", "ya", "uuid:e2e-1", "e2e-1"]  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("ekspor.csv", samples.csv_bytes(header, [row], delimiter=";"))
        archive.writestr("e2e-1/galian.jpg", jpeg_with_exif(LON, LAT, dt.datetime(2026, 3, 10, 9)))
    export = tmp_path / "ekspor.zip"
    export.write_bytes(out.getvalue())
    form = page.locator("#import-form")
    form.get_by_label(re.compile(r"^Ekspor KoBoToolbox")).set_input_files(str(export))
    form.get_by_role("button", name="Impor").click()
    expect(page.locator("[data-batch]")).to_have_attribute("data-batch", "imported")
    expect(page.locator("[data-batch]")).to_contain_text("1 progres baru")
    page.goto(f"{base}/wilayah/{BAJUR}/pembangunan/{work.pk}/")
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "diajukan")
    assert not browser_log.unexpected(), str(browser_log)
