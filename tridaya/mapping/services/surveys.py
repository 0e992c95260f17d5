"""Importing survey submissions (KoBoToolbox CSV/XLSX, ODK Central CSV, or either in a ZIP with
the submissions' photos) into a village: the one service behind the web upload, the API and
`manage.py import_survey`.

- The format is detected from the file; columns the form does not know are reported.
- From a ZIP, an importer that has a `media` attribute (the problem report's) is handed the
  photos, which it reads from the archive as it stores each row.
- Rows are read, checked and written a chunk at a time: memory stays flat for any file size.
- Idempotent by instance id: a repeated file changes nothing, an edited submission updates what
  it recorded.
- Strict mode (the default): one bad row and nothing is written; the report lists every bad row
  with its line, column and reason. Quarantine mode: the good rows are stored and the bad ones
  kept aside (`QuarantinedRow`) until a corrected file imports the same submission.

A file that cannot be read at all (unknown format, a required column missing) is refused with a
`DomainError` and leaves no trace. Any other import leaves an `ImportBatch` with its report and an
audit event, in the same transaction as the data."""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tridaya.accounts.models import User
from tridaya.core import jobs
from tridaya.core.audit import record_event
from tridaya.core.errors import DomainError
from tridaya.core.models import Job
from tridaya.core.policy import authorize
from tridaya.mapping.errors import MappingError
from tridaya.mapping.importers.base import ChunkResult, FormImporter
from tridaya.mapping.importers.bulk import LargeWrites, rows_where_in
from tridaya.mapping.importers.parse import Chunk, RowReader, map_columns, require_columns
from tridaya.mapping.importers.readers import Source, SourceRow, open_source
from tridaya.mapping.models import (
    ImportBatch,
    ImportMode,
    ImportStatus,
    QuarantinedRow,
    SurveyForm,
)
from tridaya.mapping.policy import IMPORT_SURVEYS
from tridaya.regions.models import Region

Actor = User | None
# progress(rows read so far, position in the file, size of the file); position and size are
# bytes for CSV and rows for XLSX.
Progress = Callable[[int, int, int | None], None]
ImporterFactory = Callable[..., FormImporter]


_importers: dict[str, ImporterFactory] = {}
_labels: dict[str, Any] = {}


def register_importer(form: str, factory: ImporterFactory, *, label: Any = None) -> None:
    """Each form's importer (households here; RT profiles and problems call their own
    services) registers itself from MappingConfig.ready(). A later app registers its own form
    from its ready() with a `label` (the form's name on pages); its factory may name the policy
    action an import needs in an `action` attribute (mapping's import right otherwise)."""
    _importers[form] = factory
    if label is not None:
        _labels[form] = label


def form_label(form: str) -> str:
    """The form's name on pages (mapping's own forms by their choice label)."""
    if form in SurveyForm.values:
        return str(SurveyForm(form).label)
    return str(_labels.get(form, form))


def importer_for(form: str) -> ImporterFactory:
    try:
        return _importers[form]
    except KeyError:
        raise DomainError(
            _("Formulir %(form)s belum bisa diimpor.") % {"form": form},
            code=MappingError.SURVEY_IMPORT_UNKNOWN_FORM,
        ) from None


def importable_forms() -> list[str]:
    """Mapping's forms that have an importer; other apps' forms go through their own pages."""
    return [form for form in SurveyForm.values if form in _importers]


class ReadAhead:
    """Reads, parses and checks the next chunks in a background thread while the caller writes
    the current one, at most `depth` chunks ahead (memory stays flat). The database releases
    Python's lock while it works, so reading and writing use both processor cores. Importers'
    `check` runs in that thread and must not touch the database. An error while reading
    reaches the caller at the chunk where it happened."""

    def __init__(self, produce: Callable[[], Iterator[Chunk]], depth: int = 2):
        self.produce = produce
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.stop = threading.Event()
        self.language = translation.get_language()
        self.thread = threading.Thread(target=self._run, name="survey-import-reader", daemon=True)

    def _put(self, item: tuple[str, Any]) -> bool:
        while not self.stop.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        if self.language:
            translation.activate(self.language)  # reasons in the caller's language
        try:
            for chunk in self.produce():
                if not self._put(("chunk", chunk)):
                    return
            self._put(("end", None))
        except BaseException as exc:  # handed to the caller, who raises it
            self._put(("error", exc))

    def __enter__(self) -> Iterator[Chunk]:
        self.thread.start()
        return self._chunks()

    def _chunks(self) -> Iterator[Chunk]:
        while True:
            kind, item = self.queue.get()
            if kind == "chunk":
                yield item
            elif kind == "error":
                raise item
            else:
                return

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self.thread.join(timeout=10)


class _Rejected(Exception):
    """Raised inside the import's transaction to roll a strict import's writes back."""


