"""Collaboration forums seen from a village: those held in it and those of its kecamatan and
city, with the attendance (men / women) and decisions of their meetings and the pledges they
produced. Recording one picks a meeting of this village's cycle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize, can
from tridaya.cycle.selectors import village_meetings
from tridaya.marketing import policy, selectors
from tridaya.marketing.forms import ForumForm
from tridaya.marketing.services import forums as services
from tridaya.marketing.views import form_error, village_of


def forums(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.VIEW, village)
    found = list(selectors.forums_under(code))
    produced = selectors.pledges_of_meetings([f.meeting_id for f in found])
    for forum in found:
        forum.produced = produced.get(forum.meeting_id, [])
    return render(
        request,
        "marketing/forums.html",
        {
            "village": village,
            "forums": found,
            "may_manage": can(request.user, policy.MANAGE_FORUMS, village),
        },
    )


@login_required
def forum_form(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.MANAGE_FORUMS, village)
    regions = [village, *reversed(village.ancestors[1:])]
    meetings = list(village_meetings(village)[:50])
    form = ForumForm(request.POST or None, regions=regions, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = next(r for r in regions if r.code == data["region"])
        try:
            services.forum_record(
                actor=request.user,
                region=region,
                kind=data["kind"],
                meeting=next(m for m in meetings if str(m.pk) == data["meeting"]),
                bkm_members=data["bkm_members"],
                functioning=data["functioning"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Forum dicatat."))
            return redirect("marketing:forums", code=code)
    return render(
        request,
        "marketing/form.html",
        {"village": village, "form": form, "title": _("Catat forum"), "back": "marketing:forums"},
    )
