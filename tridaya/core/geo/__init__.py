"""GeoJSON geometry stored in JSON fields: validated with shapely, measured in metres with pyproj
in the UTM zone of the geometry (areas and lengths in degrees mean nothing on the ground)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from tridaya.core.geo import messages

AREAL = ("Polygon", "MultiPolygon")
LINEAR = ("LineString", "MultiLineString")
PUNCTUAL = ("Point", "MultiPoint")
ANY = AREAL + LINEAR + PUNCTUAL


def parse_geometry(data: Any, allowed: tuple[str, ...] = ANY) -> BaseGeometry:
    """A GeoJSON geometry (or Feature, or JSON text of either) as a valid shapely geometry in
    WGS84. Raises ValidationError that says what to fix."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                _("Geometri bukan JSON yang sah: %(error)s."),
                params={"error": messages.json_problem(exc)},
            ) from exc
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or "type" not in data:
        raise ValidationError(_("Geometri harus berupa objek GeoJSON dengan 'type'."))
    if data["type"] not in allowed:
        raise ValidationError(
            _("Jenis geometri %(got)s tidak diterima di sini; gunakan %(allowed)s."),
            params={"got": data["type"], "allowed": ", ".join(allowed)},
        )
    try:
        geom = shape(data)
    except Exception as exc:  # shapely raises several types for malformed coordinates
        raise ValidationError(
            _("Koordinat geometri tidak terbaca: %(error)s."),
            params={"error": messages.coordinate_problem(exc)},
        ) from exc
    if geom.is_empty:
        raise ValidationError(_("Geometri kosong: gambar paling sedikit satu titik."))
    _check_wgs84(geom)
    if not geom.is_valid:
        raise ValidationError(
            _("Geometri tidak sah (%(reason)s). Periksa garis yang saling memotong."),
            params={"reason": messages.validity_problem(explain_validity(geom))},
        )
    return geom


def _check_wgs84(geom: BaseGeometry) -> None:
    min_x, min_y, max_x, max_y = geom.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise ValidationError(
            _(
                "Koordinat di luar WGS84 (bujur -180..180, lintang -90..90). "
                "Mungkin koordinat UTM atau urutan lintang/bujur tertukar."
            )
        )


def validate_geojson(data: Any, allowed: tuple[str, ...] = ANY) -> dict:
    """Validate and return the geometry as a plain GeoJSON dict, ready for a JSON field (lists,
    not tuples, so it equals what the JSON field gives back)."""
    return json.loads(json.dumps(shapely.geometry.mapping(parse_geometry(data, allowed))))


def utm_epsg(lon: float, lat: float) -> int:
    """EPSG code of the WGS84 / UTM zone holding the point (Indonesia spans zones 46-54)."""
    zone = min(int((lon + 180) // 6) + 1, 60)
    return (32600 if lat >= 0 else 32700) + zone


@lru_cache(maxsize=64)
def transformer(source: int | str, target: int | str) -> Transformer:
    """The one cached pyproj transformer between two CRSs (EPSG codes or WKT), x = longitude.
    Building one costs milliseconds; every app gets them from here."""
    return Transformer.from_crs(source, target, always_xy=True)


def utm_transformer(epsg: int) -> Transformer:
    """WGS84 -> the UTM zone `epsg` (see `utm_epsg`)."""
    return transformer(4326, epsg)


def to_utm(geom: BaseGeometry, epsg: int) -> BaseGeometry:
    """A WGS84 geometry in metres in the UTM zone `epsg`."""
    return shapely.transform(geom, utm_transformer(epsg).transform, interleaved=False)


@dataclass(frozen=True)
class Measures:
    area_m2: float
    length_m: float
    epsg: int

    @property
    def area_ha(self) -> float:
        return self.area_m2 / 10_000


def measure(geom: BaseGeometry | dict) -> Measures:
    """Area (m2) and length or perimeter (m) in the geometry's own UTM zone."""
    if isinstance(geom, dict):
        geom = parse_geometry(geom)
    centre = geom.centroid
    epsg = utm_epsg(centre.x, centre.y)
    projected = to_utm(geom, epsg)
    return Measures(area_m2=projected.area, length_m=projected.length, epsg=epsg)
