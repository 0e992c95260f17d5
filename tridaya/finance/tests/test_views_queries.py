"""Pinned query counts of money's form pages (GET): each page is read with one row of each
thing it lists and again with three, and must run the same, pinned number of queries both
times, so an N+1 (a query per account, KSM, activity, survey, tax line, finding, ...) fails
here."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tridaya.finance.models import Account, AuditFinding, TaxLine
from tridaya.finance.services import procurement, reports, tranches
from tridaya.finance.services.allocations import allocation_create
from tridaya.finance.services.proposals import cash_plan_item_add
from tridaya.finance.tests.factories import DAY, receive_blm, released_activity, spend
from tridaya.institutions.tests.factories import ksm_with
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db


def _grow(bajur, size: int) -> dict:
    """A village with `size` of each row the form pages list."""
    activity = released_activity(bajur, 3_000_000)
    proposal = activity.proposal
    allocation = proposal.allocation
    for n in range(size):
        ksm_with(bajur, name=f"KSM Tambahan {n}")
        receive_blm(bajur, 1_000_000 + n)
        cash_plan_item_add(
            actor=None,
            activity=activity,
            tranche=1,
            category="alat",
            item=f"Sewa alat {n}",
            unit="hari",
            quantity_needed=Decimal(10),
            requested=Decimal(1),
            unit_price=1,
        )
        procurement.price_survey_record(
            actor=None,
            activity=activity,
            item=f"Semen {n}",
            unit="sak",
            surveyed_on=DAY,
            surveyor="Tim",
            quotes=[
                procurement.QuoteInput(shop=f"Toko {q}", unit_price=60_000, quoted_on=DAY)
                for q in range(3)
            ],
        )
    advance = Account.objects.get(village=bajur, activity_key=activity.key)
    voucher = spend(bajur, advance, 1_000_000)
    for n in range(size):
        TaxLine.objects.create(
            voucher=voucher, tax_type="PPh 22", base=100_000 + n, rate=Decimal("1.5"), amount=1500
        )
    request = tranches.request_create(actor=None, allocation=allocation, tranche=1)
    lpj = reports.lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=DAY)
    reports.audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP Contoh",
        audited_on=dt.date(2026, 12, 1),
        opinion="wdp",
        findings=[reports.FindingInput(text=f"Temuan {n}") for n in range(size)],
    )
    allocation_create(actor=None, village=bajur, program_code="bdi-kolaborasi", budget_year=2026)
    return {
        "proposal_id": proposal.pk,
        "voucher_id": voucher.pk,
        "request_id": request.pk,
        "lpj_id": lpj.pk,
        "allocation_id": allocation.pk,
        "finding_id": AuditFinding.objects.filter(audit__village=bajur).values_list(
            "pk", flat=True
        )[0],
        "tax_id": TaxLine.objects.filter(voucher=voucher).values_list("pk", flat=True)[0],
    }


# (route name, its object argument, who reads it, pinned number of queries)
PAGES = [
    ("voucher_new", None, "village_bkm", 7),
    ("voucher", "voucher_id", "village_bkm", 11),
    ("tax_new", "voucher_id", "village_bkm", 7),
    ("tax_deposit", "tax_id", "village_bkm", 7),
    ("request_new", None, "village_bkm", 7),
    ("request", "request_id", "regency", 8),
    ("request_documents", "request_id", "village_bkm", 7),
    ("allocation_new", None, "regency", 6),
    ("allocation_status", "allocation_id", "regency", 7),
    ("allocation_return", "allocation_id", "village_bkm", 8),
    ("proposals", None, "village_bkm", 10),
    ("proposal", "proposal_id", "village_bkm", 17),
    ("swadaya_new", None, "village_bkm", 7),
    ("period_close", None, "village_bkm", 7),
    ("audits", None, "village_bkm", 8),
    ("finding_close", "finding_id", "village_bkm", 7),
    ("lpj_new", None, "village_bkm", 9),
    ("lpj", "lpj_id", "regency", 13),
    ("reconciliation", None, "village_bkm", 9),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("name", "arg", "who", "pinned"), PAGES, ids=[p[0] for p in PAGES])
def test_form_page_has_a_pinned_query_count(
    client, users, bajur, settings, size, name, arg, who, pinned, django_assert_num_queries
):
    settings.FINANCE_TAX_LINES = True
    ids = _grow(bajur, size)
    client.force_login(users[who])
    path = reverse(f"finance:{name}", args=[BAJUR, *([ids[arg]] if arg else [])])
    with django_assert_num_queries(pinned):
        page = client.get(path)
    assert page.status_code == 200
    assert b"<form" in page.content
