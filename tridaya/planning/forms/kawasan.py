"""Forms of kawasan prioritas: drawn, imported, criteria, choosing and deriving."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import GeoJSONField, bootstrapify
from tridaya.core.geo import AREAL
from tridaya.core.geo.forms import GisUploadMixin
from tridaya.core.reasons import MIN_REASON_LENGTH
from tridaya.cycle.forms import MeetingChoiceField
from tridaya.planning.models import (
    LandStatus,
    Rating,
    SpatialConformity,
)


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Nama kawasan"), max_length=120)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    geometry = GeoJSONField(
        label=_("Batas kawasan"),
        allowed=AREAL,
        required=True,
        help_text=_(
            "Gambar di peta (ketuk titik-titik batas, lalu Selesai) atau tempel GeoJSON Polygon "
            "(WGS84, bujur-lintang)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class AreaImportForm(GisUploadMixin):
    name_prefix = forms.CharField(
        label=_("Awal nama bila berkas tidak menyebut nama"),
        max_length=80,
        required=False,
        help_text=_("Nama diambil dari atribut 'nama' atau 'name' setiap fitur."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class AreaCriteriaForm(forms.Form):
    slum_rationale = forms.CharField(
        label=_("Kondisi kekumuhan: alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Skor dan kelas kumuh kawasan dihitung dari profil RT di dalamnya."),
    )
    land_status = forms.ChoiceField(
        label=_("Status penguasaan lahan"),
        choices=[("", "-"), *LandStatus.choices],
        required=False,
    )
    spatial_conformity = forms.ChoiceField(
        label=_("Kesesuaian dengan RTRW"),
        choices=[("", "-"), *SpatialConformity.choices],
        required=False,
    )
    land_rationale = forms.CharField(
        label=_("Legalitas lahan: alasan"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    strategic_value = forms.ChoiceField(
        label=_("Nilai strategis lokasi"), choices=[("", "-"), *Rating.choices], required=False
    )
    socio_economic = forms.ChoiceField(
        label=_("Potensi sosial, ekonomi dan budaya"),
        choices=[("", "-"), *Rating.choices],
        required=False,
    )
    other_rationale = forms.CharField(
        label=_("Pertimbangan lain: alasan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Nilai strategis, kependudukan (kepadatan), kondisi sosial ekonomi budaya."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ChooseForm(forms.Form):
    decision_rationale = forms.CharField(
        label=_("Alasan penetapan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=MIN_REASON_LENGTH,
    )
    meeting = MeetingChoiceField(
        label=_("Ditetapkan dalam pertemuan"), queryset=None, required=False
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        bootstrapify(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=MIN_REASON_LENGTH,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class DeriveForm(forms.Form):
    round: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Dari putaran prioritas"), queryset=None
    )
    top = forms.IntegerField(
        label=_("Jumlah masalah teratas"), min_value=1, max_value=20, initial=3
    )
    name = forms.CharField(label=_("Nama kawasan"), max_length=120, required=False)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        bootstrapify(self)
