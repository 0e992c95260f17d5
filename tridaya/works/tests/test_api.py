import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR
from tridaya.works.models import EntryStatus, ProgressEntry
from tridaya.works.services.packages import reporter_add
from tridaya.works.tests.factories import package, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(bajur):
    ksm = ksm_with(bajur)
    work = package(bajur, ksm=ksm)
    reporter = user_with_role("ksm", BAJUR)
    reporter_add(actor=None, ksm=ksm, user=reporter)
    return work, reporter


def test_packages_are_public_with_a_pinned_query_count(bajur, setup, django_assert_num_queries):
    client = APIClient()
    with django_assert_num_queries(6):
        response = client.get(reverse("api-works-packages", args=[BAJUR]))
    assert response.status_code == 200
    assert response.json()[0]["status"] == "rencana"


def test_claim_then_return_then_approve_over_the_api(bajur, setup):
    work, reporter = setup
    client = APIClient()
    url = reverse("api-works-entries", args=[BAJUR, work.pk])
    body = {
        "date": "2026-03-10",
        "percent": "25",
        "photo": photo(),
        "slot": 0,
        "submit": True,
        "instance_id": "uuid:1",
    }
    assert client.post(url, body, format="multipart").status_code == 404  # anonymous
    client.force_authenticate(reporter)
    created = client.post(url, {**body, "photo": photo()}, format="multipart")
    assert created.status_code == 201, created.content
    again = client.post(url, {**body, "photo": photo()}, format="multipart")
    assert again.json()["id"] == created.json()["id"]  # idempotent by instance id
    entry_id = created.json()["id"]
    decide = reverse("api-works-decision", args=[BAJUR, work.pk, entry_id])
    assert client.post(decide, {"approve": True}, format="json").status_code == 403
    client.force_authenticate(user_with_role("facilitator", BAJUR))
    short = client.post(decide, {"approve": False, "reason": "kurang"}, format="json")
    assert short.status_code == 400
    assert client.post(decide, {"approve": True}, format="json").status_code == 200
    assert ProgressEntry.objects.get(pk=entry_id).status == EntryStatus.APPROVED
    public = APIClient().get(url).json()
    assert [e["percent"] for e in public] == ["25.00"]
    assert dt.date.fromisoformat(public[0]["date"]) == dt.date(2026, 3, 10)
