"""Cycle data is written on its pages and through the API (checked and audited); the admin
shows it and changes only what has a service behind it."""

import pytest

from tridaya.accounts.tests.factories import UserFactory
from tridaya.cycle.tests.factories import enrolled

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_records_of_the_cycle_are_read_only_in_the_admin(admin_client, bajur):
    cycle = enrolled(bajur)
    for name in ("meeting", "gateoverride", "stepdocument", "signoff", "cycletemplate"):
        assert admin_client.get(f"/admin/cycle/{name}/").status_code == 200, name
        assert admin_client.get(f"/admin/cycle/{name}/add/").status_code == 403, name
    assert admin_client.get(f"/admin/cycle/villagecycle/{cycle.pk}/delete/").status_code == 403
