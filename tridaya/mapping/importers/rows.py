"""Importers of the RT profile survey and the problem/potential report. Their rows are few (one
per RT and year, one per report), so each good row goes through the services of the map part of
the app (`services.slum.rt_profile_upsert`, `services.problems.problem_upsert`), which check and
audit it like a form would; a refusal becomes an issue on the row, on the column of the field it
names. The import service's transaction still makes a strict import all or nothing."""

from __future__ import annotations

from typing import Any
from zipfile import ZipInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from tridaya.core.audit import snapshot
from tridaya.mapping.importers.archive import Photos, UnreadablePhoto
from tridaya.mapping.importers.base import ChunkResult
from tridaya.mapping.importers.forms import PROBLEM_FORM, rt_profile_form, volume_question
from tridaya.mapping.importers.parse import Chunk
from tridaya.mapping.importers.places import NUMBER, RT_CHOICE
from tridaya.mapping.importers.spec import FormSpec
from tridaya.mapping.models import ImportBatch, Problem, ProblemSource, ProfileSource
from tridaya.regions.models import RT, Region


class RowImporter:
    """Stores good rows one at a time through a service; see the module docstring."""

    spec: FormSpec
    required: list[str] = []
    chunk_size = 200
    # Service field -> question, where their names differ.
    field_questions: dict[str, str] = {}

    def __init__(self, *, village: Region, batch: ImportBatch, actor=None):
        self.village = village
        self.batch = batch
        self.actor = actor
        rts = RT.objects.filter(village=village).select_related("rw")
        self.rts = {(rt.rw.number, rt.number): rt for rt in rts}
        self.reader_columns: Any = None

    def _column(self, question: str) -> str:
        reader = self.reader_columns
        return reader.column_name(question) if reader is not None else question

    def rt_of(self, rt_text: str | None, rw_text: str | None) -> RT | None | str:
        """The RT named by the answers; a reason (str) when it cannot be found."""
        if not rt_text:
            return None
        match = RT_CHOICE.match(rt_text.strip())
        if match:
            pair = (int(match.group(1)), int(match.group(2)))
        else:
            rt_number, rw_number = NUMBER.match(rt_text.strip()), NUMBER.match(rw_text or "")
            if rt_number is None or rw_number is None:
                return _("RT tidak terbaca; gunakan nama pilihan dari formulir, misalnya rw01_rt02")
            pair = (int(rw_number.group(1)), int(rt_number.group(1)))
        rt = self.rts.get(pair)
        if rt is None:
            return _("RT %(rt)02d / RW %(rw)02d tidak ada di %(village)s") % {
                "rt": pair[1],
                "rw": pair[0],
                "village": self.village.name,
            }
        return rt

    def check(self, chunk: Chunk) -> None:
        for i in range(len(chunk)):
            if not chunk.ok(i):
                continue
            values = chunk.row_values(i)
            found = self.rt_of(values.get("rt"), values.get("rw"))
            if isinstance(found, str):
                chunk.add_issue(i, self._column("rt"), values.get("rt"), found)

    def store(self, chunk: Chunk, index: int, values: dict[str, Any]) -> str:
        """Write one row; returns 'created', 'updated' or 'unchanged'."""
        raise NotImplementedError

    def write(self, chunk: Chunk) -> ChunkResult:
        result = ChunkResult()
        for i in chunk.good():
            values = chunk.row_values(i)
            try:
                outcome = self.store(chunk, i, values)
            except (PermissionDenied, Http404):
                chunk.add_issue(i, "", "", _("Anda tidak berwenang menyimpan data ini"))
                continue
            except ValidationError as exc:
                self._issues(chunk, i, exc, values)
                continue
            setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def _issues(self, chunk: Chunk, index: int, exc: ValidationError, values: dict) -> None:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                question = self.field_questions.get(field, field)
                for error in errors:
                    message = " ".join(ValidationError(error).messages)
                    chunk.add_issue(index, self._column(question), values.get(question), message)
        else:
            chunk.add_issue(index, "", "", " ".join(exc.messages))


class RTProfileImporter(RowImporter):
    """One row per RT and year: its profile and slum volumes (`rt_profile_upsert`)."""

    required = [
        "year",
        "rt",
        "area_ha",
        "buildings",
        "population",
        "households",
        "road_length_m",
        "drainage_length_m",
    ]

    spec = rt_profile_form()

    def __init__(self, **kwargs):
        from tridaya.mapping.services.slum import volume_field

        super().__init__(**kwargs)
        prefix = volume_question("")
        self.codes = [
            q.name.removeprefix(prefix) for q in self.spec.questions() if q.name.startswith(prefix)
        ]
        self.field_questions = {volume_field(code): volume_question(code) for code in self.codes}

    def store(self, chunk: Chunk, index: int, values: dict[str, Any]) -> str:
        from tridaya.mapping.services.slum import rt_profile_upsert

        volumes = {
            code: values[volume_question(code)]
            for code in self.codes
            if values.get(volume_question(code)) is not None
        }
        rt = self.rt_of(values.get("rt"), values.get("rw"))
        _profile, outcome = rt_profile_upsert(
            actor=self.actor,
            rt=rt,  # type: ignore[arg-type]  # checked in `check`
            year=values["year"],
            area_ha=values["area_ha"],
            buildings=values["buildings"],
            population=values["population"],
            households=values["households"],
            road_length_m=values["road_length_m"],
            drainage_length_m=values["drainage_length_m"],
            volumes=volumes,
            source=ProfileSource.SURVEY,
        )
        return str(outcome)


