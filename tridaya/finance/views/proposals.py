"""KSM proposals: the list with a form for a new one, and a proposal's page where its
activities are drawn from the legalised RTPLP, it is submitted and verified by the BKM, the RPD is
written per tranche, money is released to the KSM, prices are surveyed and purchases posted.
Each of those is one small form on the page, named by `action`, run through its service."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tridaya.core.policy import authorize, can
from tridaya.finance import forms
from tridaya.finance.models import Allocation, CostCategory, PriceQuote, ProposalStatus
from tridaya.finance.plan_source import rtplp_lines
from tridaya.finance.selectors.proposals import active_allocations, proposal_detail, proposals_of
from tridaya.finance.services import procurement, proposals
from tridaya.finance.views import form_page, run_form, village_of
from tridaya.institutions.models import KSM


def proposal_list(request, code: str):
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    form = None
    if can(request.user, "finance.propose", village) or request.method == "POST":
        authorize(request.user, "finance.propose", village)
        form = forms.ProposalForm(
            request.POST or None,
            allocations=list(active_allocations(village)),
            ksms=list(KSM.objects.filter(village=village).order_by("name")),
        )

    def action():
        data = form.cleaned_data
        return proposals.proposal_create(
            actor=request.user,
            allocation=Allocation.objects.get(pk=data["allocation"], village=village),
            ksm=KSM.objects.get(pk=data["ksm"], village=village),
            number=data["number"],
            proposed_on=data["proposed_on"],
        )

    extra = {
        "proposals": proposals_of(village),
        "rows_template": "finance/_proposals.html",
        "section": "proposals",
    }
    if form is None:
        return render(
            request,
            "finance/proposals.html",
            {"village": village, "title": _("Usulan KSM"), **extra},
        )
    return form_page(
        request,
        village,
        form,
        title=_("Usulan KSM"),
        intro=_("Usulan baru dibuat di sini; kegiatannya diambil dari RTPLP yang disahkan."),
        submit=_("Buat usulan"),
        action=action,
        done=lambda p: resolve_url("finance:proposal", code=code, proposal_id=p.pk),
        extra=extra,
    )


@dataclass(frozen=True)
class Move:
    """One form on the proposal page: who may use it, how it is built and what it runs."""

    permission: str
    label: Any
    build: Callable[..., Any] | None
    run: Callable[..., Any]


def _activity(proposal, pk: int):
    found = next((a for a in proposal.activities.all() if a.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _quotes(proposal) -> list[tuple[int, str]]:
    return [
        (q.pk, f"{a.name}: {s.item} · {q.shop} · Rp {q.unit_price:,}".replace(",", "."))
        for a in proposal.activities.all()
        for s in a.price_surveys.all()
        for q in s.quotes.all()
    ]


def _run_survey(request, proposal, data, form):
    return procurement.price_survey_record(
        actor=request.user,
        activity=_activity(proposal, data["activity"]),
        item=data["item"],
        unit=data["unit"],
        surveyed_on=data["surveyed_on"],
        surveyor=data["surveyor"],
        tender_reference=data["tender_reference"],
        quotes=[
            procurement.QuoteInput(
                shop=shop, unit_price=price, quoted_on=data["surveyed_on"], written=written
            )
            for shop, price, written in form.quotes()
        ],
    )


def _run_purchase(request, proposal, data, form):
    quote = PriceQuote.objects.select_related("survey__activity").get(
        pk=data["quote"], survey__activity__proposal=proposal
    )
    return procurement.purchase_post(
        actor=request.user,
        activity=quote.survey.activity,
        survey=quote.survey,
        quote=quote,
        quantity=data["quantity"],
        date=data["date"],
        evidence=data.get("evidence"),
        category=data["category"],
        idempotency_key=request.POST.get("idempotency_key", "")[:80],
    )


def _moves(proposal) -> dict[str, Move]:
    activities = list(proposal.activities.all())
    return {
        "activity": Move(
            "finance.propose",
            gettext_lazy("Tambah kegiatan"),
            lambda data: forms.ProposalActivityForm(data, lines=rtplp_lines(proposal.village_id)),
            lambda request, data, form: proposals.proposal_activity_add(
                actor=request.user, proposal=proposal, plan_activity_id=data["plan_activity_id"]
            ),
        ),
        "submit": Move(
            "finance.propose",
            gettext_lazy("Ajukan ke BKM"),
            None,
            lambda request, data, form: proposals.proposal_submit(
                actor=request.user, proposal=proposal
            ),
        ),
        "verify": Move(
            "finance.verify_proposal",
            gettext_lazy("Verifikasi BKM"),
            lambda data: forms.VerifyForm(data),
            lambda request, data, form: proposals.proposal_verify(
                actor=request.user, proposal=proposal, **data
            ),
        ),
        "rpd": Move(
            "finance.propose",
            gettext_lazy("Tambah baris RPD"),
            lambda data: forms.CashPlanForm(
                data, activities=activities, categories=CostCategory.choices
            ),
            lambda request, data, form: proposals.cash_plan_item_add(
                actor=request.user,
                activity=_activity(proposal, data.pop("activity")),
                **{**data, "realised_before": data.get("realised_before") or 0},
            ),
        ),
        "release": Move(
            "finance.post_voucher",
            gettext_lazy("Cairkan ke KSM"),
            lambda data: forms.ReleaseForm(data, activities=activities),
            lambda request, data, form: proposals.ksm_release(
                actor=request.user,
                activity=_activity(proposal, data.pop("activity")),
                idempotency_key=request.POST.get("idempotency_key", "")[:80],
                **data,
            ),
        ),
        "survey": Move(
            "finance.propose",
            gettext_lazy("Catat survei harga"),
            lambda data: forms.PriceSurveyForm(data, activities=activities),
            lambda request, data, form: _run_survey(request, proposal, data, form),
        ),
        "purchase": Move(
            "finance.post_voucher",
            gettext_lazy("Bukukan pembelian"),
            lambda data, files=None: forms.PurchaseForm(
                data, files, quotes=_quotes(proposal), categories=CostCategory.choices
            ),
            lambda request, data, form: _run_purchase(request, proposal, data, form),
        ),
    }


def _build(move: Move, name: str, request, bound: bool):
    if move.build is None:
        return None
    data = request.POST if bound else None
    if name == "purchase":
        form = move.build(data, request.FILES if bound else None)
    else:
        form = move.build(data)
    form.prefix = name
    return form


def proposal_page(request, code: str, proposal_id: int):
    village = village_of(code)
    authorize(request.user, "finance.view_books", village)
    proposal = proposal_detail(village, proposal_id)
    if proposal is None:
        raise Http404
    moves = _moves(proposal)
    posted = request.POST.get("action") if request.method == "POST" else None
    if posted is not None and posted not in moves:
        raise Http404
    shown = []
    for name, move in moves.items():
        if name != posted and not can(request.user, move.permission, village):
            continue
        form = _build(move, name, request, bound=name == posted)
        if name == posted:
            authorize(request.user, move.permission, village)
            done = _post(request, move, form)
            if done is not None:
                messages.success(request, _("Tersimpan: %(what)s.") % {"what": move.label})
                return redirect("finance:proposal", code=code, proposal_id=proposal.pk)
        shown.append((name, move.label, form))
    return render(
        request,
        "finance/proposal.html",
        {
            "village": village,
            "proposal": proposal,
            "forms": shown,
            "editable": proposal.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED),
            "idempotency_key": uuid.uuid4().hex,
            "today": timezone.localdate(),
        },
    )


def _post(request, move: Move, form):
    if form is None:
        return run_form_messages(request, lambda: move.run(request, {}, None))
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    return run_form(form, lambda: move.run(request, data, form))


def run_form_messages(request, action):
    """A move without a form: a refusal is shown as a message."""
    from django.core.exceptions import ValidationError

    try:
        return action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
