"""Pages of marketing under /wilayah/<code>/pemasaran/ (and the region roll-up)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from tridaya.core.pages import apply_service_error
from tridaya.regions.pages import village_or_404


def village_of(code: str):
    """The village (with ancestors) in its own time zone; 404 for any other code."""
    return village_or_404(code, activate_timezone=True)


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_error(form, exc: ValidationError) -> None:
    """Put a service's refusal on the field it names, else above the form."""
    apply_service_error(form, exc)
