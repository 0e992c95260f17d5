"""Reads of problems and potentials, and of the village map (RT/RW boundaries, layers and
problems together), each with a fixed number of queries whatever the data size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from shapely.geometry.base import BaseGeometry

from tridaya.core.geo.files import OutFeature
from tridaya.core.selectors import one_of
from tridaya.mapping.models import (
    GeometryKind,
    Layer,
    LayerFeature,
    Problem,
    ProblemKind,
    ProblemPhoto,
    ProblemStatus,
    Sector,
)
from tridaya.mapping.spatial import (
    VillageExtent,
    centre_radius_m,
    distance_outside_m,
    village_extent,
)
from tridaya.regions.models import RT, RW, Region
from tridaya.regions.selectors import (
    VillageHome,
    village_home,
    village_map_features,
)

__all__ = [
    "GeometryKind",
    "Problem",
    "ProblemFilters",
    "ProblemKind",
    "ProblemShape",
    "ProblemStatus",
    "Sector",
    "VillageExtent",
    "VillageMap",
    "boundaries_of",
    "export_properties",
    "is_outside_village",
    "map_layers_json",
    "open_problems",
    "photo_for_village",
    "problem_export_features",
    "problem_for_village",
    "problem_shapes",
    "problems_by_ids",
    "problems_of",
    "rt_label",
    "village_extent",
    "village_map",
]


@dataclass(frozen=True)
class ProblemFilters:
    kind: str = ""
    domain: str = ""
    sector: str = ""
    rt: int | None = None
    severity_min: int | None = None
    status: str = ""

    @property
    def active(self) -> bool:
        return any((self.kind, self.domain, self.sector, self.rt, self.severity_min, self.status))


def problems_of(village: Region, filters: ProblemFilters | None = None) -> QuerySet[Problem]:
    """The village's problems and potentials (filtered), with RT, RW and meeting joined and the
    number of photos counted: one query."""
    qs = (
        Problem.objects.filter(village=village)
        .select_related("rt__rw", "meeting")
        .annotate(photo_count=Count("photos"))
    )
    f = filters or ProblemFilters()
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.domain:
        qs = qs.filter(domain=f.domain)
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.rt:
        qs = qs.filter(rt_id=f.rt)
    if f.severity_min:
        qs = qs.filter(severity__gte=f.severity_min)
    if f.status:
        qs = qs.filter(status=f.status)
    return qs.order_by("-severity", "-reported_on", "-id")


def boundaries_of(village: Region) -> dict:
    """The RW and RT boundaries of the village as a FeatureCollection (2 queries)."""
    rws = list(
        RW.objects.filter(village=village).prefetch_related(
            Prefetch("rts", queryset=RT.objects.order_by("number"))
        )
    )
    return village_map_features(VillageHome(village=village, profile=None, rws=rws))


def problem_for_village(village: Region, pk: int) -> Problem:
    """One problem of the village with everything its page shows (2 queries);
    NotFound for one elsewhere."""
    problems = Problem.objects.select_related("rt__rw", "meeting", "reported_by").prefetch_related(
        Prefetch("photos", queryset=ProblemPhoto.objects.order_by("id"))
    )
    return one_of(problems, village=village, pk=pk)


def photo_for_village(village: Region, problem_pk: int, photo_pk: int) -> ProblemPhoto:
    """NotFound for a photo of another problem or village."""
    photos = ProblemPhoto.objects.select_related("problem")
    return one_of(photos, pk=photo_pk, problem_id=problem_pk, problem__village=village)


def rt_label(rt: RT | None) -> str:
    if rt is None:
        return ""
    return f"RT {rt.number:02d} / RW {rt.rw.number:02d}"


def export_properties(problem: Problem) -> dict[str, Any]:
    """The attributes an exported problem carries (short names: Shapefile allows 10 letters);
    `problems_import` reads the same names back."""
    return {
        "id": problem.pk,
        "ref": problem.source_ref or f"tridaya:{problem.pk}",
        "jenis": problem.kind,
        "daya": problem.domain,
        "sektor": problem.sector,
        "judul": problem.title,
        "uraian": problem.description,
        "keparahan": problem.severity,
        "kk": problem.households_affected,
        "kk_miskin": problem.poor_households_affected,
        "status": problem.status,
        "rw": problem.rt.rw.number if problem.rt else None,
        "rt": problem.rt.number if problem.rt else None,
        "panjang_m": problem.length_m,
        "luas_m2": problem.area_m2,
        "tanggal": problem.reported_on.isoformat(),
        "sumber": problem.source,
    }


def problem_export_features(problems: Iterable[Problem]) -> list[OutFeature]:
    return [
        OutFeature(geometry=p.geometry, properties=export_properties(p), label=p.title)
        for p in problems
    ]


# --- The village map ----------------------------------------------------------------------------


@dataclass
class VillageMap:
    home: VillageHome
    layers: list[Layer]
    problems: list[Problem]
    layer_features: dict[int, list[LayerFeature]] = field(default_factory=dict)

    @property
    def village(self) -> Region:
        return self.home.village

    @property
    def feature_count(self) -> int:
        return len(self.problems) + sum(len(v) for v in self.layer_features.values())


def village_map(code: str) -> VillageMap:
    """The village (ancestors, profile, RWs, RTs), its layers with their features, and its
    problems and potentials: 7 queries however many features there are."""
    home = village_home(code)
    layers = list(Layer.objects.filter(village=home.village).order_by("kind", "name"))
    features: dict[int, list[LayerFeature]] = {layer.pk: [] for layer in layers}
    rows = LayerFeature.objects.filter(layer__village=home.village).only(
        "layer_id", "geometry", "properties", "geometry_kind"
    )
    for feature in rows.order_by("layer_id", "position"):
        features.setdefault(feature.layer_id, []).append(feature)
    problems = list(problems_of(home.village))
    return VillageMap(home=home, layers=layers, problems=problems, layer_features=features)


def map_layers_json(data: VillageMap) -> list[dict]:
    """Each layer as a FeatureCollection with its style key, for the map's layer switcher."""
    out = []
    for layer in data.layers:
        out.append(
            {
                "id": layer.pk,
                "name": layer.name,
                "kind": layer.kind,
                "features": {
                    "type": "FeatureCollection",
                    "features": [
                        {"type": "Feature", "geometry": f.geometry, "properties": f.properties}
                        for f in data.layer_features.get(layer.pk, [])
                    ],
                },
            }
        )
    return out


