"""Reads of regions, each with a fixed number of queries whatever the data size."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from tridaya.core.selectors import one_of
from tridaya.regions.models import RT, RW, Level, Region, VillageProfile

_CODE_QUERY = re.compile(r"^[0-9.]+$")


def search_regions(query: str, *, limit: int = 25, level: int | None = None) -> list[Region]:
    """Regions whose code starts with, or whose name contains, `query`; bigger units first.
    Each result gets `ancestors` (province down to parent) with one extra query in all."""
    query = query.strip()
    if not query:
        return []
    qs = Region.objects.all()
    if level:
        qs = qs.filter(level=level)
    if _CODE_QUERY.match(query):
        qs = qs.filter(code__startswith=query)
    else:
        qs = qs.filter(name__icontains=query)
    results = list(qs.order_by("level", "name", "code")[:limit])
    attach_ancestors(results)
    return results


def attach_ancestors(regions: list[Region]) -> None:
    """Set `region.ancestors` on each region, reading every ancestor in one query."""
    codes = {code for region in regions for code in region.ancestor_codes}
    found = Region.objects.in_bulk(codes) if codes else {}
    for region in regions:
        region.ancestors = [found[c] for c in region.ancestor_codes if c in found]


@dataclass
class RegionPage:
    region: Region
    children: Sequence[Region]


def region_page(code: str) -> RegionPage:
    """A region, its ancestors and its children with their own child counts (3 queries)."""
    region = one_of(Region.objects.all(), code=code)
    attach_ancestors([region])
    children = list(
        Region.objects.filter(parent=region)
        .annotate(child_count=Count("children"))
        .order_by("name")
    )
    return RegionPage(region=region, children=children)


def provinces() -> list[Region]:
    return list(
        Region.objects.filter(level=Level.PROVINCE)
        .annotate(child_count=Count("children"))
        .order_by("name")
    )


@dataclass
class VillageHome:
    village: Region
    profile: VillageProfile | None
    rws: list[RW]

    @property
    def rt_count(self) -> int:
        return sum(len(rw.rts.all()) for rw in self.rws)


def village_with_ancestors(code: str) -> Region:
    """The village (kelurahan/desa) with code `code` and its ancestors (2 queries), or
    NotFound for any other code (for selectors; pages use `regions.pages.village_or_404`)."""
    village = one_of(Region.objects.all(), code=code, level=Level.VILLAGE)
    attach_ancestors([village])
    return village


def village_home(code: str) -> VillageHome:
    """A village with its ancestors, profile, RWs and their RTs (4 queries)."""
    village = one_of(Region.objects.select_related("profile"), code=code, level=Level.VILLAGE)
    attach_ancestors([village])
    rws = list(
        RW.objects.filter(village=village).prefetch_related(
            Prefetch("rts", queryset=RT.objects.order_by("number"))
        )
    )
    profile = getattr(village, "profile", None)
    return VillageHome(village=village, profile=profile, rws=rws)


def village_map_features(home: VillageHome) -> dict:
    """RW and RT boundaries of a village as one GeoJSON FeatureCollection (no extra query)."""
    features = []
    for rw in home.rws:
        if rw.boundary:
            features.append(_feature(rw.boundary, kind="rw", label=str(rw), rw=rw.number))
        for rt in rw.rts.all():
            if rt.boundary:
                label = f"RT {rt.number:02d} / RW {rw.number:02d}"
                features.append(_feature(rt.boundary, kind="rt", label=label, rw=rw.number))
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry: dict, **properties: Any) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def village_rts(village: Region) -> QuerySet[RT]:
    return RT.objects.filter(village=village).select_related("rw")
