"""Public pages of the curricula."""

import pytest

from tridaya.training.definitions import sync_curricula
from tridaya.training.models import Curriculum

pytestmark = pytest.mark.django_db


def test_curriculum_pages_are_public(client):
    sync_curricula()
    assert "Konsep PLPBK dan Tridaya" in client.get("/pelatihan/kurikulum/").content.decode()
    page = client.get("/pelatihan/kurikulum/plpbk-inti/v1/pendanaan_blm/").content.decode()
    assert "Indikator hasil belajar" in page and "Alur dana: Satker, KPPN" in page
    assert "Rekening bersama masyarakat penerima BLM" not in page  # the question bank is not
    assert client.get("/pelatihan/kurikulum/tidak-ada/").status_code == 404


def test_the_curricula_page_and_api_only_read(client):
    """Loading the files is `load_curricula`'s job: a GET writes nothing."""
    assert client.get("/pelatihan/kurikulum/").status_code == 200
    assert client.get("/api/v1/curricula/").status_code == 200
    assert not Curriculum.objects.exists()
