"""The pages of problems and potentials as people use them: the list and map with filters, mapping
one with the drawing form, its page with status buttons and photos, import and export for QGIS,
and the village map; each page with a query count that does not grow with the data."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.geo.files import Format, read_features
from tridaya.mapping.models import Problem, ProblemKind, ProblemStatus, Sector
from tridaya.mapping.tests.factories import (
    line_in,
    point_in,
    problem,
    rt_of,
    square_in,
    with_units,
)
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
BASE = f"/wilayah/{BAJUR}/pemetaan"


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _many(village, count: int) -> None:
    rts = [rt_of(village, rw, n) for rw in (1, 2, 3, 4) for n in (1, 2, 3, 4)]
    shapes = (point_in, line_in, square_in)
    for i in range(count):
        rt = rts[i % len(rts)]
        problem(
            village,
            geometry=shapes[i % 3](rt),
            kind=ProblemKind.PROBLEM if i % 2 else ProblemKind.POTENTIAL,
            title=f"Temuan {i}",
        )


def test_the_list_shows_problems_and_their_map_data(client, village):
    drain = problem(village, geometry=line_in(rt_of(village, 3, 2)), title="Saluran meluap")
    response = client.get(f"{BASE}/masalah/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saluran meluap" in html and f'id="p{drain.pk}"' in html
    data = json.loads(json.dumps(response.context["map_data"]))  # as the page's script reads it
    feature = data["problems"]["features"][0]
    assert feature["properties"]["title"] == "Saluran meluap"
    assert feature["properties"]["url"] == f"{BASE}/masalah/{drain.pk}/"
    assert len(data["boundaries"]["features"]) == 4 + 16  # RWs and RTs around the problems


def test_filters_narrow_the_list_and_the_map(client, village):
    problem(village, title="Sumur tercemar", sector=Sector.WATER, severity=2)
    problem(village, title="Saluran tersumbat", sector=Sector.DRAINAGE, severity=5)
    problem(
        village, title="Kebun sayur", kind=ProblemKind.POTENTIAL, sector=Sector.ECONOMY, severity=3
    )
    response = client.get(f"{BASE}/masalah/", {"sector": "drainase"})
    titles = [p.title for p in response.context["page_obj"]]
    assert titles == ["Saluran tersumbat"]
    assert len(response.context["map_data"]["problems"]["features"]) == 1
    response = client.get(f"{BASE}/masalah/", {"kind": "masalah", "severity_min": "3"})
    assert [p.title for p in response.context["page_obj"]] == ["Saluran tersumbat"]
    rt = rt_of(village)
    response = client.get(f"{BASE}/masalah/", {"rt": rt.pk})
    assert response.context["total"] == 3  # all three were placed in RT 01 / RW 01


def test_list_and_village_map_query_counts_do_not_grow_with_the_data(
    client, village, django_assert_num_queries
):
    _many(village, 3)
    with django_assert_num_queries(6):
        client.get(f"{BASE}/masalah/")
    with django_assert_num_queries(7):
        client.get(f"{BASE}/peta/")
    _many(village, 40)
    with django_assert_num_queries(6):
        response = client.get(f"{BASE}/masalah/")
    assert response.context["total"] == 43
    with django_assert_num_queries(7):
        client.get(f"{BASE}/peta/")


def test_a_volunteer_maps_a_drain_with_the_form(client, village):
    client.force_login(user_with_role("tipp", BAJUR))
    rt = rt_of(village, 3, 2)
    response = client.get(f"{BASE}/masalah/tambah/")
    assert response.status_code == 200
    assert "draw-map" in response.content.decode()
    response = client.post(
        f"{BASE}/masalah/tambah/",
        {
            "kind": "masalah",
            "domain": "L",
            "sector": "drainase",
            "title": "Saluran meluap di RT 02",
            "description": "Meluap tiap hujan.",
            "severity": "4",
            "households_affected": "20",
            "poor_households_affected": "8",
            "geometry": json.dumps(line_in(rt)),
            "reported_on": "2026-07-12",
        },
    )
    saved = Problem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/masalah/#p{saved.pk}"
    assert saved.rt == rt and saved.reported_on.isoformat() == "2026-07-12"
    assert saved.length_m > 100


def test_the_form_shows_why_a_far_location_is_refused(client, village):
    client.force_login(user_with_role("tipp", BAJUR))
    response = client.post(
        f"{BASE}/masalah/tambah/",
        {
            "kind": "masalah",
            "domain": "L",
            "sector": "drainase",
            "title": "Salah tempat",
            "severity": "3",
            "geometry": json.dumps({"type": "Point", "coordinates": [110.4, -7.0]}),
        },
    )
    assert response.status_code == 200
    assert "km di luar batas Bajur" in " ".join(response.context["form"].errors["geometry"])
    assert not Problem.objects.exists()


def test_the_detail_page_offers_the_next_statuses_to_verifiers(client, village):
    report = problem(village)
    client.force_login(user_with_role("bkm", BAJUR))
    response = client.get(f"{BASE}/masalah/{report.pk}/")
    statuses = [value for value, _label in response.context["next_statuses"]]
    assert statuses == [ProblemStatus.REJECTED, ProblemStatus.VERIFIED]
    response = client.post(
        f"{BASE}/masalah/{report.pk}/tindakan/", {"action": "status", "status": "terverifikasi"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProblemStatus.VERIFIED


@pytest.mark.parametrize("action", ["photo", "status", "delete_photo", ""])
def test_problem_actions_authorize_before_reading_the_form(client, village, terong_tawah, action):
    """An outsider posting an incomplete form gets 404 (no form error, no existence leak)."""
    report = problem(village)
    client.force_login(user_with_role("bkm", terong_tawah.code))
    response = client.post(f"{BASE}/masalah/{report.pk}/tindakan/", {"action": action})
    assert response.status_code == 404
    client.force_login(user_with_role("ksm", BAJUR))  # sees the village, maps nothing
    response = client.post(f"{BASE}/masalah/{report.pk}/tindakan/", {"action": action})
    assert response.status_code == 403


def test_photos_are_shown_to_roles_of_the_village_not_to_the_public(
    client, village, settings, tmp_path
):
    from tridaya.mapping.tests.services.test_problem_photos import _jpeg_with_exif

    settings.MEDIA_ROOT = tmp_path
    report = problem(village)
    mapper = user_with_role("tipp", BAJUR)
    client.force_login(mapper)
    upload = SimpleUploadedFile("foto.jpg", _jpeg_with_exif(), "image/jpeg")
    client.post(f"{BASE}/masalah/{report.pk}/tindakan/", {"action": "photo", "image": upload})
    photo = report.photos.get()
    url = f"{BASE}/masalah/{report.pk}/foto/{photo.pk}/"
    assert client.get(url).status_code == 200
    client.force_login(user_with_role("resident", BAJUR))
    assert client.get(url).status_code == 200
    client.logout()
    page = client.get(f"{BASE}/masalah/{report.pk}/").content.decode()
    assert url not in page and "1 foto" in page
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize("fmt", Format.ALL)
def test_export_opens_with_attributes_and_keeps_the_filter(client, village, fmt):
    problem(village, title="Saluran", sector=Sector.DRAINAGE, geometry=line_in(rt_of(village)))
    problem(village, title="Sumur", sector=Sector.WATER)
    ext = Format.EXTENSIONS[fmt]
    response = client.get(f"{BASE}/masalah/ekspor.{ext}", {"sector": "drainase"})
    assert response.status_code == 200
    assert f'filename="masalah-potensi-{BAJUR}.{ext}"' in response["Content-Disposition"]
    back = read_features(response.content, f"x.{ext}")
    assert [f.properties["judul"] for f in back.features] == ["Saluran"]
    props = back.features[0].properties
    assert props["jenis"] == "masalah" and props["sektor"] == "drainase"
    assert props["rt"] == 1 and props["rw"] == 1 and props["keparahan"] == 4


def test_an_exported_file_imports_back_without_duplicates(client, village):
    problem(village, title="Saluran", geometry=line_in(rt_of(village)))
    exported = client.get(f"{BASE}/masalah/ekspor.kml").content
    client.force_login(user_with_role("facilitator", BAJUR))
    upload = SimpleUploadedFile("masalah.kml", exported)
    response = client.post(f"{BASE}/masalah/impor/", {"file": upload})
    assert response.status_code == 302
    assert Problem.objects.count() == 2  # the import's ref is 'tridaya:<id>', a new source
    upload = SimpleUploadedFile("masalah.kml", exported)
    client.post(f"{BASE}/masalah/impor/", {"file": upload})
    assert Problem.objects.count() == 2  # the same file again: updated, not added


def test_a_bad_import_lists_every_bad_feature_and_writes_nothing(client, village):
    client.force_login(user_with_role("facilitator", BAJUR))
    x, y = point_in(rt_of(village))["coordinates"]
    data = "judul;jenis;daya;sektor;keparahan;lat;lon\n"
    data += f"Sumur;masalah;L;air_minum;3;{y};{x}\n"
    data += f"Jalan;masalah;X;jalan;3;{y};{x}\n"
    data += f"Sampah;persoalan;L;persampahan;9;{y};{x}\n"
    upload = SimpleUploadedFile("temuan.csv", data.encode())
    response = client.post(f"{BASE}/masalah/impor/", {"file": upload})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "baris 3, daya: 'X' tidak dikenal; gunakan L, E, S.",
        "baris 4, jenis: 'persoalan' tidak dikenal; gunakan masalah, potensi.",
        "baris 4, keparahan: isi 1 sampai 5 (sekarang 9).",
    ]
    assert not Problem.objects.exists()


def test_an_unknown_export_format_is_not_found(client, village):
    assert client.get(f"{BASE}/masalah/ekspor.dwg").status_code == 404


def test_village_map_page_carries_layers_problems_and_boundaries(client, village):
    problem(village)
    response = client.get(reverse("mapping:village_map", args=[BAJUR]))
    data = response.context["map_data"]
    assert len(data["problems"]["features"]) == 1
    assert len(data["boundaries"]["features"]) == 20
    assert data["layers"] == []


def test_the_detail_page_query_count_does_not_grow_with_photos(
    client, village, settings, tmp_path, django_assert_num_queries
):
    from tridaya.mapping.services import problem_photos
    from tridaya.mapping.tests.services.test_problem_photos import _jpeg_with_exif

    settings.MEDIA_ROOT = tmp_path
    report = problem(village)
    client.force_login(user_with_role("bkm", BAJUR))
    client.get(f"{BASE}/masalah/{report.pk}/")  # the session and the user's roles are warm
    with django_assert_num_queries(10):
        client.get(f"{BASE}/masalah/{report.pk}/")
    for n in range(4):
        upload = SimpleUploadedFile(f"f{n}.jpg", _jpeg_with_exif(), "image/jpeg")
        problem_photos.photo_add(actor=None, problem=report, image=upload)
    with django_assert_num_queries(10):
        response = client.get(f"{BASE}/masalah/{report.pk}/")
    assert len(response.context["photos"]) == 4
