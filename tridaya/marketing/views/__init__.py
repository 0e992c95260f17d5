"""Pages of marketing under /wilayah/<code>/pemasaran/ (and the region roll-up)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from tridaya.cycle.selectors import village_region


def village_of(code: str):
    village = village_region(code)
    timezone.activate(village.timezone)
    return village


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_error(form, exc: ValidationError) -> None:
    """Put a service's refusal on the field it names (params['field']), else on the form."""
    field = (getattr(exc, "params", None) or {}).get("field")
    form.add_error(field if field in form.fields else None, exc.messages)
