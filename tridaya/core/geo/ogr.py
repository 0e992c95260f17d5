"""GeoPackage and zipped Shapefile in and out, through pyogrio (GDAL)."""

from __future__ import annotations

import io
import logging
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from django.utils.translation import gettext as _
from pyproj import CRS
from shapely.geometry import shape

from tridaya.core.geo.formats import (
    FeatureProblem,
    Format,
    GisFileError,
    OutFeature,
    Raw,
    plain,
    text_of,
)

# pyogrio logs every layer it writes ("Created n records") at INFO.
logging.getLogger("pyogrio").setLevel(logging.WARNING)


def read_ogr(data: bytes, fmt: str) -> tuple[list[Raw], CRS | None]:
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
        raws: list[Raw] = []
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
                props = {name: plain(field_data[i][index]) for i, name in enumerate(names)}
                wkb = geometry[index]
                geom = shapely.from_wkb(wkb) if wkb is not None else None
                raws.append(Raw(geom, props, where))
    return raws, file_crs


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
    texts = ["" if v is None else text_of(v) for v in values]
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
