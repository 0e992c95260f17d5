"""Pages of planning. Every page view is wrapped in `not_found_as_404`: a selector that finds
nothing at the address raises `tridaya.core.errors.NotFound` (selectors never raise Http404),
and the page answers 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpResponse

from tridaya.core.errors import NotFound


def not_found_as_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.messages[0] if exc.messages else "") from exc

    return wrapper
