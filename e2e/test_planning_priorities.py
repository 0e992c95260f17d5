"""Prioritisation and kawasan prioritas as the TIPP lives them on a phone: it scores the mapped
problems, opens the vote, enters the paper ballots of the musyawarah and closes the vote (the
result is frozen and shows its arithmetic); then it draws the kawasan prioritas on the map, sees
its indicators, records the Permen PUPR 02/2016 criteria and chooses it."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tridaya.core.demo import DEMO_PASSWORD
from tridaya.cycle import services as cycle_services
from tridaya.cycle.models import MeetingKind
from tridaya.cycle.services import MeetingInput
from tridaya.mapping.models import GeometryKind, Problem, ProblemKind, Sector
from tridaya.planning.models import PriorityArea, PriorityRound, RoundStatus
from tridaya.planning.services import priorities as prio
from tridaya.regions.demo import BAJUR
from tridaya.regions.models import RT, Region

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo_data")]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


def _problem(village, rt, title, *, households, poor, severity):
    lon, lat = _centre(rt)
    return Problem.objects.create(
        village=village,
        rt=rt,
        kind=ProblemKind.PROBLEM,
        domain="L",
        sector=Sector.DRAINAGE,
        title=title,
        severity=severity,
        households_affected=households,
        poor_households_affected=poor,
        geometry={"type": "Point", "coordinates": [lon, lat]},
        geometry_kind=GeometryKind.POINT,
    )


def _centre(rt):
    ring = rt.boundary["coordinates"][0]
    return (sum(p[0] for p in ring[:-1]) / 4, sum(p[1] for p in ring[:-1]) / 4)


@pytest.fixture
def draft_round(demo_data):
    """A round in draft for Bajur: two criteria, three mapped problems, the musyawarah."""
    village = Region.objects.get(code=BAJUR)
    rts = {(rt.rw.number, rt.number): rt for rt in RT.objects.filter(village=village)}
    problems = [
        _problem(village, rts[(3, 2)], "Banjir RT 02", households=40, poor=30, severity=5),
        _problem(village, rts[(2, 1)], "Jalan rusak RT 01", households=20, poor=6, severity=3),
        _problem(village, rts[(4, 1)], "Sampah di saluran", households=12, poor=9, severity=4),
    ]
    meeting = cycle_services.meeting_record(
        actor=None,
        village=village,
        step=None,
        data=MeetingInput(
            kind=MeetingKind.MUSYAWARAH,
            title="Musyawarah prioritas",
            agenda="Penentuan prioritas",
            held_on=dt.date(2026, 9, 10),
            place="Aula Kantor Desa Bajur",
            men=30,
            women=25,
            poor=12,
        ),
    )
    round_ = prio.round_create(
        actor=None,
        village=village,
        title="Prioritas 2026",
        meeting=meeting,
        criteria=[
            prio.CriterionInput("Urgensi", 60, key="urgensi"),
            prio.CriterionInput("KK miskin", 40, "poor_households", key="miskin"),
        ],
    )
    prio.options_add_problems(actor=None, round_=round_, problems=problems)
    return round_


def log_in(page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base_url}/akun/masuk/")
    page.get_by_label(re.compile(r"^Nama pengguna\b")).fill(username)
    page.get_by_label(re.compile(r"^Sandi\b")).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_role("heading", name="Wilayah kerja Anda")).to_be_visible()


def score(page, option: str, criterion: str, value: int) -> None:
    page.get_by_role("group", name=option).get_by_label(criterion).fill(str(value))


def test_tipp_scores_votes_closes_and_defines_the_kawasan(
    page, live_server, draft_round, browser_log
):
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # "Tutup putaran?" confirmations
    log_in(page, base, "tipp.bajur")
    page.goto(f"{base}/wilayah/{BAJUR}/")
    page.get_by_role("link", name="Prioritas").first.click()
    page.get_by_role("link", name="Prioritas 2026").click()

    # Scores: KK miskin filled from the mapping data, Urgensi typed in by the TIPP.
    page.get_by_role("link", name="Isi nilai").click()
    page.get_by_role("button", name="Isi dari data pemetaan").click()
    expect(page.get_by_role("alert")).to_contain_text("3 nilai diisi dari data pemetaan.")
    # ceil(5 × 30/30) = 5, ceil(5 × 6/30) = 1, ceil(5 × 9/30) = 2
    expect(
        page.get_by_role("group", name="2. Jalan rusak RT 01").get_by_label("KK miskin")
    ).to_have_value("1")
    score(page, "1. Banjir RT 02", "Urgensi", 5)
    score(page, "2. Jalan rusak RT 01", "Urgensi", 4)
    score(page, "3. Sampah di saluran", "Urgensi", 3)
    page.get_by_role("button", name="Simpan nilai").click()
    weighted = page.locator("#weighted-result")
    expect(weighted).to_contain_text("60%×5 + 40%×5 = 5,00")
    expect(weighted).to_contain_text("60%×4 + 40%×1 = 2,80")
    expect(weighted).to_contain_text("60%×3 + 40%×2 = 2,60")

    # The vote: Borda over three options; paper ballots from the musyawarah.
    page.get_by_role("button", name="Buka pemungutan suara").click()
    expect(page.get_by_role("alert")).to_contain_text("Pemungutan suara dibuka.")
    page.get_by_role("link", name="Surat suara").click()
    page.get_by_label("Urutan ke-1").last.select_option(label="Sampah di saluran")
    page.get_by_label("Urutan ke-2").last.select_option(label="Banjir RT 02")
    page.get_by_label("Jumlah lembar yang sama").fill("20")
    page.get_by_role("button", name="Masukkan surat suara kertas").click()
    expect(page.get_by_role("alert")).to_contain_text("20 surat suara kertas dimasukkan.")
    page.get_by_label("Urutan ke-1").last.select_option(label="Banjir RT 02")
    page.get_by_label("Urutan ke-2").last.select_option(label="Sampah di saluran")
    page.get_by_label("Jumlah lembar yang sama").fill("20")
    page.get_by_role("button", name="Masukkan surat suara kertas").click()
    expect(page.locator("#paper-ballots tbody tr")).to_have_count(2)
    page.get_by_role("link", name="Prioritas 2026").click()

    # 20 × (Sampah 2, Banjir 1) + 20 × (Banjir 2, Sampah 1): both 60 points, 20 first places
    # each; the tie goes to more poor households: Banjir (30) before Sampah (9).
    result = page.locator("#vote-result")
    expect(result).to_contain_text("20×2 + 20×1 = 60")
    expect(result).to_contain_text("seri; diputus oleh KK miskin terdampak (30 lawan 9)")
    expect(page.locator("#tie-rule")).to_contain_text("lebih banyak KK miskin")
    page.get_by_role("button", name="Tutup dan bekukan hasil").click()
    expect(page.get_by_role("alert").first).to_contain_text("Putaran ditutup; hasilnya dibekukan.")
    expect(page.locator("#recount")).to_contain_text("hasilnya sama dengan yang dibekukan")
    expect(page.locator("#round-actions")).to_have_count(0)
    first = result.locator("tbody tr").first
    expect(first).to_contain_text("Banjir RT 02")
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.CLOSED
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "priorities_round_closed.png"), full_page=True)

    # The kawasan prioritas, drawn on the map by tapping its corners.
    page.get_by_role("link", name="Kawasan prioritas").first.click()
    page.get_by_role("link", name="Gambar kawasan").click()
    drawing = page.locator("#kawasan-map")
    expect(drawing).to_have_class(re.compile(r"\bleaflet-container\b"))
    box = drawing.bounding_box()
    for fx, fy in ((0.55, 0.35), (0.75, 0.35), (0.75, 0.55), (0.55, 0.55)):
        page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    expect(drawing).to_have_attribute("data-points", "4")
    page.get_by_role("button", name="Selesai").click()
    expect(page.get_by_label("Batas kawasan *")).to_have_value(re.compile(r'"type": ?"Polygon"'))
    page.get_by_label("Nama kawasan *").fill("Kawasan Bajur Selatan")
    page.get_by_role("button", name="Simpan dan hitung indikator").click()
    expect(page.get_by_role("alert")).to_contain_text("Kawasan disimpan; indikatornya dihitung.")
    expect(page.locator("#area-rts tbody tr").first).to_contain_text("RW 03")
    expect(page.locator("#indicators")).to_contain_text("ha")

    # The three criteria of Permen PUPR 02/2016, then the choice.
    panel = page.locator("#criteria-panel")
    panel.get_by_label("Kondisi kekumuhan: alasan").fill("Genangan tiap musim hujan.")
    panel.get_by_label("Status penguasaan lahan").select_option("jelas")
    panel.get_by_label("Kesesuaian dengan RTRW").select_option("sesuai")
    panel.get_by_label("Legalitas lahan: alasan").fill("Lahan milik warga bersertifikat.")
    panel.get_by_label("Nilai strategis lokasi").select_option("tinggi")
    panel.get_by_label("Potensi sosial, ekonomi dan budaya").select_option("sedang")
    panel.get_by_label("Pertimbangan lain: alasan").fill("Dekat pasar desa, padat penduduk.")
    panel.get_by_role("button", name="Simpan kriteria").click()
    expect(page.get_by_role("alert")).to_contain_text("Kriteria pemilihan lokasi disimpan.")
    choose = page.locator("#choose-panel")
    choose.get_by_label("Alasan penetapan").fill(
        "Disepakati musyawarah: masalah prioritas pertama."
    )
    choose.get_by_label("Ditetapkan dalam pertemuan").select_option(
        label="Musyawarah prioritas (10-09-2026)"
    )
    choose.get_by_role("button", name="Tetapkan kawasan").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Kawasan ditetapkan sebagai kawasan prioritas."
    )
    expect(page.locator("#area-status")).to_have_text("Ditetapkan")
    expect(page.locator("#decision")).to_contain_text("Musyawarah prioritas")
    area = PriorityArea.objects.get()
    assert area.is_chosen and area.land_is_legal is True
    page.get_by_role("link", name="Kawasan prioritas").first.click()
    expect(page.locator("#comparison")).to_contain_text("Kawasan Bajur Selatan")
    expect(page.locator("#kawasan-map")).to_have_attribute("data-features", re.compile(r"^\d+$"))
    assert not browser_log.unexpected(), str(browser_log)
    page.screenshot(path=str(SCREENSHOTS / "kawasan_chosen.png"), full_page=True)
    assert PriorityRound.objects.get().result["vote"]["ballots"] == 40
