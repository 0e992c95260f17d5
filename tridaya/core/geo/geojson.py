"""GeoJSON (RFC 7946) in and out."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from pyproj import CRS
from shapely.geometry import shape

from tridaya.core.geo import messages
from tridaya.core.geo.formats import FeatureProblem, GisFileError, OutFeature, Raw, parse_crs, plain


def read_geojson(data: bytes) -> tuple[list[Raw], CRS | None]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise GisFileError(
            [FeatureProblem(_("berkas"), "", _("bukan teks UTF-8; simpan ulang sebagai UTF-8."))]
        ) from exc
    except json.JSONDecodeError as exc:
        message = _("bukan GeoJSON yang sah: %(e)s") % {"e": messages.json_problem(exc)}
        raise GisFileError([FeatureProblem(_("berkas"), "", message)]) from exc
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
            raws.append(Raw(None, {}, where, FeatureProblem(where, "", _("bukan Feature."))))
            continue
        props = item.get("properties") or {}
        try:
            geom = shape(item["geometry"]) if item.get("geometry") else None
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raws.append(
                Raw(
                    None,
                    props,
                    where,
                    FeatureProblem(
                        where,
                        _("geometri"),
                        _("tidak terbaca: %(e)s") % {"e": messages.coordinate_problem(exc)},
                    ),
                )
            )
            continue
        raws.append(Raw(geom, {str(k): plain(v) for k, v in props.items()}, where))
    return raws, file_crs


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
