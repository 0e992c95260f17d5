"""CSV in (lat/lon columns or a WKT column) and out (attributes and a WKT column)."""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

import shapely
from django.utils.translation import gettext as _
from shapely import wkt as shapely_wkt
from shapely.geometry import shape

from tridaya.core.geo.formats import FeatureProblem, GisFileError, OutFeature, Raw, text_of

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


def read_csv(data: bytes) -> list[Raw]:
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
        except Exception:  # noqa: BLE001  (shapely's WKT reader raises its own error types)
            if wkt_col is not None:
                message = _("tidak terbaca: tulis WKT misalnya POINT (116.1 -8.6).")
            else:
                message = _(
                    "tidak terbaca: bujur dan lintang harus angka desimal, misalnya 116.1 dan -8.6."
                )
            raws.append(Raw(None, props, where, FeatureProblem(where, column, message)))
            continue
        raws.append(Raw(geom, props, where))
    return raws


def write_csv(features: list[OutFeature]) -> bytes:
    """One row per feature: its attributes, then the geometry as WKT (QGIS: 'Delimited text',
    geometry definition 'WKT', CRS EPSG:4326). UTF-8 with BOM so spreadsheets read it right."""
    columns = list(dict.fromkeys(k for f in features for k in f.properties))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, "wkt"])
    for feature in features:
        values = [feature.properties.get(c) for c in columns]
        cells = ["" if v is None else text_of(v) for v in values]
        writer.writerow([*cells, shape(feature.geometry).wkt])
    return ("\ufeff" + out.getvalue()).encode()
