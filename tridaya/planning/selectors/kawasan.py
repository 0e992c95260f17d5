"""Reads of kawasan prioritas, each in a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings

from tridaya.core.selectors import one_of
from tridaya.mapping.selectors.households import household_points
from tridaya.mapping.selectors.problems import ProblemKind, problem_shapes
from tridaya.mapping.selectors.slum import rt_scores, slum_class_label
from tridaya.planning.indicators import HouseholdIn, Inputs, ProblemIn, RTIn
from tridaya.planning.models import PriorityArea
from tridaya.regions.models import RT, Region, VillageProfile


def rt_label(rt: RT) -> str:
    return f"RT {rt.number:02d} / RW {rt.rw.number:02d}"


def indicator_inputs(village: Region) -> Inputs:
    """Everything the indicators of any area of the village read, from mapping's selectors: RTs
    with their boundaries and slum scores (the one read, `rt_scores`), households (RT, size,
    poverty, point) and problems and potentials (a fixed number of queries)."""
    rts = [RTIn(row.rt_id, row.label, row.boundary, row) for row in rt_scores(village).rows]
    households = [
        HouseholdIn(p.rt_id, p.members, p.is_poor, p.lon, p.lat) for p in household_points(village)
    ]
    problems = [
        ProblemIn(
            p.id, p.title, p.kind, p.domain, p.geometry, p.households, p.poor_households, p.rt_id
        )
        for p in problem_shapes(village)
    ]
    return Inputs(rts=rts, households=households, problems=problems)


def village_areas(village: Region) -> list[PriorityArea]:
    return list(
        PriorityArea.objects.filter(village=village)
        .select_related("meeting", "round", "chosen_by")
        .order_by("-status", "name")
    )


def area_for_village(code: str, pk: int) -> PriorityArea:
    return one_of(
        PriorityArea.objects.select_related("village", "meeting", "round", "chosen_by"),
        pk=pk,
        village_id=code,
    )


def class_label(value: str | None) -> str:
    return slum_class_label(value)


@dataclass
class AreaRow:
    """One area as the comparison shows it: the stored indicators, read for display."""

    area: PriorityArea
    ind: dict[str, Any] = field(default_factory=dict)

    @property
    def slum(self) -> dict[str, Any] | None:
        return self.ind.get("slum")

    @property
    def slum_class_label(self) -> str:
        slum = self.slum
        return class_label(slum["class"]) if slum else ""

    @property
    def problems(self) -> dict[str, Any]:
        return self.ind.get("problems") or {"count": 0, "poor_households": 0, "items": []}

    @property
    def area_ha(self) -> Decimal:
        return self.area.area_ha


def comparison(areas: list[PriorityArea]) -> list[AreaRow]:
    return [AreaRow(area, area.indicators or {}) for area in areas]


def map_data(
    village: Region, areas: list[PriorityArea], *, problems: bool = False
) -> dict[str, Any]:
    """The features of a kawasan map: the village's RTs, the areas (chosen or candidate) and,
    when asked, the mapped problems and potentials (2 or 3 queries)."""
    features: list[dict[str, Any]] = []
    for rt in RT.objects.filter(village=village).exclude(boundary=None).select_related("rw"):
        features.append(
            {
                "type": "Feature",
                "geometry": rt.boundary,
                "properties": {"kind": "rt", "label": rt_label(rt)},
            }
        )
    for area in areas:
        features.append(
            {
                "type": "Feature",
                "geometry": area.geometry,
                "properties": {
                    "kind": "chosen" if area.is_chosen else "area",
                    "label": area.name,
                    "id": area.pk,
                },
            }
        )
    if problems:
        for problem in problem_shapes(village):
            features.append(
                {
                    "type": "Feature",
                    "geometry": problem.geometry,
                    "properties": {
                        "kind": "problem" if problem.kind == ProblemKind.PROBLEM else "potential",
                        "label": problem.title,
                    },
                }
            )
    profile = VillageProfile.objects.filter(village=village).first()
    center = None
    if profile is not None and profile.latitude is not None and profile.longitude is not None:
        center = [float(profile.latitude), float(profile.longitude)]
    return {
        "features": features,
        "center": center,
        "tiles": {
            "url": settings.TRIDAYA_TILE_URL,
            "attribution": settings.TRIDAYA_TILE_ATTRIBUTION,
        },
    }
