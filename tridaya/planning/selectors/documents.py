"""Reads of the document jobs of a plan version."""

from __future__ import annotations

from tridaya.core.models import Job
from tridaya.planning.models import PlanVersion

DRAFT_DOCUMENT_JOB = "planning.render_draft_document"  # services.documents.DRAFT_DOCUMENT_JOB


def draft_job_of(version: PlanVersion, job_id: int) -> Job | None:
    """The document job `job_id` when it renders a document of `version`, else None."""
    job = Job.objects.filter(pk=job_id, kind=DRAFT_DOCUMENT_JOB).first()
    if job is None or job.params.get("version") != version.pk:
        return None
    return job
