import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tridaya.accounts.tests.factories import user_with_role
from tridaya.finance.models import BankReconciliation, Voucher
from tridaya.finance.selectors.books import cash_book
from tridaya.finance.tests.test_selectors_books import year_of_books
from tridaya.regions.tests.factories import BAJUR

pytestmark = pytest.mark.django_db

YEAR = "?tahun=2026"


def url(name, *args):
    return reverse(f"finance:{name}", args=[BAJUR, *args])


@pytest.fixture
def books(bajur):
    return year_of_books(bajur)


@pytest.mark.parametrize(
    ("viewer", "home", "book"),
    [
        ("national", 200, 200),
        ("province", 200, 200),
        ("regency", 200, 200),
        ("village_bkm", 200, 200),
        ("village_resident", 200, 403),
        (None, 200, 404),
    ],
)
def test_policy_matrix_totals_for_all_books_for_readers(client, users, books, viewer, home, book):
    if viewer:
        client.force_login(users[viewer])
    response = client.get(url("home"))
    assert response.status_code == home
    assert "Rp 650.000" in response.content.decode()  # received, public
    books_link = url("book", "kas-umum")
    assert (books_link in response.content.decode()) == (book == 200)
    response = client.get(url("book", "kas-umum") + YEAR)
    assert response.status_code == book


def test_outsiders_get_404_on_books(client, books, far_village):
    client.force_login(user_with_role("bkm", far_village.code))
    assert client.get(url("book", "kas-umum")).status_code == 404
    assert client.get(url("statements")).status_code == 404


