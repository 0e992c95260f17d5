"""Money pages of a village: public totals, allocations and tranches for those who verify,
the books (on screen, XLSX, PDF), Neraca and the bank reconciliation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_int
from tridaya.core.policy import authorize, can
from tridaya.finance.forms import ReconciliationForm
from tridaya.finance.models import BankReconciliation
from tridaya.finance.selectors import books
from tridaya.finance.selectors.tranches import allocations_of
from tridaya.finance.services.books import bank_reconcile
from tridaya.finance.views import village_of
from tridaya.institutions.models import KSM

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    year = parse_int(request.GET.get("tahun", ""), minimum=2000, maximum=2100)
    return year or timezone.localdate().year


def money_home(request, code: str):
    """Everyone sees the totals; readers of the books see allocations and the books."""
    village = village_of(code)
    authorize(request.user, "finance.view_totals", village)
    readers = can(request.user, "finance.view_books", village)
    context = {
        "village": village,
        "totals": books.village_totals(village, timezone.localdate()),
        "readers": readers,
        "writer": can(request.user, "finance.post_voucher", village),
        "officer": can(request.user, "finance.manage_allocation", village),
        "allocations": allocations_of(village) if readers else [],
        "ksms": list(KSM.objects.filter(village=village).order_by("name")) if readers else [],
        "year": _year(request),
    }
    return render(request, "finance/home.html", context)


def _book_for(village, kind: str, year: int, ksm_id: int | None):
    start, end = books.year_bounds(year)
    if kind == "kas-umum":
        return books.cash_book(village, start, end)
    if kind == "bank":
        return books.bank_book(village, start, end)
    if kind == "ksm" and ksm_id is not None:
        ksm = get_object_or_404(KSM, pk=ksm_id, village=village)
        return books.ksm_book(village, ksm, start, end)
    raise Http404


def book(request, code: str, kind: str, ksm_id: int | None = None, fmt: str = "html"):
    """Buku Kas Umum, Buku Bank or a KSM's buku pembantu for a year."""
    from tridaya.finance import exports  # openpyxl on use, not with the URL conf

    if fmt not in ("html", "xlsx", "pdf"):
        raise Http404
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    year = _year(request)
    the_book = _book_for(village, kind, year, ksm_id)
    name = f"{kind}-{village.code}-{year}"
    if fmt == "xlsx":
        response = HttpResponse(exports.book_workbook(the_book, str(village)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "pdf":
        pdf = exports.book_pdf(the_book, str(village), base_url=request.build_absolute_uri("/"))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return render(
        request,
        "finance/book.html",
        {"village": village, "book": the_book, "year": year, "kind": kind, "ksm_id": ksm_id},
    )


def statements(request, code: str, fmt: str = "html"):
    """Neraca at the end of the year (or today) and the year's income and expenses."""
    from tridaya.finance import exports  # openpyxl on use, not with the URL conf

    if fmt not in ("html", "xlsx"):
        raise Http404
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    year = _year(request)
    start, end = books.year_bounds(year)
    as_of = min(end, timezone.localdate()) if year == timezone.localdate().year else end
    sheet = books.balance_sheet(village, as_of)
    statement = books.income_statement(village, start, end)
    if fmt == "xlsx":
        data = exports.statements_workbook(sheet, statement, str(village))
        response = HttpResponse(data, content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="neraca-{village.code}-{year}.xlsx"'
        )
        return response
    return render(
        request,
        "finance/statements.html",
        {"village": village, "sheet": sheet, "statement": statement, "year": year},
    )


def reconciliation(request, code: str):
    """Type the bank statement's balance; the page shows the Buku Bank balance of that day and
    asks for an explanation of any difference."""
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    may_record = can(request.user, "finance.post_voucher", village)
    form = ReconciliationForm(request.POST or None) if may_record else None
    if request.method == "POST":
        if form is None:
            authorize(request.user, "finance.post_voucher", village)  # refuses: may not record
        elif form.is_valid():
            try:
                bank_reconcile(actor=request.user, village=village, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                return redirect("finance:reconciliation", code=code)
    records = BankReconciliation.objects.filter(village=village).order_by("-statement_date", "-id")[
        :24
    ]
    return render(
        request,
        "finance/reconciliation.html",
        {
            "village": village,
            "form": form,
            "records": records,
            "bank_today": books.bank_book(
                village, timezone.localdate(), timezone.localdate()
            ).closing,
            "today": timezone.localdate(),
            "title": _("Rekonsiliasi bank"),
        },
    )
