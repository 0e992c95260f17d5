"""Reading and writing the GIS files people exchange with Tridaya: GeoJSON, KML, CSV (lat/lon
columns or a WKT column), GeoPackage and zipped Shapefile (the last two through pyogrio/GDAL).

No database here. `read_features` turns an uploaded file into features in WGS84 (reprojected
with pyproj from the file's own CRS, or from the UTM zone the user chose), each validated with
shapely; every bad feature is reported with where it is (row or feature number), the column and
the reason, and nothing is returned unless all are good. The writers give files QGIS opens with
their attributes: GeoJSON (RFC 7946), KML with a typed schema, CSV with a WKT column, and
GeoPackage / Shapefile with one layer per geometry type (points, lines, polygons)."""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import numpy as np
import shapely
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from shapely import wkt as shapely_wkt
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from tridaya.core.geo import ANY, transformer, validate_geojson

# pyogrio logs every layer it writes ("Created n records") at INFO.
logging.getLogger("pyogrio").setLevel(logging.WARNING)

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
class _Raw:
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


# --- Reading ------------------------------------------------------------------------------------


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
        raws, file_crs = _read_geojson(data)
    elif fmt == Format.KML:
        raws, file_crs = _read_kml(data), CRS.from_epsg(WGS84)
    elif fmt == Format.CSV:
        raws, file_crs = _read_csv(data), None
    else:
        raws, file_crs = _read_ogr(data, fmt)
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


def _plain(value: Any) -> Any:
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


def _read_geojson(data: bytes) -> tuple[list[_Raw], CRS | None]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GisFileError(
            [FeatureProblem(_("berkas"), "", _("bukan GeoJSON yang sah: %(e)s") % {"e": exc})]
        ) from exc
    file_crs = None
    if isinstance(doc, dict) and isinstance(doc.get("crs"), dict):
        name = (doc["crs"].get("properties") or {}).get("name")
        if name:
            file_crs = parse_crs(name)
    if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
        items = doc.get("features") or []
    elif isinstance(doc, dict) and doc.get("type") == "Feature":
        items = [doc]
    elif isinstance(doc, dict) and "type" in doc:
        items = [{"type": "Feature", "geometry": doc, "properties": {}}]
    else:
        raise GisFileError([FeatureProblem(_("berkas"), "", _("bukan GeoJSON: tidak ada 'type'."))])
    raws = []
    for number, item in enumerate(items, start=1):
        where = _("fitur %(n)s") % {"n": number}
        if not isinstance(item, dict):
            raws.append(_Raw(None, {}, where, FeatureProblem(where, "", _("bukan Feature."))))
            continue
        props = item.get("properties") or {}
        try:
            geom = shape(item["geometry"]) if item.get("geometry") else None
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raws.append(
                _Raw(
                    None,
                    props,
                    where,
                    FeatureProblem(where, _("geometri"), _("tidak terbaca: %(e)s") % {"e": exc}),
                )
            )
            continue
        raws.append(_Raw(geom, {str(k): _plain(v) for k, v in props.items()}, where))
    return raws, file_crs


