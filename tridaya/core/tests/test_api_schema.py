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


@pytest.fixture(scope="module")
def schema(django_db_blocker, tmp_path_factory):
    target = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        call_command("spectacular", "--file", str(target))
    return yaml.safe_load(target.read_text())


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, path, operation


def test_operations_are_grouped_by_app_with_a_link_back_to_its_pages(schema):
    from tridaya.core.api_schema import APP_TAGS

    tags = {tag["name"]: tag for tag in schema["tags"]}
    assert list(tags) == [entry[0] for entry in APP_TAGS.values()]
    used = {}
    for method, path, operation in _operations(schema):
        assert len(operation["tags"]) == 1, (method, path)
        assert operation["tags"][0] in tags, (method, path, operation["tags"])
        used.setdefault(operation["tags"][0], []).append(path)
    assert set(used) == set(tags)  # every app's group holds operations, no "v1" catch-all
    assert "/api/v1/villages/{code}/households/" in used["Pemetaan swadaya"]
    assert "/api/v1/villages/{code}/finance/vouchers/" in used["Keuangan"]
    for tag in tags.values():
        assert tag["externalDocs"]["url"].startswith("/")
        assert f"]({tag['externalDocs']['url']})" in tag["description"]


def test_every_operation_has_an_indonesian_summary(schema):
    verbs = {"Daftar", "Lihat", "Tambah", "Ubah", "Simpan", "Hapus", "Catat", "Minta"}
    summaries = {}
    for method, path, operation in _operations(schema):
        summary = operation.get("summary", "")
        assert summary.strip(), (method, path)
        summaries[(method, path)] = summary
    assert summaries[("get", "/api/v1/villages/{code}/households/")] == "Daftar rumah tangga"
    assert summaries[("delete", "/api/v1/villages/{code}/households/{id}/")] == (
        "Hapus rumah tangga"
    )
    assert summaries[("post", "/api/v1/villages/{code}/pledges/{id}/commit/")] == (
        "Jadikan komitmen janji dukungan"
    )
    assert summaries[("post", "/api/v1/trainings/{id}/participants/")] == "Tambah peserta pelatihan"
    plain = [s for s in summaries.values() if s.split()[0] in verbs]
    assert len(plain) > len(summaries) / 2


def test_a_path_segment_without_a_word_gets_no_made_up_summary():
    from tridaya.core.api_schema import summary_for

    assert summary_for("get", "/api/v1/villages/{code}/households/") == "Daftar rumah tangga"
    assert summary_for("get", "/api/v1/villages/{code}/unknown-things/") is None
    assert summary_for("post", "/api/v1/villages/{code}/households/{id}/frobnicate/") is None


def test_every_operation_documents_the_shared_error_answers(schema):
    """400, 401, 403 and 404 are answered by every operation (a bad filter or body, no token, a
    role without the right, a region outside the scope): each is documented with one schema."""
    assert "detail" in schema["components"]["schemas"]["Error"]["properties"]
    for method, path, operation in _operations(schema):
        for code in ("400", "401", "403", "404"):
            ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error", (method, path, code)
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert "429" in token


def test_a_post_that_creates_documents_201(schema):
    for path in ("/api/v1/villages/{code}/people/", "/api/v1/villages/{code}/plans/"):
        assert set(schema["paths"][path]["post"]["responses"]) & {"200", "201"} == {"201"}


@pytest.mark.django_db
def test_an_api_path_that_matches_no_route_answers_json_404(client):
    response = client.get("/api/v1/villages/52.01.08.2006/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_what_can_be_null_is_documented_nullable(schema):
    """Fields the API answers with null (a system event's actor, a TIPP not yet confirmed, the
    counts only the list of rounds fills) say so."""
    components = schema["components"]["schemas"]
    for component, field in (
        ("AuditEventOutput", "actor"),
        ("TIPPOutput", "confirmed_by_bkm_on"),
        ("TIPPOutput", "confirmed_by_lurah_on"),
        ("PriorityRoundOutput", "option_count"),
        ("PriorityRoundOutput", "sheet_count"),
    ):
        assert components[component]["properties"][field].get("nullable") is True, component


def test_lists_paginated_by_hand_are_documented_as_pages(schema):
    for path in (
        "/api/v1/regions/{code}/trainings/",
        "/api/v1/villages/{code}/people/",
        "/api/v1/villages/{code}/households/",
        "/api/v1/villages/{code}/survey-imports/",
    ):
        body = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        page = schema["components"]["schemas"][body["schema"]["$ref"].rsplit("/", 1)[-1]]
        assert {"count", "results"} <= set(page["properties"]), path


def test_required_query_parameters_say_so(schema):
    parameters = schema["paths"]["/api/v1/villages/{code}/plans/{plan_id}/diff/"]["get"]
    required = {p["name"]: p.get("required", False) for p in parameters["parameters"]}
    assert required["from"] is True and required["to"] is True
