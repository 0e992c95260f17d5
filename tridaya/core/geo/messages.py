"""Indonesian wording for what the JSON parser, shapely and GEOS say in English about a bad
geometry: the reason is named in Indonesian (through gettext, with English in the catalogue) and
keeps its place (line and column of the JSON, coordinates of a self-intersection), never the
library's English text."""

from __future__ import annotations

import json
import re

from django.utils.translation import gettext as _

_VALIDITY = re.compile(r"^(?P<kind>[A-Za-z \-]+?)\s*\[(?P<x>[-\d.eE+]+) (?P<y>[-\d.eE+]+)\]")


def json_problem(exc: json.JSONDecodeError) -> str:
    """Where the JSON text breaks: 'baris 1, kolom 2' and the usual cause."""
    return _(
        "penulisan JSON salah di baris %(line)s, kolom %(col)s (periksa tanda kutip, koma dan "
        "kurung)"
    ) % {"line": exc.lineno, "col": exc.colno}


def coordinate_problem(exc: BaseException) -> str:
    """Why shapely could not build the geometry from its coordinates."""
    text = str(exc).lower()
    if "linearring" in text or "at least 4" in text:
        return _(
            "setiap cincin poligon perlu paling sedikit 4 titik, titik terakhir sama dengan "
            "yang pertama"
        )
    if "0 or >1" in text or "linestring" in text:
        return _("setiap garis perlu paling sedikit 2 titik")
    if isinstance(exc, KeyError):
        return _("bagian '%(key)s' tidak ada") % {"key": str(exc).strip("'\"")}
    return _(
        "susunan koordinat tidak sesuai jenis geometrinya (setiap titik ditulis [bujur, lintang])"
    )


def validity_problem(reason: str) -> str:
    """GEOS's `explain_validity` ('Self-intersection[116.1 -8.6]') in Indonesian, with the
    place."""
    match = _VALIDITY.match(reason)
    kind = (match.group("kind") if match else reason).strip().lower()
    labels = {
        "self-intersection": _("garis batas memotong dirinya sendiri"),
        "ring self-intersection": _("garis batas memotong dirinya sendiri"),
        "hole lies outside shell": _("lubang poligon berada di luar batasnya"),
        "nested shells": _("poligon bertumpuk di dalam poligon lain"),
        "interior is disconnected": _("bagian dalam poligon terputus"),
        "too few points in geometry component": _("bagian geometri dengan terlalu sedikit titik"),
        "duplicate rings": _("cincin poligon berulang"),
        "nested holes": _("lubang di dalam lubang"),
        "ring is not closed": _("cincin poligon tidak tertutup"),
        "invalid coordinate": _("koordinat tidak sah"),
    }
    label = labels.get(kind, _("bentuk geometri tidak sah"))
    if match is None:
        return label
    return _("%(what)s di sekitar bujur %(x)s, lintang %(y)s") % {
        "what": label,
        "x": match.group("x"),
        "y": match.group("y"),
    }
