"""The Celery application: `celery -A tridaya.celery worker -B` runs the jobs of
`tridaya/core/jobs.py` from the broker in `TRIDAYA_BROKER_URL`. Without a broker nothing here
runs: jobs run in the process that queued them (see `tridaya.core.jobs.dispatch`)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tridaya.settings")

app = Celery("tridaya")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="tridaya.run_job")
def run_job(job_id: int) -> None:
    from tridaya.core import jobs

    jobs.run(job_id)


@app.task(name="tridaya.run_periodic")
def run_periodic(kind: str) -> None:
    from tridaya.core import jobs

    jobs.enqueue(kind, dedupe=True)
