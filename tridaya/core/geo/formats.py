"""What every GIS file reader and writer shares: the formats, the problems a file can have, the
features read and written, coordinate systems and reprojection to WGS84. No database here."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely.geometry.base import BaseGeometry

from tridaya.core.geo import transformer

WGS84 = 4326
MAX_FEATURES = 50_000
KML_NS = "http://www.opengis.net/kml/2.2"


class Format:
    GEOJSON = "geojson"
    KML = "kml"
    CSV = "csv"
    GPKG = "gpkg"
    SHAPEFILE = "shp"

    ALL = ("geojson", "kml", "csv", "gpkg", "shp")
    # What the export URLs end with, and the content type of each.
    EXTENSIONS = {
        "geojson": "geojson",
        "kml": "kml",
        "csv": "csv",
        "gpkg": "gpkg",
        "shp": "shp.zip",
    }
    CONTENT_TYPES = {
        "geojson": "application/geo+json",
        "kml": "application/vnd.google-earth.kml+xml",
        "csv": "text/csv; charset=utf-8",
        "gpkg": "application/geopackage+sqlite3",
        "shp": "application/zip",
    }


def format_of(file_name: str) -> str | None:
    name = file_name.lower()
    if name.endswith((".geojson", ".json")):
        return Format.GEOJSON
    if name.endswith(".kml"):
        return Format.KML
    if name.endswith((".csv", ".txt")):
        return Format.CSV
    if name.endswith(".gpkg"):
        return Format.GPKG
    if name.endswith(".zip"):
        return Format.SHAPEFILE
    return None


@dataclass(frozen=True)
class FeatureProblem:
    where: str  # "baris 5", "fitur 3"
    column: str  # "" when the whole feature is concerned
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"{self.where}, {self.column}: {self.message}"
        return f"{self.where}: {self.message}"


class GisFileError(ValidationError):
    """A file that cannot be used; `problems` lists every bad feature."""

    def __init__(self, problems: list[FeatureProblem], code: str = "mapping_bad_gis_file"):
        self.problems = problems
        super().__init__([str(p) for p in problems], code=code)


@dataclass
class GisFeature:
    geometry: dict  # GeoJSON geometry in WGS84
    properties: dict[str, Any]
    where: str


@dataclass
class ReadResult:
    features: list[GisFeature]
    source_crs: str  # e.g. "EPSG:32750"
    fmt: str


@dataclass
class Raw:
    geometry: BaseGeometry | None
    properties: dict[str, Any]
    where: str
    problem: FeatureProblem | None = None


# --- CRS ----------------------------------------------------------------------------------------


def crs_label(crs: CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def parse_crs(value: Any) -> CRS:
    try:
        return CRS.from_user_input(value)
    except CRSError as exc:
        raise GisFileError(
            [
                FeatureProblem(
                    _("berkas"),
                    _("sistem koordinat"),
                    _("sistem koordinat '%(crs)s' tidak dikenal.") % {"crs": value},
                )
            ]
        ) from exc


def _to_wgs84(crs_wkt: str) -> Transformer:
    return transformer(crs_wkt, WGS84)


def reproject(geom: BaseGeometry, crs: CRS) -> BaseGeometry:
    if crs.to_epsg() == WGS84:
        return geom
    transformer = _to_wgs84(crs.to_wkt())
    return shapely.transform(geom, transformer.transform, interleaved=False)


def plain(value: Any) -> Any:
    """JSON-ready attribute values (numpy scalars, NaN, dates, bytes)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict | list):
        return json.loads(json.dumps(value, default=str))
    return str(value)


def text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


@dataclass
class OutFeature:
    geometry: dict  # GeoJSON in WGS84
    properties: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # the KML placemark's name


def safe_file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "peta"
