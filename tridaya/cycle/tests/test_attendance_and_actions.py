"""Issue 11, items 6 and 7: the attendance list a village secretary keeps (labelled rows, names
picked from the register, the list in the berita acara), and step buttons that match the role."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from tridaya.accounts.tests.factories import user_with_role
from tridaya.cycle import services
from tridaya.cycle.errors import CycleError
from tridaya.cycle.models import AttendanceMode, SignOffKind
from tridaya.cycle.services import AttendeeInput
from tridaya.cycle.tests.factories import enrolled, meeting_input
from tridaya.institutions.models import Election
from tridaya.institutions.tests.factories import bkm_with_members, person
from tridaya.regions.models import Kind
from tridaya.regions.tests.factories import BAJUR

LIST_POST = {
    "kind": "rembug_warga",
    "held_on": "2026-03-05",
    "place": "Balai Desa",
    "agenda": "Rembug warga",
    "attendance_mode": "list",
    "peserta-TOTAL_FORMS": "2",
    "peserta-INITIAL_FORMS": "0",
}


def _rows(*rows: dict) -> dict:
    data = {"peserta-TOTAL_FORMS": str(len(rows))}
    for n, row in enumerate(rows):
        data.update({f"peserta-{n}-{k}": v for k, v in row.items()})
    return data


@pytest.mark.django_db
def test_attendee_rows_carry_labels_and_placeholders(client, users, bajur):
    client.force_login(users["village_bkm"])
    page = client.get(f"/wilayah/{BAJUR}/rapat/baru/").content.decode()
    assert 'for="id_peserta-0-name">Nama peserta</label>' in page
    assert 'for="id_peserta-0-sex">Jenis kelamin</label>' in page
    assert 'for="id_peserta-0-role">Unsur / peran</label>' in page
    assert 'placeholder="Nama peserta"' in page
    assert "Cari di daftar warga" in page


@pytest.mark.django_db
def test_register_search_masks_the_nik_and_stays_in_the_village(client, users, bajur, terong_tawah):
    siti = person(bajur, name="Siti Aminah", sex="P", nik="5201081204780003", is_poor=True)
    person(terong_tawah, name="Siti Lain", sex="P")
    client.force_login(users["village_bkm"])
    found = client.get(f"/wilayah/{BAJUR}/rapat/cari-warga/", {"q": "siti"}).json()["results"]
    assert found == [
        {
            "id": siti.pk,
            "name": "Siti Aminah",
            "sex": "P",
            "is_poor": True,
            "disabled": False,
            "nik": "5201**********03",
        }
    ]
    client.force_login(users["village_resident"])
    assert client.get(f"/wilayah/{BAJUR}/rapat/cari-warga/", {"q": "siti"}).status_code == 403


@pytest.mark.django_db
def test_picked_and_typed_names_reach_the_berita_acara(client, users, bajur):
    siti = person(bajur, name="Siti Aminah", sex="P", is_poor=True)
    client.force_login(users["village_bkm"])
    rows = _rows(
        {"person": str(siti.pk), "name": "Siti Aminah", "sex": "P", "is_poor": "on"},
        {"name": "Lalu Ahmad", "sex": "L", "role": "Ketua RT 02"},
    )
    response = client.post(f"/wilayah/{BAJUR}/rapat/baru/", {**LIST_POST, **rows})
    meeting = bajur.meetings.get()
    # After saving, the secretary lands on the meeting with its berita acara links.
    assert response.url == f"/wilayah/{BAJUR}/rapat/{meeting.pk}/"
    page = client.get(response.url).content.decode()
    assert "Berita acara (PDF)" in page and "Berita acara (DOCX)" in page
    assert list(meeting.attendees.values_list("person_id", "name")) == [
        (siti.pk, "Siti Aminah"),
        (None, "Lalu Ahmad"),
    ]
    docx = client.get(f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.docx").content
    text = "\n".join(
        c.text for t in Document(io.BytesIO(docx)).tables for r in t.rows for c in r.cells
    )
    assert "Siti Aminah" in text and "Lalu Ahmad" in text
    pdf = client.get(f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.pdf").content
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Lalu Ahmad" in pdf_text
    # Anonymous visitors get the counts, never the names (personal data).
    client.logout()
    pdf = client.get(f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.pdf").content
    assert "Lalu Ahmad" not in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_a_person_from_another_village_is_refused(bajur, terong_tawah):
    stranger = person(terong_tawah, name="Orang Lain", sex="L")
    data = meeting_input(
        attendance_mode=AttendanceMode.LIST,
        attendees=(AttendeeInput(name="Orang Lain", sex="L", person_id=stranger.pk),),
    )
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=None, village=bajur, data=data)
    assert exc.value.code == CycleError.BAD_ATTENDANCE


@pytest.mark.django_db
def test_list_mode_without_participants_is_refused(client, users, bajur):
    client.force_login(users["village_bkm"])
    response = client.post(f"/wilayah/{BAJUR}/rapat/baru/", {**LIST_POST, **_rows({}, {})})
    assert response.status_code == 200
    assert "Daftar peserta masih kosong" in response.content.decode()
    assert not bajur.meetings.exists()


@pytest.mark.django_db
def test_step_page_links_the_berita_acara(client, bajur):
    step = enrolled(bajur).steps.get(code="sosialisasi")
    meeting = services.meeting_record(
        actor=None, village=bajur, step=step, data=meeting_input(kind="lokakarya")
    )
    page = client.get(f"/wilayah/{BAJUR}/siklus/sosialisasi/").content.decode()
    assert f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.pdf" in page
    assert f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.docx" in page


@pytest.mark.django_db
def test_election_link_is_offered_only_for_an_election_on_the_meeting_day(client, users, bajur):
    bkm = bkm_with_members(bajur, 3)
    Election.objects.create(bkm=bkm, held_on=dt.date(2025, 9, 1))
    client.force_login(users["village_bkm"])
    ordinary = services.meeting_record(actor=None, village=bajur, data=meeting_input())
    page = client.get(f"/wilayah/{BAJUR}/rapat/{ordinary.pk}/").content.decode()
    assert "Pemilihan BKM" not in page
    election_day = services.meeting_record(
        actor=None, village=bajur, data=meeting_input(held_on=dt.date(2025, 9, 1))
    )
    page = client.get(f"/wilayah/{BAJUR}/rapat/{election_day.pk}/").content.decode()
    assert "Kaitkan pemilihan" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "head"), [(Kind.DESA, "Kepala Desa"), (Kind.KELURAHAN, "Lurah")])
def test_berita_acara_names_the_head_by_village_kind(client, bajur, kind, head):
    bajur.kind = kind
    bajur.save()
    meeting = services.meeting_record(actor=None, village=bajur, data=meeting_input())
    docx = client.get(f"/wilayah/{BAJUR}/rapat/{meeting.pk}/berita-acara.docx").content
    document = Document(io.BytesIO(docx))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert f"Mengetahui,\n{head}" in text or f"Mengetahui, {head}" in text.replace("\n", " ")
    assert "Lurah/Kepala Desa" not in text


@pytest.mark.django_db
def test_sign_button_only_for_roles_that_may_sign(client, users, bajur):
    enrolled(bajur)
    url = f"/wilayah/{BAJUR}/siklus/sosialisasi/"
    facilitator = user_with_role("facilitator", BAJUR)
    client.force_login(facilitator)
    assert "Tanda tangani:" not in client.get(url).content.decode()
    client.force_login(users["village_bkm"])
    assert "Tanda tangani: Diserahkan oleh" in client.get(url).content.decode()


@pytest.mark.django_db
def test_refusal_names_roles_in_indonesian(bajur):
    step = enrolled(bajur).steps.get(code="sosialisasi")
    with pytest.raises(ValidationError) as exc:
        services.signoff_give(
            actor=user_with_role("facilitator", BAJUR), step=step, kind=SignOffKind.SUBMITTED
        )
    assert "hanya oleh peran: BKM." in exc.value.messages[0]
    bkm = user_with_role("bkm", BAJUR)
    services.signoff_give(actor=bkm, step=step, kind=SignOffKind.SUBMITTED)
    with pytest.raises(ValidationError) as exc:
        services.signoff_give(actor=bkm, step=step, kind=SignOffKind.ACKNOWLEDGED)
    assert "Aparat kelurahan/desa" in exc.value.messages[0]
    assert "village_apparatus" not in exc.value.messages[0]


@pytest.mark.django_db
def test_complete_button_is_disabled_with_the_reason_while_the_gate_fails(client, users, bajur):
    enrolled(bajur)
    client.force_login(users["village_bkm"])
    page = client.get(f"/wilayah/{BAJUR}/siklus/sosialisasi/").content.decode()
    assert 'value="complete" type="submit" disabled aria-describedby="complete-blockers"' in page
    assert "Belum bisa diselesaikan:" in page
    assert "Belum ada Lokakarya yang tercatat untuk langkah ini." in page
    assert "Tanda tangan belum lengkap" in page


@pytest.mark.django_db
def test_service_refuses_an_agenda_over_its_limit(bajur):
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=None, village=bajur, data=meeting_input(agenda="a" * 2001))
    assert "agenda" in exc.value.message_dict
    assert not bajur.meetings.exists()
