"""Reading and writing the GIS files people exchange with Tridaya: GeoJSON, KML, CSV (lat/lon
columns or a WKT column), GeoPackage and zipped Shapefile (the last two through pyogrio/GDAL).

No database here. `read_features` turns an uploaded file into features in WGS84 (reprojected
with pyproj from the file's own CRS, or from the UTM zone the user chose), each validated with
shapely; every bad feature is reported with where it is (row or feature number), the column and
the reason, and nothing is returned unless all are good. The writers give files QGIS opens with
their attributes: GeoJSON (RFC 7946), KML with a typed schema, CSV with a WKT column, and
GeoPackage / Shapefile with one layer per geometry type (points, lines, polygons)."""

from __future__ import annotations

from collections.abc import Iterable

import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pyproj import CRS
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from tridaya.core.geo import ANY, validate_geojson
from tridaya.core.geo.delimited import read_csv, write_csv
from tridaya.core.geo.formats import (
    MAX_FEATURES,
    WGS84,
    FeatureProblem,
    Format,
    GisFeature,
    GisFileError,
    OutFeature,
    ReadResult,
    crs_label,
    format_of,
    parse_crs,
    reproject,
    safe_file_name,
)
from tridaya.core.geo.geojson import read_geojson, write_geojson
from tridaya.core.geo.kml import read_kml, write_kml
from tridaya.core.geo.ogr import read_ogr, write_ogr


def _simplify_multi(geom: BaseGeometry) -> BaseGeometry:
    """A Multi* with a single part is that part (GeoPackage/Shapefile exports promote to multi)."""
    if geom.geom_type.startswith("Multi") and len(geom.geoms) == 1:
        return geom.geoms[0]
    return geom


def read_features(
    data: bytes, file_name: str, *, crs: int | str | None = None, allowed: tuple[str, ...] = ANY
) -> ReadResult:
    """Features of an uploaded file in WGS84. `crs` (EPSG code) overrides what the file says;
    without either, coordinates are taken as WGS84. Raises GisFileError listing every bad
    feature; returns only when all are good."""
    fmt = format_of(file_name)
    if fmt is None:
        raise GisFileError(
            [
                FeatureProblem(
                    file_name,
                    "",
                    _(
                        "jenis berkas tidak dikenal; gunakan .geojson, .kml, .csv, .gpkg, atau "
                        ".zip berisi Shapefile (.shp, .shx, .dbf, .prj)."
                    ),
                )
            ]
        )
    file_crs: CRS | None
    if fmt == Format.GEOJSON:
        raws, file_crs = read_geojson(data)
    elif fmt == Format.KML:
        raws, file_crs = read_kml(data), CRS.from_epsg(WGS84)
    elif fmt == Format.CSV:
        raws, file_crs = read_csv(data), None
    else:
        raws, file_crs = read_ogr(data, fmt)
    source = parse_crs(crs) if crs else (file_crs or CRS.from_epsg(WGS84))
    features: list[GisFeature] = []
    problems: list[FeatureProblem] = []
    if len(raws) > MAX_FEATURES:
        raise GisFileError(
            [
                FeatureProblem(
                    file_name,
                    "",
                    _("berkas berisi %(n)s fitur; paling banyak %(max)s per impor.")
                    % {"n": len(raws), "max": MAX_FEATURES},
                )
            ]
        )
    for raw in raws:
        if raw.problem is not None:
            problems.append(raw.problem)
            continue
        if raw.geometry is None or raw.geometry.is_empty:
            problems.append(FeatureProblem(raw.where, _("geometri"), _("geometri kosong.")))
            continue
        try:
            geom = _simplify_multi(shapely.force_2d(reproject(raw.geometry, source)))
            geometry = validate_geojson(mapping(geom), allowed)
        except ValidationError as exc:
            hint = ""
            if source.to_epsg() == WGS84 and _looks_projected(raw.geometry):
                hint = " " + _("Pilih zona UTM berkas ini pada kolom 'Sistem koordinat'.")
            problems.append(FeatureProblem(raw.where, _("geometri"), " ".join(exc.messages) + hint))
            continue
        features.append(GisFeature(geometry, raw.properties, raw.where))
    if problems:
        raise GisFileError(problems)
    if not features:
        raise GisFileError([FeatureProblem(file_name, "", _("berkas tidak berisi fitur."))])
    return ReadResult(features=features, source_crs=crs_label(source), fmt=fmt)


def _looks_projected(geom: BaseGeometry) -> bool:
    min_x, min_y, max_x, max_y = geom.bounds
    return max(abs(min_x), abs(max_x)) > 180 or max(abs(min_y), abs(max_y)) > 90


def write(fmt: str, features: Iterable[OutFeature], *, name: str) -> bytes:
    features = list(features)
    if fmt == Format.GEOJSON:
        return write_geojson(features, name=name)
    if fmt == Format.KML:
        return write_kml(features, name=name)
    if fmt == Format.CSV:
        return write_csv(features)
    if fmt in (Format.GPKG, Format.SHAPEFILE):
        return write_ogr(features, name=name, fmt=fmt)
    raise ValueError(f"unknown format {fmt!r}")


__all__ = [
    "FeatureProblem",
    "Format",
    "GisFeature",
    "GisFileError",
    "OutFeature",
    "ReadResult",
    "format_of",
    "read_features",
    "safe_file_name",
    "write",
]
