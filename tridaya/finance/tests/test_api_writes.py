"""The write endpoints of money: each runs the page's service, answers 201 with the new id,
403 for a visible village the user may not change, 404 outside the user's scope, and 400 with
the service's Indonesian reason for a refusal."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance.models import (
    Account,
    AnnualAudit,
    KsmRelease,
    PeriodClose,
    Proposal,
    Purpose,
    SwadayaContribution,
)
from tridaya.finance.services.allocations import allocation_create
from tridaya.finance.tests.factories import legalised_rtplp_activity, opened, receive_blm
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def api(name, *args):
    return reverse(name, args=[BAJUR, *args])


@pytest.fixture
def client():
    return APIClient()


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [("regency", 201), ("village_bkm", 403), ("village_resident", 403), ("far_bkm", 404)],
)
def test_allocation_policy(client, users, bajur, far_village, viewer, expected):
    user = users.get(viewer) or user_with_role("bkm", far_village.code)
    client.force_authenticate(user)
    response = client.post(
        api("api-finance-allocations"), {"program": "plpbk", "budget_year": 2026}, format="json"
    )
    assert response.status_code == expected


def test_proposal_to_release_through_the_api_and_a_retry_posts_once(client, users, bajur):
    allocation = allocation_create(
        actor=None, village=opened(bajur), program_code="plpbk", budget_year=2026
    )
    plan_activity = legalised_rtplp_activity(bajur, volume="10", price=500_000)
    ksm = ksm_with(bajur, name="KSM Sejahtera")
    client.force_authenticate(users["village_bkm"])
    made = client.post(
        api("api-finance-proposals"),
        {
            "allocation": allocation.pk,
            "ksm": ksm.pk,
            "number": "02/KSM",
            "proposed_on": "2026-03-02",
        },
        format="json",
    )
    assert made.status_code == 201
    pk = made.data["id"]
    empty = client.post(api("api-finance-proposal-submit", pk), {}, format="json")
    assert empty.status_code == 400 and "sedikitnya satu kegiatan" in str(empty.data)
    activity = client.post(
        api("api-finance-proposal-activities", pk),
        {"plan_activity_id": plan_activity.pk},
        format="json",
    ).data["id"]
    assert client.post(api("api-finance-proposal-submit", pk), {}, format="json").status_code == 201
    verified = client.post(
        api("api-finance-proposal-verify", pk), {"verified_on": "2026-03-05"}, format="json"
    )
    assert verified.data["status"] == "verified"
    rpd = client.post(
        api("api-finance-cash-plan"),
        {
            "activity": activity,
            "tranche": 1,
            "category": "bahan",
            "item": "Semen",
            "unit": "sak",
            "quantity_needed": "100",
            "requested": "60",
            "unit_price": 60_000,
        },
        format="json",
    )
    assert rpd.status_code == 201
    receive_blm(bajur, 5_000_000)
    release = {"activity": activity, "tranche": 1, "amount": 3_000_000, "date": "2026-03-10"}
    for _attempt in range(2):
        response = client.post(
            api("api-finance-releases"), release, format="json", HTTP_IDEMPOTENCY_KEY="rel-1"
        )
        assert response.status_code == 201
    assert KsmRelease.objects.count() == 1
    assert Account.objects.get(village=bajur, purpose=Purpose.KSM_ADVANCE).balance == 3_000_000
    assert Proposal.objects.get(pk=pk).ksm == ksm


def test_swadaya_period_close_and_audit(client, users, bajur):
    opened(bajur)
    client.force_authenticate(users["village_bkm"])
    swadaya = client.post(
        api("api-finance-swadaya"),
        {
            "form": "labour",
            "date": "2026-03-12",
            "description": "Kerja bakti",
            "days": 10,
            "daily_rate": 90_000,
            "workers_men": 6,
            "workers_women": 4,
        },
        format="json",
    )
    assert swadaya.status_code == 201
    assert SwadayaContribution.objects.get().value == 900_000
    closed = client.post(api("api-finance-period-close"), {"year": 2026, "month": 1}, format="json")
    assert closed.status_code == 201 and PeriodClose.objects.filter(month=1).exists()
    again = client.post(api("api-finance-period-close"), {"year": 2026, "month": 1}, format="json")
    assert again.status_code == 400 and "sudah ditutup" in str(again.data)
    audit = client.post(
        api("api-finance-audits"),
        {
            "year": 2026,
            "auditor": "KAP Suryadi",
            "audited_on": "2027-03-20",
            "opinion": "wtp",
            "findings": [{"text": "Buku bank terlambat dicatat", "follow_up": "Catat harian"}],
        },
        format="json",
    )
    assert audit.status_code == 201
    assert AnnualAudit.objects.get().findings.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["allocations", "requests", "proposals", "swadaya", "periods/close", "audits", "price-surveys"],
)
def test_writes_authorize_before_validating(bajur, terong_tawah, path):
    """An empty body from an outsider answers 404 and from a book reader without the right 403,
    never 400 (which would tell them the village's books accept their input)."""
    client = APIClient()
    url = f"/api/v1/villages/{BAJUR}/finance/{path}/"
    client.force_authenticate(user_with_role("bkm", terong_tawah.code))
    assert client.post(url, {}, format="json").status_code == 404
    client.force_authenticate(user_with_role("resident", BAJUR))
    assert client.post(url, {}, format="json").status_code == 403
