import io

import pytest
from docx import Document
from pypdf import PdfReader

from tridaya.cycle import services
from tridaya.cycle.models import SignOffKind, StepStatus
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.regions.tests.factories import BAJUR, FAR_VILLAGE, TERONG_TAWAH


@pytest.fixture
def cycles(bajur, terong_tawah, far_village):
    return {
        code: enrolled(region)
        for code, region in (
            (BAJUR, bajur),
            (TERONG_TAWAH, terong_tawah),
            (FAR_VILLAGE, far_village),
        )
    }


@pytest.mark.django_db
def test_timeline_shows_stages_current_step_and_blockers(client, cycles):
    page = client.get(f"/wilayah/{BAJUR}/siklus/").content.decode()
    assert "Persiapan" in page and "Keberlanjutan" in page
    assert "Langkah berjalan" in page and "Sosialisasi dan lokakarya" in page
    assert "Belum ada Lokakarya yang tercatat untuk langkah ini." in page


@pytest.mark.django_db
def test_timeline_query_count_is_constant(client, cycles, django_assert_num_queries):
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    with django_assert_num_queries(7):
        client.get(f"/wilayah/{BAJUR}/siklus/")
    for n in range(4):
        services.meeting_record(
            actor=None,
            village=step.cycle.village,
            step=step,
            data=meeting_input(kind="lokakarya", title=f"Lokakarya {n}"),
        )
    with django_assert_num_queries(7):
        assert client.get(f"/wilayah/{BAJUR}/siklus/").status_code == 200


@pytest.mark.django_db
def test_step_page_query_count_is_constant(client, users, cycles, django_assert_num_queries):
    client.force_login(users["village_bkm"])
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    url = f"/wilayah/{BAJUR}/siklus/sosialisasi/"
    client.get(url)
    with django_assert_num_queries(13):
        client.get(url)
    for n in range(5):
        services.meeting_record(
            actor=None,
            village=step.cycle.village,
            step=step,
            data=meeting_input(kind="lokakarya", title=f"L{n}"),
        )
    services.signoff_give(actor=users["village_bkm"], step=step, kind=SignOffKind.SUBMITTED)
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


SCOPED = {
    # viewer: expected status for (Bajur, Terong Tawah, far village) on "record a meeting"
    "national": (200, 200, 200),
    "province": (403, 403, 404),
    "regency": (200, 200, 404),
    "village_bkm": (200, 404, 404),
    "village_resident": (403, 404, 404),
}


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", sorted(SCOPED))
def test_meeting_form_policy(client, users, cycles, viewer):
    client.force_login(users[viewer])
    got = tuple(
        client.get(f"/wilayah/{code}/rapat/baru/").status_code
        for code in (BAJUR, TERONG_TAWAH, FAR_VILLAGE)
    )
    assert got == SCOPED[viewer]


@pytest.mark.django_db
def test_bkm_of_bajur_cannot_act_on_the_neighbours_cycle(client, users, cycles):
    client.force_login(users["village_bkm"])
    response = client.post(
        f"/wilayah/{TERONG_TAWAH}/siklus/sosialisasi/tindakan/", {"action": "submitted"}
    )
    assert response.status_code == 404
    assert not cycles[TERONG_TAWAH].steps.get(code="sosialisasi").signoffs.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["upload", "withdraw", "", "override"])
def test_step_actions_authorize_before_reading_the_form(client, users, cycles, action):
    """An outsider posting an incomplete form gets 404, a resident 403: no form error."""
    client.force_login(users["village_bkm"])
    url = f"/wilayah/{TERONG_TAWAH}/siklus/sosialisasi/tindakan/"
    assert client.post(url, {"action": action}).status_code == 404
    client.force_login(users["village_resident"])
    assert client.post(url.replace(TERONG_TAWAH, BAJUR), {"action": action}).status_code == 403


@pytest.mark.django_db
def test_public_pages_are_public(client, cycles):
    assert client.get(f"/wilayah/{BAJUR}/siklus/").status_code == 200
    assert client.get(f"/wilayah/{BAJUR}/siklus/rkm/").status_code == 200
    assert client.get(f"/wilayah/{BAJUR}/rapat/").status_code == 200
    assert client.get("/wilayah/52.01/siklus-desa/").status_code == 200
    assert client.get(f"/wilayah/{BAJUR}/rapat/baru/").status_code == 302


@pytest.mark.django_db
def test_region_list_shows_each_enrolled_village_and_its_current_step(
    client, cycles, django_assert_num_queries
):
    with django_assert_num_queries(3):
        page = client.get("/wilayah/52.01.08/siklus-desa/").content.decode()
    assert "Desa Bajur" in page and "Desa Terong Tawah" in page and "Tulungrejo" not in page
    assert page.count("Sosialisasi dan lokakarya") == 2


