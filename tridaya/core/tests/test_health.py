import json
import logging

import pytest
from django.db import connection
from django.test import override_settings

from tridaya.core.logs import JsonFormatter, RequestContextFilter, mask_identity_numbers
from tridaya.core.request_context import RequestInfo, reset_request_info, set_request_info


def test_healthz_answers_without_the_database(client):
    # No django_db mark: any query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "jobs": "in-process"},
    }


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_when_it_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"].startswith("gagal")
    assert body["checks"]["cache"] == "ok"


@pytest.mark.django_db
@override_settings(TRIDAYA_BROKER_URL="amqp://guest:guest@127.0.0.1:1//")
def test_readyz_fails_when_the_job_broker_is_unreachable(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["jobs"].startswith("gagal")


def test_health_checks_refuse_writes(client):
    assert client.post("/healthz").status_code == 405


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_checks_are_not_redirected_to_https(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/siklus/").status_code == 301


def test_identity_numbers_are_masked_to_their_region():
    assert mask_identity_numbers("NIK 5201140101900001 ditolak") == "NIK 520114********** ditolak"
    # Shorter or longer digit runs are not identity numbers.
    assert mask_identity_numbers("Rp 1000000000") == "Rp 1000000000"
    assert mask_identity_numbers("12345678901234567") == "12345678901234567"


def test_json_log_line_carries_the_request_id_and_masks_the_nik():
    record = logging.LogRecord(
        "tridaya.test", logging.WARNING, __file__, 1, "import %s gagal", ("5201140101900001",), None
    )
    token = set_request_info(RequestInfo(request_id="req-42"))
    try:
        assert RequestContextFilter().filter(record)
    finally:
        reset_request_info(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42"
    assert line["message"] == "import 520114********** gagal"
    assert line["level"] == "WARNING"
