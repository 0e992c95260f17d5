"""Reads of kawasan prioritas, each in a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings

from tridaya.core.selectors import one_of
from tridaya.mapping.criteria import criteria_of
from tridaya.mapping.models import Household, Problem, ProblemKind, ProblemStatus, RTProfile
from tridaya.mapping.scoring import CLASS_LABELS, Figures, SlumClass
from tridaya.planning.indicators import HouseholdIn, Inputs, ProblemIn, ProfileIn, RTIn
from tridaya.planning.models import PriorityArea
from tridaya.regions.models import RT, Region, VillageProfile


def rt_label(rt: RT) -> str:
    return f"RT {rt.number:02d} / RW {rt.rw.number:02d}"


def newest_profiles(village: Region) -> dict[int, ProfileIn]:
    """The newest profile of each RT of the village, with its volumes (2 queries, plus one the
    first time a criteria set is parsed in this process)."""
    profiles = (
        RTProfile.objects.filter(village=village)
        .select_related("criteria_set")
        .prefetch_related("volumes")
        .order_by("rt_id", "-year")
    )
    found: dict[int, ProfileIn] = {}
    for profile in profiles:
        if profile.rt_id in found:
            continue
        found[profile.rt_id] = ProfileIn(
            year=profile.year,
            figures=Figures.of(profile),
            volumes={v.code: v.volume for v in profile.volumes.all()},
            cset=criteria_of(profile.criteria_set),
            population=profile.population,
            households=profile.households,
        )
    return found


def _point(location: Any) -> tuple[float | None, float | None]:
    if isinstance(location, dict) and location.get("type") == "Point":
        coordinates = location.get("coordinates") or []
        if len(coordinates) >= 2:
            return float(coordinates[0]), float(coordinates[1])
    return None, None


def indicator_inputs(village: Region) -> Inputs:
    """Everything the indicators of any area of the village read: RTs with their boundaries and
    newest profiles, households (RT, size, poverty, point), problems and potentials
    (5 queries)."""
    profiles = newest_profiles(village)
    rts = [
        RTIn(rt.pk, rt_label(rt), rt.boundary, profiles.get(rt.pk))
        for rt in RT.objects.filter(village=village).select_related("rw")
    ]
    households = []
    for rt_id, members, is_poor, location in Household.objects.filter(village=village).values_list(
        "rt_id", "members", "is_poor", "location"
    ):
        lon, lat = _point(location)
        households.append(HouseholdIn(rt_id, members, is_poor, lon, lat))
    problems = [
        ProblemIn(
            p.pk,
            p.title,
            p.kind,
            p.domain,
            p.geometry,
            p.households_affected,
            p.poor_households_affected,
            p.rt_id,
        )  # fmt: skip
        for p in Problem.objects.filter(village=village)
        .exclude(status=ProblemStatus.REJECTED)
        .only(
            "id",
            "title",
            "kind",
            "domain",
            "geometry",
            "households_affected",
            "poor_households_affected",
            "rt_id",
        )  # fmt: skip
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
    if not value:
        return ""
    return str(CLASS_LABELS.get(SlumClass(value), value))


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
        for problem in (
            Problem.objects.filter(village=village)
            .exclude(status=ProblemStatus.REJECTED)
            .only("id", "title", "kind", "geometry")
        ):
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
