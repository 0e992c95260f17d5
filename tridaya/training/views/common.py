"""What the training pages (and API views) share: loading the region or the training of the URL
(404 when there is none), the permissions shown, and turning a service's refusal into messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tridaya.core.errors import NotFound
from tridaya.core.policy import authorize, can
from tridaya.regions.models import Region
from tridaya.regions.selectors import attach_ancestors
from tridaya.training.models import Training
from tridaya.training.policy import MANAGE, REOPEN, REVOKE_CERTIFICATE, VIEW_PARTICIPANTS
from tridaya.training.selectors.trainings import training_for


def load_training(request: HttpRequest, code: str, pk: int, action: str | None = None) -> Training:
    """The training of the URL, shown in its region's time zone; `action` is authorized (404
    outside the user's regions, 403 inside them without the role)."""
    try:
        training = training_for(code, pk)
    except NotFound as exc:
        raise Http404 from exc
    timezone.activate(training.region.timezone)
    if action is not None:
        authorize(request.user, action, training)
    return training


def region_or_404(code: str) -> Region:
    """The region of the URL (any level) with its ancestors for the breadcrumbs (2 queries)."""
    region = get_object_or_404(Region, code=code)
    attach_ancestors([region])
    return region


def perms_for(request: HttpRequest, training: Training) -> dict[str, bool]:
    user = request.user
    return {
        "manage": can(user, MANAGE, training) and training.is_open,
        "manage_any": can(user, MANAGE, training),
        "people": can(user, VIEW_PARTICIPANTS, training),
        "reopen": can(user, REOPEN, training),
        "revoke": can(user, REVOKE_CERTIFICATE, training),
    }


def page(request: HttpRequest, training: Training, tab: str, **extra) -> dict:
    return {
        "training": training,
        "region": training.region,
        "tab": tab,
        "perms_here": perms_for(request, training),
        "today": timezone.localdate(),
        **extra,
    }


def report(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def attachment(content: bytes, content_type: str, filename: str, *, inline=False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