def _chunks(rows: Iterator[SourceRow], size: int) -> Iterator[list[SourceRow]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def survey_import(
    *,
    actor: Actor,
    village: Region,
    form: str,
    file: IO[bytes],
    filename: str = "",
    mode: str = ImportMode.STRICT,
    progress: Progress | None = None,
) -> ImportBatch:
    """Import one exported file of `form` submissions into `village`; returns its report.

    The data, the batch and its audit event are written in one transaction. A strict import
    with a bad row rolls that transaction back and records the rejected batch (its report and
    audit event) in a second one. (No savepoint around the data: on SQLite a savepoint keeps a
    copy of every page the import changes, which costs a large import a third of its time.)"""
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=MappingError.SURVEY_IMPORT_NOT_A_VILLAGE,
        )
    factory = importer_for(form)
    authorize(actor, getattr(factory, "action", IMPORT_SURVEYS), village)
    if mode not in ImportMode.values:
        raise DomainError(
            _("Mode impor tidak dikenal."), code=MappingError.SURVEY_IMPORT_UNKNOWN_MODE
        )
    started = time.perf_counter()
    with open_source(file) as source:
        return _import_source(
            source,
            factory,
            village=village,
            form=form,
            filename=filename,
            mode=mode,
            actor=actor,
            progress=progress,
            started=started,
        )


def _import_source(
    source: Source,
    factory: ImporterFactory,
    *,
    village: Region,
    form: str,
    filename: str,
    mode: str,
    actor: Actor,
    progress: Progress | None,
    started: float,
) -> ImportBatch:
    spec = factory.spec  # type: ignore[attr-defined]
    columns = map_columns(source.header, spec, source.format)
    require_columns(columns, spec, factory.required)  # type: ignore[attr-defined]
    reader = RowReader(spec, columns)
    fields = {
        "village": village,
        "form": form,
        "source_format": source.format,
        "filename": filename[:255],
        "mode": mode,
        "actor": actor if actor is not None and actor.is_authenticated else None,
        "header": source.header,
        "unknown_columns": [*columns.unknown, *columns.duplicate],
    }
    made: list[FormImporter] = []  # the importer, once made: it may have files to discard
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(status=ImportStatus.IMPORTED, **fields)
            importer = factory(village=village, batch=batch, actor=actor)
            made.append(importer)
            importer.reader_columns = reader  # type: ignore[attr-defined]
            if source.media is not None and hasattr(importer, "media"):
                importer.media = source.media  # the photos that came with the export
            totals = ChunkResult()
            report = _Report(batch)

            def checked_chunks() -> Iterator[Chunk]:
                for block in _chunks(source.rows, importer.chunk_size):
                    lines, cells = [line for line, _c in block], [c for _l, c in block]
                    chunk = reader.read_chunk(lines, cells)
                    importer.check(chunk)
                    yield chunk

            with LargeWrites(), ReadAhead(checked_chunks) as chunks:
                for chunk in chunks:
                    totals.add(importer.write(chunk))
                    report.add(chunk, quarantine=mode == ImportMode.QUARANTINE)
                    if progress is not None:
                        progress(report.rows, source.position(), source.size)
            finish = getattr(importer, "finish", None)
            if finish is not None:
                finish(totals)
            if mode == ImportMode.STRICT and report.bad_rows:
                raise _Rejected
            if report.bad_rows:
                batch.status = ImportStatus.PARTIAL
            return _finish(batch, report, totals, started, actor)
    except _Rejected:
        _discard(made)
    except BaseException:
        _discard(made)
        raise
    with transaction.atomic():
        batch = ImportBatch.objects.create(status=ImportStatus.REJECTED, **fields)
        return _finish(batch, report, ChunkResult(), started, actor)


def _discard(importers: list[FormImporter]) -> None:
    """The import's transaction was rolled back: an importer that wrote files outside the
    database (photos) removes them, so that a rejected import leaves nothing behind."""
    for importer in importers:
        discard = getattr(importer, "discard", None)
        if discard is not None:
            discard()


def _finish(
    batch: ImportBatch, report: _Report, totals: ChunkResult, started: float, actor: Actor
) -> ImportBatch:
    batch.rows = report.rows
    batch.bad_rows = report.bad_rows
    batch.quarantined = report.quarantined if batch.status != ImportStatus.REJECTED else 0
    batch.issues = report.issues
    batch.issues_truncated = report.truncated
    batch.created, batch.updated, batch.unchanged = totals.created, totals.updated, totals.unchanged
    batch.seconds = round(time.perf_counter() - started, 3)
    batch.save()
    record_event(
        actor=actor,
        action=(
            "mapping.survey_rejected"
            if batch.status == ImportStatus.REJECTED
            else "mapping.survey_imported"
        ),
        obj=batch,
        changes={
            name: [None, getattr(batch, name)]
            for name in ("form", "filename", "mode", "status", "rows", "created", "updated")
            + ("unchanged", "bad_rows", "quarantined")
        },
    )
    return batch


_Q = QuarantinedRow._meta
RELEASE_SQL = (
    f'UPDATE "{_Q.db_table}" SET "resolved_by_id" = %s WHERE "village_id" = %s AND "form" = %s '
    f'AND "resolved_by_id" IS NULL AND "instance_id" IN ({{values}})'
)


