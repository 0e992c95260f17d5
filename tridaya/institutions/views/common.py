"""What every institutions page shares: loading the village, the permissions shown, handling
a form through its service, and the remove buttons."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.institutions.policy import (
    EXPORT_PERSONAL_DATA,
    MANAGE,
    VIEW_PEOPLE,
    VIEW_PERSONAL_DATA,
)
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404


def village_for(code: str) -> Region:
    """The village (404 for any other code), with dates shown in its own time zone."""
    return village_or_404(code, activate_timezone=True)


def perms_for(request: HttpRequest, village: Region) -> dict[str, bool]:
    return {
        "manage": can(request.user, MANAGE, village),
        "people": can(request.user, VIEW_PEOPLE, village),
        "personal": can(request.user, VIEW_PERSONAL_DATA, village),
        "pdp": can(request.user, EXPORT_PERSONAL_DATA, village),
    }


def page_context(request: HttpRequest, village: Region, section: str, **extra) -> dict:
    return {
        "village": village,
        "section": section,
        "perms_here": perms_for(request, village),
        "today": timezone.localdate(),
        **extra,
    }


def submit_form(
    request: HttpRequest, form: forms.BaseForm, save: Callable[[dict], object], done: str
):
    """Validate, call the service, and redirect back with a message; None when the form has to
    be shown again with its errors."""
    if not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        apply_service_error(form, exc)
        return None
    messages.success(request, done)
    return redirect(request.get_full_path())


def remove_member(
    request: HttpRequest, model, village: Region, village_path: str, remove
) -> HttpResponse:
    """Handle a 'remove this member' button: the row must belong to this village."""
    member = get_object_or_404(
        model.objects.select_related("person"),
        pk=request.POST.get("member") or 0,
        **{village_path: village},
    )
    try:
        remove(actor=request.user, member=member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(person)s dikeluarkan.") % {"person": member.person.name})
    return redirect(request.path)


def posted_action(request: HttpRequest, village: Region) -> str | None:
    """The form a POST came from, after checking the user may manage; None for a GET."""
    if request.method != "POST":
        return None
    authorize(request.user, MANAGE, village)
    return request.POST.get("action", "")


def login_first(request: HttpRequest) -> HttpResponse | None:
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
