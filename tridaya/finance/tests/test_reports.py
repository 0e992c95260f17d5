import datetime as dt
import io

import docx
import pytest
from openpyxl import load_workbook

from tridaya.cycle.gates import _outputs
from tridaya.finance.errors import FinanceError
from tridaya.finance.exports import lpj_docx, lpj_workbook
from tridaya.finance.models import AuditOpinion
from tridaya.finance.selectors.books import balance_sheet, cash_book, income_statement
from tridaya.finance.selectors.reports import lpj_report
from tridaya.finance.services.allocations import allocation_create
from tridaya.finance.services.reports import (
    FindingInput,
    audit_record,
    finding_close,
    lpj_decide,
    lpj_submit,
)
from tridaya.finance.tests.test_selectors_books import year_of_books
from tridaya.finance.tests.test_services_ledger import refused

pytestmark = pytest.mark.django_db

END = dt.date(2026, 6, 30)


@pytest.fixture
def allocation(bajur):
    year_of_books(bajur)
    return allocation_create(actor=None, village=bajur, program_code="plpbk", budget_year=2026)


def test_lpj_totals_reconcile_to_the_books_to_the_rupiah(bajur, allocation):
    report = lpj_report(allocation, 1, END)
    start = dt.date(2026, 1, 1)
    statement = income_statement(bajur, start, END)
    assert report.total_expenses == statement.total_expenses == 63_000
    assert report.received == 600_000  # the 50.000 of December 2025 is last year's
    assert report.swadaya == 25_000
    assert report.cash_and_bank == cash_book(bajur, start, END).closing
    sheet = balance_sheet(bajur, END)
    assert report.cash_and_bank + report.ksm_advances == sheet.total_assets
    receipts_total = sum(r.amount for r in report.receipts)
    assert receipts_total == 63_000 + 7_000  # the reversed purchase stays listed
    assert all(r.has_evidence for r in report.receipts)


def test_lpj_docx_and_xlsx_carry_the_same_figures(allocation):
    report = lpj_report(allocation, 1, END)
    document = docx.Document(io.BytesIO(lpj_docx(report)))
    text = "\n".join(cell.text for t in document.tables for row in t.rows for cell in row.cells)
    assert "Rp 63.000" in text and report.receipts[0].number in text
    workbook = load_workbook(io.BytesIO(lpj_workbook(report)))
    sheet = workbook["LPJ"]
    values = [sheet.cell(row=r, column=2).value for r in range(7, 7 + len(report.expenses))]
    assert sum(values) == report.total_expenses
    assert sheet.cell(row=7 + len(report.expenses), column=2).value.startswith("=SUM(B7:")
    receipts = workbook["Bukti kas keluar"]
    assert receipts.cell(row=len(report.receipts) + 2, column=4).value == (
        f"=SUM(D2:D{len(report.receipts) + 1})"
    )


def test_audit_with_findings_as_follow_ups(bajur):
    audit = audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP Sentosa & Rekan",
        audited_on=dt.date(2027, 3, 1),
        opinion=AuditOpinion.WDP,
        findings=[FindingInput(text="Dua kuitansi tanpa cap toko", follow_up="Minta nota ulang")],
    )
    finding = audit.findings.get()
    with refused(FinanceError.REASON_TOO_SHORT):
        finding_close(actor=None, finding=finding, closed_on=dt.date(2027, 3, 9), note="ok")
    finding = finding_close(
        actor=None,
        finding=finding,
        closed_on=dt.date(2027, 3, 9),
        note="Nota ulang dari toko sudah dilampirkan",
    )
    assert finding.closed_on == dt.date(2027, 3, 9)
    assert finding.closing_note == "Nota ulang dari toko sudah dilampirkan"
    with refused(FinanceError.FINDING_CLOSED):
        finding_close(
            actor=None,
            finding=finding,
            closed_on=dt.date(2027, 3, 10),
            note="Ditutup sekali lagi dengan catatan lain",
        )
    finding.refresh_from_db()
    assert finding.closed_on == dt.date(2027, 3, 9)


def test_a_finding_is_not_closed_before_the_audit_report(bajur):
    audit = audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP Sentosa & Rekan",
        audited_on=dt.date(2027, 3, 1),
        opinion=AuditOpinion.WTP,
        findings=[FindingInput(text="Buku bank belum direkonsiliasi bulan Mei")],
    )
    with refused(FinanceError.FINDING_CLOSED):
        finding_close(
            actor=None,
            finding=audit.findings.get(),
            closed_on=dt.date(2027, 2, 1),
            note="Rekonsiliasi Mei sudah dibuat",
        )
    assert audit.findings.get().closed_on is None


class _Step:
    def __init__(self, village):
        self.cycle = type("C", (), {"village_id": village.code})()


def test_cycle_gate_outputs_follow_the_money(bajur, allocation):
    step = _Step(bajur)
    for name in ("finance_tranche_disbursed", "finance_lpj_accepted", "finance_audit_recorded"):
        done, message = _outputs[name].check(step)
        assert not done and message
    lpj = lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=END)
    lpj_decide(actor=None, lpj=lpj, accept=True)
    assert _outputs["finance_lpj_accepted"].check(step) == (True, "LPJ tahap 1 diterima.")
    audit_record(
        actor=None,
        village=bajur,
        year=2026,
        auditor="KAP X",
        audited_on=dt.date(2027, 3, 1),
        opinion=AuditOpinion.WTP,
    )
    done, message = _outputs["finance_audit_recorded"].check(step)
    assert done and "Wajar Tanpa Pengecualian" in message
