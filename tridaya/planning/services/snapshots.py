"""Freezing a legalised version: its snapshot (what its page, API and documents show) and its
documents rendered once and kept in the default storage.

- `version_freeze` is called by `version_legalise` in the same transaction, so a legalised version
  always shows what it showed at the moment it was legalised.
- The documents are rendered by a background job queued at legalisation
  (`RENDER_DOCUMENTS_JOB`); a download that comes first renders the missing one itself from the
  snapshot (`version_document`). Either way each document is rendered once, stored, and served
  byte for byte afterwards.
- Versions legalised before snapshots existed (lazy policy): `ensure_frozen` freezes them the
  first time a page, the API or a download reads them, from the data of that moment (the data of
  their legalisation was never kept); `manage.py freeze_plans` does it for all of them at once.
  Their snapshot says `at_legalisation=False`.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from tridaya.core import jobs
from tridaya.core.audit import record_event
from tridaya.core.models import Job
from tridaya.planning.models import (
    LOCKED_STATES,
    DocumentFormat,
    PlanDocumentFile,
    PlanSnapshot,
    PlanVersion,
)
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.selectors import snapshots as snapshot_selectors

RENDER_DOCUMENTS_JOB = "planning.render_legalised_documents"


def version_freeze(*, version: PlanVersion, at_legalisation: bool = True) -> PlanSnapshot:
    """Take the snapshot of a locked version from the current data (once; a second call returns
    the first snapshot)."""
    existing = snapshot_selectors.snapshot_of(version)
    if existing is not None:
        return existing
    page = selectors.version_page(
        version.plan.village_id, version.plan_id, version.number, live=True
    )
    data = snapshot_selectors.snapshot_data(
        page, selectors.map_features(page), snapshot_selectors.outline_for(page.plan.kind)
    )
    return PlanSnapshot.objects.create(version=version, data=data, at_legalisation=at_legalisation)


def queue_documents(*, version: PlanVersion) -> Job:
    """Render the documents of a legalised version once the transaction commits."""
    return jobs.enqueue(
        RENDER_DOCUMENTS_JOB,
        params={"version": version.pk},
        region_code=version.plan.village_id,
        dedupe=True,
    )


@transaction.atomic(durable=True)
def ensure_frozen(*, version: PlanVersion) -> PlanSnapshot | None:
    """The snapshot of a locked version, taken now if it was legalised before snapshots existed
    (lazy policy, see the module's docstring); None for a version still open."""
    if version.state not in LOCKED_STATES:
        return None
    locked = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
    existing = snapshot_selectors.snapshot_of(locked)
    if existing is not None:
        return existing
    snapshot = version_freeze(version=locked, at_legalisation=False)
    record_event(
        actor=None,
        action="planning.version_frozen",
        obj=locked,
        changes={"frozen": [None, snapshot.taken_at.isoformat()]},
    )
    return snapshot


def frozen_version_page(code: str, plan_id: int, number: int) -> selectors.VersionPage:
    """What the page and the API of a version read: `version_page`, after freezing a version
    legalised before snapshots existed (the lazy policy)."""
    page = selectors.version_page(code, plan_id, number)
    if page.version.is_locked and page.frozen_at is None:
        ensure_frozen(version=page.version)
        page = selectors.version_page(code, plan_id, number)
    return page


def version_document(*, version: PlanVersion, fmt: str) -> PlanDocumentFile:
    """The stored document of a locked version, rendered from its snapshot the first time."""
    from tridaya.planning.documents import plans as plan_documents

    stored = PlanDocumentFile.objects.filter(version=version, fmt=fmt).first()
    if stored is not None:
        return stored
    ensure_frozen(version=version)
    plan = version.plan
    page = selectors.version_page(plan.village_id, plan.pk, version.number)
    content, _content_type = plan_documents.plan_file(page, fmt)
    name = plan_documents.plan_filename(page, fmt)
    row = PlanDocumentFile(
        version=version,
        fmt=fmt,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    row.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # another request stored it a moment ago: serve theirs
        row.file.storage.delete(str(row.file.name))
        return PlanDocumentFile.objects.get(version=version, fmt=fmt)
    return row


def render_documents(job: Job, version: int) -> dict:
    """The job queued at legalisation: store the PDF, DOCX and XLSX (idempotent)."""
    target = PlanVersion.objects.select_related("plan").get(pk=version)
    done = {}
    formats = list(DocumentFormat)
    for n, fmt in enumerate(formats, start=1):
        jobs.job_progress(job, n - 1, len(formats), str(fmt.label))
        stored = version_document(version=target, fmt=fmt.value)
        done[fmt.value] = stored.size
    jobs.job_progress(job, len(formats), len(formats))
    return done


def freeze_all(*, documents: bool = False) -> tuple[int, int]:
    """Freeze every locked version without a snapshot; with `documents`, store every missing
    document of every locked version. Returns (versions frozen, documents stored)."""
    locked = PlanVersion.objects.filter(state__in=LOCKED_STATES).select_related("plan")
    frozen = 0
    for version in locked.filter(snapshot__isnull=True).order_by("pk"):
        ensure_frozen(version=version)
        frozen += 1
    stored = 0
    if documents:
        for version in locked.order_by("pk"):
            have = set(version.document_files.values_list("fmt", flat=True))
            for fmt in DocumentFormat.values:
                if fmt not in have:
                    version_document(version=version, fmt=fmt)
                    stored += 1
    return frozen, stored
