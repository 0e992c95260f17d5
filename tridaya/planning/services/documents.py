"""Documents of a draft (or revised) version, rendered as a background job so the page can show
progress while the PDF is made (a legalised version's documents are stored once instead, see
`snapshots.py`). The file is kept in the default storage until the next render of the same
version and format replaces it."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core import jobs
from tridaya.core.models import Job
from tridaya.planning.models import PlanVersion
from tridaya.planning.selectors import plans as selectors

DRAFT_DOCUMENT_JOB = "planning.render_draft_document"


def draft_document_queue(*, actor: User | None, version: PlanVersion, fmt: str) -> Job:
    """Queue the rendering of a version's document (the same request twice makes one job)."""
    return jobs.enqueue(
        DRAFT_DOCUMENT_JOB,
        params={"version": version.pk, "fmt": fmt},
        user=actor,
        region_code=version.plan.village_id,
        dedupe=True,
    )


def _folder(version_id: int) -> str:
    return f"rencana/draf/{version_id}"


def _remove_older(version_id: int, fmt: str, keep: str) -> None:
    """Best effort: the files of earlier renders of this version and format."""
    try:
        _dirs, files = default_storage.listdir(_folder(version_id))
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        path = f"{_folder(version_id)}/{name}"
        if name.endswith(f".{fmt}") and path != keep:
            default_storage.delete(path)


def render_draft(job: Job, version: int, fmt: str) -> dict:
    """The job: read the version, draw its maps and charts, render the file and store it."""
    from tridaya.documents.plan_document import plan_docx, plan_pdf
    from tridaya.documents.workbook import plan_workbook
    from tridaya.planning.documents import plans as plan_documents
    from tridaya.planning.documents.rab import workbook_data

    target = PlanVersion.objects.select_related("plan").get(pk=version)
    jobs.job_progress(job, 0, 3, _("Membaca isi rencana"))
    page = selectors.version_page(target.plan.village_id, target.plan_id, target.number)
    if fmt == "xlsx":
        content = plan_workbook(workbook_data(page))
    else:
        jobs.job_progress(job, 1, 3, _("Menggambar peta dan grafik"))
        doc = plan_documents.plan_document(page)
        jobs.job_progress(job, 2, 3, _("Menyusun %(format)s") % {"format": fmt.upper()})
        content = plan_pdf(doc) if fmt == "pdf" else plan_docx(doc)
    name = default_storage.save(f"{_folder(target.pk)}/{job.pk}.{fmt}", ContentFile(content))
    _remove_older(target.pk, fmt, keep=name)
    jobs.job_progress(job, 3, 3, _("Selesai"))
    return {
        "file": name,
        "size": len(content),
        "filename": plan_documents.plan_filename(page, fmt),
    }
