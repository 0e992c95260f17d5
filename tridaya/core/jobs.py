"""Background jobs: long work (figure refresh, imports, documents) with a `Job` row that pages
poll for progress, result or error.

- `register(kind, run, label=...)` from an app's `AppConfig.ready()`: `run(job, **params)`
  does the work, may call `job_progress(job, done, total, message)`, and returns a JSON-ready
  result. A job must be idempotent: a worker may run it again after a crash.
- `enqueue(kind, params=..., user=..., region_code=..., dedupe=False) -> Job` writes the row
  and, once the caller's transaction commits, hands it to Celery when `TRIDAYA_BROKER_URL` is
  set, or runs it in this process when it is not (a laptop, `make run`, the tests). With
  `dedupe`, a job of the same kind and parameters still queued is reused, so a burst of changes
  makes one refresh.
- `run(job_id)` runs one job (what the Celery task calls); an exception marks the job failed
  with its message, and is not raised again (the row is the report).
- A kind registered with `detached=True` (a survey import: minutes of work and memory) never
  runs inside the request that queued it: without a broker it runs in a child process
  (`manage.py run_job ID`), unless `TRIDAYA_JOBS_DETACH` is off (the tests, where the child
  could not see the test's database).
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise

from tridaya.core.models import Job, JobStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    kind: str
    run: Callable[..., Any]
    label: str | Promise
    detached: bool = False


_kinds: dict[str, JobKind] = {}


def register(
    kind: str, run: Callable[..., Any], *, label: str | Promise, detached: bool = False
) -> None:
    old = _kinds.get(kind)
    if old is not None and old.run is not run:
        raise ImproperlyConfigured(f"job kind {kind!r} registered twice")
    _kinds[kind] = JobKind(kind, run, label, detached)


def kind_label(kind: str) -> str:
    found = _kinds.get(kind)
    return str(found.label) if found else kind


def _dedupe_key(kind: str, params: dict[str, Any]) -> str:
    return f"{kind}:{json.dumps(params, sort_keys=True)}"[:120]


def enqueue(
    kind: str,
    *,
    params: dict[str, Any] | None = None,
    user: Any = None,
    region_code: str = "",
    dedupe: bool = False,
) -> Job:
    if kind not in _kinds:
        raise ImproperlyConfigured(f"job kind {kind!r} is not registered")
    params = params or {}
    key = _dedupe_key(kind, params) if dedupe else ""
    if key:
        queued = Job.objects.filter(dedupe_key=key, status=JobStatus.QUEUED).first()
        if queued is not None:
            return queued
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                params=params,
                dedupe_key=key,
                region_code=region_code,
                created_by=user if user is not None and user.is_authenticated else None,
            )
    except IntegrityError:  # another process queued the same job a moment ago
        return Job.objects.get(dedupe_key=key, status=JobStatus.QUEUED)
    transaction.on_commit(lambda: dispatch(job.pk, detached=_kinds[kind].detached))
    return job


def broker_configured() -> bool:
    return bool(getattr(settings, "TRIDAYA_BROKER_URL", None))


def dispatch(job_id: int, *, detached: bool = False) -> None:
    if broker_configured():
        from tridaya.celery import run_job

        run_job.delay(job_id)
    elif detached and getattr(settings, "TRIDAYA_JOBS_DETACH", True):
        start_child(job_id)
    else:
        run(job_id)


def start_child(job_id: int) -> subprocess.Popen:
    """Run the job in a child process of its own (`manage.py run_job ID`), not waited for: the
    request that queued it answers at once and the job page follows the row."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py, an integer id)
        [sys.executable, str(manage), "run_job", str(int(job_id))],
        cwd=settings.BASE_DIR,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def _claim(job_id: int) -> Job | None:
    """Take a queued job (one runner only); None when another runner has it or it is done."""
    with transaction.atomic():
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), dedupe_key=""
        )
        if not claimed:
            return None
    return Job.objects.get(pk=job_id)


def run(job_id: int) -> Job | None:
    job = _claim(job_id)
    if job is None:
        return None
    kind = _kinds.get(job.kind)
    try:
        if kind is None:
            raise ImproperlyConfigured(f"job kind {job.kind!r} is not registered")
        result = kind.run(job, **job.params)
    except Exception as exc:  # the job row is the report: keep the worker alive
        log.exception("job %s failed", job.pk)
        job.status = JobStatus.FAILED
        job.error = f"{exc}\n\n{traceback.format_exc(limit=5)}"[:5000]
    else:
        job.status = JobStatus.DONE
        job.result = result
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "finished_at"])
    return job


def job_progress(job: Job, done: int, total: int, message: str = "") -> None:
    """Record how far a running job is (outside the job's own transaction, so pages see it)."""
    job.done, job.total, job.message = done, total, message[:300]
    Job.objects.filter(pk=job.pk).update(done=done, total=total, message=job.message)
