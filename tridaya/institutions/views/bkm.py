"""The BKM page (members and elections) and the election form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_int
from tridaya.core.policy import authorize
from tridaya.institutions import forms as f
from tridaya.institutions import selectors, services
from tridaya.institutions.models import (
    BKM,
    BKMMember,
)
from tridaya.institutions.policy import MANAGE, VIEW
from tridaya.institutions.views.common import (
    login_first,
    page_context,
    posted_action,
    remove_member,
    submit_form,
    village_for,
)


def bkm(request, code: str):
    if response := login_first(request):
        return response
    village = village_for(code)
    authorize(request.user, VIEW, village)
    action = posted_action(request, village)
    bkm = BKM.objects.filter(village=village).first()
    data = request.POST if action else None
    initial: dict[str, object] = {"name": _("BKM %(village)s") % {"village": village.name}}
    if bkm is not None:
        initial = {"name": bkm.name, "established_on": bkm.established_on}
    bkm_form = f.BKMForm(data if action == "bkm" else None, initial=initial, prefix="bkm")
    people = selectors.people_choices(village)
    member_form = f.BKMMemberForm(
        data if action == "member" else None, people=people, prefix="member"
    )
    response = None
    if action == "bkm":
        response = submit_form(
            request,
            bkm_form,
            lambda d: services.bkm_save(actor=request.user, village=village, **d),
            _("BKM disimpan."),
        )
    elif action == "member" and bkm is not None:
        response = submit_form(
            request,
            member_form,
            lambda d: services.bkm_member_add(actor=request.user, bkm=bkm, **d),
            _("Anggota BKM ditambahkan."),
        )
    elif action == "remove":
        return remove_member(
            request, BKMMember, village, "bkm__village", services.bkm_member_remove
        )
    if response:
        return response
    members = list(selectors.bkm_members(bkm)) if bkm else []
    elections = list(selectors.elections_of(bkm)) if bkm else []
    return render(
        request,
        "institutions/bkm.html",
        page_context(
            request,
            village,
            "bkm",
            bkm=bkm,
            members=members,
            elections=elections,
            bkm_form=bkm_form,
            member_form=member_form,
        ),
    )


MAX_CANDIDATE_ROWS = 60


@login_required
def election_create(request, code: str):
    village = village_for(code)
    authorize(request.user, MANAGE, village)
    bkm = BKM.objects.filter(village=village).first()
    if bkm is None:
        messages.warning(request, _("Bentuk BKM dahulu sebelum mencatat pemilihan."))
        return redirect("institutions:bkm", code=village.code)
    people = selectors.people_choices(village)
    asked = parse_int(request.GET.get("baris", "12"))
    rows = 12 if asked is None else min(max(asked, 1), MAX_CANDIDATE_ROWS)
    data = request.POST or None
    form = f.ElectionForm(data, prefix="election")
    formset = f.candidate_formset(rows)(data, people=people, prefix="candidates")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        candidates = [
            services.CandidateVotes(
                person=row["person"], votes=row["votes"] or 0, elected=row["elected"]
            )
            for row in formset.cleaned_data
            if row.get("person") is not None
        ]
        try:
            services.election_record(
                actor=request.user, bkm=bkm, candidates=candidates, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Hasil pemilihan dicatat."))
            return redirect("institutions:bkm", code=village.code)
    return render(
        request,
        "institutions/election_form.html",
        page_context(
            request, village, "bkm", bkm=bkm, form=form, formset=formset, more_rows=rows + 10
        ),
    )
