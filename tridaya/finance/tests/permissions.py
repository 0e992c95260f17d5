"""The permission matrix rules of finance: who may read and write each route (see
tridaya/core/tests/permission_matrix.py)."""

from tridaya.core.tests.permission_matrix import PUBLIC, Route, any_of, pk_of
from tridaya.finance.models import (
    Allocation,
    AuditFinding,
    DisbursementRequest,
    Lpj,
    Proposal,
    TaxLine,
    Voucher,
)
from tridaya.institutions.models import KSM


def book(v):
    return {"kind": "kas-umum"}


def book_file(v):
    return {"kind": "kas-umum", "fmt": "xlsx"}


def ksm_book(v):
    return {"ksm_id": pk_of(KSM, village_id=v)}


def ksm_book_file(v):
    return {**ksm_book(v), "fmt": "xlsx"}


def xlsx(v):
    return {"fmt": "xlsx"}


def voucher(v):
    return {"voucher_id": pk_of(Voucher, village_id=v)}


def voucher_pk(v):
    return {"pk": pk_of(Voucher, village_id=v)}


def request(v):
    return {"request_id": pk_of(DisbursementRequest, allocation__village_id=v)}


def request_pk(v):
    return {"pk": pk_of(DisbursementRequest, allocation__village_id=v)}


def lpj(v):
    return {"lpj_id": pk_of(Lpj, allocation__village_id=v), "fmt": "xlsx"}


def lpj_pk(v):
    return {"pk": pk_of(Lpj, allocation__village_id=v)}


def proposal(v):
    return {"proposal_id": pk_of(Proposal, village_id=v)}


def proposal_pk(v):
    return {"pk": pk_of(Proposal, village_id=v)}


def allocation(v):
    return {"allocation_id": pk_of(Allocation, village_id=v)}


def allocation_pk(v):
    return {"pk": pk_of(Allocation, village_id=v)}


def lpj_page(v):
    return {"lpj_id": pk_of(Lpj, allocation__village_id=v)}


def finding(v):
    return {"finding_id": pk_of(AuditFinding, audit__village_id=v)}


def finding_pk(v):
    return {"pk": pk_of(AuditFinding, audit__village_id=v)}


def tax(v):
    return {"tax_id": pk_of(TaxLine, voucher__village_id=v)}


def tax_pk(v):
    return {"pk": pk_of(TaxLine, voucher__village_id=v)}


# The PP-BLM's document checklist: its writers (UPK, BKM) and its verifiers.
DOCUMENTS = any_of("finance.verify", "finance.post_voucher")


def voucher_with_evidence(v):
    return {"voucher_id": pk_of(Voucher, village_id=v, evidence__gt="")}


RULES: dict[str, Route] = {
    "api-finance-accounts": Route("core.view_audit", None),
    "api-finance-allocations": Route(None, "cycle.enrol"),
    "api-finance-audits": Route(None, "finance.record_audit"),
    "api-finance-cash-book": Route("core.view_audit", None),
    "api-finance-cash-plan": Route(None, "finance.propose"),
    "api-finance-lpj-decision": Route(None, "works.approve", params=lpj_pk),
    "api-finance-period-close": Route(None, "finance.close_period"),
    "api-finance-price-surveys": Route(None, "finance.close_period"),
    "api-finance-proposal-activities": Route(None, "finance.propose", params=proposal_pk),
    "api-finance-proposal-submit": Route(None, "finance.propose", params=proposal_pk),
    "api-finance-proposal-verify": Route(None, "finance.verify_proposal", params=proposal_pk),
    "api-finance-proposals": Route(None, "finance.propose"),
    "api-finance-purchases": Route(None, "finance.close_period"),
    "api-finance-releases": Route(None, "finance.close_period"),
    "api-finance-request-sign": Route(None, "works.approve", params=request_pk),
    "api-finance-requests": Route(None, "finance.close_period"),
    "api-finance-swadaya": Route(None, "finance.close_period"),
    "api-finance-allocation-return": Route(None, "finance.post_voucher", params=allocation_pk),
    "api-finance-allocation-status": Route(None, "finance.manage_allocation", params=allocation_pk),
    "api-finance-finding-close": Route(None, "finance.record_audit", params=finding_pk),
    "api-finance-lpjs": Route(None, "finance.post_voucher"),
    "api-finance-request-documents": Route(None, DOCUMENTS, params=request_pk),
    "api-finance-tax-deposit": Route(None, "finance.post_voucher", params=tax_pk),
    "api-finance-voucher-taxes": Route(None, "finance.post_voucher", params=voucher_pk),
    "api-finance-totals": Route(PUBLIC, None),
    "api-finance-voucher-reverse": Route(None, "finance.close_period", params=voucher_pk),
    "api-finance-vouchers": Route("core.view_audit", "finance.close_period"),
    "finance:allocation_new": Route("finance.manage_allocation", "finance.manage_allocation"),
    "finance:allocation_return": Route(
        "finance.post_voucher", "finance.post_voucher", params=allocation
    ),
    "finance:allocation_status": Route(
        "finance.manage_allocation", "finance.manage_allocation", params=allocation
    ),
    "finance:finding_close": Route("finance.record_audit", "finance.record_audit", params=finding),
    "finance:lpj": Route("finance.view_books", "finance.verify", params=lpj_page),
    "finance:lpj_new": Route("finance.post_voucher", "finance.post_voucher"),
    "finance:request_documents": Route(DOCUMENTS, DOCUMENTS, params=request),
    "finance:tax_deposit": Route("finance.post_voucher", "finance.post_voucher", params=tax),
    "finance:tax_new": Route("finance.post_voucher", "finance.post_voucher", params=voucher),
    "finance:audits": Route("finance.record_audit", "finance.record_audit"),
    "finance:book": Route("finance.view_books", "finance.view_books", params=book),
    "finance:book_file": Route("finance.view_books", "finance.view_books", params=book_file),
    "finance:home": Route("finance.view_totals", "finance.view_totals"),
    "finance:ksm_book": Route("finance.view_books", "finance.view_books", params=ksm_book),
    "finance:ksm_book_file": Route(
        "finance.view_books", "finance.view_books", params=ksm_book_file
    ),
    "finance:lpj_file": Route("finance.view_books", "finance.view_books", params=lpj),
    "finance:period_close": Route("finance.view_books", "finance.close_period"),
    "finance:proposal": Route("finance.view_books", "finance.view_books", params=proposal),
    "finance:proposals": Route("finance.view_books", "finance.close_period"),
    "finance:reconciliation": Route("finance.view_books", "finance.close_period"),
    "finance:request": Route("finance.view_books", "finance.verify", params=request),
    "finance:request_new": Route("finance.close_period", "finance.close_period"),
    "finance:statements": Route("finance.view_books", "finance.view_books"),
    "finance:statements_file": Route("finance.view_books", "finance.view_books", params=xlsx),
    "finance:swadaya_new": Route("finance.close_period", "finance.close_period"),
    "finance:voucher": Route("finance.view_books", "finance.close_period", params=voucher),
    "finance:voucher_evidence": Route(
        "finance.view_books", "finance.view_books", params=voucher_with_evidence
    ),
    "finance:voucher_new": Route("finance.close_period", "finance.close_period"),
}
