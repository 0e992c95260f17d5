"""Background jobs without a broker: they run in-process once the caller's transaction commits,
record progress, result or error on their row, run once, and a burst of the same job is one."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from tridaya.accounts.tests.factories import user_with_role
from tridaya.core import jobs
from tridaya.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db

CALLS: list[dict] = []


def _work(job, *, n: int) -> dict:
    for i in range(n):
        jobs.job_progress(job, i + 1, n, f"langkah {i + 1}")
    CALLS.append({"n": n})
    return {"done": n}


def _broken(job) -> None:
    raise ValueError("berkas rusak di baris 7")


@pytest.fixture(autouse=True)
def kinds():
    CALLS.clear()
    jobs.register("test.work", _work, label="Uji")
    jobs.register("test.broken", _broken, label="Uji gagal")
    yield
    jobs._kinds.pop("test.work")
    jobs._kinds.pop("test.broken")


@override_settings(TRIDAYA_BROKER_URL=None)
def test_a_job_runs_in_process_after_the_commit_and_keeps_its_result(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue("test.work", params={"n": 3})
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
        assert CALLS == []
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.done, job.total, job.message) == (3, 3, "langkah 3")
    assert job.result == {"done": 3}
    assert CALLS == [{"n": 3}]


def test_a_failing_job_is_marked_failed_with_its_message():
    job = jobs.enqueue("test.broken")
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "berkas rusak di baris 7" in job.error
    assert job.finished_at is not None


def test_a_job_runs_once_even_when_dispatched_twice():
    job = jobs.enqueue("test.work", params={"n": 1})
    jobs.run(job.pk)
    assert jobs.run(job.pk) is None
    assert CALLS == [{"n": 1}]


def test_the_same_job_queued_twice_is_one_job():
    first = jobs.enqueue("test.work", params={"n": 2}, dedupe=True)
    second = jobs.enqueue("test.work", params={"n": 2}, dedupe=True)
    other = jobs.enqueue("test.work", params={"n": 5}, dedupe=True)
    assert first.pk == second.pk != other.pk
    jobs.run(first.pk)
    assert jobs.enqueue("test.work", params={"n": 2}, dedupe=True).pk != first.pk


def test_the_job_page_shows_progress_to_its_starter_only(client):
    owner = user_with_role("national_admin", None)
    stranger = user_with_role("facilitator", "52")
    job = jobs.enqueue("test.work", params={"n": 4}, user=owner)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, done=1, total=4)
    url = reverse("job_detail", args=[job.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    page = client.get(url)
    assert page.status_code == 200
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "1 / 4" in page.content.decode()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=4, result={"villages": 4})
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial
    assert "<html" not in partial
    assert "villages" in partial


def test_a_detached_job_starts_a_child_process_instead_of_running_in_the_request(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    started: list[list[str]] = []
    monkeypatch.setattr(jobs.subprocess, "Popen", lambda args, **kw: started.append(args))
    jobs.register("test.long", _work, label="Uji panjang", detached=True)
    settings.TRIDAYA_BROKER_URL = None
    try:
        settings.TRIDAYA_JOBS_DETACH = True
        with django_capture_on_commit_callbacks(execute=True):
            job = jobs.enqueue("test.long", params={"n": 2})
        assert CALLS == [] and Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
        assert started and started[0][-2:] == ["run_job", str(job.pk)]
        assert started[0][-3].endswith("manage.py")
        # The tests' setting: the same kind runs in-process.
        settings.TRIDAYA_JOBS_DETACH = False
        with django_capture_on_commit_callbacks(execute=True):
            other = jobs.enqueue("test.long", params={"n": 1})
        other.refresh_from_db()
        assert other.status == JobStatus.DONE and len(started) == 1
    finally:
        jobs._kinds.pop("test.long")


def test_run_job_runs_a_queued_job_once():
    import io

    from django.core.management import CommandError, call_command

    job = jobs.enqueue("test.work", params={"n": 2})
    out = io.StringIO()
    call_command("run_job", str(job.pk), stdout=out)
    assert f"job {job.pk}: done" in out.getvalue() and CALLS == [{"n": 2}]
    with pytest.raises(CommandError, match="not queued"):
        call_command("run_job", str(job.pk))
    assert CALLS == [{"n": 2}]
