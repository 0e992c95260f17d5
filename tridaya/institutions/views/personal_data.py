"""A person's data rights (UU PDP 27/2022): the page that exports what the system holds about
them (readable, or as JSON), erases or pseudonymises it, and lists who was shown their NIK."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.personal_data import holders
from tridaya.core.policy import authorize, can
from tridaya.institutions import forms as f
from tridaya.institutions import selectors
from tridaya.institutions.models import Person
from tridaya.institutions.policy import (
    ERASE_PERSONAL_DATA,
    EXPORT_PERSONAL_DATA,
    VIEW_NIK_ACCESS,
    VIEW_PEOPLE,
)
from tridaya.institutions.services.personal_data import person_data_export, person_erase
from tridaya.institutions.views.common import page_context, village_for


def _person(request, code: str, pk: int, action: str) -> Person:
    village = village_for(code)
    authorize(request.user, VIEW_PEOPLE, village)
    person = get_object_or_404(Person.objects.select_related("village"), pk=pk, village=village)
    authorize(request.user, action, person)
    return person


def _page(request, person: Person, form, status: int = 200):
    context = page_context(
        request,
        person.village,
        "people",
        person=person,
        form=form,
        sections=[str(h.label) for h in holders()],
        may_erase=can(request.user, ERASE_PERSONAL_DATA, person),
        may_see_access=can(request.user, VIEW_NIK_ACCESS, person),
    )
    return render(request, "institutions/personal_data.html", context, status=status)


@login_required
def personal_data(request, code: str, pk: int):
    """What can be done with the person's data; the export and the erasure are POSTed."""
    person = _person(request, code, pk, EXPORT_PERSONAL_DATA)
    return _page(request, person, f.EraseForm())


@login_required
@require_POST
def personal_data_export(request, code: str, pk: int):
    """The export (audited): as a readable page to print, or as a JSON file."""
    person = _person(request, code, pk, EXPORT_PERSONAL_DATA)
    data = person_data_export(actor=request.user, person=person)
    if request.POST.get("format") == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = page_context(request, person.village, "people", person=person, data=data)
    response = render(request, "institutions/personal_data_export.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def personal_data_erase(request, code: str, pk: int):
    person = _person(request, code, pk, ERASE_PERSONAL_DATA)
    form = f.EraseForm(request.POST)
    if form.is_valid():
        try:
            result = person_erase(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            if result.erased:
                messages.success(request, _("Data warga dihapus seluruhnya."))
            else:
                messages.success(
                    request,
                    _(
                        "Data warga disamarkan menjadi %(pseudonym)s; catatan yang wajib "
                        "disimpan (%(kept)s) tetap merujuk kepadanya."
                    )
                    % {"pseudonym": result.pseudonym, "kept": ", ".join(result.retained_by)},
                )
            return redirect("institutions:people", code=person.village_id)
    return _page(request, person, form, status=400)


@login_required
def nik_access(request, code: str, pk: int):
    """Who was shown the person's NIK in full, when and where."""
    person = _person(request, code, pk, VIEW_NIK_ACCESS)
    views = selectors.nik_views_of(person)
    context = page_context(request, person.village, "people", person=person, views=views)
    return render(request, "institutions/nik_access.html", context)
