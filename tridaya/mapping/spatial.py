"""Where a mapped geometry lies relative to its village: far outside is refused (a swapped
latitude/longitude or a wrong UTM zone puts a drain in the sea), and inside, the RT it falls in
is found from the RT boundaries."""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from django.conf import settings
from django.utils.translation import gettext as _
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from tridaya.core.errors import DomainError
from tridaya.core.formats import format_number
from tridaya.core.geo import parse_geometry, to_utm, utm_epsg
from tridaya.mapping.errors import MappingError
from tridaya.regions.models import RT, Region, VillageProfile

# How far beyond the drawn village boundary a geometry may reach (GPS error, a road leaving
# the village), and how far from the village centre when no boundary is drawn yet.
DEFAULT_MAX_OUTSIDE_M = 1_000
DEFAULT_CENTRE_RADIUS_M = 5_000


def max_outside_m() -> float:
    return float(getattr(settings, "TRIDAYA_MAP_MAX_OUTSIDE_M", DEFAULT_MAX_OUTSIDE_M))


def centre_radius_m() -> float:
    return float(getattr(settings, "TRIDAYA_MAP_CENTRE_RADIUS_M", DEFAULT_CENTRE_RADIUS_M))


@dataclass
class VillageExtent:
    village: Region
    area: BaseGeometry | None  # union of the village, RW and RT boundaries (WGS84)
    centre: Point | None
    rts: list[tuple[RT, BaseGeometry]] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.area is not None or self.centre is not None


def _shape(data) -> BaseGeometry | None:
    if not data:
        return None
    try:
        return parse_geometry(data)
    except Exception:  # a stored boundary that no longer parses is simply not used
        return None


def village_extent(village: Region) -> VillageExtent:
    """The village's boundaries and RTs (2 queries)."""
    profile = VillageProfile.objects.filter(village=village).first()
    rts = list(RT.objects.filter(village=village).select_related("rw"))
    shapes = []
    rt_shapes = []
    if profile is not None:
        shapes.append(_shape(profile.boundary))
    seen_rw = set()
    for rt in rts:
        rt_shape = _shape(rt.boundary)
        if rt_shape is not None:
            rt_shapes.append((rt, rt_shape))
            shapes.append(rt_shape)
        if rt.rw_id not in seen_rw:
            seen_rw.add(rt.rw_id)
            shapes.append(_shape(rt.rw.boundary))
    present = [s for s in shapes if s is not None]
    area = shapely.union_all(present) if present else None
    centre = None
    if profile is not None and profile.latitude is not None and profile.longitude is not None:
        centre = Point(float(profile.longitude), float(profile.latitude))
    elif area is not None:
        centre = area.centroid
    return VillageExtent(village=village, area=area, centre=centre, rts=rt_shapes)


def distance_outside_m(extent: VillageExtent, geom: BaseGeometry) -> float | None:
    """Metres between the geometry and the village (0 inside); None when nothing is known."""
    reference = extent.area if extent.area is not None else extent.centre
    if reference is None:
        return None
    centre = reference.centroid
    epsg = utm_epsg(centre.x, centre.y)
    return float(to_utm(reference, epsg).distance(to_utm(geom, epsg)))


def _km(metres: float) -> str:
    return format_number(metres / 1000, 1)


def check_near_village(extent: VillageExtent, geom: BaseGeometry, *, field: str) -> None:
    """Refuse a geometry far outside the village, saying how far and what to check."""
    distance = distance_outside_m(extent, geom)
    if distance is None:
        return
    limit = max_outside_m() if extent.area is not None else centre_radius_m()
    if distance <= limit:
        return
    params = {"km": _km(distance), "village": extent.village.name, "max": f"{limit:.0f}"}
    if extent.area is not None:
        message = _(
            "Lokasi ini sekitar %(km)s km di luar batas %(village)s (paling jauh %(max)s m). "
            "Gambar di dalam kelurahan/desa, atau periksa koordinatnya: lintang dan bujur "
            "tertukar, atau zona UTM keliru?"
        )
    else:
        message = _(
            "Lokasi ini sekitar %(km)s km dari pusat %(village)s (paling jauh %(max)s m). "
            "Gambar di dalam kelurahan/desa, atau periksa koordinatnya: lintang dan bujur "
            "tertukar, atau zona UTM keliru?"
        )
    error = DomainError(message % params, code=MappingError.FAR_OUTSIDE)
    raise DomainError({field: error}, code=MappingError.FAR_OUTSIDE)


def locate_rt(extent: VillageExtent, geom: BaseGeometry) -> RT | None:
    """The RT whose boundary holds the geometry's representative point."""
    point = geom.representative_point()
    for rt, rt_shape in extent.rts:
        if rt_shape.covers(point):
            return rt
    return None
