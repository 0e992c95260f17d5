"""Form fields of GIS layers and GIS file uploads (values only: the rules live in the
services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.core.geo.forms import MAX_UPLOAD_BYTES, GisUploadMixin, crs_choices
from tridaya.mapping.models import LayerKind

__all__ = ["MAX_UPLOAD_BYTES", "GisUploadMixin", "LayerImportForm", "crs_choices"]


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