class _Report:
    """The issues of a batch (the first `ISSUES_KEPT`; `bad_rows` counts every bad row), and
    the quarantine of bad rows and release of corrected ones."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch
        # Whether a row of this import could release a quarantined one (checked once: most
        # imports have none to release, and the query costs as much as a lookup).
        self.may_release = QuarantinedRow.objects.filter(
            village_id=batch.village_id, form=batch.form, resolved_by__isnull=True
        ).exists()
        self.rows = 0
        self.bad_rows = 0
        self.quarantined = 0
        self.issues: list[dict[str, Any]] = []
        self.truncated = False

    def add(self, chunk: Chunk, *, quarantine: bool) -> None:
        self.rows += len(chunk)
        bad = sorted(chunk.issues)
        self.bad_rows += len(bad)
        room = ImportBatch.ISSUES_KEPT - len(self.issues)
        for index in bad:
            issues = chunk.issues[index]
            if room <= 0:
                self.truncated = True
                break
            kept = issues[:room]
            self.issues.extend(issue.as_dict() for issue in kept)
            room -= len(kept)
            if len(kept) < len(issues):
                self.truncated = True
        batch = self.batch
        ids = chunk.instance_ids
        # A submission imported now releases its earlier quarantined rows; in quarantine mode a
        # bad one replaces them with its newest version.
        released = [ids[i] for i in range(len(chunk)) if ids[i] and (quarantine or chunk.ok(i))]
        if released and self.may_release:
            rows_where_in(RELEASE_SQL, [batch.pk, batch.village_id, batch.form], released)
        if quarantine and bad:
            QuarantinedRow.objects.bulk_create(
                [
                    QuarantinedRow(
                        batch=batch,
                        village_id=batch.village_id,
                        form=batch.form,
                        line=chunk.lines[index],
                        instance_id=ids[index][:100],
                        cells=chunk.cells[index],
                        issues=[issue.as_dict() for issue in chunk.issues[index]],
                    )
                    for index in bad
                ]
            )
            self.quarantined += len(bad)
            self.may_release = True  # a later row may be a corrected copy of one of these


# --- The import as a background job (the survey page queues it; the job page follows it) -------

SURVEY_IMPORT_JOB = "mapping.survey_import"
QUEUE_FOLDER = "impor/antrian"


def survey_import_queue(
    *,
    actor: Actor,
    village: Region,
    form: str,
    file: IO[bytes],
    filename: str = "",
    mode: str = ImportMode.STRICT,
) -> Job:
    """Keep the uploaded file and queue its import (`survey_import`) as a background job, which
    runs in a process of its own (a Celery worker, or a child process without a broker), never
    in the request. What can be refused at once is refused here, writing nothing: not a village,
    no permission, an unknown form or mode."""
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=MappingError.SURVEY_IMPORT_NOT_A_VILLAGE,
        )
    factory = importer_for(form)
    authorize(actor, getattr(factory, "action", IMPORT_SURVEYS), village)
    if mode not in ImportMode.values:
        raise DomainError(
            _("Mode impor tidak dikenal."), code=MappingError.SURVEY_IMPORT_UNKNOWN_MODE
        )
    name = get_valid_filename(Path(filename or "ekspor").name)[-80:] or "ekspor"
    path = default_storage.save(f"{QUEUE_FOLDER}/{uuid.uuid4().hex}-{name}", File(file, name))
    try:
        _check_header(path, factory)
    except BaseException:
        default_storage.delete(path)
        raise
    return jobs.enqueue(
        SURVEY_IMPORT_JOB,
        params={
            "village": village.code,
            "form": form,
            "path": path,
            "filename": filename,
            "mode": mode,
        },
        user=actor,
        region_code=village.code,
    )


def _check_header(path: str, factory: ImporterFactory) -> None:
    """Refuse at once, on the upload form, a file whose format or columns the import would
    refuse (reads only the start of the file)."""
    spec = factory.spec  # type: ignore[attr-defined]
    with default_storage.open(path, "rb") as file, open_source(file) as source:
        columns = map_columns(source.header, spec, source.format)
        require_columns(columns, spec, factory.required)  # type: ignore[attr-defined]


def survey_import_job(
    job: Job, *, village: str, form: str, path: str, filename: str, mode: str
) -> dict[str, object]:
    """The job: import the kept file as its uploader (progress: rows read, by position in the
    file), then drop the file. A refused file fails the job with the importer's message."""
    target = Region.objects.get(code=village)
    size = max(default_storage.size(path), 1)

    def progress(rows: int, position: int | None, _size: int | None) -> None:
        done = min(position or 0, size)
        message = ngettext("%(n)s baris dibaca", "%(n)s baris dibaca", rows) % {"n": rows}
        jobs.job_progress(job, done, size, message)

    try:
        with default_storage.open(path, "rb") as file:
            batch = survey_import(
                actor=job.created_by,
                village=target,
                form=form,
                file=file,
                filename=filename,
                mode=mode,
                progress=progress,
            )
    finally:
        default_storage.delete(path)
    jobs.job_progress(job, size, size, "")
    return {
        "url": reverse("mapping:survey_batch", args=[village, batch.pk]),
        _("Hasil"): str(batch.get_status_display()),
        _("Baris data"): batch.rows,
    }
