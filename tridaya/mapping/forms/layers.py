"""Form fields of GIS layers and GIS file uploads (values only: the rules live in the
services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.core.geo.files import format_of
from tridaya.mapping.models import LayerKind

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def crs_choices() -> list[tuple[str, str]]:
    """WGS84 and the UTM zones Indonesia spans (46-54, north and south of the equator)."""
    choices = [("", _("Otomatis: dari berkas, atau WGS84")), ("4326", "WGS84 (EPSG:4326)")]
    for zone in range(46, 55):
        choices.append((str(32700 + zone), f"WGS84 / UTM {zone}S (EPSG:{32700 + zone})"))
    for zone in range(46, 55):
        choices.append((str(32600 + zone), f"WGS84 / UTM {zone}N (EPSG:{32600 + zone})"))
    return choices


class GisUploadMixin(forms.Form):
    file = forms.FileField(
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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih besar dari 50 MB."))
        if format_of(upload.name) is None:
            raise forms.ValidationError(
                _("Jenis berkas tidak dikenal; gunakan .geojson, .kml, .csv, .gpkg atau .zip.")
            )
        return upload


class LayerImportForm(GisUploadMixin):
    name = forms.CharField(
        label=_("Nama lapisan"),
        max_length=120,
        help_text=_("Impor ke nama yang sudah ada mengganti isi lapisan itu."),
    )
    kind = forms.ChoiceField(label=_("Jenis lapisan"), choices=LayerKind.choices)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["name", "kind", "file", "crs", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class LayerForm(forms.Form):
    name = forms.CharField(label=_("Nama lapisan"), max_length=120)
    kind = forms.ChoiceField(label=_("Jenis lapisan"), choices=LayerKind.choices)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
