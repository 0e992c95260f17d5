"""Per-client-IP limits on anonymous endpoints that can be abused (password reset e-mails,
certificate code guessing, API token guessing): fixed one-hour windows counted in Django's
cache, so every worker shares them when the cache is Redis.

`@rate_limited("password_reset")` on a view counts each request of the unsafe methods (or of
every method with `methods=None`) and answers 429 with a page saying when to try again once the
client is over `TRIDAYA_RATE_LIMITS[name]` requests in the hour. Login failures are limited
separately by django-axes; the complaint form has its own per-session limit (oversight).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Collection

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from tridaya.core.request_context import current_request_info

WINDOW_SECONDS = 3600


def _window() -> int:
    return int(time.time()) // WINDOW_SECONDS


def _client(request: HttpRequest) -> str:
    return current_request_info().ip or request.META.get("REMOTE_ADDR", "") or "?"


def hit(name: str, request: HttpRequest) -> bool:
    """Count one request; False when the client is over the limit for this window."""
    key = f"rate:{name}:{_client(request)}:{_window()}"
    if cache.add(key, 1, WINDOW_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
            count = 1
    return count <= settings.TRIDAYA_RATE_LIMITS[name]


def minutes_left() -> int:
    return max(1, (WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS + 59) // 60)


def too_many(request: HttpRequest) -> HttpResponse:
    minutes = minutes_left()
    if request.path.startswith("/api/"):
        message = ngettext(
            "Terlalu banyak permintaan dari alamat ini. Coba lagi dalam %(n)d menit.",
            "Terlalu banyak permintaan dari alamat ini. Coba lagi dalam %(n)d menit.",
            minutes,
        ) % {"n": minutes}
        response: HttpResponse = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


View = Callable[..., HttpResponseBase]


def rate_limited(name: str, methods: Collection[str] | None = ("POST",)) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            counted = methods is None or request.method in methods
            if counted and not hit(name, request):
                return too_many(request)
            return view(request, *args, **kwargs)

        return limited

    return decorate
