from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.works.models import PackageStatus


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


SLOTS = [("", _("Bukan slot bukti")), ("0", "0%"), ("50", "50%"), ("100", "100%")]


class ProgressForm(_Styled):
    date = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    percent = forms.DecimalField(
        label=_("Progres fisik (%)"), min_value=0, max_value=100, decimal_places=2
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = forms.FileField(
        label=_("Foto (dengan lokasi dan waktu)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg"}),
    )
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    submit = forms.BooleanField(label=_("Langsung ajukan ke fasilitator"), required=False)


class PhotoForm(_Styled):
    photo = forms.FileField(
        label=_("Foto (dengan lokasi dan waktu)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg"}),
    )
    slot = forms.ChoiceField(label=_("Slot bukti"), choices=SLOTS, required=False)
    caption = forms.CharField(label=_("Keterangan"), required=False, max_length=200)


class ReturnForm(_Styled):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua"))] + list(PackageStatus.choices), required=False
    )


class PackageForm(_Styled):
    activity = forms.TypedChoiceField(label=_("Kegiatan RTPLP yang sudah disahkan"), coerce=int)
    ksm = forms.TypedChoiceField(
        label=_("KSM pelaksana"), coerce=int, required=False, empty_value=None
    )
    builder_name = forms.CharField(
        label=_("Atau panitia pelaksana"), required=False, max_length=150
    )
    starts_on = forms.DateField(
        label=_("Rencana mulai"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Rencana selesai"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, activities=(), ksms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(a.pk, a.name) for a in activities]
        self.fields["ksm"].choices = [("", "-")] + [(k.pk, k.name) for k in ksms]
