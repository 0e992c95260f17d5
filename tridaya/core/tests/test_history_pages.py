"""Issue 11, item 8: history pages show labels and readable values, and the client IP only to
the national admin."""

import pytest

from tridaya.core.models import AuditEvent
from tridaya.cycle import services
from tridaya.cycle.tests.factories import meeting_input
from tridaya.regions.tests.factories import BAJUR


@pytest.fixture
def recorded(bajur):
    meeting = services.meeting_record(actor=None, village=bajur, data=meeting_input())
    # What an election result and an address look like in the trail.
    AuditEvent.objects.create(
        action="cycle.meeting_updated",
        object_type="cycle.meeting",
        object_id=str(meeting.pk),
        object_repr=str(meeting),
        region_code=BAJUR,
        changes={
            "held_on": [None, "2026-03-05"],
            "kind": [None, "rkm"],
            "result": [None, {"person": 151, "votes": 80, "elected": True}],
        },
        ip_address="203.0.113.7",
    )
    return meeting


@pytest.mark.django_db
def test_history_shows_labels_and_readable_values(client, users, recorded):
    client.force_login(users["village_bkm"])
    page = client.get(f"/wilayah/{BAJUR}/riwayat/").content.decode()
    assert "Pertemuan dicatat" in page and "cycle.meeting_recorded" not in page
    assert "<td>Tanggal</td>" in page and "held_on" not in page
    assert "05-03-2026" in page
    assert "Rembug Kesiapan Masyarakat (RKM)" in page
    assert "{&#x27;person&#x27;" not in page and "True" not in page
    assert "Votes: 80" in page and "Elected: ya" in page


@pytest.mark.django_db
@pytest.mark.parametrize(("viewer", "sees_ip"), [("national", True), ("village_bkm", False),
                                                  ("regency", False)])  # fmt: skip
def test_client_ip_only_for_the_national_admin(client, users, recorded, viewer, sees_ip):
    client.force_login(users[viewer])
    page = client.get(f"/wilayah/{BAJUR}/riwayat/").content.decode()
    assert ("203.0.113.7" in page) is sees_ip
