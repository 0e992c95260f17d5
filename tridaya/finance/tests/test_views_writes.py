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


def _rpd(client, proposal, activity, *, requested: str):
    """Post one RPD line of tranche I: `requested` sacks of cement at Rp 60.000."""
    return _post(
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
        requested=requested,
        unit_price="60.000",
    )


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
    _rpd(client, proposal, activity, requested="60")
    # Rp 3,6 juta is more than tranche I may pay (60% of Rp 5 juta): refused on the form.
    assert not activity.cash_plan.exists()
    _rpd(client, proposal, activity, requested="50")
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


# --- PP-BLM checklist, allocation status and return, LPJ, findings, taxes -----------------


@pytest.fixture
def plpbk(bajur):
    from tridaya.finance.services.allocations import allocation_create

    return allocation_create(
        actor=None, village=opened(bajur), program_code="plpbk", budget_year=2026
    )


@pytest.fixture
def facilitator(bajur):
    from tridaya.accounts.tests.factories import user_with_role

    return user_with_role("facilitator", BAJUR)


def test_the_pp_blm_checklist_is_ticked_on_its_page(client, users, plpbk):
    from tridaya.finance.services.tranches import request_create

    pp = request_create(actor=None, allocation=plpbk, tranche=1)
    client.force_login(users["village_resident"])
    assert client.get(url("request_documents", pp.pk)).status_code == 403
    client.force_login(users["village_bkm"])
    page = client.get(url("request", pp.pk)).content.decode()
    assert url("request_documents", pp.pk) in page
    form = client.get(url("request_documents", pp.pk)).context["form"]
    first, second = form.codes[:2]
    response = client.post(
        url("request_documents", pp.pk),
        {
            "doc_0_present": "on",
            "doc_0_correct": "on",
            "doc_1_present": "on",
            "doc_1_note": "Stempel BKM belum ada",
        },
    )
    assert response.status_code == 302
    pp.refresh_from_db()
    assert pp.documents[first] == {"present": True, "correct": True, "note": ""}
    assert pp.documents[second] == {
        "present": True,
        "correct": False,
        "note": "Stempel BKM belum ada",
    }
    assert "Stempel BKM belum ada" in client.get(url("request", pp.pk)).content.decode()


def test_an_officer_suspends_with_a_reason_and_resumes(client, users, plpbk):
    client.force_login(users["village_bkm"])
    assert client.get(url("allocation_status", plpbk.pk)).status_code == 403
    client.force_login(users["regency"])
    short = client.post(url("allocation_status", plpbk.pk), {"move": "suspend", "reason": "x"})
    assert short.status_code == 200 and "alasan" in short.content.decode().lower()
    plpbk.refresh_from_db()
    assert plpbk.status == "active"
    done = client.post(
        url("allocation_status", plpbk.pk),
        {"move": "suspend", "reason": "Laporan tahap I belum lengkap dari BKM"},
    )
    assert done.status_code == 302
    plpbk.refresh_from_db()
    assert plpbk.status == "suspended"
    home = client.get(url("home")).content.decode()
    assert "Laporan tahap I belum lengkap" in home
    wrong = client.post(
        url("allocation_status", plpbk.pk), {"move": "suspend", "reason": "Ditangguhkan lagi saja"}
    )
    assert "tidak bisa diubah" in wrong.content.decode()


def test_the_unspent_money_is_returned_once_as_a_voucher(client, users, bajur, plpbk):
    receive_blm(bajur, 25_000_000)
    client.force_login(users["village_bkm"])
    page = client.get(url("allocation_return", plpbk.pk)).content.decode()
    assert "25.000.000" in page
    response = client.post(
        url("allocation_return", plpbk.pk),
        {"date": "2026-12-20", "reason": "Sisa dana akhir tahun anggaran"},
    )
    plpbk.refresh_from_db()
    assert plpbk.return_voucher is not None and plpbk.status == "closed"
    assert response["Location"] == url("voucher", plpbk.return_voucher_id)
    assert Account.objects.get(village=bajur, purpose=Purpose.BANK).balance == 0
    again = client.post(
        url("allocation_return", plpbk.pk),
        {"date": "2026-12-21", "reason": "Sisa dana akhir tahun anggaran"},
    )
    assert "sudah dikembalikan" in again.content.decode()


