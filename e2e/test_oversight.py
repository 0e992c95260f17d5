"""Complaints on a phone: an anonymous resident of Desa Bajur files a complaint with a photo and
gets a tracking code; the BKM answers; the deadline passes and the job escalates it (a frozen
clock: the job is given the moment); the korkot resolves it; the resident sees every step on the
status page."""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.oversight.models import Complaint
from tridaya.oversight.services import escalate_overdue
from tridaya.oversight.tests.factories import jpeg_with_exif
from tridaya.regions.demo import BAJUR

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]


def _log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def _handle(page, base: str, complaint: Complaint, section: str, fields: dict) -> None:
    page.goto(f"{base}/wilayah/{BAJUR}/pengaduan/{complaint.pk}/")
    page.locator("summary", has_text=section).click()
    form = page.locator("details[open] form")
    for label, value in fields.items():
        control = form.get_by_label(re.compile(rf"^{label}"))
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    form.get_by_role("button").click()
    expect(page.locator("h1")).to_contain_text(complaint.code_display)


def test_anonymous_complaint_answered_escalated_and_resolved(
    page, live_server, browser_log, tmp_path, monkeypatch
):
    base = live_server.url
    page.set_default_navigation_timeout(60_000)
    photo = tmp_path / "retak.jpg"
    photo.write_bytes(jpeg_with_exif().read())
    page.goto(f"{base}/wilayah/{BAJUR}/pengaduan/baru/")
    page.get_by_label(re.compile(r"^Isi pengaduan")).fill(
        "Saluran di RT 02 retak dua minggu setelah selesai."
    )
    page.get_by_label(re.compile(r"^Foto")).set_input_files(str(photo))
    # The map-point picker: a tap on the map marks where the problem is.
    page.locator("#complaint-map").click()
    expect(page.locator("#complaint-map-status")).to_contain_text("Titik dipilih")
    page.screenshot(path=str(tmp_path / "complaint-form.png"), full_page=True)
    if shot := os.environ.get("TRIDAYA_SCREENSHOT_DIR"):
        page.screenshot(path=f"{shot}/complaint-form.png", full_page=True)
    page.get_by_role("button", name="Kirim pengaduan").click()
    code = page.locator("[data-tracking-code]").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-TV-Z]{5}-[2-9A-HJ-NP-TV-Z]{5}", code)
    complaint = Complaint.objects.get()
    assert complaint.photos.count() == 1 and complaint.name == ""
    assert complaint.latitude is not None and complaint.longitude is not None

    _log_in(page, base, "bkm.bajur")
    _handle(
        page,
        base,
        complaint,
        "Catat langkah",
        {"Langkah": "jawaban", "Catatan": "Kami cek bersama KSM minggu ini."},
    )
    # The clock moves on (server and job alike): the BKM's deadline passes, then the facilitator's.
    real_now = timezone.now
    for days in (4, 8):
        monkeypatch.setattr(timezone, "now", lambda d=days: real_now() + dt.timedelta(days=d))
        escalate_overdue()
        assert escalate_overdue() == []  # a rerun at the same moment changes nothing
    complaint.refresh_from_db()
    assert complaint.level == 3

    _log_in(page, base, "korkot.lobar")
    _handle(
        page,
        base,
        complaint,
        "Selesaikan",
        {"Hasil": "selesai", "Penyelesaian": "KSM memperbaiki retakan; diperiksa korkot."},
    )

    complaint.refresh_from_db()
    assert complaint.status == "selesai", page.locator("main").inner_text()
    page.context.clear_cookies()
    page.goto(f"{base}/pengaduan/lacak/")
    page.get_by_label(re.compile(r"^Kode lacak")).fill(code.lower())
    page.get_by_role("button", name="Lacak").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "selesai")
    steps = page.locator("[data-step]")
    expect(steps).to_have_count(5)
    kinds = [steps.nth(i).get_attribute("data-step") for i in range(5)]
    assert kinds == ["diterima", "jawaban", "dinaikkan", "dinaikkan", "selesai"]
    expect(page.get_by_text("KSM memperbaiki retakan")).to_have_count(2)
    assert not browser_log.unexpected(), browser_log