def test_cash_book_page_shows_totals_and_runs_fixed_queries(
    client, users, books, bajur, django_assert_max_num_queries
):
    client.force_login(users["village_bkm"])
    book = cash_book(bajur, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with django_assert_max_num_queries(14):
        response = client.get(url("book", "kas-umum") + YEAR)
    body = response.content.decode()
    assert "Buku Kas Umum" in body
    assert f'data-total="closing">Rp {book.closing:,}'.replace(",", ".") in body


def test_cash_book_xlsx_formulas_recompute_the_totals(client, users, books, bajur):
    client.force_login(users["village_bkm"])
    response = client.get(url("book_file", "kas-umum", "xlsx") + YEAR)
    sheet = load_workbook(io.BytesIO(response.content)).active
    book = cash_book(bajur, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    last = 5 + len(book.rows)
    assert sheet[f"G{last}"].value == f"=G{last - 1}+E{last}-F{last}"
    assert sheet[f"E{last + 1}"].value == f"=SUM(E6:E{last})"
    # Recompute what the spreadsheet would: the opening value plus the column sums.
    debits = sum(sheet[f"E{r}"].value or 0 for r in range(6, last + 1))
    credits = sum(sheet[f"F{r}"].value or 0 for r in range(6, last + 1))
    assert sheet["G5"].value + debits - credits == book.closing
    assert debits == book.total_debit


def test_cash_book_pdf(client, users, books):
    client.force_login(users["village_bkm"])
    response = client.get(url("book_file", "kas-umum", "pdf") + YEAR)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_ksm_book_and_statements(client, users, books):
    client.force_login(users["regency"])
    response = client.get(url("ksm_book", books.ksm_id) + YEAR)
    assert books.ksm.name in response.content.decode()
    response = client.get(url("statements") + YEAR)
    assert 'data-total="assets">Rp 612.000' in response.content.decode()
    xlsx = client.get(url("statements_file", "xlsx") + YEAR)
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Neraca", "Pendapatan dan Biaya"]


def test_reconciliation_needs_an_explanation_for_a_difference(client, bajur, books):
    upk = user_with_role("upk", BAJUR)
    client.force_login(upk)
    data = {"statement_date": "2026-12-31", "statement_balance": "Rp 60.000"}
    response = client.post(url("reconciliation"), data)
    assert "jelaskan" in response.content.decode()
    data["explanation"] = "Bunga bank Desember belum dibukukan"
    assert client.post(url("reconciliation"), data).status_code == 302
    record = BankReconciliation.objects.get()
    assert (record.book_balance, record.difference) == (50_000, 10_000)
    client.force_login(user_with_role("facilitator", BAJUR))
    assert client.post(url("reconciliation"), data).status_code == 403


def test_lpj_files_download_for_readers_only(client, users, bajur, books):
    from tridaya.finance.services.allocations import allocation_create
    from tridaya.finance.services.reports import lpj_submit

    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    lpj = lpj_submit(actor=None, allocation=allocation, tranche=1, period_end=dt.date(2026, 6, 30))
    client.force_login(users["village_bkm"])
    home = client.get(url("home")).content.decode()
    assert url("lpj_file", lpj.pk, "docx") in home
    assert client.get(url("lpj_file", lpj.pk, "docx")).content.startswith(b"PK")
    assert client.get(url("lpj_file", lpj.pk, "xlsx")).status_code == 200
    client.force_login(users["village_resident"])
    assert client.get(url("lpj_file", lpj.pk, "xlsx")).status_code == 403


def test_post_a_payment_with_its_receipt_through_the_page(client, bajur, books):
    from tridaya.finance.models import Account
    from tridaya.finance.tests.factories import expense, receipt_png

    client.force_login(user_with_role("upk", BAJUR))
    assert url("voucher_new") in client.get(url("home")).content.decode()
    data = {
        "kind": "keluar",
        "date": "2026-05-02",
        "description": "Beli paku 5 kg",
        "account_1": expense(bajur).pk,
        "debit_1": "Rp 75.000",
        "account_2": books.pk,
        "credit_2": "75.000",
        "idempotency_key": "form-1",
    }
    response = client.post(url("voucher_new"), {**data, "evidence": receipt_png()})
    voucher = Voucher.objects.get(description="Beli paku 5 kg")
    assert response.status_code == 302 and response["Location"] == url("voucher", voucher.pk)
    client.post(url("voucher_new"), {**data, "evidence": receipt_png()})  # double click
    assert Voucher.objects.filter(description="Beli paku 5 kg").count() == 1
    assert Account.objects.get(pk=books.pk).balance == 537_000 - 75_000
    page = client.get(url("voucher", voucher.pk)).content.decode()
    assert "Rp 75.000" in page and url("voucher_evidence", voucher.pk) in page
    assert client.get(url("voucher_evidence", voucher.pk)).status_code == 200
    unbalanced = {**data, "credit_2": "70.000", "idempotency_key": "form-2"}
    page = client.post(url("voucher_new"), {**unbalanced, "evidence": receipt_png()})
    assert "tidak seimbang" in page.content.decode()


def test_reverse_through_the_page_and_receipts_are_not_public(client, bajur, books, users):
    voucher = Voucher.objects.filter(
        kind="keluar", reverses__isnull=True, reversed_by__isnull=True
    ).first()
    client.force_login(users["village_resident"])
    assert client.get(url("voucher_evidence", voucher.pk)).status_code == 403
    client.force_login(user_with_role("bkm", BAJUR))
    response = client.post(
        url("voucher", voucher.pk),
        {"date": "2026-05-03", "reason": "Kuitansi ganda, sudah dibukukan"},
    )
    reversal = Voucher.objects.get(reverses=voucher)
    assert response["Location"] == url("voucher", reversal.pk)
    page = client.get(url("voucher", voucher.pk)).content.decode()
    assert reversal.display_number in page and "Batalkan bukti ini" not in page


def test_request_page_explains_conditions_and_records_the_ladder(client, bajur):
    from tridaya.finance.models import DisbursementRequest
    from tridaya.finance.services.allocations import allocation_create
    from tridaya.finance.services.tranches import request_create, request_documents_set
    from tridaya.finance.tests.factories import opened

    opened(bajur)
    allocation = allocation_create(
        actor=None, village=bajur, program_code="plpbk", budget_year=2026
    )
    pp = request_create(actor=None, allocation=allocation, tranche=1)
    client.force_login(user_with_role("upk", BAJUR))
    page = client.get(url("request", pp.pk)).content.decode()
    assert "Dokumen belum ada atau belum benar" in page
    client.post(url("request", pp.pk), {"action": "submit"})
    assert DisbursementRequest.objects.get(pk=pp.pk).status == "draft"
    codes = ["pp_blm", "kuitansi", "resume", "rekening_bkm", "perjanjian_kerja_sama"]
    request_documents_set(
        actor=None, request=pp, documents={c: {"present": True, "correct": True} for c in codes}
    )
    client.post(url("request", pp.pk), {"action": "submit"})
    client.force_login(user_with_role("facilitator", BAJUR))
    for rung in range(5):
        client.post(
            url("request", pp.pk),
            {"signer_name": f"Penanda {rung}", "signed_on": "2026-03-01", "approve": "1"},
        )
    pp.refresh_from_db()
    assert pp.status == "disbursed" and pp.receipt_voucher.kind == "masuk"
    page = client.get(url("request", pp.pk)).content.decode()
    assert pp.receipt_voucher.display_number in page
