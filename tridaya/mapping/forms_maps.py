"""Form fields of problems and potentials, layers, and RT profiles with slum volumes (values
only: the rules live in the services)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import GeoJSONField, bootstrapify
from tridaya.cycle.models import Meeting
from tridaya.mapping.gis_formats import format_of
from tridaya.mapping.models import (
    SEVERITY_MAX,
    SEVERITY_MIN,
    LayerKind,
    ProblemKind,
    ProblemStatus,
    Sector,
    TridayaDomain,
)
from tridaya.mapping.scoring import DENOMINATOR_LABELS, CriteriaSet
from tridaya.regions.models import RT

MAX_UPLOAD_BYTES = 50 * 1024 * 1024

SEVERITY_CHOICES = [
    (1, _("1 - ringan")),
    (2, _("2 - agak berat")),
    (3, _("3 - sedang")),
    (4, _("4 - berat")),
    (5, _("5 - sangat berat / sangat penting")),
]


def crs_choices() -> list[tuple[str, str]]:
    """WGS84 and the UTM zones Indonesia spans (46-54, north and south of the equator)."""
    choices = [("", _("Otomatis: dari berkas, atau WGS84")), ("4326", "WGS84 (EPSG:4326)")]
    for zone in range(46, 55):
        choices.append((str(32700 + zone), f"WGS84 / UTM {zone}S (EPSG:{32700 + zone})"))
    for zone in range(46, 55):
        choices.append((str(32600 + zone), f"WGS84 / UTM {zone}N (EPSG:{32600 + zone})"))
    return choices


class CommaDecimalField(forms.DecimalField):
    """Takes '12,5' as well as '12.5' (people type the Indonesian decimal comma)."""

    def to_python(self, value):
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


def rt_choices_label(rt: RT) -> str:
    return f"RT {rt.number:02d} / RW {rt.rw.number:02d}"


class RTChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return rt_choices_label(obj)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_title} ({obj.held_on:%d-%m-%Y})"


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=ProblemKind.choices)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    sector = forms.ChoiceField(label=_("Sektor / aspek kumuh"), choices=Sector.choices)
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

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
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
    image = forms.ImageField(
        label=_("Foto"),
        help_text=_("JPEG atau PNG, paling besar 10 MB. Waktu dan lokasi dibaca dari foto."),
    )
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png"


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


class RTProfileForm(forms.Form):
    """The RT's verified figures and, per criterion of the set, its volume and handled volume."""

    area_ha = CommaDecimalField(
        label=_("Luas terverifikasi (ha)"), min_value=Decimal(0), max_digits=10, decimal_places=2
    )
    buildings = forms.IntegerField(label=_("Jumlah bangunan"), min_value=0)
    population = forms.IntegerField(label=_("Jumlah penduduk"), min_value=0)
    households = forms.IntegerField(label=_("Jumlah KK"), min_value=0)
    road_length_m = CommaDecimalField(
        label=_("Panjang jalan ideal (m)"), min_value=Decimal(0), max_digits=10, decimal_places=1
    )
    drainage_length_m = CommaDecimalField(
        label=_("Panjang drainase ideal (m)"),
        min_value=Decimal(0),
        max_digits=10,
        decimal_places=1,
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
                max_digits=12,
                decimal_places=2,
                help_text=_("dibagi %(denominator)s") % {"denominator": denominator},
            )
            self.fields[f"handled_{criterion.code}"] = CommaDecimalField(
                label=_("%(code)s tertangani (%(unit)s)")
                % {"code": criterion.code, "unit": criterion.unit},
                required=False,
                max_digits=12,
                decimal_places=2,
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
    file = forms.FileField(
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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih besar dari 50 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Unggah berkas .xlsx atau .csv."))
        return upload