def test_lpj_submitted_returned_with_a_reason_and_accepted(client, users, facilitator, plpbk):
    from tridaya.finance.models import Lpj

    client.force_login(users["village_bkm"])
    response = client.post(
        url("lpj_new"), {"allocation": plpbk.pk, "tranche": 1, "period_end": "2026-06-30"}
    )
    lpj = Lpj.objects.get(allocation=plpbk)
    assert response["Location"] == url("lpj", lpj.pk)
    page = client.get(url("lpj", lpj.pk))
    assert page.context["form"] is None
    assert client.post(url("lpj", lpj.pk), {"accept": "1"}).status_code == 403
    client.force_login(facilitator)
    no_reason = client.post(url("lpj", lpj.pk), {"accept": "0", "reason": ""})
    assert no_reason.status_code == 200 and no_reason.context["form"].errors
    lpj.refresh_from_db()
    assert lpj.status == "submitted"
    client.post(url("lpj", lpj.pk), {"accept": "0", "reason": "Kuitansi semen belum dilampirkan"})
    lpj.refresh_from_db()
    assert (lpj.status, lpj.reason) == ("returned", "Kuitansi semen belum dilampirkan")
    client.force_login(users["village_bkm"])
    client.post(url("lpj_new"), {"allocation": plpbk.pk, "tranche": 1, "period_end": "2026-06-30"})
    again = Lpj.objects.filter(allocation=plpbk).latest("pk")
    client.force_login(facilitator)
    client.post(url("lpj", again.pk), {"accept": "1", "reason": ""})
    again.refresh_from_db()
    assert again.status == "accepted"


def test_a_finding_is_closed_with_a_note(client, users, bajur):
    from tridaya.finance.services.reports import FindingInput, audit_record

    audit = audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP Suryadi & Rekan",
        audited_on=dt.date(2027, 3, 20),
        opinion="wdp",
        findings=[FindingInput(text="Kuitansi pasir tanpa stempel", follow_up="Minta ganti")],
    )
    finding = audit.findings.get()
    client.force_login(users["village_resident"])
    assert client.get(url("finding_close", finding.pk)).status_code == 403
    client.force_login(users["village_bkm"])
    assert url("finding_close", finding.pk) in client.get(url("audits")).content.decode()
    early = client.post(
        url("finding_close", finding.pk),
        {"closed_on": "2027-01-02", "note": "Kuitansi sudah diganti oleh toko"},
    )
    assert "sebelum tanggal laporan audit" in early.content.decode()
    done = client.post(
        url("finding_close", finding.pk),
        {"closed_on": "2027-04-02", "note": "Kuitansi sudah diganti oleh toko"},
    )
    assert done.status_code == 302, done.content.decode()[-3000:]
    finding.refresh_from_db()
    assert finding.closed_on == dt.date(2027, 4, 2)
    page = client.get(url("audits")).content.decode()
    assert (
        "Kuitansi sudah diganti oleh toko" in page and url("finding_close", finding.pk) not in page
    )


def test_tax_lines_on_a_payment_only_when_switched_on(client, users, bajur, settings):
    from tridaya.finance.tests.factories import advance, spend

    payment = spend(bajur, advance(bajur, 5_000_000), 2_000_000)
    client.force_login(users["village_bkm"])
    assert url("tax_new", payment.pk) not in client.get(url("voucher", payment.pk)).content.decode()
    off = client.post(
        url("tax_new", payment.pk), {"tax_type": "PPh 22", "base": "2.000.000", "rate": "1.5"}
    )
    assert "tidak aktif" in off.content.decode()
    assert not payment.tax_lines.exists()
    settings.FINANCE_TAX_LINES = True
    assert url("tax_new", payment.pk) in client.get(url("voucher", payment.pk)).content.decode()
    client.post(
        url("tax_new", payment.pk), {"tax_type": "PPh 22", "base": "2.000.000", "rate": "1.5"}
    )
    line = payment.tax_lines.get()
    assert (line.amount, line.deposit_proof) == (30_000, "")
    client.post(url("tax_deposit", line.pk), {"deposit_proof": "9f3a2b4c5d6e7f80"})
    line.refresh_from_db()
    assert line.deposit_proof == "9F3A2B4C5D6E7F80"
    assert "9F3A2B4C5D6E7F80" in client.get(url("voucher", payment.pk)).content.decode()