GEOMETRY_QUESTIONS = {"titik": "point", "garis": "line", "area": "area"}


class ProblemImporter(RowImporter):
    """One row per report, matched to its problem by the submission's instance id
    (`problem_upsert`). From a ZIP export, each report also gets the photo its row names
    (`photo_add_once`: a photo it already has is not added again)."""

    spec = PROBLEM_FORM
    required = ["kind", "domain", "sector", "title", "severity", "shape"]
    field_questions = {"geometry": "point", "rt": "rt", "reported_on": "reported_on"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        from tridaya.mapping.spatial import village_extent

        self.extent = village_extent(self.village)
        # The photos of a ZIP export (set by the import service); None for a CSV or XLSX.
        self.media: Photos | None = None
        # Photo files written, removed again by `discard` if the import is rolled back.
        self.stored: list[str] = []

    def check(self, chunk: Chunk) -> None:
        super().check(chunk)
        for i in range(len(chunk)):
            if not chunk.ok(i):
                continue
            shape = chunk.values.get("shape", [None] * len(chunk))[i]
            question = GEOMETRY_QUESTIONS.get(shape or "")
            if question and chunk.values.get(question, [None] * len(chunk))[i] is None:
                chunk.add_issue(i, self._column(question), "", _("wajib diisi untuk bentuk ini"))
        self._find_photos(chunk)

    def _find_photos(self, chunk: Chunk) -> None:
        """Each row's photo in the archive, or an issue on the photo column. Found here, before
        anything is written, so that a missing photo stops a strict import early."""
        found: list[ZipInfo | None] = [None] * len(chunk)
        chunk.prepared["photo"] = found
        names = chunk.values.get("photo")
        if self.media is None or names is None:
            return
        for i, name in enumerate(names):
            if not name or not chunk.ok(i):
                continue
            ids = (chunk.instance_ids[i], chunk.deprecated_ids[i])
            photo = self.media.find(name, ids)
            if isinstance(photo, str):
                chunk.add_issue(i, self._column("photo"), name, photo)
            else:
                found[i] = photo

    @staticmethod
    def geometry(shape: str, values: dict[str, Any]) -> dict:
        if shape == "titik":
            return values["point"].geojson()
        points = [list(p) for p in values[GEOMETRY_QUESTIONS[shape]]]
        if shape == "garis":
            return {"type": "LineString", "coordinates": points}
        if points[0] != points[-1]:
            points.append(points[0])
        return {"type": "Polygon", "coordinates": [points]}

    def store(self, chunk: Chunk, index: int, values: dict[str, Any]) -> str:
        # One savepoint for the report and its photo: a refused photo takes the report back
        # out, so that a quarantined row stores nothing.
        with transaction.atomic():
            problem, outcome = self._store_report(chunk, index, values)
            added = self._attach_photo(problem, chunk.prepared["photo"][index])
        return "updated" if added and outcome == "unchanged" else outcome

    def _store_report(
        self, chunk: Chunk, index: int, values: dict[str, Any]
    ) -> tuple[Problem, str]:
        from tridaya.mapping.services.problems import PROBLEM_FIELDS, problem_upsert

        shape = values["shape"]
        self.field_questions = {
            **type(self).field_questions,
            "geometry": GEOMETRY_QUESTIONS[shape],
        }
        source_ref = chunk.instance_ids[index]
        existing = Problem.objects.filter(village=self.village, source_ref=source_ref).first()
        before = snapshot(existing, PROBLEM_FIELDS) if existing is not None else None
        rt = self.rt_of(values.get("rt"), values.get("rw"))
        problem, created = problem_upsert(
            actor=self.actor,
            village=self.village,
            source_ref=source_ref,
            source=ProblemSource.SURVEY,
            extent=self.extent,
            kind=values["kind"],
            domain=values["domain"],
            sector=values["sector"],
            title=values["title"],
            description=values.get("description") or "",
            severity=values["severity"],
            households_affected=values.get("households_affected") or 0,
            poor_households_affected=values.get("poor_households_affected") or 0,
            geometry=self.geometry(shape, values),
            rt=rt if isinstance(rt, RT) else None,
            reported_on=values.get("reported_on"),
        )
        if created:
            return problem, "created"
        return problem, "unchanged" if snapshot(problem, PROBLEM_FIELDS) == before else "updated"

    def _attach_photo(self, problem: Problem, photo: ZipInfo | None) -> bool:
        """Whether the row's photo was added (not when the report already had it). The
        service's refusals (too large, not an image) land on the photo column."""
        from tridaya.mapping.services.problem_photos import photo_add_once

        if photo is None or self.media is None:
            return False
        image = self.media.open(photo)
        try:
            added = photo_add_once(actor=self.actor, problem=problem, image=image)
        except UnreadablePhoto:
            reason = _("foto %(name)s rusak di berkas ZIP") % {"name": image.name}
            raise ValidationError({"photo": reason}) from None
        except ValidationError as exc:
            raise ValidationError({"photo": exc.messages}) from exc
        finally:
            image.close()
        if added is None:
            return False
        self.stored.append(str(added.image.name))
        return True

    def discard(self) -> None:
        from tridaya.mapping.services.problem_photos import photo_files_discard

        photo_files_discard(names=self.stored)
        self.stored = []
