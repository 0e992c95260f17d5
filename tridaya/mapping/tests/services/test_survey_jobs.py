"""A survey upload queued as a background job: refused at once when it cannot run (writing
nothing), else imported by the job with its progress, the kept file dropped afterwards, and a
refused file reported as the job's error."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse

from tridaya.accounts.models import Role
from tridaya.accounts.tests.factories import user_with_role
from tridaya.core.errors import DomainError
from tridaya.core.models import Job, JobStatus
from tridaya.mapping.importers import samples
from tridaya.mapping.models import Household, ImportBatch
from tridaya.mapping.services import surveys
from tridaya.mapping.tests.factories import export, with_survey_units
from tridaya.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def village(bajur):
    return with_survey_units(bajur)


@pytest.fixture
def bkm(village):
    return user_with_role(Role.BKM, village.code)


def _queued_files() -> list[str]:
    try:
        return default_storage.listdir(surveys.QUEUE_FOLDER)[1]
    except FileNotFoundError:
        return []


def _queue(village, actor, content: bytes, **kw):
    return surveys.survey_import_queue(
        actor=actor,
        village=village,
        form="household",
        file=io.BytesIO(content),
        filename="kobo.csv",
        **kw,
    )


def test_the_job_imports_the_file_with_progress_and_drops_it(
    village, bkm, django_capture_on_commit_callbacks
):
    header, rows = export(village, 5)
    with django_capture_on_commit_callbacks(execute=True):
        job = _queue(village, bkm, samples.csv_bytes(header, rows))
        assert _queued_files() and not Household.objects.exists()  # nothing before the job
    job.refresh_from_db()
    batch = ImportBatch.objects.get()
    assert job.status == JobStatus.DONE and job.created_by == bkm
    assert job.done == job.total > 0
    assert job.result["url"] == reverse("mapping:survey_batch", args=[village.code, batch.pk])
    assert Household.objects.count() == 5 and batch.actor == bkm
    assert _queued_files() == []


def test_a_file_the_import_would_refuse_is_refused_at_once(village, bkm):
    with pytest.raises(DomainError, match="Format berkas tidak dikenali"):
        _queue(village, bkm, b"\x00\x01 bukan ekspor")
    header, rows = export(village, 2)
    header = [f"x{name}" if name in ("_uuid", "meta/instanceID") else name for name in header]
    with pytest.raises(DomainError, match="Kolom ID kiriman tidak ada"):
        _queue(village, bkm, samples.csv_bytes(header, rows))
    assert not Job.objects.exists() and _queued_files() == []


def test_a_file_that_fails_inside_the_job_fails_the_job_with_its_message(
    village, bkm, monkeypatch, django_capture_on_commit_callbacks
):
    header, rows = export(village, 2)

    def broken(**kwargs):
        raise DomainError("Baris 2: berkas terpotong.")

    monkeypatch.setattr(surveys, "survey_import", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = _queue(village, bkm, samples.csv_bytes(header, rows))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "Baris 2: berkas terpotong." in job.error
    assert not Household.objects.exists() and _queued_files() == []


@pytest.mark.parametrize(
    ("case", "error"),
    [
        ("not a village", DomainError),
        ("no permission", PermissionDenied),
        ("unknown mode", DomainError),
    ],
)
def test_what_cannot_run_is_refused_at_once_writing_nothing(village, bkm, case, error):
    header, rows = export(village, 2)
    content = samples.csv_bytes(header, rows)
    target, actor, mode = village, bkm, "strict"
    if case == "not a village":
        target = Region.objects.get(code=village.parent_id)
    elif case == "no permission":
        actor = user_with_role(Role.RESIDENT, village.code)
    else:
        mode = "sembarang"
    with pytest.raises(error):
        _queue(target, actor, content, mode=mode)
    assert not Job.objects.filter(kind=surveys.SURVEY_IMPORT_JOB).exists()
    assert _queued_files() == []
