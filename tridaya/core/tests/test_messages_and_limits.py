"""Issue 11, item 11: messages and limits a user meets (404s in Indonesian, a friendly page for
a too-large post, an error summary at the top of long forms, a favicon and a 500 page)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

from tridaya.cycle.tests.factories import enrolled
from tridaya.regions.tests.factories import BAJUR


@pytest.mark.django_db
def test_api_404_from_get_object_or_404_is_indonesian(client, users, bajur):
    enrolled(bajur)
    client.force_login(users["national"])
    url = f"/api/v1/villages/{BAJUR}/cycle/steps/sosialisasi/signoffs/999999/withdraw/"
    response = client.post(url, {"reason": "x" * 30}, content_type="application/json")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert "matches the given query" not in detail
    assert detail == "Data tidak ditemukan."


@pytest.mark.django_db
def test_api_404_of_a_selector_keeps_its_indonesian_message(client, users, bajur):
    enrolled(bajur)
    client.force_login(users["national"])
    response = client.get(f"/api/v1/villages/{BAJUR}/cycle/steps/tidak-ada/")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.json()["detail"]


@pytest.mark.django_db
def test_a_too_large_post_gets_a_friendly_page(client, users, bajur):
    client.force_login(users["village_bkm"])
    agenda = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(f"/wilayah/{BAJUR}/rapat/baru/", {"agenda": agenda})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Kiriman terlalu besar" in page and "RequestDataTooBig" not in page


@pytest.mark.django_db
def test_a_very_long_agenda_is_refused_with_its_limit(client, users, bajur):
    client.force_login(users["village_bkm"])
    data = {
        "kind": "rembug_warga",
        "held_on": "2026-03-05",
        "place": "Balai",
        "agenda": "a" * 216_000,
        "attendance_mode": "counts",
        "men": "1",
        "peserta-TOTAL_FORMS": "0",
        "peserta-INITIAL_FORMS": "0",
    }
    response = client.post(f"/wilayah/{BAJUR}/rapat/baru/", data)
    assert response.status_code == 200
    assert not bajur.meetings.exists()
    page = response.content.decode()
    # The summary at the top names the field and links to it.
    assert 'id="error-summary"' in page
    assert '<a href="#id_agenda">Agenda</a>' in page


@pytest.mark.django_db
def test_favicon_and_500_page(client):
    assert client.get("/favicon.ico").status_code in (301, 302)
    assert (Path(settings.BASE_DIR) / "static" / "favicon.svg").is_file()
    assert 'rel="icon"' in client.get("/").content.decode()
    html = get_template("500.html").render({})
    assert "Terjadi kesalahan di server" in html