@pytest.mark.django_db
def test_step_actions_report_refusals_in_plain_language(client, users, cycles):
    client.force_login(users["village_bkm"])
    url = f"/wilayah/{BAJUR}/siklus/sosialisasi/"
    response = client.post(url + "tindakan/", {"action": "complete"}, follow=True)
    page = response.content.decode()
    assert "Langkah belum bisa diselesaikan" in page
    assert "Belum ada Lokakarya yang tercatat untuk langkah ini." in page
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    assert step.status == StepStatus.OPEN


@pytest.mark.django_db
def test_attendees_names_only_for_allowed_roles(client, users, cycles):
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    meeting = services.meeting_record(
        actor=None,
        village=step.cycle.village,
        step=step,
        data=meeting_input(
            kind="lokakarya",
            attendance_mode="list",
            attendees=(services.AttendeeInput("Inaq Sinar", "P", is_poor=True),),
        ),
    )
    url = f"/wilayah/{BAJUR}/rapat/{meeting.pk}/"
    assert "Inaq Sinar" not in client.get(url).content.decode()
    client.force_login(users["village_resident"])
    assert "Inaq Sinar" not in client.get(url).content.decode()
    client.force_login(users["village_bkm"])
    assert "Inaq Sinar" in client.get(url).content.decode()


@pytest.mark.django_db
def test_berita_acara_pdf_and_docx(client, cycles):
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    meeting = services.meeting_record(
        actor=None,
        village=step.cycle.village,
        step=step,
        data=meeting_input(kind="rkm", men=30, women=20, decisions=("Warga siap ikut PLPBK.",)),
    )
    base = f"/wilayah/{BAJUR}/rapat/{meeting.pk}/"
    pdf = client.get(base + "berita-acara.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Desa Bajur, Kecamatan Labuapi" in text
    assert "tanggal lima bulan Maret tahun dua ribu dua puluh enam (5 Maret 2026)" in text
    assert "Warga siap ikut PLPBK." in text
    docx = Document(io.BytesIO(client.get(base + "berita-acara.docx").content))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "Desa Bajur" in body and "lima bulan Maret tahun dua ribu dua puluh enam" in body
    sheet = client.get(base + "daftar-hadir.pdf")
    assert "Daftar Hadir" in PdfReader(io.BytesIO(sheet.content)).pages[0].extract_text().title()
    assert client.get(base + "berita-acara.exe").status_code == 404


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_photo_upload_and_election_link_on_the_meeting_page(
    client, users, cycles, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tridaya.institutions.services import CandidateVotes, election_record
    from tridaya.institutions.tests.factories import bkm_with_members

    settings.MEDIA_ROOT = tmp_path
    step = cycles[BAJUR].steps.get(code="sosialisasi")
    meeting = services.meeting_record(
        actor=None, village=step.cycle.village, step=step, data=meeting_input(kind="rembug_warga")
    )
    url = f"/wilayah/{BAJUR}/rapat/{meeting.pk}/"
    client.force_login(users["village_bkm"])
    photo = SimpleUploadedFile("rembug.png", png_bytes(), content_type="image/png")
    client.post(url + "tindakan/", {"action": "photo", "image": photo, "caption": "Suasana"})
    not_image = SimpleUploadedFile("x.png", b"not a picture", content_type="image/png")
    response = client.post(url + "tindakan/", {"action": "photo", "image": not_image}, follow=True)
    page = response.content.decode()
    assert "x.png” menurut isinya adalah" in page and "bukan JPEG, PNG atau WebP" in page
    assert meeting.photos.count() == 1

    bkm = bkm_with_members(step.cycle.village)
    member = bkm.members.first().person
    election = election_record(
        actor=None,
        bkm=bkm,
        held_on=meeting.held_on,
        candidates=[CandidateVotes(person=member, votes=40, elected=True)],
    )
    client.post(url + "tindakan/", {"action": "election", "election": election.pk})
    election.refresh_from_db()
    assert election.meeting_id == meeting.pk
    page = client.get(url).content.decode()
    assert "Suasana" in page and "Pemilihan BKM di pertemuan ini" in page

    client.force_login(users["village_resident"])
    photo = SimpleUploadedFile("b.png", png_bytes(), content_type="image/png")
    assert client.post(url + "tindakan/", {"action": "photo", "image": photo}).status_code == 403


@pytest.mark.django_db
def test_region_pages_link_to_the_enrolled_villages(client, cycles):
    page = client.get("/wilayah/52.01/").content.decode()
    assert "/wilayah/52.01/siklus-desa/" in page
