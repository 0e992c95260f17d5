"""The form fields of a GIS file upload: the file (size and kind checked) and the coordinate
system to read it in (WGS84 or a UTM zone Indonesia spans). Values only: reading the file is
`tridaya.core.geo.files.read_features`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.geo.files import format_of
from tridaya.core.uploads import kinds
from tridaya.core.uploads.checks import check_gis_upload
from tridaya.core.uploads.fields import UploadField

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def crs_choices() -> list[tuple[str, Any]]:
    """WGS84 and the UTM zones Indonesia spans (46-54, north and south of the equator)."""
    choices: list[tuple[str, Any]] = [
        ("", _("Otomatis: dari berkas, atau WGS84")),
        ("4326", "WGS84 (EPSG:4326)"),
    ]
    for zone in range(46, 55):
        choices.append((str(32700 + zone), f"WGS84 / UTM {zone}S (EPSG:{32700 + zone})"))
    for zone in range(46, 55):
        choices.append((str(32600 + zone), f"WGS84 / UTM {zone}N (EPSG:{32600 + zone})"))
    return choices


class GisUploadMixin(forms.Form):
    file = UploadField(
        accept=kinds.GIS,
        group="gis",
        label=_("Berkas"),
        help_text=_(
            "GeoJSON, KML, CSV (kolom lat/lon atau wkt), GeoPackage, atau Shapefile dalam .zip; "
            "paling besar 50 MB."
        ),
    )
    crs = forms.TypedChoiceField(
        label=_("Sistem koordinat"),
        choices=crs_choices,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Pilih zona UTM bila koordinat berkas dalam meter dan berkas tidak menyebutnya."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        fmt = format_of(upload.name)
        if fmt is None:
            raise forms.ValidationError(
                _("Jenis berkas tidak dikenal; gunakan .geojson, .kml, .csv, .gpkg atau .zip.")
            )
        check_gis_upload(upload, fmt=fmt)
        return upload
