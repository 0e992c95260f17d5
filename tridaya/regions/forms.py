from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import GeoJSONField, bootstrapify
from tridaya.core.geo import AREAL
from tridaya.regions.models import RW, VillageProfile


class ProfileForm(forms.ModelForm):
    boundary = GeoJSONField(label=_("Batas kelurahan/desa (GeoJSON)"), allowed=AREAL)

    class Meta:
        model = VillageProfile
        fields = [
            "population",
            "households",
            "poor_households",
            "area_ha",
            "latitude",
            "longitude",
            "boundary",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RWForm(forms.Form):
    number = forms.IntegerField(label=_("Nomor RW"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Nama / dusun"), max_length=100, required=False)
    boundary = GeoJSONField(label=_("Batas RW (GeoJSON)"), allowed=AREAL)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RTForm(forms.Form):
    rw = forms.ModelChoiceField(label=_("RW"), queryset=RW.objects.none())
    number = forms.IntegerField(label=_("Nomor RT"), min_value=1, max_value=999)
    boundary = GeoJSONField(label=_("Batas RT (GeoJSON)"), allowed=AREAL)

    def __init__(self, *args, rws, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rw"].queryset = rws
        bootstrapify(self)
