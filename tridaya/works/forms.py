from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.works.models import PackageStatus

SLOTS = [("", _("Bukan slot bukti")), ("0", "0%"), ("50", "50%"), ("100", "100%")]


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    percent = forms.DecimalField(
        label=_("Progres fisik (%)"), min_value=0, max_value=100, decimal_places=2
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = forms.FileField(label=_("Foto (dengan lokasi dan waktu)"))
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    submit = forms.BooleanField(label=_("Langsung ajukan ke fasilitator"), required=False)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Foto (dengan lokasi dan waktu)"))
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    caption = forms.CharField(label=_("Keterangan"), required=False, max_length=200)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua"))] + list(PackageStatus.choices), required=False
    )
