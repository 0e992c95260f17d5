"""Swadaya (cash, labour in HOK, materials) and closing a month of the books (UPK, BKM)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize, can
from tridaya.finance.forms import PeriodCloseForm
from tridaya.finance.forms import SwadayaForm as SwadayaPageForm
from tridaya.finance.models import PeriodClose, SwadayaForm
from tridaya.finance.services.ledger import period_close
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
