"""Layer pages and API as people use them: import a file on the page (and see every bad feature
when it is refused), the layer's page with its attributes, its export, the API import; and the
village map with 2,000 features answering with the same number of queries as with a handful."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.geo.files import read_features
from tridaya.mapping.models import Layer, LayerFeature, LayerKind, Problem
from tridaya.mapping.tests.factories import geojson_bytes, problem, rt_of, with_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
BASE = f"/wilayah/{BAJUR}/pemetaan"


@pytest.fixture
def village(bajur):
    return with_units(bajur)


def _roads(village, count: int) -> bytes:
    boundary = rt_of(village).boundary
    assert boundary is not None
    x0, y0 = boundary["coordinates"][0][0]
    return geojson_bytes(
        [
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [round(x0 + 0.00001 * i, 7), y0 + 0.0005],
                        [round(x0 + 0.00001 * i, 7), y0 + 0.001],
                    ],
                },
                "properties": {"nama": f"Gang {i}", "lebar_m": 2},
            }
            for i in range(count)
        ]
    )


def test_importing_a_layer_on_the_page_and_seeing_its_attributes(client, village):
    client.force_login(user_with_role("tipp", BAJUR))
    upload = SimpleUploadedFile("jalan.geojson", _roads(village, 3))
    response = client.post(
        f"{BASE}/lapisan/impor/",
        {"name": "Jalan gang", "kind": LayerKind.ROADS, "file": upload},
    )
    layer = Layer.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}/lapisan/{layer.pk}/"
    page = client.get(response["Location"])
    assert page.context["columns"] == ["nama", "lebar_m"]
    assert "Gang 2" in page.content.decode()
    exported = client.get(f"{BASE}/lapisan/{layer.pk}/ekspor.shp.zip")
    assert exported["Content-Disposition"].endswith('.shp.zip"')
    back = read_features(exported.content, "jalan.zip")
    assert sorted(f.properties["nama"] for f in back.features) == ["Gang 0", "Gang 1", "Gang 2"]


def test_a_refused_file_is_explained_on_the_page(client, village):
    client.force_login(user_with_role("tipp", BAJUR))
    bad = geojson_bytes(
        [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [400000, 9045000]}}]
    )
    upload = SimpleUploadedFile("utm.geojson", bad)
    response = client.post(
        f"{BASE}/lapisan/impor/", {"name": "Titik", "kind": LayerKind.OTHER, "file": upload}
    )
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("fitur 1, geometri: Koordinat di luar WGS84")
    assert "Pilih zona UTM" in error
    assert not Layer.objects.exists()


def test_renaming_and_deleting_a_layer(client, village):
    client.force_login(user_with_role("bkm", BAJUR))
    upload = SimpleUploadedFile("jalan.geojson", _roads(village, 2))
    client.post(f"{BASE}/lapisan/impor/", {"name": "Jalan", "kind": "jalan", "file": upload})
    layer = Layer.objects.get()
    client.post(
        f"{BASE}/lapisan/{layer.pk}/tindakan/",
        {"action": "update", "name": "Jalan lingkungan", "kind": "jalan", "description": ""},
    )
    layer.refresh_from_db()
    assert layer.name == "Jalan lingkungan"
    client.post(f"{BASE}/lapisan/{layer.pk}/tindakan/", {"action": "delete"})
    assert not Layer.objects.exists() and not LayerFeature.objects.exists()


def test_the_api_imports_a_layer_and_serves_it_as_geojson(village):
    api = APIClient()
    api.force_authenticate(user_with_role("facilitator", BAJUR))
    upload = SimpleUploadedFile("jalan.geojson", _roads(village, 2))
    response = api.post(
        f"/api/v1/villages/{BAJUR}/layers/",
        {"name": "Jalan", "kind": "jalan", "file": upload},
        format="multipart",
    )
    assert response.status_code == 201
    layer_id = response.json()["id"]
    assert response.json()["feature_count"] == 2
    collection = api.get(f"/api/v1/villages/{BAJUR}/layers/{layer_id}/").json()
    assert [f["properties"]["nama"] for f in collection["features"]] == ["Gang 0", "Gang 1"]


def test_the_village_map_with_2000_features_keeps_its_query_count(
    client, village, django_assert_num_queries
):
    from tridaya.mapping.services import layers as services_layers

    problem(village)
    services_layers.layer_import(
        actor=None, village=village, name="Sedikit", kind="jalan",
        data=_roads(village, 5), file_name="a.geojson",
    )  # fmt: skip
    api = APIClient()
    with django_assert_num_queries(7):
        small = client.get(f"{BASE}/peta/")
    with django_assert_num_queries(7):
        api.get(f"/api/v1/villages/{BAJUR}/map/")
    assert small.context["data"].feature_count == 6
    services_layers.layer_import(
        actor=None, village=village, name="Banyak", kind="bangunan",
        data=_roads(village, 1995), file_name="b.geojson",
    )  # fmt: skip
    with django_assert_num_queries(7):
        big = client.get(f"{BASE}/peta/")
    assert big.context["data"].feature_count == 2001
    with django_assert_num_queries(7):
        answer = api.get(f"/api/v1/villages/{BAJUR}/map/")
    layers = answer.json()["layers"]
    assert sum(len(layer["features"]["features"]) for layer in layers) == 2000
    assert len(answer.json()["problems"]["features"]) == Problem.objects.count() == 1
    script = re.search(
        r'<script id="village-layers-data" type="application/json">(.*?)</script>',
        big.content.decode(),
    )
    data = json.loads(script.group(1))
    assert len(data["layers"][0]["features"]["features"]) == 1995
