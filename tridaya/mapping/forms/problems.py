"""Form fields of problems and potentials (values only: the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.forms import GeoJSONField, bootstrapify
from tridaya.core.uploads.fields import UploadField
from tridaya.cycle.forms import MeetingChoiceField
from tridaya.cycle.models import Meeting
from tridaya.mapping.forms.layers import GisUploadMixin
from tridaya.mapping.models import (
    SECTOR_DOMAINS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    ProblemKind,
    ProblemStatus,
    Sector,
)
from tridaya.mapping.selectors.problems import rt_label
from tridaya.regions.models import RT

SEVERITY_CHOICES = [
    (1, _("1 - ringan")),
    (2, _("2 - agak berat")),
    (3, _("3 - sedang")),
    (4, _("4 - berat")),
    (5, _("5 - sangat berat / sangat penting")),
]


class RTChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return rt_label(obj)


class SectorSelect(forms.Select):
    """Each sector option says which domains it belongs to, so the page offers only the chosen
    domain's sectors."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        domains = [d for d, sectors in SECTOR_DOMAINS.items() if value in sectors]
        option["attrs"]["data-domains"] = " ".join(domains)
        return option


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ProblemKind.choices)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    sector = forms.ChoiceField(
        label=_("Sektor / aspek kumuh"), choices=Sector.choices, widget=SectorSelect
    )
    title = forms.CharField(label=_("Judul singkat"), max_length=200)
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    severity = forms.TypedChoiceField(
        label=_("Tingkat keparahan / kepentingan"),
        choices=SEVERITY_CHOICES,
        coerce=int,
        initial=3,
    )
    households_affected = forms.IntegerField(
        label=_("KK terdampak"), min_value=0, initial=0, required=False
    )
    poor_households_affected = forms.IntegerField(
        label=_("Di antaranya KK miskin"), min_value=0, initial=0, required=False
    )
    rt = RTChoiceField(
        label=_("RT"),
        queryset=RT.objects.none(),
        required=False,
        empty_label=_("Otomatis dari lokasi"),
    )
    meeting = MeetingChoiceField(
        label=_("Dari pertemuan (boleh kosong)"), queryset=Meeting.objects.none(), required=False
    )
    reported_on = forms.DateField(
        label=_("Tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    geometry = GeoJSONField(
        label=_("Lokasi (GeoJSON)"),
        required=True,
        help_text=_(
            "Terisi sendiri saat Anda menggambar di peta. Boleh juga tempel GeoJSON (WGS84)."
        ),
    )

    def __init__(self, *args, village, with_photo=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_photo:
            self.fields["photo"] = UploadField(
                label=_("Foto (boleh kosong)"),
                required=False,
                help_text=_("JPEG atau PNG, paling besar 10 MB. Foto lain bisa ditambah nanti."),
            )
            self.fields["photo_caption"] = forms.CharField(
                label=_("Keterangan foto"), max_length=200, required=False
            )
        self.fields["rt"].queryset = (
            RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
        )
        self.fields["meeting"].queryset = Meeting.objects.filter(village=village).order_by(
            "-held_on", "-id"
        )
        bootstrapify(self)
        self.fields["geometry"].widget.attrs.update({"rows": 3, "data-draw-target": "1"})

    def clean(self):
        data = super().clean()
        data["households_affected"] = data.get("households_affected") or 0
        data["poor_households_affected"] = data.get("poor_households_affected") or 0
        domain, sector = data.get("domain"), data.get("sector")
        if domain and sector and sector not in SECTOR_DOMAINS.get(domain, ()):
            self.add_error(
                "sector",
                _("Sektor '%(sector)s' bukan bagian daya %(domain)s; pilih sektor dari daftarnya.")
                % {"sector": Sector(sector).label, "domain": TridayaDomain(domain).label},
            )
        if data["poor_households_affected"] > data["households_affected"]:
            self.add_error(
                "poor_households_affected",
                _("KK miskin terdampak tidak boleh lebih dari KK terdampak."),
            )
        return data


class ProblemFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"), choices=[("", _("Semua jenis")), *ProblemKind.choices], required=False
    )
    domain = forms.ChoiceField(
        label=_("Daya"), choices=[("", _("Semua daya")), *TridayaDomain.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sektor / aspek"),
        choices=[("", _("Semua sektor")), *Sector.choices],
        required=False,
    )
    rt = RTChoiceField(
        label=_("RT"), queryset=RT.objects.none(), required=False, empty_label=_("Semua RT")
    )
    severity_min = forms.TypedChoiceField(
        label=_("Keparahan paling rendah"),
        choices=[("", _("Semua")), *[(n, f"≥ {n}") for n in range(SEVERITY_MIN, SEVERITY_MAX + 1)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua status")), *ProblemStatus.choices],
        required=False,
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rt"].queryset = (
            RT.objects.filter(village=village).select_related("rw").order_by("rw__number", "number")
        )
        bootstrapify(self)
        for field in self.fields.values():
            field.widget.attrs["class"] += " form-select-sm"


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=ProblemStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PhotoForm(forms.Form):
    image = UploadField(
        label=_("Foto"),
        help_text=_("JPEG atau PNG, paling besar 10 MB. Waktu dan lokasi dibaca dari foto."),
    )
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png"


class ProblemImportForm(GisUploadMixin):
    kind = forms.ChoiceField(
        label=_("Jenis bila berkas tidak menyebut"),
        choices=[("", "-"), *ProblemKind.choices],
        required=False,
    )
    domain = forms.ChoiceField(
        label=_("Daya bila berkas tidak menyebut"),
        choices=[("", "-"), *TridayaDomain.choices],
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sektor bila berkas tidak menyebut"),
        choices=[("", "-"), *Sector.choices],
        required=False,
    )
    severity = forms.TypedChoiceField(
        label=_("Keparahan bila berkas tidak menyebut"),
        choices=[("", "-"), *SEVERITY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)

    def defaults(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("kind", "domain", "sector", "severity") if data.get(k)}
