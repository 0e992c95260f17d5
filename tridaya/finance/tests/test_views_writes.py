"""The write pages of money: allocation, PP-BLM, a KSM proposal through its life, swadaya,
closing a month and the audit, each through its service, with refusals shown in Indonesian on
the form and the policy applied (403 for visible villages the user may not change)."""

import datetime as dt

import pytest
from django.urls import reverse

from tridaya.finance.models import (
    Account,
    Allocation,
    AnnualAudit,
    DisbursementRequest,
    PeriodClose,
    Proposal,
    ProposalStatus,
    Purpose,
    SwadayaContribution,
)
from tridaya.finance.tests.factories import legalised_rtplp_activity, opened, receive_blm
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"finance:{name}", args=[BAJUR, *args])


def test_an_officer_creates_an_allocation_and_a_second_one_is_refused_in_indonesian(
    client, users, bajur
):
    client.force_login(users["regency"])
    data = {"program": "plpbk", "budget_year": 2026, "amount": "", "funding_source": ""}
    response = client.post(url("allocation_new"), data)
    assert response.status_code == 302
    allocation = Allocation.objects.get(village=bajur)
    assert allocation.amount == 1_000_000_000
    response = client.post(url("allocation_new"), data)
    assert response.status_code == 200
    assert "sudah punya alokasi" in response.content.decode()
    assert Allocation.objects.filter(village=bajur).count() == 1
    client.force_login(users["village_bkm"])
    assert client.get(url("allocation_new")).status_code == 403


def test_bkm_opens_a_pp_blm_for_the_first_tranche(client, users, bajur):
    from tridaya.finance.services.allocations import allocation_create

    allocation = allocation_create(
        actor=None, village=opened(bajur), program_code="plpbk", budget_year=2026
    )
    client.force_login(users["village_bkm"])
    response = client.post(url("request_new"), {"allocation": allocation.pk, "tranche": 1})
    pp = DisbursementRequest.objects.get(allocation=allocation)
    assert response.status_code == 302 and response["Location"] == url("request", pp.pk)
    assert pp.tranche == 1 and pp.status == "draft"


def _post(client, proposal, action, **data):
    fields = {"action": action, **{f"{action}-{k}": v for k, v in data.items()}}
    return client.post(url("proposal", proposal.pk), fields)


def test_a_ksm_proposal_lives_through_its_page_up_to_the_release(client, users, bajur):
    from tridaya.finance.services.allocations import allocation_create

    allocation = allocation_create(
        actor=None, village=opened(bajur), program_code="plpbk", budget_year=2026
    )
    plan_activity = legalised_rtplp_activity(bajur, volume="10", price=500_000)
    ksm = ksm_with(bajur, name="KSM Maju Bersama")
    client.force_login(users["village_bkm"])
    response = client.post(
        url("proposals"),
        {
            "allocation": allocation.pk,
            "ksm": ksm.pk,
            "number": "01/KSM/2026",
            "proposed_on": "2026-03-02",
        },
    )
    proposal = Proposal.objects.get(village=bajur)
    assert response["Location"] == url("proposal", proposal.pk)
    refused = _post(client, proposal, "submit")
    assert refused.status_code == 200
    assert "Tambahkan sedikitnya satu kegiatan" in refused.content.decode()
    _post(client, proposal, "activity", plan_activity_id=plan_activity.pk)
    activity = proposal.activities.get()
    _post(client, proposal, "submit")
    _post(client, proposal, "verify", verified_on="2026-03-05", accept="1", reason="")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.VERIFIED
    _post(
        client,
        proposal,
        "rpd",
        activity=activity.pk,
        tranche=1,
        category="bahan",
        item="Semen",
        unit="sak",
        quantity_needed="100",
        realised_before="0",
        requested="60",
        unit_price="60.000",
    )
    assert activity.cash_plan.count() == 1
    receive_blm(bajur, 5_000_000)
    too_much = _post(
        client,
        proposal,
        "release",
        activity=activity.pk,
        tranche=1,
        amount="5.000.000",
        date="2026-03-10",
    )
    assert too_much.status_code == 200  # beyond the KSM's first tranche (60% of 5 juta)
    assert not activity.releases.exists()
    _post(
        client,
        proposal,
        "release",
        activity=activity.pk,
        tranche=1,
        amount="3.000.000",
        date="2026-03-10",
    )
    advance = Account.objects.get(village=bajur, purpose=Purpose.KSM_ADVANCE)
    assert advance.balance == 3_000_000


def test_swadaya_labour_is_days_times_rate(client, users, bajur):
    opened(bajur)
    client.force_login(users["village_bkm"])
    response = client.post(
        url("swadaya_new"),
        {
            "form": "labour",
            "date": "2026-03-12",
            "description": "Gotong royong saluran",
            "days": "12",
            "daily_rate": "100.000",
            "workers_men": "8",
            "workers_women": "4",
        },
    )
    assert response.status_code == 302
    swadaya = SwadayaContribution.objects.get(village=bajur)
    assert swadaya.value == 1_200_000 and swadaya.workers_women == 4


def test_closing_a_month_and_refusing_one_not_yet_over(client, users, bajur):
    opened(bajur)
    client.force_login(users["village_bkm"])
    response = client.post(url("period_close"), {"month": 1, "year": 2026})
    assert response.status_code == 302
    assert PeriodClose.objects.filter(village=bajur, year=2026, month=1).exists()
    future = dt.date.today().year + 1
    response = client.post(url("period_close"), {"month": 1, "year": future})
    assert "belum berakhir" in response.content.decode()
    client.force_login(users["village_resident"])
    assert client.get(url("period_close")).status_code == 403


def test_the_audit_is_recorded_with_its_findings(client, users, bajur):
    client.force_login(users["village_bkm"])
    response = client.post(
        url("audits"),
        {
            "year": 2026,
            "auditor": "KAP Suryadi & Rekan",
            "audited_on": "2027-03-20",
            "opinion": "wdp",
            "finding_1": "Kuitansi pembelian pasir tanpa stempel toko",
            "follow_up_1": "Minta kuitansi pengganti",
            "due_on_1": "2027-04-30",
        },
    )
    assert response.status_code == 302
    audit = AnnualAudit.objects.get(village=bajur)
    assert audit.findings.get().follow_up == "Minta kuitansi pengganti"
    page = client.get(url("audits")).content.decode()
    assert "KAP Suryadi" in page and "Kuitansi pembelian pasir" in page
