"""Public pages of the curricula."""

import pytest

pytestmark = pytest.mark.django_db


def test_curriculum_pages_are_public(client):
    assert "Konsep PLPBK dan Tridaya" in client.get("/pelatihan/kurikulum/").content.decode()
    page = client.get("/pelatihan/kurikulum/plpbk-inti/v1/pendanaan_blm/").content.decode()
    assert "Indikator hasil belajar" in page and "Alur dana: Satker, KPPN" in page
    assert "Rekening bersama masyarakat penerima BLM" not in page  # the question bank is not
    assert client.get("/pelatihan/kurikulum/tidak-ada/").status_code == 404
