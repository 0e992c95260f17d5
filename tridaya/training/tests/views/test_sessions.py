"""Pages of sessions: attendance and the blank attendance sheet."""

import pytest

from tridaya.institutions.tests.factories import people
from tridaya.training.tests.factories import enrol, training
from tridaya.training.tests.views.conftest import pdf_text, url

pytestmark = pytest.mark.django_db


def test_attendance_page_records_who_was_present(client, facilitator, bajur):
    client.force_login(facilitator)
    t = training(bajur, ("konsep_plpbk",))
    a, b = enrol(t, people(bajur, 2), "bkm")
    session = t.sessions.get()
    response = client.post(url(t, f"sesi/{session.pk}/kehadiran/"), {"present": [str(a.pk)]})
    assert response.status_code == 302
    assert list(session.attendance.values_list("participant_id", flat=True)) == [a.pk]


def test_blank_attendance_sheet_names_the_session(client, held):
    session = held.sessions.order_by("date", "start_time").first()
    response = client.get(url(held, f"sesi/{session.pk}/daftar-hadir.pdf"))
    text = pdf_text(response.content)
    assert "DAFTAR HADIR" in text and "SESI 1: KONSEP PLPBK DAN TRIDAYA" in text