# --- Reads for later apps (planning) ----------------------------------------------------------
# The vocabulary of problems (ProblemKind, ProblemStatus, Sector, GeometryKind) and
# `village_extent` are imported from here by other apps (see __all__), never from mapping's
# models or spatial module.


def open_problems(village: Region | str, *, kind: str | None = ProblemKind.PROBLEM) -> QuerySet:
    """The village's problems (or potentials, or both with kind=None) that plans may answer:
    every one except those rejected, oldest first. A queryset, for form choices and lists."""
    code = village if isinstance(village, str) else village.code
    problems = Problem.objects.filter(village_id=code).exclude(status=ProblemStatus.REJECTED)
    if kind is not None:
        problems = problems.filter(kind=kind)
    return problems.select_related("rt__rw").order_by("pk")


def problems_by_ids(village: Region | str, ids: Iterable[int]) -> list[Problem]:
    """The problems and potentials of the village with these ids (others are left out: compare
    the lengths to refuse ids of another village), 1 query."""
    code = village if isinstance(village, str) else village.code
    return list(Problem.objects.filter(village_id=code, pk__in=list(ids)).order_by("pk"))


@dataclass(frozen=True)
class ProblemShape:
    id: int
    title: str
    kind: str
    domain: str
    sector: str
    status: str
    geometry: dict
    households: int
    poor_households: int
    rt_id: int | None


def problem_shapes(village: Region | str) -> list[ProblemShape]:
    """Every problem and potential of the village that is not rejected, as plain data with its
    geometry (for indicators of an area and maps), 1 query."""
    code = village if isinstance(village, str) else village.code
    fields = (
        "id",
        "title",
        "kind",
        "domain",
        "sector",
        "status",
        "geometry",
        "households_affected",
        "poor_households_affected",
        "rt_id",
    )
    rows = (
        Problem.objects.filter(village_id=code)
        .exclude(status=ProblemStatus.REJECTED)
        .order_by("pk")
        .values_list(*fields)
    )
    return [ProblemShape(*row) for row in rows]


def is_outside_village(extent: VillageExtent, geom: BaseGeometry) -> bool:
    """Whether a shape lies outside the village: off its drawn RT boundaries, or (none drawn)
    farther than the allowed radius from its centre."""
    if extent.area is not None:
        return not geom.intersects(extent.area)
    distance = distance_outside_m(extent, geom)
    return distance is not None and distance > centre_radius_m()
