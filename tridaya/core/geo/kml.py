"""KML in (placemarks with points, lines, polygons and multi-geometries) and out (with a typed
schema, so QGIS reads the attributes with their types)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

import shapely
from django.utils.translation import gettext as _
from lxml import etree
from shapely.geometry.base import BaseGeometry

from tridaya.core.geo.formats import (
    KML_NS,
    FeatureProblem,
    GisFileError,
    OutFeature,
    Raw,
    text_of,
)


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
        try:
            points.append((float(parts[0]), float(parts[1])))
        except (ValueError, IndexError):
            raise ValueError(
                _("koordinat '%(token)s' tidak terbaca; tulis bujur,lintang[,tinggi]")
                % {"token": token[:60]}
            ) from None
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


def read_kml(data: bytes) -> list[Raw]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise GisFileError(
            [
                FeatureProblem(
                    _("berkas"),
                    "",
                    _("bukan KML yang sah: XML rusak di baris %(line)s.") % {"line": exc.lineno},
                )
            ]
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
            raws.append(Raw(None, props, where, problem))
            continue
        try:
            raws.append(Raw(_kml_geometry(geom_el), props, where))
        except (ValueError, IndexError) as exc:
            raws.append(Raw(None, props, where, FeatureProblem(where, _("geometri"), str(exc))))
    return raws


def _kml_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


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
            out.write(f'<SimpleData name="{attr}">{escape(text_of(value))}</SimpleData>')
        out.write("</SchemaData></ExtendedData>")
        out.write(_kml_geom(feature.geometry))
        out.write("</Placemark>\n")
    out.write("</Document></kml>\n")
    return out.getvalue().encode()
