"""Pages of the follow-up plan (RKTL)."""

import pytest

from tridaya.training.tests.views.conftest import url

pytestmark = pytest.mark.django_db


def test_follow_up_plan_is_public_and_updated_by_managers(client, facilitator, held):
    assert client.get(url(held, "rktl/")).status_code == 200
    response = client.post(url(held, "rktl/"), {"action": "x"})
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    client.force_login(facilitator)
    client.post(
        url(held, "rktl/"),
        {"action": "Sosialisasi", "owner": "BKM", "due_on": "2026-05-01", "status": "planned"},
    )
    follow_up = held.follow_ups.get()
    client.post(
        url(held, f"rktl/{follow_up.pk}/"),
        {"action": "Sosialisasi", "owner": "BKM", "due_on": "2026-05-01", "status": "done"},
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.done_on is not None
