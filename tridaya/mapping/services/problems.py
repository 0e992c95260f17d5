"""Every write to a village's problems and potentials: create, update (also from survey
submissions, by their instance id), status changes and imports from GIS files. Each
checks the policy, validates the geometry (shapely), refuses one far outside the village, measures
it in its UTM zone, finds its RT, and audits in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import files as gis_formats
from tridaya.core.geo import measure, parse_geometry, validate_geojson
from tridaya.core.policy import Actor, authorize
from tridaya.cycle.models import Meeting
from tridaya.mapping.errors import MappingError
from tridaya.mapping.models import (
    GEOMETRY_KIND_OF,
    GeometryKind,
    Problem,
    ProblemSource,
    ProblemStatus,
)
from tridaya.mapping.policy import MAP_PROBLEMS, VERIFY_PROBLEMS
from tridaya.mapping.problem_files import feature_fields
from tridaya.mapping.services.problem_photos import _photo_add
from tridaya.mapping.services.problem_photos import photo_add as photo_add  # callers import it here
from tridaya.mapping.spatial import VillageExtent, check_near_village, locate_rt, village_extent
from tridaya.regions.models import RT, Region

PROBLEM_FIELDS = [
    "kind",
    "domain",
    "sector",
    "title",
    "description",
    "severity",
    "households_affected",
    "poor_households_affected",
    "geometry",
    "rt",
    "meeting",
    "reported_on",
    "status",
    "source",
    "source_ref",
]

# Which status may follow which: a report is verified or rejected, a verified one enters the
# plan, a planned one is handled; a mistake can be stepped back one step.
TRANSITIONS: dict[str, set[str]] = {
    ProblemStatus.REPORTED: {ProblemStatus.VERIFIED, ProblemStatus.REJECTED},
    ProblemStatus.VERIFIED: {
        ProblemStatus.PLANNED,
        ProblemStatus.REJECTED,
        ProblemStatus.REPORTED,
    },
    ProblemStatus.PLANNED: {ProblemStatus.HANDLED, ProblemStatus.VERIFIED},
    ProblemStatus.HANDLED: {ProblemStatus.PLANNED},
    ProblemStatus.REJECTED: {ProblemStatus.REPORTED},
}


def _require_village(region: Region) -> None:
    if not region.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": region},
            code=MappingError.WRONG_VILLAGE,
        )


def _place(problem: Problem, geometry: Any, extent: VillageExtent) -> None:
    """Validate, check the distance to the village, measure and locate the geometry."""
    try:
        geom = parse_geometry(geometry)
    except ValidationError as exc:
        error = DomainError(" ".join(exc.messages), code=MappingError.BAD_GEOMETRY)
        raise DomainError({"geometry": error}, code=MappingError.BAD_GEOMETRY) from exc
    check_near_village(extent, geom, field="geometry")
    measures = measure(geom)
    problem.geometry = validate_geojson(geometry)
    problem.geometry_kind = GEOMETRY_KIND_OF[geom.geom_type]
    problem.length_m = (
        round(measures.length_m, 1) if problem.geometry_kind == GeometryKind.LINE else None
    )
    problem.area_m2 = (
        round(measures.area_m2, 1) if problem.geometry_kind == GeometryKind.POLYGON else None
    )
    if problem.rt_id is None:
        problem.rt = locate_rt(extent, geom)


def _apply(
    problem: Problem,
    *,
    kind: str,
    domain: str,
    sector: str,
    title: str,
    severity: int,
    description: str,
    households_affected: int,
    poor_households_affected: int,
    rt: RT | None,
    meeting: Meeting | None,
    reported_on: dt.date | None,
) -> None:
    problem.kind = kind
    problem.domain = domain
    problem.sector = sector
    problem.title = title.strip()
    problem.severity = severity
    problem.description = description.strip()
    problem.households_affected = households_affected
    problem.poor_households_affected = poor_households_affected
    problem.rt = rt
    problem.meeting = meeting
    if reported_on is not None:
        problem.reported_on = reported_on


def _save(problem: Problem) -> None:
    try:
        problem.full_clean()
    except ValidationError as exc:
        raise DomainError(exc.message_dict, code=MappingError.BAD_GEOMETRY) from exc
    problem.save()


def _problem_create(
    *,
    actor: Actor,
    village: Region,
    kind: str,
    domain: str,
    sector: str,
    title: str,
    geometry: dict,
    severity: int,
    description: str = "",
    households_affected: int = 0,
    poor_households_affected: int = 0,
    rt: RT | None = None,
    meeting: Meeting | None = None,
    reported_on: dt.date | None = None,
    status: str = ProblemStatus.REPORTED,
    source: str = ProblemSource.FORM,
    source_ref: str = "",
    extent: VillageExtent | None = None,
    photo: File | None = None,
    photo_caption: str = "",
) -> Problem:
    """Map a problem or potential. `rt` is found from the RT boundaries when not given;
    `extent` lets an importer pass the village's boundaries once for many rows. A status other
    than 'dilaporkan' needs the right to verify. A `photo` is attached in the same transaction
    (a refused photo leaves nothing mapped)."""
    _require_village(village)
    authorize(actor, MAP_PROBLEMS, village)
    if status != ProblemStatus.REPORTED:
        authorize(actor, VERIFY_PROBLEMS, village)
    problem = Problem(
        village=village,
        status=status,
        source=source,
        source_ref=source_ref.strip(),
        reported_by=actor if isinstance(actor, User) else None,
    )
    _apply(
        problem,
        kind=kind,
        domain=domain,
        sector=sector,
        title=title,
        severity=severity,
        description=description,
        households_affected=households_affected,
        poor_households_affected=poor_households_affected,
        rt=rt,
        meeting=meeting,
        reported_on=reported_on,
    )
    _place(problem, geometry, extent or village_extent(village))
    _save(problem)
    record_event(
        actor=actor,
        action="mapping.problem_created",
        obj=problem,
        changes=diff({}, snapshot(problem, PROBLEM_FIELDS)),
    )
    if photo is not None:
        _photo_add(actor=actor, problem=problem, image=photo, caption=photo_caption)
    return problem


problem_create = transaction.atomic(durable=True)(_problem_create)


def _problem_update(
    *,
    actor: Actor,
    problem: Problem,
    kind: str,
    domain: str,
    sector: str,
    title: str,
    geometry: dict,
    severity: int,
    description: str = "",
    households_affected: int = 0,
    poor_households_affected: int = 0,
    rt: RT | None = None,
    meeting: Meeting | None = None,
    reported_on: dt.date | None = None,
    extent: VillageExtent | None = None,
) -> Problem:
    """Change what a problem or potential says and where it is (the status changes through
    `problem_set_status`). Records only what changed."""
    authorize(actor, MAP_PROBLEMS, problem)
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    before = snapshot(problem, PROBLEM_FIELDS)
    _apply(
        problem,
        kind=kind,
        domain=domain,
        sector=sector,
        title=title,
        severity=severity,
        description=description,
        households_affected=households_affected,
        poor_households_affected=poor_households_affected,
        rt=rt,
        meeting=meeting,
        reported_on=reported_on,
    )
    _place(problem, geometry, extent or village_extent(problem.village))
    _save(problem)
    changes = diff(before, snapshot(problem, PROBLEM_FIELDS))
    if changes:
        record_event(actor=actor, action="mapping.problem_updated", obj=problem, changes=changes)
    return problem


problem_update = transaction.atomic(durable=True)(_problem_update)


@transaction.atomic
def problem_upsert(
    *,
    actor: Actor,
    village: Region,
    source_ref: str,
    source: str = ProblemSource.SURVEY,
    extent: VillageExtent | None = None,
    **fields: Any,
) -> tuple[Problem, bool]:
    """For survey and file imports: the problem with this `source_ref` (the submission's
    instance id, or the feature's id) is updated, or created when new. Returns (problem,
    created). Importing the same submission twice changes nothing the second time."""
    if not source_ref.strip():
        raise DomainError(_("Rujukan sumber kosong."), code=MappingError.BAD_GIS_FILE)
    extent = extent or village_extent(village)
    existing = Problem.objects.filter(village=village, source_ref=source_ref.strip()).first()
    if existing is None:
        created = _problem_create(
            actor=actor,
            village=village,
            source=source,
            source_ref=source_ref,
            extent=extent,
            **fields,
        )
        return created, True
    fields.pop("status", None)
    return _problem_update(actor=actor, problem=existing, extent=extent, **fields), False


@transaction.atomic(durable=True)
def problem_set_status(*, actor: Actor, problem: Problem, status: str) -> Problem:
    """Move a report along: dilaporkan -> terverifikasi -> masuk rencana -> ditangani (or
    ditolak). A status that may not follow the current one is refused."""
    authorize(actor, VERIFY_PROBLEMS, problem)
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if status not in ProblemStatus.values:
        raise DomainError(_("Status tidak dikenal."), code=MappingError.BAD_STATUS)
    if status == problem.status:
        return problem
    if status not in TRANSITIONS.get(problem.status, set()):
        allowed = ", ".join(
            str(ProblemStatus(s).label) for s in sorted(TRANSITIONS.get(problem.status, set()))
        )
        raise DomainError(
            _("Status '%(current)s' tidak bisa langsung menjadi '%(new)s'; yang bisa: %(allowed)s.")
            % {
                "current": problem.get_status_display(),
                "new": ProblemStatus(status).label,
                "allowed": allowed,
            },
            code=MappingError.BAD_STATUS,
        )
    before = problem.status
    problem.status = status
    problem.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action="mapping.problem_status_changed",
        obj=problem,
        changes={"status": [before, status]},
    )
    return problem


def _problem_delete(*, actor: Actor, problem: Problem) -> None:
    """Remove a report entered by mistake (those who verify reports only)."""
    authorize(actor, VERIFY_PROBLEMS, problem)
    record_event(
        actor=actor,
        action="mapping.problem_deleted",
        obj=problem,
        changes=diff(snapshot(problem, PROBLEM_FIELDS), {}),
    )
    for photo in problem.photos.all():
        photo.image.delete(save=False)
    problem.delete()


problem_delete = transaction.atomic(durable=True)(_problem_delete)


@transaction.atomic(durable=True)
def problems_delete(*, actor: Actor, problems: Iterable[Problem]) -> None:
    """Remove several reports at once (the admin's bulk delete): all of them, or none."""
    for problem in problems:
        _problem_delete(actor=actor, problem=problem)


# --- Import from GIS files --------------------------------------------------------------------


@dataclass
class ProblemImportResult:
    created: int = 0
    updated: int = 0
    source_crs: str = ""
    problems: list[Problem] = field(default_factory=list)


@transaction.atomic(durable=True)
def problems_import(
    *,
    actor: Actor,
    village: Region,
    data: bytes,
    file_name: str,
    crs: int | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> ProblemImportResult:
    """Import problems and potentials from a GeoJSON, KML, CSV, GeoPackage or zipped Shapefile.
    Attributes named as in Tridaya's export (jenis, daya, sektor, judul, uraian, keparahan, kk,
    kk_miskin, ref) are read; `defaults` fills what a file does not carry. Strict: when any
    feature is bad, nothing is written and every bad feature is listed. Idempotent: a feature
    is matched by its `ref` (or file name and position), so importing again updates."""
    _require_village(village)
    authorize(actor, MAP_PROBLEMS, village)
    read = gis_formats.read_features(data, file_name, crs=crs)
    extent = village_extent(village)
    problems: list[gis_formats.FeatureProblem] = []
    rows = []
    for index, feature in enumerate(read.features, start=1):
        values, row_problems = feature_fields(feature, defaults or {}, file_name, index)
        problems.extend(row_problems)
        rows.append((feature, values))
    if problems:
        raise gis_formats.GisFileError(problems)
    result = ProblemImportResult(source_crs=read.source_crs)
    for feature, values in rows:
        source_ref = values.pop("source_ref")
        try:
            with transaction.atomic():
                problem, created = problem_upsert(
                    actor=actor,
                    village=village,
                    source_ref=source_ref,
                    source=ProblemSource.IMPORT,
                    extent=extent,
                    **values,
                )
        except ValidationError as exc:
            problems.append(gis_formats.FeatureProblem(feature.where, "", " ".join(exc.messages)))
            continue
        result.problems.append(problem)
        if created:
            result.created += 1
        else:
            result.updated += 1
    if problems:
        raise gis_formats.GisFileError(problems)
    return result
