"""Form fields of the complaint pages (values only; the rules live in services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.uploads.fields import UploadField
from tridaya.oversight.models import Kind, Klass, LinkType, Scope, StepKind


class MultiPhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiPhotoField(UploadField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultiPhotoField, self).clean(f, initial) for f in files]


class ComplaintForm(forms.Form):
    text = forms.CharField(
        label=_("Isi pengaduan"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    name = forms.CharField(label=_("Nama (boleh dikosongkan)"), required=False, max_length=120)
    contact = forms.CharField(
        label=_("No. HP atau email (boleh dikosongkan, tidak pernah ditampilkan)"),
        required=False,
        max_length=120,
    )
    photos = MultiPhotoField(
        label=_("Foto (paling banyak 3)"),
        required=False,
        widget=MultiPhotoInput(attrs={"accept": "image/*"}),
    )
    latitude = forms.DecimalField(
        label=_("Lintang"), required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        label=_("Bujur"), required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput
    )
    # Honeypot: hidden from people, filled by bots. A filled one writes nothing.
    website = forms.CharField(required=False, label=_("Jangan diisi"))


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Kode lacak"), max_length=20)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Mengapa dibuka kembali?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ClassifyForm(forms.Form):
    klass = forms.ChoiceField(label=_("Kelas"), choices=Klass.choices)
    kind = forms.ChoiceField(
        label=_("Jenis informatif"), choices=[("", "—"), *Kind.choices], required=False
    )
    scope = forms.ChoiceField(label=_("Lingkup"), choices=Scope.choices)
    field = forms.ChoiceField(label=_("Bidang"), choices=TridayaDomain.choices)
    link_type = forms.ChoiceField(
        label=_("Terkait dengan"), choices=LinkType.choices, required=False
    )
    link_id = forms.IntegerField(label=_("Nomor yang terkait"), required=False, min_value=1)


class LogForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Langkah"),
        choices=[(k.value, k.label) for k in (StepKind.VERIFIED, StepKind.ACTION, StepKind.ANSWER)],
    )
    note = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}))
    public = forms.BooleanField(label=_("Tampil untuk pengadu"), required=False, initial=True)


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("Alasan dinaikkan"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hasil"), choices=[("selesai", _("Selesai")), ("ditolak", _("Ditolak"))]
    )
    note = forms.CharField(
        label=_("Penyelesaian / alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3})
    )


class MonitoringForm(forms.Form):
    observed_on = forms.DateField(
        label=_("Tanggal pengamatan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    work_happening = forms.BooleanField(label=_("Pekerjaan sedang berjalan"), required=False)
    materials_as_planned = forms.BooleanField(label=_("Bahan sesuai rencana"), required=False)
    signboard_up = forms.BooleanField(label=_("Papan informasi terpasang"), required=False)
    problem = forms.BooleanField(label=_("Ada masalah (akan menjadi pengaduan)"), required=False)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = UploadField(
        label=_("Foto"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
