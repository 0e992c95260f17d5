"""Every write of kawasan prioritas: drawing or importing an area (deriving one from a round is
in `kawasan_derive`), recomputing its indicators, recording the Permen PUPR 02/2016 criteria with
their rationale, choosing it (and undoing that with a reason), deleting a candidate.

A chosen area is frozen: its boundary, indicators and criteria stay as they were when it was
chosen; to change them, undo the choice first (both steps are audited)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.geo import AREAL, parse_geometry, validate_geojson
from tridaya.core.geo.files import GisFileError, read_features
from tridaya.core.policy import authorize
from tridaya.core.reasons import require_reason
from tridaya.cycle.models import Meeting
from tridaya.mapping.selectors.problems import VillageExtent, is_outside_village, village_extent
from tridaya.planning import indicators
from tridaya.planning.errors import PlanningError
from tridaya.planning.models import (
    AreaSource,
    AreaStatus,
    PriorityArea,
    PriorityRound,
)
from tridaya.planning.policy import MANAGE_KAWASAN
from tridaya.planning.selectors.kawasan import indicator_inputs
from tridaya.regions.models import Region

NAME_PROPERTIES = ("nama", "name", "NAMA", "Nama", "NAME")


def _many(messages: list[str], code: str) -> DomainError:
    """One error carrying several messages (every bad feature), each with the code."""
    error = DomainError([DomainError(m, code=code) for m in messages], code=code)
    error.code = code
    return error


def _locked(area: PriorityArea) -> PriorityArea:
    return PriorityArea.objects.select_for_update().select_related("village").get(pk=area.pk)


def _refuse_chosen(area: PriorityArea) -> None:
    if area.status == AreaStatus.CHOSEN:
        raise DomainError(
            _(
                "Kawasan '%(name)s' sudah ditetapkan: batas, indikator dan kriterianya dibekukan. "
                "Batalkan penetapannya dahulu bila perlu diubah."
            )
            % {"name": area.name},
            code=PlanningError.KAWASAN_CHOSEN,
        )


def _refuse_planned(area: PriorityArea, doing: str) -> None:
    """A kawasan an RTPLP details keeps its choice and stays: the plan would lose its area."""
    titles = list(area.plans.order_by("pk").values_list("title", flat=True)[:3])
    if titles:
        raise DomainError(
            _(
                "Kawasan '%(name)s' tidak dapat %(doing)s: rencana %(plans)s merinci kawasan ini. "
                "Pindahkan atau hapus rencananya dahulu."
            )
            % {"name": area.name, "doing": doing, "plans": ", ".join(titles)},
            code=PlanningError.KAWASAN_HAS_PLAN,
        )


def _clean_geometry(village: Region, geometry: Any, extent: VillageExtent | None = None) -> dict:
    """A valid Polygon / MultiPolygon that overlaps the village (its drawn boundaries), or lies
    near its centre when no boundary is drawn yet."""
    try:
        clean = validate_geojson(geometry, AREAL)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code=PlanningError.KAWASAN_BAD_GEOMETRY) from exc
    extent = extent or village_extent(village)
    if is_outside_village(extent, parse_geometry(clean)):
        raise DomainError(
            _(
                "Kawasan berada di luar %(village)s: periksa koordinatnya (bujur, lintang, zona "
                "UTM) atau gambar ulang di peta."
            )
            % {"village": village},
            code=PlanningError.KAWASAN_OUTSIDE_VILLAGE,
        )
    return clean


def _check_name(village: Region, name: str, exclude_pk: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise DomainError(_("Isi nama kawasan."), code=PlanningError.KAWASAN_NAME_TAKEN)
    taken = PriorityArea.objects.filter(village=village, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise DomainError(
            _("Sudah ada kawasan bernama '%(name)s' di desa ini; pakai nama lain.")
            % {"name": name},
            code=PlanningError.KAWASAN_NAME_TAKEN,
        )
    return name


def _compute(area: PriorityArea) -> None:
    data = indicators.compute(area.geometry, indicator_inputs(area.village))
    area.indicators = data
    area.area_ha = data["area_ha"]
    area.indicators_at = timezone.now()


def _summary(area: PriorityArea) -> dict[str, Any]:
    ind = area.indicators or {}
    slum = ind.get("slum") or {}
    return {
        "area_ha": str(area.area_ha),
        "households": ind.get("households"),
        "poor_households": ind.get("poor_households"),
        "population": ind.get("population"),
        "slum_total": slum.get("total"),
    }


AREA_FIELDS = [
    "name",
    "description",
    "geometry",
    "status",
    "slum_rationale",
    "land_status",
    "spatial_conformity",
    "land_rationale",
    "strategic_value",
    "socio_economic",
    "other_rationale",
    "decision_rationale",
    "meeting",
]


def _area_create(
    *,
    actor: User | None,
    village: Region,
    name: str,
    geometry: Any,
    description: str = "",
    source: str = AreaSource.DRAWN,
    round_: PriorityRound | None = None,
) -> PriorityArea:
    """A candidate area with its indicators computed from what lies inside it."""
    authorize(actor, MANAGE_KAWASAN, village)
    if not village.is_village:
        raise DomainError(
            _("%(region)s bukan kelurahan/desa.") % {"region": village},
            code=PlanningError.KAWASAN_NOT_A_VILLAGE,
        )
    if round_ is not None and round_.village_id != village.code:
        raise DomainError(
            _("Putaran prioritas itu milik kelurahan/desa lain."),
            code=PlanningError.KAWASAN_OTHER_VILLAGE,
        )
    area = PriorityArea(
        village=village,
        name=_check_name(village, name),
        description=description.strip(),
        geometry=_clean_geometry(village, geometry),
        source=source,
        round=round_,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    _compute(area)
    area.full_clean()
    area.save()
    record_event(
        actor=actor,
        action="planning.kawasan_created",
        obj=area,
        changes={**diff({}, snapshot(area, ["name", "source", "geometry"])), **_changes_of(area)},
    )
    return area


area_create = transaction.atomic(durable=True)(_area_create)


def _changes_of(area: PriorityArea, before: dict | None = None) -> dict[str, list]:
    return diff({f"indicator_{k}": v for k, v in (before or {}).items()},
                {f"indicator_{k}": v for k, v in _summary(area).items()})  # fmt: skip


@transaction.atomic(durable=True)
def area_update(
    *,
    actor: User | None,
    area: PriorityArea,
    name: str,
    description: str = "",
    geometry: Any = None,
) -> PriorityArea:
    """Rename, describe or redraw a candidate; a new boundary recomputes its indicators."""
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    _refuse_chosen(area)
    before, summary = snapshot(area, AREA_FIELDS), _summary(area)
    area.name = _check_name(area.village, name, exclude_pk=area.pk)
    area.description = description.strip()
    if geometry is not None:
        clean = _clean_geometry(area.village, geometry)
        if clean != area.geometry:
            area.geometry = clean
            area.source = AreaSource.DRAWN
            _compute(area)
    area.full_clean()
    area.save()
    changes = {**diff(before, snapshot(area, AREA_FIELDS)), **_changes_of(area, summary)}
    if changes:
        record_event(actor=actor, action="planning.kawasan_updated", obj=area, changes=changes)
    return area


@transaction.atomic(durable=True)
def area_recompute(*, actor: User | None, area: PriorityArea) -> PriorityArea:
    """Recompute the indicators of a candidate from the mapping data as it is now."""
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    _refuse_chosen(area)
    summary = _summary(area)
    _compute(area)
    area.save(update_fields=["indicators", "area_ha", "indicators_at", "updated_at"])
    changes = _changes_of(area, summary)
    record_event(actor=actor, action="planning.kawasan_recomputed", obj=area, changes=changes or {})
    return area


@transaction.atomic(durable=True)
def area_criteria_set(
    *,
    actor: User | None,
    area: PriorityArea,
    slum_rationale: str = "",
    land_status: str = "",
    spatial_conformity: str = "",
    land_rationale: str = "",
    strategic_value: str = "",
    socio_economic: str = "",
    other_rationale: str = "",
) -> PriorityArea:
    """Record the Permen PUPR 02/2016 location criteria of a candidate, each with its reason."""
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    _refuse_chosen(area)
    before = snapshot(area, AREA_FIELDS)
    area.slum_rationale = slum_rationale.strip()
    area.land_status, area.spatial_conformity = land_status, spatial_conformity
    area.land_rationale = land_rationale.strip()
    area.strategic_value, area.socio_economic = strategic_value, socio_economic
    area.other_rationale = other_rationale.strip()
    area.full_clean()
    area.save()
    changes = diff(before, snapshot(area, AREA_FIELDS))
    if changes:
        record_event(actor=actor, action="planning.kawasan_criteria_set", obj=area, changes=changes)
    return area


@transaction.atomic(durable=True)
def area_choose(
    *,
    actor: User | None,
    area: PriorityArea,
    decision_rationale: str,
    meeting: Meeting | None = None,
) -> PriorityArea:
    """Choose a candidate as kawasan prioritas: its three criteria must be recorded; its
    indicators are recomputed one last time and frozen with it."""
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    _refuse_chosen(area)
    missing = area.missing_criteria
    if missing:
        raise DomainError(
            _(
                "Kawasan '%(name)s' belum dapat ditetapkan: lengkapi kriteria %(missing)s "
                "beserta alasannya (Permen PUPR 02/2016)."
            )
            % {"name": area.name, "missing": ", ".join(missing)},
            code=PlanningError.KAWASAN_CRITERIA_MISSING,
        )
    require_reason(
        decision_rationale,
        field="decision_rationale",
        code=PlanningError.KAWASAN_REASON_TOO_SHORT,
        message=_("Tulis alasan penetapan (paling sedikit %(n)s huruf)."),
    )
    if meeting is not None and meeting.village_id != area.village_id:
        raise DomainError(
            _("Pertemuan itu milik kelurahan/desa lain."), code=PlanningError.KAWASAN_OTHER_VILLAGE
        )
    before, summary = snapshot(area, AREA_FIELDS), _summary(area)
    _compute(area)
    area.status = AreaStatus.CHOSEN
    area.decision_rationale = decision_rationale.strip()
    area.meeting = meeting
    area.chosen_at = timezone.now()
    area.chosen_by = actor if actor is not None and actor.is_authenticated else None
    area.full_clean()
    area.save()
    changes = {**diff(before, snapshot(area, AREA_FIELDS)), **_changes_of(area, summary)}
    record_event(actor=actor, action="planning.kawasan_chosen", obj=area, changes=changes)
    return area


@transaction.atomic(durable=True)
def area_unchoose(*, actor: User | None, area: PriorityArea, reason: str) -> PriorityArea:
    """Undo a choice, with a written reason (audited), so the area can be changed again."""
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    if area.status != AreaStatus.CHOSEN:
        raise DomainError(
            _("Kawasan '%(name)s' belum ditetapkan.") % {"name": area.name},
            code=PlanningError.KAWASAN_NOT_CHOSEN,
        )
    _refuse_planned(area, _("dibatalkan penetapannya"))
    require_reason(
        reason,
        code=PlanningError.KAWASAN_REASON_TOO_SHORT,
        message=_("Tulis alasan pembatalan (paling sedikit %(n)s huruf)."),
    )
    before = snapshot(area, AREA_FIELDS)
    area.status = AreaStatus.CANDIDATE
    area.chosen_at, area.chosen_by = None, None
    area.save()
    changes = diff(before, snapshot(area, AREA_FIELDS))
    changes["reason"] = [None, reason.strip()]
    record_event(actor=actor, action="planning.kawasan_unchosen", obj=area, changes=changes)
    return area


@transaction.atomic(durable=True)
def area_delete(*, actor: User | None, area: PriorityArea) -> None:
    authorize(actor, MANAGE_KAWASAN, area)
    area = _locked(area)
    _refuse_chosen(area)
    _refuse_planned(area, _("dihapus"))
    record_event(
        actor=actor,
        action="planning.kawasan_deleted",
        obj=area,
        changes=diff(snapshot(area, ["name", "source"]), {}),
    )
    area.delete()


# --- Import ---------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _planned_features(
    village: Region, features: Sequence[Any], prefix: str
) -> tuple[list[tuple[str, dict]], list[str]]:
    """(name, clean geometry) of each feature of an import, and what is wrong with the others."""
    extent = village_extent(village)
    errors: list[str] = []
    planned: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        props = feature.properties or {}
        name = next((str(props[k]).strip() for k in NAME_PROPERTIES if props.get(k)), "")
        name = (name or f"{prefix} {number}")[:120]
        try:
            geometry = _clean_geometry(village, feature.geometry, extent)
        except DomainError as exc:
            errors.append(
                _("%(where)s (%(name)s): %(error)s")
                % {"where": feature.where, "name": name, "error": " ".join(exc.messages)}
            )
            continue
        if name.lower() in seen:
            errors.append(
                _("%(where)s: nama '%(name)s' dipakai dua kali dalam berkas.")
                % {"where": feature.where, "name": name}
            )
            continue
        seen.add(name.lower())
        planned.append((name, geometry))
    return planned, errors


@transaction.atomic(durable=True)
def areas_import(
    *,
    actor: User | None,
    village: Region,
    data: bytes,
    file_name: str,
    crs: int | None = None,
    name_prefix: str = "",
) -> ImportReport:
    """Import the polygons of a GIS file (GeoJSON, KML, CSV, GeoPackage, zipped Shapefile; read
    and reprojected by tridaya.core.geo.files) as candidate areas, one per feature, named by
    its `nama` / `name` property (or "<prefix> <n>"). Every bad feature is reported and nothing
    is written; a second run with the same file changes nothing (areas are matched by name)."""
    authorize(actor, MANAGE_KAWASAN, village)
    try:
        features = read_features(data, file_name, crs=crs, allowed=AREAL).features
    except GisFileError as exc:
        raise _many(exc.messages, PlanningError.KAWASAN_BAD_IMPORT) from exc
    prefix = name_prefix.strip() or _("Kawasan impor")
    planned, errors = _planned_features(village, features, prefix)
    existing = {a.name.lower(): a for a in PriorityArea.objects.filter(village=village)}
    for name, geometry in planned:
        area = existing.get(name.lower())
        if area is not None and area.is_chosen and area.geometry != geometry:
            errors.append(
                _("Kawasan '%(name)s' sudah ditetapkan; batasnya tidak dapat diganti lewat impor.")
                % {"name": name}
            )
    if errors:
        raise _many(errors, PlanningError.KAWASAN_BAD_IMPORT)
    report = ImportReport()
    for name, geometry in planned:
        area = existing.get(name.lower())
        if area is None:
            _area_create(
                actor=actor,
                village=village,
                name=name,
                geometry=geometry,
                source=AreaSource.IMPORTED,
            )
            report.created.append(name)
        elif area.geometry == geometry:
            report.unchanged.append(name)
        else:
            summary = _summary(area)
            area.geometry = geometry
            area.source = AreaSource.IMPORTED
            _compute(area)
            area.save()
            report.updated.append(name)
            record_event(
                actor=actor,
                action="planning.kawasan_updated",
                obj=area,
                changes={"geometry": [None, "impor"], **_changes_of(area, summary)},
            )
    return report
