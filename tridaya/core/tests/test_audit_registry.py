"""The audit action registry: unregistered codes are refused at run time and by the system
check; history pages show the label, not the code."""

import textwrap

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import lazystr
from django.utils.translation import override

from tridaya.core import audit, checks
from tridaya.core.audit import action_label, record_event
from tridaya.core.models import AuditEvent


@pytest.mark.django_db
def test_record_event_refuses_an_unregistered_action_and_writes_nothing(bajur):
    with pytest.raises(ImproperlyConfigured, match="regions.never_registered"):
        record_event(actor=None, action="regions.never_registered", obj=bajur)
    assert not AuditEvent.objects.exists()


def test_labels_are_translated():
    with override("id"):
        assert action_label("regions.profile_updated") == "Profil desa diubah"
    with override("en"):
        assert action_label("regions.profile_updated") == "Village profile changed"
    assert action_label("historic.unknown_code") == "historic.unknown_code"


def test_registering_a_code_twice_with_another_label_is_refused():
    with pytest.raises(ImproperlyConfigured):
        audit.register_actions({"regions.profile_updated": lazystr("Lain")})
    with pytest.raises(ImproperlyConfigured):
        audit.register_actions({"nodot": lazystr("Tanpa titik")})


def test_every_action_in_the_code_is_registered_and_labelled():
    assert checks.check_audit_actions() == []


def test_the_scan_finds_literals_in_every_shape_that_reaches_record_event():
    source = textwrap.dedent(
        """
        def _record(actor, action, obj):
            record_event(actor=actor, action=action, obj=obj)

        def a(actor, obj, created):
            record_event(actor=actor, action="x.direct", obj=obj)
            record_event(actor=actor, action="x.made" if created else "x.changed", obj=obj)
            action = "x.assigned"
            _record(actor, "x.forwarded", obj)
            _record(actor, action="x.forwarded_kw", obj=obj)
            authorize(actor, "x.policy_action", obj)
            kind = request.POST.get("action")
        """
    )
    found = {code for code, _line in checks.action_literals(source)}
    assert found == {
        "x.direct",
        "x.made",
        "x.changed",
        "x.assigned",
        "x.forwarded",
        "x.forwarded_kw",
    }


def test_the_check_reports_an_unregistered_literal_with_its_place(tmp_path):
    package = tmp_path / "tridaya"
    (package / "demoapp").mkdir(parents=True)
    (package / "demoapp" / "services.py").write_text(
        'def f(obj):\n    record_event(actor=None, action="regions.typo_saved", obj=obj)\n'
    )
    (package / "demoapp" / "tests").mkdir()
    (package / "demoapp" / "tests" / "test_x.py").write_text(
        'record_event(actor=None, action="regions.only_in_tests", obj=None)\n'
    )
    errors = checks.check_audit_actions(package)
    assert [error.id for error in errors] == ["tridaya.E103"]
    assert "tridaya/demoapp/services.py:2" in errors[0].msg
    assert "regions.typo_saved" in errors[0].msg


def test_the_check_refuses_a_label_that_is_not_translatable(monkeypatch):
    monkeypatch.setitem(audit._labels, "regions.plain_label", "Teks biasa")
    errors = checks.check_audit_actions()
    assert [error.id for error in errors] == ["tridaya.E101"]


@pytest.mark.django_db
def test_history_page_shows_the_label_not_the_code(client, users, bajur):
    record_event(actor=None, action="regions.profile_updated", obj=bajur)
    client.force_login(users["village_bkm"])
    response = client.get(f"/wilayah/{bajur.code}/riwayat/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Profil desa diubah" in body
    assert "regions.profile_updated" not in body


def test_a_forwarding_helper_of_another_module_is_followed(tmp_path):
    package = tmp_path / "tridaya"
    (package / "demoapp" / "services").mkdir(parents=True)
    (package / "demoapp" / "services" / "common.py").write_text(
        "def _record_added(actor, action, member):\n"
        "    record_event(actor=actor, action=action, obj=member)\n"
    )
    (package / "demoapp" / "services" / "groups.py").write_text(
        "from .common import _record_added\n\n"
        "def f(member):\n"
        '    _record_added(None, "regions.not_registered_here", member)\n'
    )
    errors = checks.check_audit_actions(package)
    assert [error.id for error in errors] == ["tridaya.E103"]
    assert "groups.py:4" in errors[0].msg


@pytest.mark.django_db
def test_the_api_gives_the_code_and_the_label(client, users, bajur):
    record_event(actor=None, action="regions.profile_updated", obj=bajur)
    client.force_login(users["village_bkm"])
    [event] = client.get(f"/api/v1/regions/{bajur.code}/audit-events/").json()["results"]
    assert (event["action"], event["action_label"]) == (
        "regions.profile_updated",
        "Profil desa diubah",
    )
