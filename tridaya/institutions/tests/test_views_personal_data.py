"""The data rights pages: export (readable and JSON), erasure, and the NIK access log, which
records each showing of an unmasked NIK on the register of people."""

import json

import pytest

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.models import PersonalDataView
from tridaya.institutions.models import Person
from tridaya.institutions.tests.factories import next_nik, person
from tridaya.regions.tests.factories import BAJUR, TERONG_TAWAH

pytestmark = pytest.mark.django_db
BASE = f"/wilayah/{BAJUR}/lembaga/warga"


def test_every_showing_of_a_full_nik_is_listed_for_the_officer(client, bajur):
    nik = next_nik()
    someone = person(bajur, name="Baiq Nurul", nik=nik)
    bkm = user_with_role("bkm", BAJUR, username="ketua-bkm")
    client.force_login(bkm)
    assert nik in client.get(f"{BASE}/").content.decode()
    client.force_login(user_with_role("tipp", BAJUR))  # sees the masked NIK only
    page = client.get(f"{BASE}/").content.decode()
    assert nik not in page and someone.masked_nik in page
    assert PersonalDataView.objects.count() == 1
    logged = PersonalDataView.objects.get()
    assert logged.viewer == bkm and logged.place == "institutions:people" and logged.shown == 1
    assert nik not in logged.subjects and f" institutions.person:{someone.pk} " in logged.subjects
    client.force_login(bkm)
    assert client.get(f"{BASE}/{someone.pk}/akses-nik/").status_code == 403
    client.force_login(user_with_role("national_admin", None))
    page = client.get(f"{BASE}/{someone.pk}/akses-nik/").content.decode()
    assert "ketua-bkm" in page and "institutions:people" in page


def test_the_export_is_a_post_and_comes_as_json_or_a_page(client, bajur, terong_tawah):
    someone = person(bajur, name="Lalu Ahmad", nik=next_nik())
    url = f"{BASE}/{someone.pk}/data-pribadi/"
    client.force_login(user_with_role("facilitator", TERONG_TAWAH))
    assert client.get(url).status_code == 404
    client.force_login(user_with_role("bkm", BAJUR))
    assert client.get(url).status_code == 403
    client.force_login(user_with_role("facilitator", BAJUR))
    page = client.get(url).content.decode()
    assert "Unduh JSON" in page and "Hapus data pribadi" not in page  # no erasure right
    response = client.post(url + "ekspor/", {"format": "json"})
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["warga"]["Nama"] == "Lalu Ahmad"
    readable = client.post(url + "ekspor/", {"format": "html"}).content.decode()
    assert "Lalu Ahmad" in readable and someone.nik in readable
    assert client.get(url + "ekspor/").status_code == 405


def test_the_officer_erases_with_a_reason(client, bajur):
    someone = person(bajur, name="Inaq Sahnun", nik=next_nik())
    client.force_login(user_with_role("national_admin", None))
    url = f"{BASE}/{someone.pk}/data-pribadi/hapus/"
    response = client.post(url, {"reason": "minta"})
    assert response.status_code == 400 and "paling sedikit 20 huruf" in response.content.decode()
    response = client.post(url, {"reason": "Permintaan tertulis warga, surat 3 Desember 2026"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=someone.pk).exists()