# KML ------------------------------------------------------------------------------------------


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _first(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _coords(element) -> list[tuple[float, float]]:
    node = next((e for e in element.iter() if _local(e.tag) == "coordinates"), None)
    if node is None or not (node.text or "").strip():
        raise ValueError(_("koordinat kosong"))
    points = []
    for token in node.text.split():
        parts = token.split(",")
        points.append((float(parts[0]), float(parts[1])))
    return points


def _kml_geometry(element) -> BaseGeometry:
    kind = _local(element.tag)
    if kind == "Point":
        return shapely.Point(_coords(element)[0])
    if kind == "LineString":
        return shapely.LineString(_coords(element))
    if kind == "Polygon":
        outer = _first(element, "outerBoundaryIs")
        if outer is None:
            raise ValueError(_("poligon tanpa outerBoundaryIs"))
        holes = [_coords(inner) for inner in _children(element, "innerBoundaryIs")]
        return shapely.Polygon(_coords(outer), holes)
    if kind == "MultiGeometry":
        parts = [_kml_geometry(child) for child in element if _local(child.tag) in GEOM_TAGS]
        kinds = {p.geom_type.removeprefix("Multi") for p in parts}
        if len(kinds) != 1:
            raise ValueError(_("MultiGeometry campuran titik/garis/area tidak diterima"))
        flat = [g for p in parts for g in getattr(p, "geoms", [p])]
        return {
            "Point": shapely.MultiPoint,
            "LineString": shapely.MultiLineString,
            "Polygon": shapely.MultiPolygon,
        }[kinds.pop()](flat)
    raise ValueError(_("geometri KML %(kind)s tidak didukung") % {"kind": kind})


GEOM_TAGS = {"Point", "LineString", "Polygon", "MultiGeometry"}
KML_TYPES = {
    "int": int,
    "uint": int,
    "short": int,
    "ushort": int,
    "float": float,
    "double": float,
    "bool": lambda text: text.strip().lower() in ("1", "true"),
}


def _read_kml(data: bytes) -> list[_Raw]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise GisFileError(
            [FeatureProblem(_("berkas"), "", _("bukan KML yang sah: %(e)s") % {"e": exc})]
        ) from exc
    types: dict[str, dict[str, Any]] = {}
    for schema in (e for e in root.iter() if _local(e.tag) == "Schema"):
        fields = {
            f.get("name"): KML_TYPES.get((f.get("type") or "string").lower(), str)
            for f in _children(schema, "SimpleField")
        }
        for key in (schema.get("id"), schema.get("name")):
            if key:
                types[key] = fields
    raws = []
    placemarks = [e for e in root.iter() if _local(e.tag) == "Placemark"]
    for number, placemark in enumerate(placemarks, start=1):
        where = _("fitur %(n)s") % {"n": number}
        props: dict[str, Any] = {}
        extended = _first(placemark, "ExtendedData")
        if extended is not None:
            for data_el in _children(extended, "Data"):
                value = _first(data_el, "value")
                props[data_el.get("name")] = value.text if value is not None else None
            for schema_data in _children(extended, "SchemaData"):
                schema_types = types.get((schema_data.get("schemaUrl") or "").lstrip("#"), {})
                props.update({name: None for name in schema_types if name not in props})
                for simple in _children(schema_data, "SimpleData"):
                    name, text = simple.get("name"), simple.text
                    convert = schema_types.get(name, str)
                    try:
                        props[name] = convert(text) if text is not None else None
                    except ValueError:
                        props[name] = text
        else:
            # A KML without attributes (Google Earth): its name and description are the
            # attributes. Files with ExtendedData carry every attribute there.
            for name in ("name", "description"):
                node = _first(placemark, name)
                if node is not None and node.text:
                    props[name] = node.text.strip()
        geom_el = next((c for c in placemark if _local(c.tag) in GEOM_TAGS), None)
        if geom_el is None:
            problem = FeatureProblem(where, _("geometri"), _("Placemark tanpa geometri."))
            raws.append(_Raw(None, props, where, problem))
            continue
        try:
            raws.append(_Raw(_kml_geometry(geom_el), props, where))
        except (ValueError, IndexError) as exc:
            raws.append(_Raw(None, props, where, FeatureProblem(where, _("geometri"), str(exc))))
    return raws


# CSV -------------------------------------------------------------------------------------------

WKT_COLUMNS = ("wkt", "geometry", "geometri", "geom", "the_geom")
LAT_COLUMNS = ("lat", "latitude", "lintang", "y")
LON_COLUMNS = ("lon", "lng", "long", "longitude", "bujur", "x")


def _number(text: str, comma_decimal: bool) -> float:
    text = text.strip()
    if comma_decimal:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _value(text: str) -> Any:
    """CSV cells stay text, except plain integers and decimals (so '12' round-trips as 12)."""
    if re.fullmatch(r"-?(0|[1-9][0-9]{0,15})", text):
        return int(text)
    if re.fullmatch(r"-?[0-9]+\.[0-9]+", text):
        return float(text)
    return text if text != "" else None


def _read_csv(data: bytes) -> list[_Raw]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GisFileError([FeatureProblem(_("berkas"), "", _("CSV kosong."))]) from None
    lower = [h.lower() for h in header]
    wkt_col = next((lower.index(c) for c in WKT_COLUMNS if c in lower), None)
    lat_col = next((lower.index(c) for c in LAT_COLUMNS if c in lower), None)
    lon_col = next((lower.index(c) for c in LON_COLUMNS if c in lower), None)
    if wkt_col is None and (lat_col is None or lon_col is None):
        raise GisFileError(
            [
                FeatureProblem(
                    _("baris 1"),
                    "",
                    _(
                        "tidak ada kolom geometri: beri kolom 'wkt', atau kolom 'lat' dan 'lon' "
                        "(atau 'lintang' dan 'bujur')."
                    ),
                )
            ]
        )
    geometry_cols = {wkt_col} if wkt_col is not None else {lat_col, lon_col}
    raws = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = _("baris %(n)s") % {"n": line}
        row = row + [""] * (len(header) - len(row))
        props = {
            header[i]: _value(row[i].strip())
            for i in range(len(header))
            if i not in geometry_cols and header[i]
        }
        try:
            if wkt_col is not None:
                column = header[wkt_col]
                geom = shapely_wkt.loads(row[wkt_col])
            else:
                assert lat_col is not None and lon_col is not None
                column = f"{header[lat_col]}/{header[lon_col]}"
                comma = delimiter != ","
                geom = shapely.Point(_number(row[lon_col], comma), _number(row[lat_col], comma))
        except Exception as exc:  # shapely's WKT reader raises its own error types
            message = _("tidak terbaca (%(e)s).") % {"e": str(exc).splitlines()[0][:120]}
            raws.append(_Raw(None, props, where, FeatureProblem(where, column, message)))
            continue
        raws.append(_Raw(geom, props, where))
    return raws


# GeoPackage and Shapefile (pyogrio) --------------------------------------------------------------


def _read_ogr(data: bytes, fmt: str) -> tuple[list[_Raw], CRS | None]:
    import pyogrio
    import pyogrio.raw

    suffix = ".gpkg" if fmt == Format.GPKG else ".zip"
    with tempfile.TemporaryDirectory(prefix="tridaya-gis-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        if fmt == Format.SHAPEFILE:
            try:
                names = zipfile.ZipFile(path).namelist()
            except zipfile.BadZipFile as exc:
                raise GisFileError(
                    [FeatureProblem(_("berkas"), "", _("berkas .zip rusak."))]
                ) from exc
            if not any(n.lower().endswith(".shp") for n in names):
                raise GisFileError(
                    [
                        FeatureProblem(
                            _("berkas"),
                            "",
                            _("berkas .zip tidak berisi Shapefile (.shp, .shx, .dbf, .prj)."),
                        )
                    ]
                )
        try:
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        except Exception as exc:  # GDAL errors come in several types
            raise GisFileError(
                [
                    FeatureProblem(
                        _("berkas"), "", _("berkas tidak terbaca oleh GDAL: %(e)s") % {"e": exc}
                    )
                ]
            ) from exc
        raws: list[_Raw] = []
        file_crs: CRS | None = None
        number = 0
        for layer in layers:
            meta, _fids, geometry, field_data = pyogrio.raw.read(path, layer=layer)
            if meta.get("crs"):
                file_crs = CRS.from_user_input(meta["crs"])
            names = list(meta["fields"])
            for index in range(len(geometry) if geometry is not None else 0):
                number += 1
                where = _("fitur %(n)s") % {"n": number}
                if len(layers) > 1:
                    where = f"{layer}, {where}"
                props = {name: _plain(field_data[i][index]) for i, name in enumerate(names)}
                wkb = geometry[index]
                geom = shapely.from_wkb(wkb) if wkb is not None else None
                raws.append(_Raw(geom, props, where))
    return raws, file_crs


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class OutFeature:
    geometry: dict  # GeoJSON in WGS84
    properties: dict[str, Any] = field(default_factory=dict)
    label: str = ""  # the KML placemark's name


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


def write_geojson(features: list[OutFeature], *, name: str) -> bytes:
    doc = {
        "type": "FeatureCollection",
        "name": name,
        "features": [
            {"type": "Feature", "geometry": f.geometry, "properties": f.properties}
            for f in features
        ],
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def _kml_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _kml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _kml_coords(coords: Iterable) -> str:
    return " ".join(f"{x},{y}" for x, y, *_rest in coords)


def _kml_geom(geometry: dict) -> str:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return f"<Point><coordinates>{_kml_coords([coords])}</coordinates></Point>"
    if kind == "LineString":
        return f"<LineString><coordinates>{_kml_coords(coords)}</coordinates></LineString>"
    if kind == "Polygon":
        rings = [
            f"<outerBoundaryIs><LinearRing><coordinates>{_kml_coords(coords[0])}"
            "</coordinates></LinearRing></outerBoundaryIs>"
        ]
        rings += [
            f"<innerBoundaryIs><LinearRing><coordinates>{_kml_coords(ring)}"
            "</coordinates></LinearRing></innerBoundaryIs>"
            for ring in coords[1:]
        ]
        return f"<Polygon>{''.join(rings)}</Polygon>"
    if kind.startswith("Multi"):
        single = kind.removeprefix("Multi")
        parts = "".join(_kml_geom({"type": single, "coordinates": c}) for c in coords)
        return f"<MultiGeometry>{parts}</MultiGeometry>"
    raise ValueError(f"geometry {kind} cannot be written to KML")


def write_kml(features: list[OutFeature], *, name: str) -> bytes:
    columns = list(dict.fromkeys(k for f in features for k in f.properties))
    types = {c: _kml_type([f.properties.get(c) for f in features]) for c in columns}
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<kml xmlns="{KML_NS}"><Document><name>{escape(name)}</name>\n')
    out.write('<Schema name="tridaya" id="tridaya">')
    for column in columns:
        out.write(f'<SimpleField name="{escape(column, {chr(34): "&quot;"})}" ')
        out.write(f'type="{types[column]}"/>')
    out.write("</Schema>\n")
    for feature in features:
        out.write(f"<Placemark><name>{escape(feature.label)}</name>")
        out.write('<ExtendedData><SchemaData schemaUrl="#tridaya">')
        for column in columns:
            value = feature.properties.get(column)
            if value is None:
                continue
            attr = escape(column, {chr(34): "&quot;"})
            out.write(f'<SimpleData name="{attr}">{escape(_kml_text(value))}</SimpleData>')
        out.write("</SchemaData></ExtendedData>")
        out.write(_kml_geom(feature.geometry))
        out.write("</Placemark>\n")
    out.write("</Document></kml>\n")
    return out.getvalue().encode()


def write_csv(features: list[OutFeature]) -> bytes:
    """One row per feature: its attributes, then the geometry as WKT (QGIS: 'Delimited text',
    geometry definition 'WKT', CRS EPSG:4326). UTF-8 with BOM so spreadsheets read it right."""
    columns = list(dict.fromkeys(k for f in features for k in f.properties))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, "wkt"])
    for feature in features:
        values = [feature.properties.get(c) for c in columns]
        cells = ["" if v is None else _kml_text(v) for v in values]
        writer.writerow([*cells, shape(feature.geometry).wkt])
    return ("\ufeff" + out.getvalue()).encode()


OGR_KINDS = (
    ("titik", "MultiPoint", ("Point", "MultiPoint")),
    ("garis", "MultiLineString", ("LineString", "MultiLineString")),
    ("area", "MultiPolygon", ("Polygon", "MultiPolygon")),
)


def dbf_names(columns: list[str]) -> dict[str, str]:
    """Shapefile columns have at most 10 characters: cut and number the clashes."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        base = re.sub(r"[^A-Za-z0-9_]", "_", column)[:10] or "kolom"
        candidate, n = base, 1
        while candidate.lower() in used:
            suffix = str(n)
            candidate = base[: 10 - len(suffix)] + suffix
            n += 1
        used.add(candidate.lower())
        names[column] = candidate
    return names


def _ogr_column(values: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """A typed column and its null mask: integers, decimals, or text."""
    mask = np.array([v is None for v in values], dtype=bool)
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return np.array([v if v is not None else 0 for v in values], dtype=np.int64), mask
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return np.array([v if v is not None else 0.0 for v in values], dtype=np.float64), mask
    texts = ["" if v is None else _kml_text(v) for v in values]
    return np.array(texts, dtype=object), mask


def write_ogr(features: list[OutFeature], *, name: str, fmt: str) -> bytes:
    """GeoPackage (one file, a layer per geometry type) or zipped Shapefile (a .shp set per
    geometry type), all in EPSG:4326 with UTF-8 attributes."""
    import pyogrio.raw

    layer_base = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_").lower() or "tridaya"
    columns = list(dict.fromkeys(k for f in features for k in f.properties))
    with tempfile.TemporaryDirectory(prefix="tridaya-export-") as tmp:
        folder = Path(tmp)
        gpkg = folder / f"{layer_base}.gpkg"
        written = 0
        for index, (suffix, multi, kinds) in enumerate(OGR_KINDS):
            group = [f for f in features if f.geometry["type"] in kinds]
            if not group and (features or index > 0):
                continue  # an empty export still gets one (empty) point layer
            geoms = [shape(f.geometry) for f in group]
            geoms = [g if g.geom_type == multi else getattr(shapely, multi)([g]) for g in geoms]
            names = dbf_names(columns) if fmt == Format.SHAPEFILE else {c: c for c in columns}
            data, masks = [], []
            for column in columns:
                values, mask = _ogr_column([f.properties.get(column) for f in group])
                data.append(values)
                masks.append(mask)
            layer = f"{layer_base}_{suffix}"
            kwargs: dict[str, Any] = {
                "geometry": np.array([g.wkb for g in geoms] or [], dtype=object),
                "field_data": data,
                "fields": [names[c] for c in columns],
                "field_mask": masks,
                "geometry_type": multi,
                "crs": "EPSG:4326",
                "encoding": "UTF-8",
                "layer": layer,
            }
            if fmt == Format.GPKG:
                pyogrio.raw.write(gpkg, driver="GPKG", append=written > 0, **kwargs)
            else:
                pyogrio.raw.write(folder / f"{layer}.shp", driver="ESRI Shapefile", **kwargs)
            written += 1
        if fmt == Format.GPKG:
            return gpkg.read_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.iterdir()):
                if path.suffix != ".gpkg":
                    archive.write(path, arcname=path.name)
        return buffer.getvalue()


def safe_file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "peta"


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
