"""The problems API as an integrator uses it: GeoJSON in and out, filters, a refused geometry
answered with the field, its message and its code, status changes, removal; a list whose query
count does not grow with the number of problems."""

import pytest
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import Problem, ProblemStatus
from tridaya.mapping.tests.factories import line_in, problem, rt_of, with_units
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db
URL = f"/api/v1/villages/{BAJUR}/problems/"


@pytest.fixture
def village(bajur):
    return with_units(bajur)


@pytest.fixture
def api():
    client = APIClient()
    client.force_authenticate(user_with_role("tipp", BAJUR))
    return client


def _body(geometry, **extra) -> dict:
    return {
        "kind": "masalah",
        "domain": "L",
        "sector": "drainase",
        "title": "Saluran meluap",
        "severity": 4,
        "households_affected": 10,
        "poor_households_affected": 4,
        "geometry": geometry,
        **extra,
    }


def test_create_returns_the_measured_feature(api, village):
    rt = rt_of(village, 2, 3)
    response = api.post(URL, _body(line_in(rt)), format="json")
    assert response.status_code == 201
    feature = response.json()
    assert feature["type"] == "Feature" and feature["geometry"]["type"] == "LineString"
    props = feature["properties"]
    assert props["rt"] == "RT 03 / RW 02" and props["rt_id"] == rt.pk
    assert 108 < props["length_m"] < 112
    assert props["status"] == "dilaporkan" and props["source"] == "formulir"


def test_a_far_location_is_a_400_naming_the_field_and_its_code(api, village):
    body = _body({"type": "Point", "coordinates": [106.8, -6.2]})  # Jakarta
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert "km di luar batas Bajur" in response.json()["geometry"][0]
    body = _body({"type": "Point", "coordinates": [116.108, -8.633]}, rt=999999)
    assert api.post(URL, body, format="json").status_code == 404  # an RT of no village here
    assert not Problem.objects.exists()
    assert MappingError.FAR_OUTSIDE == "mapping_far_outside_village"


def test_filters_and_a_fixed_query_count(village, django_assert_num_queries):
    for i in range(3):
        problem(village, title=f"A{i}", severity=2 + i)
    public = APIClient()
    with django_assert_num_queries(3):
        collection = public.get(URL, {"severity_min": 3}).json()
    assert [f["properties"]["title"] for f in collection["features"]] == ["A2", "A1"]
    for i in range(20):
        problem(village, title=f"B{i}")
    with django_assert_num_queries(3):
        assert len(public.get(URL).json()["features"]) == 23


def test_update_status_and_delete(api, village):
    report = problem(village)
    url = f"{URL}{report.pk}/"
    response = api.put(url, _body(report.geometry, title="Saluran meluap parah"), format="json")
    assert response.json()["properties"]["title"] == "Saluran meluap parah"
    response = api.post(f"{url}status/", {"status": "ditangani"}, format="json")
    assert response.status_code == 400 and response.json()["codes"] == [MappingError.BAD_STATUS]
    response = api.post(f"{url}status/", {"status": "terverifikasi"}, format="json")
    assert response.json()["properties"]["status"] == ProblemStatus.VERIFIED
    assert api.delete(url).status_code == 204
    assert not Problem.objects.exists()
