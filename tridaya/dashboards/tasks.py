"""The dashboards' background jobs (registered with tridaya.core.jobs in ready())."""

from __future__ import annotations

from tridaya.core.jobs import job_progress
from tridaya.core.models import Job
from tridaya.dashboards import services


def refresh_figures(job: Job) -> dict:
    """Recompute the dirty villages and their ancestors (idempotent: none dirty, nothing to do)."""
    done = 0
    while True:
        n = services.refresh_dirty()
        if not n:
            break
        done += n
        job_progress(job, done, done)
    return {"villages": done}


def rebuild_figures(job: Job) -> dict:
    villages = services.rebuild_all(progress=lambda d, t: job_progress(job, d, t))
    return {"villages": villages}
