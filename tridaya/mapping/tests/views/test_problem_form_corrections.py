"""Issue 11, item 9: the "Petakan" form takes a photo at once and offers only the chosen
domain's sectors."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tridaya.accounts.tests.factories import user_with_role
from tridaya.mapping.models import Problem
from tridaya.mapping.tests.factories import line_in, rt_of, with_units
from tridaya.mapping.tests.services.test_problem_photos import _jpeg_with_exif
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
URL = f"/wilayah/{BAJUR}/pemetaan/masalah/tambah/"


def _post(village, **overrides) -> dict:
    return {
        "kind": "masalah",
        "domain": "L",
        "sector": "drainase",
        "title": "Saluran meluap",
        "severity": "4",
        "households_affected": "20",
        "poor_households_affected": "8",
        "geometry": json.dumps(line_in(rt_of(village, 3, 2))),
        **overrides,
    }


def test_the_form_takes_a_photo_with_the_problem(client, bajur):
    village = with_units(bajur)
    client.force_login(user_with_role("tipp", BAJUR))
    page = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="photo"' in page
    upload = SimpleUploadedFile("saluran.jpg", _jpeg_with_exif(), "image/jpeg")
    response = client.post(URL, {**_post(village), "photo": upload, "photo_caption": "Pagi"})
    assert response.status_code == 302
    saved = Problem.objects.get()
    assert list(saved.photos.values_list("caption", flat=True)) == ["Pagi"]


def test_sectors_carry_their_domains_and_a_mismatch_is_refused(client, bajur):
    village = with_units(bajur)
    client.force_login(user_with_role("tipp", BAJUR))
    page = client.get(URL).content.decode()
    assert re.search(r'<option value="drainase" data-domains="L"', page)
    assert re.search(r'<option value="ekonomi" data-domains="E"', page)
    assert re.search(r'<option value="lainnya" data-domains="L E S"', page)
    response = client.post(URL, _post(village, domain="E", sector="drainase"))
    assert response.status_code == 200
    assert "bukan bagian daya Ekonomi" in response.content.decode()
    assert not Problem.objects.exists()
