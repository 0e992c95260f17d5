"""Helpers shared by the pages of every app."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from tridaya.core.errors import NotFound
from tridaya.core.policy import can
from tridaya.core.selectors import readable_changes

T = TypeVar("T")


def found_or_404(read: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`read(*args, **kwargs)` (a selector), or Http404 when it finds nothing."""
    try:
        return read(*args, **kwargs)
    except NotFound:
        raise Http404 from None


def apply_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names when the form has that field
    (a ValidationError built from a dict, or a DomainError with `field`), else above the form.
    An error that carries `problems` (a file with several bad rows or cells) shows each one."""
    problems = getattr(error, "problems", None)
    if problems:
        for problem in problems:
            form.add_error(None, str(problem))
        return
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error)


def history_context(user: Any, page: Any) -> dict[str, Any]:
    """A page of audit events for a history page: each with its readable change rows; the client
    IP only for those allowed to see it."""
    events = list(page.object_list)
    for event in events:
        event.rows = readable_changes(event)
    return {"events": events, "page_obj": page, "show_ip": can(user, "core.view_audit_ip")}


# Pages that are the same for every anonymous visitor (public dashboards): rendered once with a
# placeholder for the CSRF token, kept in the cache, and served with the visitor's own token.
CSRF_SLOT = "tridaya-csrf-slot-9d41c7e2"


def shared_with_anonymous(request: HttpRequest) -> bool:
    """A GET from a visitor with no session and no pending messages: what they see does not
    depend on who they are (no session is read, so no query either)."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def shared_page_key(request: HttpRequest, prefix: str) -> str:
    """The cache key of a page shared by anonymous visitors: `prefix`, the language and a hash of
    the path with the WHOLE query string (its parameters sorted, so `?a=1&b=2` and `?b=2&a=1`
    share one entry and `?halaman=2` never gets page 1). Hashed: any query string makes a key
    of fixed length that every cache backend accepts."""
    query = sorted(request.GET.lists())
    raw = json.dumps([request.path, query], ensure_ascii=False)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{prefix}:{get_language()}:{digest}"


def render_shared(
    request: HttpRequest, key: str, seconds: int, render: Callable[[dict], str]
) -> HttpResponse:
    """The page under `key` from the cache, else `render(extra_context)` (which must pass
    `extra_context` to the template) stored for `seconds`; either way with this visitor's CSRF
    token in place of the placeholder."""
    html = cache.get(key)
    if html is None:
        html = render({"csrf_token": CSRF_SLOT})
        cache.set(key, html, seconds)
    response = HttpResponse(html.replace(CSRF_SLOT, get_token(request)))
    # The language and any session come in cookies: a shared cache must keep them apart.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response
