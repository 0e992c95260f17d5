"""Forms of the household pages and the survey upload (values only; rules are in services)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.forms import bootstrapify
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField
from tridaya.core.uploads.limits import MB, max_bytes
from tridaya.mapping.importers.household_form import HOUSING_SELECTS
from tridaya.mapping.models import POVERTY_CRITERIA, Household, ImportMode, SurveyForm
from tridaya.mapping.models.households import MAX_MEMBERS
from tridaya.regions.models import RT, Region


def max_upload_mb() -> int:
    """The survey upload cap (TRIDAYA_UPLOAD_SURVEY_MAX_MB, checked by the upload field)."""
    return max_bytes("survey") // MB


def _upload_help() -> str:
    return gettext(
        "CSV atau XLSX dari KoBoToolbox (nilai dan judul kolom XML), atau CSV dari ODK "
        "Central. Paling besar %(mb)s MB."
    ) % {"mb": max_upload_mb()}


class RTChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RT) -> str:
        return str(obj)


class HouseholdForm(forms.Form):
    rt = RTChoiceField(label=_("RT"), queryset=RT.objects.none())
    surveyed_on = forms.DateField(
        label=_("Tanggal survei"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    head_name = forms.CharField(label=_("Nama kepala keluarga"), max_length=120)
    head_nik = forms.RegexField(
        label=_("NIK kepala keluarga"),
        regex=r"^\d{16}$",
        required=False,
        error_messages={"invalid": _("NIK harus 16 angka.")},
        help_text=_("Boleh kosong. Data pribadi: hanya terlihat oleh peran yang berwenang."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    head_sex = forms.ChoiceField(label=_("Jenis kelamin kepala keluarga"), choices=Sex.choices)
    members = forms.IntegerField(
        label=_("Jumlah anggota keluarga (termasuk kepala)"), min_value=1, max_value=MAX_MEMBERS
    )
    women = forms.IntegerField(label=_("Jumlah anggota perempuan"), min_value=0, initial=0)
    disabled = forms.IntegerField(
        label=_("Jumlah anggota penyandang disabilitas"), min_value=0, initial=0
    )
    latitude = forms.DecimalField(
        label=_("Lintang"), required=False, max_digits=10, decimal_places=7,
        min_value=-90, max_value=90,
    )  # fmt: skip
    longitude = forms.DecimalField(
        label=_("Bujur"), required=False, max_digits=11, decimal_places=7,
        min_value=-180, max_value=180,
    )  # fmt: skip

    def __init__(self, *args, village: Region, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["rt"]).queryset = (
            RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
        )
        for name, label, choices in HOUSING_SELECTS:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=[("", "---------"), *choices.choices], required=False
            )
        for criterion in POVERTY_CRITERIA:
            self.fields[criterion.field] = forms.BooleanField(
                label=f"{criterion.number}. {criterion.label}", required=False
            )
        bootstrapify(self)

    @property
    def criteria_fields(self):
        return [self[c.field] for c in POVERTY_CRITERIA]

    @property
    def main_fields(self):
        skip = {c.field for c in POVERTY_CRITERIA}
        return [self[name] for name in self.fields if name not in skip]

    def clean(self):
        data = super().clean()
        members = data.get("members")
        for name in ("women", "disabled"):
            value = data.get(name)
            if members is not None and value is not None and value > members:
                self.add_error(name, _("Tidak boleh lebih dari jumlah anggota keluarga."))
        lat, lon = data.get("latitude"), data.get("longitude")
        # A coordinate already refused (latitude 95) has its own message; no second one.
        refused = self.has_error("latitude") or self.has_error("longitude")
        if (lat is None) != (lon is None) and not refused:
            self.add_error("longitude" if lon is None else "latitude", _("Isi lintang dan bujur."))
        return data

    def service_kwargs(self) -> dict:
        """The cleaned values as the household services take them."""
        data = dict(self.cleaned_data)
        lat, lon = data.pop("latitude", None), data.pop("longitude", None)
        data["location"] = (
            {"type": "Point", "coordinates": [float(lon), float(lat)]}
            if lat is not None and lon is not None
            else None
        )
        data["criteria"] = {c.field: data.pop(c.field, False) for c in POVERTY_CRITERIA}
        data["head_nik"] = data.get("head_nik") or ""
        return data

    @staticmethod
    def initial_for(household: Household) -> dict:
        initial = {
            "rt": household.rt_id,
            "surveyed_on": household.surveyed_on,
            "head_name": household.head_name,
            "head_nik": household.head_nik,
            "head_sex": household.head_sex,
            "members": household.members,
            "women": household.women,
            "disabled": household.disabled,
            **{name: getattr(household, name) for name, _l, _c in HOUSING_SELECTS},
            **{c.field: getattr(household, c.field) for c in POVERTY_CRITERIA},
        }
        if household.location:
            lon, lat = household.location["coordinates"][:2]
            initial.update(latitude=lat, longitude=lon)
        return initial


class HouseholdFilterForm(forms.Form):
    rt = RTChoiceField(
        label=_("RT"), queryset=RT.objects.none(), required=False, empty_label=_("Semua RT")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua KK")), ("poor", _("KK miskin")), ("not_poor", _("Tidak miskin"))],
    )
    q = forms.CharField(label=_("Cari nama atau NIK"), required=False, max_length=100)

    def __init__(self, *args, village: Region, personal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["rt"]).queryset = (
            RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
        )
        if not personal:
            del self.fields["q"]
        bootstrapify(self)
        if personal:
            self.fields["q"].widget.attrs["placeholder"] = _("Nama atau NIK kepala keluarga")


class SurveyUploadForm(forms.Form):
    form = forms.ChoiceField(label=_("Formulir"), choices=SurveyForm.choices)
    mode = forms.ChoiceField(
        label=_("Jika ada baris yang salah"),
        choices=ImportMode.choices,
        initial=ImportMode.STRICT,
        widget=forms.RadioSelect,
    )
    file = UploadField(
        accept=kinds.TABLES,
        group="survey",
        label=_("Berkas ekspor"),
        help_text=lazy(_upload_help, str)(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, forms_available: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["form"]).choices = [
            (value, label) for value, label in SurveyForm.choices if value in forms_available
        ]
        bootstrapify(self)
        self.fields["mode"].widget.attrs["class"] = "form-check-input"
