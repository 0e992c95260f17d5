import pytest
from django.db import DatabaseError, transaction

from tridaya.core.audit import diff, record_event
from tridaya.core.models import AuditEvent
from tridaya.core.request_context import RequestInfo, reset_request_info, set_request_info
from tridaya.regions import services
from tridaya.regions.tests.factories import BAJUR


def test_diff_keeps_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


@pytest.mark.django_db
def test_event_carries_request_id_ip_and_region(bajur, users):
    token = set_request_info(RequestInfo(request_id="req-42", ip="10.1.2.3"))
    try:
        event = record_event(
            actor=users["village_bkm"], action="regions.profile_updated", obj=bajur
        )
    finally:
        reset_request_info(token)
    assert (event.request_id, event.ip_address, event.region_code) == ("req-42", "10.1.2.3", BAJUR)
    assert event.object_type == "regions.region" and event.object_id == BAJUR


@pytest.mark.django_db
def test_request_id_header_is_echoed_and_recorded(client, users, bajur):
    client.force_login(users["village_bkm"])
    response = client.post(
        f"/wilayah/{BAJUR}/profil/ubah/", {"population": "10"}, headers={"X-Request-ID": "abc123"}
    )
    assert response["X-Request-ID"] == "abc123"
    assert AuditEvent.objects.get().request_id == "abc123"


@pytest.mark.django_db
def test_database_refuses_to_edit_an_audit_event(bajur):
    event = record_event(actor=None, action="regions.profile_updated", obj=bajur)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="diubah")
    event.refresh_from_db()
    assert event.action == "regions.profile_updated"


@pytest.mark.django_db
def test_a_failed_change_leaves_no_audit_event(bajur):
    with pytest.raises(Exception):  # noqa: B017  (the validation error itself is tested elsewhere)
        services.profile_update(actor=None, village=bajur, households=5, poor_households=9)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_object_history_page(client, users, bajur):
    profile = services.profile_update(actor=users["village_bkm"], village=bajur, population=9)
    client.force_login(users["village_bkm"])
    page = client.get(f"/riwayat/regions.villageprofile/{profile.pk}/").content.decode()
    # The history shows the registered label of the action (issue 10), never its code.
    assert "Profil desa diubah" in page and "regions.profile_updated" not in page
    client.force_login(users["village_resident"])
    assert client.get(f"/riwayat/regions.villageprofile/{profile.pk}/").status_code == 403
    assert client.get("/riwayat/regions.nothing/1/").status_code == 404


def test_client_ip_behind_trusted_proxies(rf, settings):
    from tridaya.core.middleware import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRIDAYA_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRIDAYA_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # the spoofable 6.6.6.6 is never taken


@pytest.mark.django_db
def test_interface_is_indonesian_whatever_the_browser_asks(client):
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="id"' in page and "Cari wilayah" in page
