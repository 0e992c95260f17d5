"""Vouchers (posting, reading, reversing, the receipt), swadaya (cash, labour in HOK,
materials) and closing a month of the books (UPK, BKM)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.finance import conf
from tridaya.finance.forms import PeriodCloseForm, ReverseForm, VoucherForm
from tridaya.finance.forms import SwadayaForm as SwadayaPageForm
from tridaya.finance.models import Account, PeriodClose, SwadayaForm, Voucher, VoucherKind
from tridaya.finance.services.ledger import Line, period_close, voucher_post, voucher_reverse
from tridaya.finance.services.swadaya import SwadayaInput, swadaya_record
from tridaya.finance.views import form_page, run_form, village_of
from tridaya.institutions.models import KSM


def swadaya_new(request, code: str):
    village = village_of(code)
    authorize(request.user, "finance.post_voucher", village)
    ksms = list(KSM.objects.filter(village=village).order_by("name"))
    form = SwadayaPageForm(
        request.POST or None,
        request.FILES or None,
        forms_choices=SwadayaForm.choices,
        ksms=ksms,
    )

    def action():
        data = form.cleaned_data
        value = SwadayaInput(
            form=data["form"],
            date=data["date"],
            description=data["description"],
            amount=data["amount"] or 0,
            days=data["days"] or 0,
            daily_rate=data["daily_rate"] or 0,
            workers_men=data["workers_men"] or 0,
            workers_women=data["workers_women"] or 0,
            ksm=next((k for k in ksms if k.pk == data["ksm"]), None),
        )
        return swadaya_record(
            actor=request.user,
            village=village,
            data=value,
            evidence=data.get("evidence"),
            idempotency_key=request.POST.get("idempotency_key", "")[:80],
        )

    return form_page(
        request,
        village,
        form,
        title=_("Catat swadaya"),
        intro=_(
            "Tunai dan bahan dengan nilainya; tenaga kerja sebagai HOK x nilai per HOK, "
            "dengan jumlah pekerja laki-laki dan perempuan."
        ),
        action=action,
        done=lambda voucher: resolve_url("finance:voucher", code=code, voucher_id=voucher.pk),
        extra={"idempotency_key": uuid.uuid4().hex},
    )


def period_close_page(request, code: str):
    """Close a month: nothing can be posted into it afterwards. Lists the closed months."""
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    may_close = can(request.user, "finance.close_period", village)
    form = PeriodCloseForm(request.POST or None) if may_close else None
    if request.method == "POST":
        authorize(request.user, "finance.close_period", village)
        if form is not None and form.is_valid():
            closed = run_form(
                form,
                lambda: period_close(actor=request.user, village=village, **form.cleaned_data),
            )
            if closed is not None:
                messages.success(
                    request,
                    _("Bulan %(month)02d/%(year)s ditutup.")
                    % {"month": closed.month, "year": closed.year},
                )
                return redirect("finance:period_close", code=code)
    closed_months = PeriodClose.objects.filter(village=village).order_by("-year", "-month")[:36]
    return render(
        request,
        "finance/periods.html",
        {
            "village": village,
            "form": form,
            "closed_months": closed_months,
            "title": _("Tutup buku bulanan"),
        },
    )


def _voucher_form(request, village):
    accounts = Account.objects.filter(village=village).order_by("code")
    return VoucherForm(
        request.POST or None, request.FILES or None, accounts=accounts, kinds=VoucherKind.choices
    ), {a.pk: a for a in accounts}


def voucher_new(request, code: str):
    """Post a voucher (UPK, BKM): up to four lines, a receipt photo for a payment."""
    village = village_of(code)
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
    village = village_of(code)
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
        {
            "village": village,
            "voucher": voucher,
            "reversal": reversal,
            "form": form,
            "taxes": list(voucher.tax_lines.order_by("pk")),
            "may_tax": conf.tax_lines_enabled()
            and voucher.kind == VoucherKind.PAYMENT
            and voucher.reverses_id is None
            and can(request.user, "finance.post_voucher", village),
        },
    )


def voucher_evidence(request, code: str, voucher_id: int):
    """The receipt photo or scan (readers of the books only; never public)."""
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    voucher = get_object_or_404(Voucher, pk=voucher_id, village=village)
    if not voucher.evidence:
        raise Http404
    return FileResponse(voucher.evidence.open("rb"))
