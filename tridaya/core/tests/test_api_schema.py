import pytest
import yaml
from django.core.management import call_command


@pytest.mark.django_db
def test_openapi_schema_builds_without_warnings_and_lists_every_app(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    paths = yaml.safe_load(target.read_text())["paths"]
    for path in (
        "/api/v1/regions/",
        "/api/v1/villages/{code}/cycle/",
        "/api/v1/villages/{code}/meetings/",
        "/api/v1/villages/{code}/people/",
    ):
        assert path in paths


@pytest.mark.django_db
def test_refusals_carry_their_code(users, bajur):
    from rest_framework.test import APIClient

    from tridaya.cycle.tests.factories import enrolled

    enrolled(bajur)
    api = APIClient()
    api.force_authenticate(users["village_bkm"])
    response = api.post(f"/api/v1/villages/{bajur.code}/cycle/steps/sosialisasi/complete/")
    assert response.status_code == 400
    assert response.json()["codes"] == ["cycle_gates_failing"]
