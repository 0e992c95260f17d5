"""Fixed-window counters in Django's cache (shared by every worker when the cache is Redis): the
anonymous complaint form per client IP and per browser session, and tracking-code lookups per IP
(so codes cannot be guessed by brute force)."""

from __future__ import annotations

import time

from django.core.cache import cache

from tridaya.core.request_context import current_request_info
from tridaya.oversight import conf

WINDOW = 3600


def _key(kind: str, who: str) -> str:
    return f"oversight:rate:{kind}:{who}:{int(time.time()) // WINDOW}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _hit(key: str) -> None:
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW)


def _ip(request) -> str:
    return current_request_info().ip or request.META.get("REMOTE_ADDR", "") or "?"


def submit_allowed(request) -> bool:
    if not request.session.session_key:
        request.session.save()
    return _count(_key("ip", _ip(request))) < conf.rate("ip_per_hour") and _count(
        _key("session", request.session.session_key)
    ) < conf.rate("session_per_hour")


def submit_counted(request) -> None:
    _hit(_key("ip", _ip(request)))
    _hit(_key("session", request.session.session_key))


def lookup_allowed(request) -> bool:
    key = _key("lookup", _ip(request))
    _hit(key)
    return _count(key) <= conf.rate("lookups_per_hour")
