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
            "requested": "50",  # Rp 3 juta: the whole of tranche I (60% of Rp 5 juta)
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


# --- checklist, allocation status and return, LPJ, findings, taxes -------------------------


@pytest.fixture
def plpbk(bajur):
    return allocation_create(
        actor=None, village=opened(bajur), program_code="plpbk", budget_year=2026
    )


@pytest.fixture
def targets(bajur, plpbk):
    """One object for each of the endpoints that name an object in their URL."""
    import datetime as dt

    from tridaya.finance.services.reports import FindingInput, audit_record
    from tridaya.finance.services.tranches import request_create
    from tridaya.finance.tests.factories import advance, spend

    audit = audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP Suryadi",
        audited_on=dt.date(2027, 3, 1),
        opinion="wdp",
        findings=[FindingInput(text="Kuitansi tanpa stempel")],
    )
    return {
        "api-finance-allocation-status": plpbk.pk,
        "api-finance-allocation-return": plpbk.pk,
        "api-finance-request-documents": request_create(actor=None, allocation=plpbk, tranche=1).pk,
        "api-finance-finding-close": audit.findings.get().pk,
        "api-finance-voucher-taxes": spend(bajur, advance(bajur, 3_000_000), 1_000_000).pk,
    }


NAMED = [
    "api-finance-allocation-status",
    "api-finance-allocation-return",
    "api-finance-request-documents",
    "api-finance-finding-close",
    "api-finance-voucher-taxes",
]


@pytest.mark.parametrize("name", NAMED)
@pytest.mark.parametrize(("viewer", "expected"), [("village_resident", 403), ("far_bkm", 404)])
def test_new_writes_authorize_before_they_validate(
    client, users, far_village, targets, name, viewer, expected
):
    """An empty body is bad input, but a user who may not write hears 403 (404 outside their
    scope) first, never the 400 that would tell them what the endpoint wants."""
    user = users.get(viewer) or user_with_role("bkm", far_village.code)
    client.force_authenticate(user)
    assert client.post(api(name, targets[name]), {}, format="json").status_code == expected


@pytest.mark.parametrize("name", NAMED)
def test_an_object_of_another_village_is_404_before_the_input_is_read(client, users, targets, name):
    client.force_authenticate(
        users["regency"] if "allocation-status" in name else users["village_bkm"]
    )
    assert client.post(api(name, 999_999), {}, format="json").status_code == 404
    assert client.post(api(name, targets[name]), {}, format="json").status_code == 400


def test_lpj_submit_and_decision_authorize_first(client, users, plpbk):
    client.force_authenticate(users["village_resident"])
    assert client.post(api("api-finance-lpjs"), {}, format="json").status_code == 403
    client.force_authenticate(users["village_bkm"])
    made = client.post(
        api("api-finance-lpjs"),
        {"allocation": plpbk.pk, "tranche": 1, "period_end": "2026-06-30"},
        format="json",
    )
    assert made.status_code == 201 and made.json()["status"] == "submitted"
    decision = api("api-finance-lpj-decision", made.json()["id"])
    assert client.post(decision, {}, format="json").status_code == 403
    facilitator = user_with_role("facilitator", BAJUR)
    client.force_authenticate(facilitator)
    assert client.post(decision, {}, format="json").status_code == 400
    refused = client.post(decision, {"accept": False}, format="json")
    assert refused.status_code == 400 and "alasan" in refused.content.decode().lower()
    returned = client.post(
        decision, {"accept": False, "reason": "Kuitansi semen belum dilampirkan"}, format="json"
    )
    assert returned.json()["status"] == "returned"


def test_allocation_suspended_then_money_returned(client, users, bajur, plpbk):
    receive_blm(bajur, 40_000_000)
    client.force_authenticate(users["regency"])
    suspended = client.post(
        api("api-finance-allocation-status", plpbk.pk),
        {"move": "suspend", "reason": "Menunggu hasil pemeriksaan inspektorat"},
        format="json",
    )
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    client.force_authenticate(users["village_bkm"])
    body = {"date": "2026-12-20", "reason": "Sisa dana dikembalikan akhir tahun"}
    url = api("api-finance-allocation-return", plpbk.pk)
    assert client.post(url, body, format="json").status_code == 400  # suspended: not now
    client.force_authenticate(users["regency"])
    client.post(
        api("api-finance-allocation-status", plpbk.pk),
        {"move": "cancel", "reason": "Program dihentikan oleh Satker tahun ini"},
        format="json",
    )
    client.force_authenticate(users["village_bkm"])
    returned = client.post(url, body, format="json")
    assert returned.status_code == 200 and returned.json()["status"] == "cancelled"
    plpbk.refresh_from_db()
    assert [(e.account.purpose, e.debit, e.credit) for e in plpbk.return_voucher.entries.all()] == [
        (Purpose.RETURNED, 40_000_000, 0),
        (Purpose.BANK, 0, 40_000_000),
    ]
    assert client.post(url, body, format="json").status_code == 400


def test_checklist_finding_and_tax_through_the_api(client, users, targets, settings):
    from tridaya.finance.models import AuditFinding, DisbursementRequest, TaxLine

    client.force_authenticate(users["village_bkm"])
    pp = targets["api-finance-request-documents"]
    ticked = client.post(
        api("api-finance-request-documents", pp),
        {"documents": {"pp_blm": {"present": True, "correct": True}}},
        format="json",
    )
    assert ticked.status_code == 200
    assert DisbursementRequest.objects.get(pk=pp).documents["pp_blm"]["correct"] is True
    unknown = client.post(
        api("api-finance-request-documents", pp),
        {"documents": {"sertifikat_tanah": {"present": True}}},
        format="json",
    )
    assert unknown.status_code == 400 and "sertifikat_tanah" in unknown.content.decode()
    finding = targets["api-finance-finding-close"]
    closed = client.post(
        api("api-finance-finding-close", finding),
        {"closed_on": "2027-03-15", "note": "Kuitansi pengganti dengan stempel dilampirkan"},
        format="json",
    )
    assert closed.status_code == 200
    assert AuditFinding.objects.get(pk=finding).closed_on.isoformat() == "2027-03-15"
    voucher = targets["api-finance-voucher-taxes"]
    tax = {"tax_type": "PPh 22", "base": 1_000_000, "rate": "1.5"}
    off = client.post(api("api-finance-voucher-taxes", voucher), tax, format="json")
    assert off.status_code == 400 and "tidak aktif" in off.content.decode()
    settings.FINANCE_TAX_LINES = True
    made = client.post(api("api-finance-voucher-taxes", voucher), tax, format="json")
    assert made.status_code == 201
    line = TaxLine.objects.get(pk=made.json()["id"])
    assert line.amount == 15_000
    deposit = api("api-finance-tax-deposit", line.pk)
    assert (
        client.post(deposit, {"deposit_proof": "77AB77AB77AB77AB"}, format="json").status_code
        == 200
    )
    assert (
        client.post(deposit, {"deposit_proof": "78AB78AB78AB78AB"}, format="json").status_code
        == 400
    )
    line.refresh_from_db()
    assert line.deposit_proof == "77AB77AB77AB77AB"


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
