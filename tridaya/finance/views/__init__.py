"""Money pages, one module per sub-domain (books and vouchers, allocations and PP-BLM, KSM
proposals with their RPD, releases and procurement, swadaya and closing months, the audit).
Views only collect input for a service and show its refusal on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tridaya.core.pages import apply_service_error
from tridaya.regions.pages import village_or_404


def village_of(code: str):
    return village_or_404(code, activate_timezone=True)


def run_form(form: BaseForm, action: Callable[[], Any]) -> Any:
    """Run the service with the form's input; a refusal lands on the form and gives None."""
    try:
        return action()
    except ValidationError as exc:
        apply_service_error(form, exc)
        return None


def form_page(
    request,
    village,
    form: BaseForm,
    *,
    title: str,
    action: Callable[[], Any],
    done: Callable[[Any], str],
    intro: str = "",
    submit: str = "",
    extra: dict | None = None,
) -> HttpResponse:
    """A page with one form for one service: POST runs it and redirects to `done(result)`."""
    if request.method == "POST" and form.is_valid():
        result = run_form(form, action)
        if result is not None:
            return redirect(done(result))
    context = {
        "village": village,
        "form": form,
        "title": title,
        "intro": intro,
        "submit": submit,
        **(extra or {}),
    }
    return render(request, "finance/form.html", context)
