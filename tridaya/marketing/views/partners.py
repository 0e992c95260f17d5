"""The partner register of the village's city: public list of organisations; contacts only for
roles that need them; adding and editing for the marketing roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.policy import authorize, can
from tridaya.marketing import policy, selectors
from tridaya.marketing.forms import ContactForm, PartnerForm
from tridaya.marketing.services import city_code
from tridaya.marketing.services import partners as services
from tridaya.marketing.views import form_error, village_of
from tridaya.regions.models import Region


def _regions(village) -> list[Region]:
    """Where a partner may act: the nation's provinces above, the city, the kecamatan, the
    village (the choices the form offers)."""
    return [*village.ancestors, village]


def partners(request, code: str):
    village = village_of(code)
    authorize(request.user, policy.VIEW_PARTNERS, village)
    return render(
        request,
        "marketing/partners.html",
        {
            "village": village,
            "partners": list(selectors.partners_of_city(city_code(code))),
            "may_manage": can(request.user, policy.MANAGE_PARTNERS, village),
        },
    )


def _partner(code: str, pk: int):
    return get_object_or_404(selectors.partners_of_city(city_code(code)), pk=pk)


def partner(request, code: str, pk: int):
    village = village_of(code)
    authorize(request.user, policy.VIEW_PARTNERS, village)
    found = _partner(code, pk)
    may_contacts = can(request.user, policy.VIEW_CONTACTS, village)
    may_manage = can(request.user, policy.MANAGE_PARTNERS, village)
    return render(
        request,
        "marketing/partner.html",
        {
            "village": village,
            "partner": found,
            "contacts": list(selectors.contacts_of(found)) if may_contacts else None,
            "contact_form": ContactForm() if may_manage else None,
            "may_manage": may_manage,
            "pledges": list(selectors.pledges_of_partner(found)),
        },
    )


@login_required
def partner_form(request, code: str, pk: int | None = None):
    village = village_of(code)
    authorize(request.user, policy.MANAGE_PARTNERS, village)
    found = _partner(code, pk) if pk else None
    sources = selectors.partner_sources()
    initial: dict[str, Any] = {"acts_in": city_code(code)}
    if found is not None:
        initial = {
            "name": found.name,
            "kind": found.kind,
            "acts_in": found.acts_in_id,
            "sources": [s.code for s in found.sources.all()],
            "sectors": found.sectors,
            "address": found.address,
            "website": found.website,
            "notes": found.notes,
        }
    form = PartnerForm(
        request.POST or None, initial=initial, regions=_regions(village), sources=sources
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["acts_in"] = Region.objects.get(pk=data["acts_in"])
        data["sources"] = [s for s in sources if s.code in set(data["sources"])]
        try:
            if found is None:
                found = services.partner_create(actor=request.user, where=village, **data)
            else:
                services.partner_update(actor=request.user, where=village, partner=found, **data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Mitra disimpan."))
            return redirect("marketing:partner", code=code, pk=found.pk)
    return render(
        request,
        "marketing/form.html",
        {
            "village": village,
            "form": form,
            "title": _("Ubah mitra") if found else _("Daftarkan mitra"),
            "back": "marketing:partners",
        },
    )


@login_required
@require_POST
def contact_add(request, code: str, pk: int):
    village = village_of(code)
    authorize(request.user, policy.MANAGE_PARTNERS, village)
    found = _partner(code, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_add(
                actor=request.user, where=village, partner=found, **form.cleaned_data
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kontak ditambahkan."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("marketing:partner", code=code, pk=found.pk)
