"""The prospectus: drafted from a legalised plan, published for partners. The published page,
PDF and DOCX are public (a draft only for the village's marketing roles); `?daya=L` or
`?sektor=air_minum` gives the partner-facing summary of one domain or sector."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.choices import Sector, TridayaDomain
from tridaya.core.policy import authorize, can
from tridaya.marketing import policy, selectors
from tridaya.marketing import prospectus as builder
from tridaya.marketing.forms import ProspectusForm, ReasonForm
from tridaya.marketing.models import ProspectusState
from tridaya.marketing.services import prospectus as services
from tridaya.marketing.views import flash_errors, form_error, village_of
from tridaya.planning.selectors.plans import legalised_versions_under

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _prospectus(request, code: str, pk: int):
    found = selectors.prospectuses_of_village(code).filter(pk=pk).first()
    if found is None:
        raise Http404
    if found.state != ProspectusState.PUBLISHED:
        authorize(request.user, policy.PUBLISH, found)
    return found


def _filters(request) -> dict[str, str]:
    domain = request.GET.get("daya", "")
    sector = request.GET.get("sektor", "")
    return {
        "domain": domain if domain in TridayaDomain.values else "",
        "sector": sector if sector in Sector.values else "",
    }


@login_required
def prospectus_new(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.PUBLISH, village)
    taken = {p.version_id for p in selectors.prospectuses_of_village(code)}
    versions = [v for v in legalised_versions_under(code) if v.pk not in taken]
    form = ProspectusForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        version = next(v for v in versions if str(v.pk) == form.cleaned_data["version"])
        try:
            found = services.prospectus_create(
                actor=request.user,
                version=version,
                introduction=form.cleaned_data["introduction"],
            )
        except ValidationError as exc:
            form_error(form, exc)
        else:
            return redirect("marketing:prospectus", code=code, pk=found.pk)
    return render(
        request,
        "marketing/form.html",
        {
            "village": village,
            "form": form,
            "title": _("Susun prospektus"),
            "back": "marketing:home",
        },
    )


def prospectus(request, code: str, pk: int):
    village = village_of(code)
    found = _prospectus(request, code, pk)
    data = builder.prospectus_data(found)
    filters = _filters(request)
    doc = builder.prospectus_document(data, **filters)
    may_publish = can(request.user, policy.PUBLISH, found)
    return render(
        request,
        "marketing/prospectus.html",
        {
            "village": village,
            "prospectus": found,
            "data": data,
            "doc": doc,
            "offers": data.filtered(**filters),
            "filters": filters,
            "query": request.GET.urlencode(),
            "domains": TridayaDomain.choices,
            "sectors": [
                (v, label)
                for v, label in Sector.choices
                if any(v in o.sectors for o in data.offers)
            ],
            "may_publish": may_publish,
            "unpublish_form": ReasonForm(prefix="tarik") if may_publish else None,
        },
    )


def prospectus_file(request, code: str, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    village_of(code)
    found = _prospectus(request, code, pk)
    data = builder.prospectus_data(found)
    content = builder.render(data, fmt, **_filters(request))
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="prospektus-{code}-{pk}.{fmt}"'
    return response


@login_required
@require_POST
def prospectus_action(request, code: str, pk: int, action: str):
    village_of(code)
    found = _prospectus(request, code, pk)
    authorize(request.user, policy.PUBLISH, found)
    try:
        if action == "terbitkan":
            services.prospectus_publish(actor=request.user, prospectus=found)
            messages.success(request, _("Prospektus diterbitkan."))
        elif action == "tarik":
            form = ReasonForm(request.POST, prefix="tarik")
            reason = form.data.get("tarik-reason", "")
            services.prospectus_unpublish(actor=request.user, prospectus=found, reason=reason)
            messages.success(request, _("Prospektus ditarik kembali menjadi draf."))
        else:
            raise Http404
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("marketing:prospectus", code=code, pk=found.pk)
