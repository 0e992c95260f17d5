"""The organisation chart (public) and the register of a village's people (only for the roles
in `institutions.view_people`: the names of residents who hold no office are personal data)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.institutions import forms as f
from tridaya.institutions import selectors, services
from tridaya.institutions.models import (
    Person,
)
from tridaya.institutions.personal_data import log_person_niks
from tridaya.institutions.policy import MANAGE, VIEW, VIEW_PEOPLE, VIEW_PERSONAL_DATA
from tridaya.institutions.views.common import (
    page_context,
    perms_for,
    village_for,
)
from tridaya.regions.pages import activate_village_timezone

PEOPLE_PER_PAGE = 50


def org_chart(request, code: str):
    chart = selectors.org_chart(code)
    activate_village_timezone(chart.village)
    authorize(request.user, VIEW, chart.village)
    return render(
        request,
        "institutions/org_chart.html",
        page_context(request, chart.village, "chart", chart=chart),
    )


@login_required
def people(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_PEOPLE, village)
    perms_here = perms_for(request, village)
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.people_of(village, query=query, search_nik=perms_here["personal"])
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    if perms_here["personal"]:
        log_person_niks(request.user, page.object_list, place="institutions:people")
    return render(
        request,
        "institutions/people.html",
        page_context(
            request, village, "people", query=query, page_obj=page, people=page.object_list
        ),
    )


@login_required
def person_create(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_PEOPLE, village)
    authorize(request.user, MANAGE, village)
    personal = can(request.user, VIEW_PERSONAL_DATA, village)
    form = f.PersonForm(request.POST or None, instance=Person(village=village), personal=personal)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                actor=request.user, village=village, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(person)s dicatat.") % {"person": person.name})
            return redirect("institutions:people", code=village.code)
    title = _("Tambah warga")
    return render(
        request,
        "institutions/form.html",
        page_context(request, village, "people", form=form, title=title),
    )


@login_required
def person_edit(request, code: str, pk: int):
    village = village_for(code)
    authorize(request.user, VIEW_PEOPLE, village)
    person = get_object_or_404(Person, pk=pk, village=village)
    authorize(request.user, MANAGE, person)
    personal = can(request.user, VIEW_PERSONAL_DATA, person)
    current = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    form = f.PersonForm(request.POST or None, instance=person, personal=personal)
    if personal and request.method == "GET":  # the form shows the NIK in its input
        log_person_niks(request.user, [person], place="institutions:person_edit")
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user, person=person, **{**current, **form.cleaned_data}
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Data %(person)s disimpan.") % {"person": person.name})
            return redirect("institutions:people", code=village.code)
    title = _("Ubah data %(person)s") % {"person": current["name"]}
    return render(
        request,
        "institutions/form.html",
        page_context(request, village, "people", form=form, title=title, person=person),
    )
