"""A PP-BLM's page: its conditions explained, documents, the verification ladder's sign-offs;
its document checklist edited on a page of its own."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize, can
from tridaya.finance.forms import RequestDocumentsForm, SignForm
from tridaya.finance.models import DisbursementRequest
from tridaya.finance.selectors.tranches import ladder_of, request_checklist, request_conditions
from tridaya.finance.services.tranches import request_documents_set, request_sign, request_submit
from tridaya.finance.views import form_page, village_of


def request_detail(request, code: str, request_id: int):
    """A PP-BLM: its conditions explained, documents, sign-offs; the next rung's form."""
    village = village_of(code)
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
            "may_edit_documents": pp.status in ("draft", "returned")
            and (
                can(request.user, "finance.post_voucher", village)
                or can(request.user, "finance.verify", village)
            ),
        },
    )


def _run(request, pp, action):
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("finance:request", code=pp.allocation.village_id, request_id=pp.pk)


def request_documents(request, code: str, request_id: int):
    """Tick the PP-BLM's document checklist (UPK, BKM, and the verifiers) while it is a draft or
    returned; the service refuses it afterwards."""
    village = village_of(code)
    if not can(request.user, "finance.verify", village):
        authorize(request.user, "finance.post_voucher", village)
    pp = get_object_or_404(
        DisbursementRequest.objects.select_related(
            "allocation__scheme", "allocation__tranche_scheme"
        ),
        pk=request_id,
        allocation__village=village,
    )
    form = RequestDocumentsForm(request.POST or None, checklist=request_checklist(pp))
    return form_page(
        request,
        village,
        form,
        title=_("Kelengkapan dokumen %(label)s") % {"label": pp.label},
        intro=_(
            "Centang dokumen yang ada dan yang isinya benar; catatan menjelaskan apa yang "
            "kurang. Dokumen diubah selama permohonan berupa konsep atau dikembalikan."
        ),
        action=lambda: request_documents_set(
            actor=request.user, request=pp, documents=form.documents()
        ),
        done=lambda _pp: resolve_url("finance:request", code=code, request_id=pp.pk),
    )
