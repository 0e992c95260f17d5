"""Form fields of RT profiles with their slum volumes and of the slum template import (values
only: the rules live in the services)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.core.uploads import kinds
from tridaya.core.uploads.checks import check_table_upload
from tridaya.core.uploads.fields import UploadField
from tridaya.mapping.models import precision_validator
from tridaya.mapping.scoring import DENOMINATOR_LABELS, CriteriaSet


class CommaDecimalField(forms.DecimalField):
    """Takes '12,5' as well as '12.5' (people type the Indonesian decimal comma)."""

    def to_python(self, value):
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


class RTProfileForm(forms.Form):
    """The RT's verified figures and, per criterion of the set, its volume and handled volume."""

    area_ha = CommaDecimalField(
        label=_("Luas terverifikasi (ha)"),
        min_value=Decimal(0),
        validators=[precision_validator("area_ha")],
    )
    buildings = forms.IntegerField(label=_("Jumlah bangunan"), min_value=0)
    population = forms.IntegerField(label=_("Jumlah penduduk"), min_value=0)
    households = forms.IntegerField(label=_("Jumlah KK"), min_value=0)
    road_length_m = CommaDecimalField(
        label=_("Panjang jalan ideal (m)"),
        min_value=Decimal(0),
        validators=[precision_validator("road_length_m")],
    )
    drainage_length_m = CommaDecimalField(
        label=_("Panjang drainase ideal (m)"),
        min_value=Decimal(0),
        validators=[precision_validator("drainage_length_m")],
    )
    PROFILE_FIELDS = (
        "area_ha",
        "buildings",
        "population",
        "households",
        "road_length_m",
        "drainage_length_m",
    )

    def __init__(self, *args, cset: CriteriaSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.cset = cset
        for criterion in cset.criteria:
            denominator = DENOMINATOR_LABELS[criterion.denominator]
            self.fields[f"volume_{criterion.code}"] = CommaDecimalField(
                label=f"{criterion.code}. {criterion.title} ({criterion.unit})",
                required=False,
                validators=[precision_validator("volume")],
                help_text=_("dibagi %(denominator)s") % {"denominator": denominator},
            )
            self.fields[f"handled_{criterion.code}"] = CommaDecimalField(
                label=_("%(code)s tertangani (%(unit)s)")
                % {"code": criterion.code, "unit": criterion.unit},
                required=False,
                validators=[precision_validator("volume")],
            )
        bootstrapify(self)

    def aspect_rows(self):
        """(aspect, [(criterion, volume field, handled field), ...]) for the template."""
        for aspect in self.cset.aspects:
            yield (
                aspect,
                [(c, self[f"volume_{c.code}"], self[f"handled_{c.code}"]) for c in aspect.criteria],
            )

    def profile_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}

    def volumes(self) -> dict:
        return {c.code: self.cleaned_data.get(f"volume_{c.code}") for c in self.cset.criteria}

    def handled(self) -> dict:
        return {
            c.code: self.cleaned_data.get(f"handled_{c.code}") or 0
            for c in self.cset.criteria
            if self.cleaned_data.get(f"volume_{c.code}") is not None
        }


class SlumImportForm(forms.Form):
    file = UploadField(
        accept=kinds.TABLES,
        group="table",
        label=_("Berkas templat (XLSX atau CSV)"),
        help_text=_("Unduh templat desa ini, isi, lalu unggah. Baris yang ada diperbarui."),
    )
    year = forms.IntegerField(
        label=_("Tahun bila kolom 'tahun' kosong"), min_value=2000, max_value=2100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Unggah berkas .xlsx atau .csv."))
        check_table_upload(upload)
        return upload
