"""Money pages of a village: public totals, allocations and tranches for those who verify,
the books (on screen, XLSX, PDF), Neraca and the bank reconciliation."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_int
from tridaya.core.policy import authorize, can
from tridaya.finance import exports
from tridaya.finance.forms import ReconciliationForm, ReverseForm, SignForm, VoucherForm
from tridaya.finance.models import (
    Account,
    BankReconciliation,
    DisbursementRequest,
    Lpj,
    Voucher,
    VoucherKind,
)
from tridaya.finance.selectors import books
from tridaya.finance.selectors.reports import lpj_report
from tridaya.finance.selectors.tranches import (
    allocations_of,
    ladder_of,
    request_checklist,
    request_conditions,
)
from tridaya.finance.services.books import bank_reconcile
from tridaya.finance.services.ledger import Line, voucher_post, voucher_reverse
from tridaya.finance.services.tranches import request_sign, request_submit
from tridaya.institutions.models import KSM
from tridaya.regions.pages import village_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _village(code: str):
    return village_or_404(code, activate_timezone=True)


def _year(request) -> int:
    year = parse_int(request.GET.get("tahun", ""), minimum=2000, maximum=2100)
    return year or timezone.localdate().year


def money_home(request, code: str):
    """Everyone sees the totals; readers of the books see allocations and the books."""
    village = _village(code)
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
    if fmt not in ("html", "xlsx", "pdf"):
        raise Http404
    village = _village(code)
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
    if fmt not in ("html", "xlsx"):
        raise Http404
    village = _village(code)
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
    village = _village(code)
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


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def lpj_file(request, code: str, lpj_id: int, fmt: str):
    """An LPJ generated from the ledger, as DOCX or XLSX."""
    if fmt not in ("docx", "xlsx"):
        raise Http404
    village = _village(code)
    authorize(request.user, "finance.view_books", village)
    lpj = get_object_or_404(
        Lpj.objects.select_related("allocation__scheme", "allocation__village"),
        pk=lpj_id,
        allocation__village=village,
    )
    report = lpj_report(lpj.allocation, lpj.tranche, lpj.period_end)
    data = exports.lpj_docx(report) if fmt == "docx" else exports.lpj_workbook(report)
    response = HttpResponse(data, content_type=DOCX if fmt == "docx" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="lpj-{village.code}-{lpj.pk}.{fmt}"'
    return response


def _voucher_form(request, village):
    accounts = Account.objects.filter(village=village).order_by("code")
    return VoucherForm(
        request.POST or None, request.FILES or None, accounts=accounts, kinds=VoucherKind.choices
    ), {a.pk: a for a in accounts}


def voucher_new(request, code: str):
    """Post a voucher (UPK, BKM): up to four lines, a receipt photo for a payment."""
    village = _village(code)
    authorize(request.user, "finance.post_voucher", village)
    form, accounts = _voucher_form(request, village)
    if request.method == "POST" and form.is_valid():
        lines = [Line(accounts[a], debit=d, credit=c) for a, d, c in form.lines()]
        try:
            voucher = voucher_post(
                actor=request.user,
                village=village,
                kind=form.cleaned_data["kind"],
                date=form.cleaned_data["date"],
                description=form.cleaned_data["description"],
                lines=lines,
                evidence=form.cleaned_data.get("evidence"),
                idempotency_key=request.POST.get("idempotency_key", "")[:80],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(number)s dibukukan.") % {"number": voucher})
            return redirect("finance:voucher", code=code, voucher_id=voucher.pk)
    return render(
        request,
        "finance/voucher_form.html",
        {"village": village, "form": form, "idempotency_key": uuid.uuid4().hex},
    )


def voucher_detail(request, code: str, voucher_id: int):
    """A voucher with its entries and receipt (readers); the reversal form for writers."""
    village = _village(code)
    authorize(request.user, "finance.view_books", village)
    voucher = get_object_or_404(
        Voucher.objects.select_related("reverses", "posted_by").prefetch_related(
            "entries__account"
        ),
        pk=voucher_id,
        village=village,
    )
    reversal = Voucher.objects.filter(reverses=voucher).first()
    may_reverse = (
        can(request.user, "finance.post_voucher", village)
        and reversal is None
        and voucher.reverses_id is None
    )
    form = ReverseForm(request.POST or None) if may_reverse else None
    if request.method == "POST":
        authorize(request.user, "finance.post_voucher", village)
        if form is not None and form.is_valid():
            try:
                made = voucher_reverse(actor=request.user, voucher=voucher, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                return redirect("finance:voucher", code=code, voucher_id=made.pk)
    return render(
        request,
        "finance/voucher.html",
        {"village": village, "voucher": voucher, "reversal": reversal, "form": form},
    )


def voucher_evidence(request, code: str, voucher_id: int):
    """The receipt photo or scan (readers of the books only; never public)."""
    village = _village(code)
    authorize(request.user, "finance.view_books", village)
    voucher = get_object_or_404(Voucher, pk=voucher_id, village=village)
    if not voucher.evidence:
        raise Http404
    return FileResponse(voucher.evidence.open("rb"))


def request_detail(request, code: str, request_id: int):
    """A PP-BLM: its conditions explained, documents, sign-offs; the next rung's form."""
    village = _village(code)
    authorize(request.user, "finance.view_books", village)
    pp = get_object_or_404(
        DisbursementRequest.objects.select_related(
            "allocation__scheme", "allocation__tranche_scheme", "receipt_voucher"
        ),
        pk=request_id,
        allocation__village=village,
    )
    may_sign = can(request.user, "finance.verify", village) and pp.status == "submitted"
    form = SignForm(request.POST or None) if may_sign else None
    if request.method == "POST":
        if request.POST.get("action") == "submit":
            return _run(request, pp, lambda: request_submit(actor=request.user, request=pp))
        authorize(request.user, "finance.verify", village)
        if form is not None and form.is_valid():
            return _run(
                request,
                pp,
                lambda: request_sign(actor=request.user, request=pp, **form.cleaned_data),
            )
    ladder = ladder_of(pp.allocation)
    signoffs = list(pp.signoffs.order_by("round", "order"))
    current = [s for s in signoffs if s.round == pp.round]
    return render(
        request,
        "finance/request.html",
        {
            "village": village,
            "pp": pp,
            "conditions": request_conditions(pp),
            "checklist": request_checklist(pp),
            "signoffs": signoffs,
            "next_rung": ladder[len(current)] if len(current) < len(ladder) else None,
            "form": form,
            "may_submit": can(request.user, "finance.post_voucher", village)
            and pp.status in ("draft", "returned"),
        },
    )


def _run(request, pp, action):
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("finance:request", code=pp.allocation.village_id, request_id=pp.pk)
