"""Form fields shared by every app."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.geo import ANY, validate_geojson


class GeoJSONField(forms.CharField):
    """A textarea that takes a GeoJSON geometry or Feature and gives a validated geometry dict."""

    widget = forms.Textarea(attrs={"rows": 4, "class": "form-control font-monospace small"})

    def __init__(self, *, allowed: tuple[str, ...] = ANY, **kwargs):
        self.allowed = allowed
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("GeoJSON (WGS84, bujur-lintang). Boleh satu Feature atau geometri.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return json.dumps(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return validate_geojson(value, self.allowed)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc


def bootstrapify(form: forms.BaseForm) -> None:
    """Give every widget Bootstrap's classes (kept out of templates so they stay short)."""
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        widget.attrs.setdefault("class", css)
        if isinstance(field, forms.IntegerField | forms.DecimalField):
            widget.attrs.setdefault("inputmode", "decimal")
