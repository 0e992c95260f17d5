"""Pledges of a village: the register (public: organisations and money), recording a pledge,
and moving it through commitment, realisation, withdrawal or back, each a form on its page."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.policy import authorize, can
from tridaya.cycle.selectors import village_meetings
from tridaya.marketing import letters, policy, selectors
from tridaya.marketing.forms import CommitForm, PledgeForm, RealiseForm, ReasonForm
from tridaya.marketing.models import PledgeState
from tridaya.marketing.services import city_code
from tridaya.marketing.services import pledges as services
from tridaya.marketing.views import flash_errors, form_error, village_of


def pledges(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.VIEW, village)
    found = list(selectors.pledges_of_village(code))
    for pledge in found:
        pledge.target_name = selectors.target_name(pledge)
        pledge.carried_version = selectors.carried_version(pledge)
    return render(
        request,
        "marketing/pledges.html",
        {
            "village": village,
            "pledges": found,
            "may_pledge": can(request.user, policy.PLEDGE, village),
        },
    )


@login_required
def pledge_form(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.PLEDGE, village)
    targets = [r.target for r in selectors.funding_gaps(code).rows]
    partners = list(selectors.partners_of_city(city_code(code)))
    sources = selectors.partner_sources()
    meetings = list(village_meetings(village)[:50])
    form = PledgeForm(
        request.POST or None,
        initial={"pledged_on": timezone.localdate(), "year": timezone.localdate().year + 1},
        targets=targets,
        partners=partners,
        sources=sources,
        meetings=meetings,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = services.pledge_create(
                actor=request.user,
                village=village,
                target=data["target"],
                partner=next(p for p in partners if str(p.pk) == data["partner"]),
                source=next(s for s in sources if s.code == data["source"]),
                amount=data["amount"],
                year=data["year"],
                pledged_on=data["pledged_on"],
                meeting=next((m for m in meetings if str(m.pk) == data["meeting"]), None),
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Janji pendanaan dicatat."))
            return redirect("marketing:pledge", code=code, pk=pledge.pk)
    return render(
        request,
        "marketing/form.html",
        {
            "village": village,
            "form": form,
            "title": _("Catat janji pendanaan"),
            "back": "marketing:pledges",
        },
    )


def _pledge(code: str, pk: int):
    pledge = selectors.pledge_in_village(code, pk)
    if pledge is None:
        raise Http404
    pledge.target_name = selectors.target_name(pledge)
    pledge.carried = selectors.carried_from(pledge)
    return pledge


def pledge(request, code: str, pk: int):
    village = village_of(code)
    authorize(request.user, policy.VIEW, village)
    found = _pledge(code, pk)
    may_commit = can(request.user, policy.COMMIT, found)
    may_pledge = can(request.user, policy.PLEDGE, found)
    state = found.state
    return render(
        request,
        "marketing/pledge.html",
        {
            "village": village,
            "pledge": found,
            "commit_form": CommitForm(prefix="commit")
            if may_commit and state == PledgeState.PLEDGED
            else None,
            "realise_form": RealiseForm(prefix="realise")
            if may_commit and state == PledgeState.COMMITTED
            else None,
            "withdraw_form": ReasonForm(prefix="withdraw")
            if may_pledge and state in (PledgeState.PLEDGED, PledgeState.COMMITTED)
            else None,
            "revert_form": ReasonForm(prefix="revert")
            if may_commit and state != PledgeState.PLEDGED
            else None,
            "may_letters": may_pledge,
        },
    )


@login_required
@require_POST
def pledge_move(request, code: str, pk: int, move: str):
    village = village_of(code)
    found = _pledge(code, pk)
    authorize(request.user, policy.COMMIT if move != "batal" else policy.PLEDGE, found)
    forms = {
        "komitmen": CommitForm,
        "realisasi": RealiseForm,
        "batal": ReasonForm,
        "kembalikan": ReasonForm,
    }
    prefixes = {
        "komitmen": "commit",
        "realisasi": "realise",
        "batal": "withdraw",
        "kembalikan": "revert",
    }
    if move not in forms:
        raise Http404
    form = forms[move](request.POST, request.FILES, prefix=prefixes[move])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("marketing:pledge", code=village.code, pk=found.pk)
    data = form.cleaned_data
    try:
        if move == "komitmen":
            services.pledge_commit(actor=request.user, pledge=found, **data)
        elif move == "realisasi":
            services.pledge_realise(actor=request.user, pledge=found, **data)
        elif move == "batal":
            services.pledge_withdraw(
                actor=request.user,
                pledge=found,
                reason=data["reason"],
                withdrawn_on=data["on"] or timezone.localdate(),
            )
        else:
            services.pledge_revert(actor=request.user, pledge=found, reason=data["reason"])
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Status janji diperbarui."))
    return redirect("marketing:pledge", code=village.code, pk=found.pk)


def pledge_file(request, code: str, pk: int, which: str):
    """The agreement or evidence file: for the roles that record them (they may carry
    signatures and account numbers)."""
    village_of(code)
    found = _pledge(code, pk)
    authorize(request.user, policy.PLEDGE, found)
    field = {"kesepakatan": found.agreement_file, "bukti": found.evidence_file}.get(which)
    if not field:
        raise Http404
    suffix = PurePath(field.name).suffix
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=f"{which}-{found.pk}{suffix}"
    )


@login_required
def letter(request, code: str, pk: int, kind: str):
    """A support request letter or an MoU draft for this pledge, as DOCX."""
    village = village_of(code)
    found = _pledge(code, pk)
    authorize(request.user, policy.PLEDGE, found)
    if kind not in letters.KINDS:
        raise Http404
    content = letters.letter_docx(kind, letters.letter_facts(village, found))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{kind}-{found.pk}.docx"'
    return response
