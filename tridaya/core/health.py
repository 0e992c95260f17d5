"""Health checks for a load balancer or an orchestrator.

- `/healthz`: the process answers (no database, so a slow database does not get a healthy
  process killed).
- `/readyz`: the process can serve: the database answers, the cache stores and returns a value,
  and the job broker (when `TRIDAYA_BROKER_URL` is set) accepts a connection. 503 with the name
  of what failed otherwise, so the balancer takes this instance out until it recovers.

Both answer JSON, need no session, and are exempt from the HTTPS redirect (a balancer probes
over plain HTTP inside the network).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"tridaya:readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise RuntimeError("the cache did not return the value just stored")


def check_broker() -> str:
    """'in-process' on a laptop (no broker: jobs run where they are queued)."""
    if not settings.TRIDAYA_BROKER_URL:
        return "in-process"
    from kombu import Connection

    with Connection(settings.TRIDAYA_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "cache": check_cache,
    "jobs": check_broker,
}


def run_checks() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    ready = True
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            log.warning("readyz: %s failed: %s", name, error)
            results[name] = f"gagal: {type(error).__name__}"
            ready = False
    return ready, results


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ready, results = run_checks()
    return JsonResponse(
        {"status": "ok" if ready else "fail", "checks": results}, status=200 if ready else 503
    )
