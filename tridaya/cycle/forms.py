from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.forms import bootstrapify
from tridaya.core.uploads import kinds
from tridaya.core.uploads.fields import UploadField
from tridaya.cycle.models import AttendanceMode, MeetingKind, Program, Step
from tridaya.cycle.services import AttendeeInput, MeetingInput
from tridaya.institutions.models import Election


class MeetingChoiceField(forms.ModelChoiceField):
    """A choice of the village's meetings, shown by title and date (later apps link their
    records to a meeting with it)."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.display_title} ({obj.held_on:%d-%m-%Y})"


class EnrolForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis pertemuan"), choices=MeetingKind.choices)
    step = forms.ModelChoiceField(
        label=_("Untuk langkah"),
        queryset=Step.objects.none(),
        required=False,
        help_text=_("Pertemuan yang menjadi syarat sebuah langkah harus dikaitkan ke langkah itu."),
    )
    title = forms.CharField(label=_("Judul (boleh kosong)"), max_length=200, required=False)
    number = forms.CharField(label=_("Nomor berita acara"), max_length=80, required=False)
    held_on = forms.DateField(
        label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Jam mulai"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Tempat"), max_length=200)
    facilitator = forms.CharField(label=_("Fasilitator / pemandu"), max_length=120, required=False)
    agenda = forms.CharField(
        label=_("Agenda"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    attendance_mode = forms.ChoiceField(
        label=_("Cara mencatat kehadiran"),
        choices=AttendanceMode.choices,
        initial=AttendanceMode.COUNTS,
        widget=forms.RadioSelect,
    )
    men = forms.IntegerField(label=_("Laki-laki"), min_value=0, initial=0, required=False)
    women = forms.IntegerField(label=_("Perempuan"), min_value=0, initial=0, required=False)
    poor = forms.IntegerField(
        label=_("Di antaranya warga miskin (MBR)"), min_value=0, initial=0, required=False
    )
    disabled = forms.IntegerField(
        label=_("Di antaranya penyandang disabilitas"), min_value=0, initial=0, required=False
    )
    decisions = forms.CharField(
        label=_("Keputusan (satu per baris)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, steps=None, **kwargs):
        super().__init__(*args, **kwargs)
        if steps is not None:
            self.fields["step"].queryset = steps
        bootstrapify(self)
        self.fields["attendance_mode"].widget.attrs["class"] = "form-check-input"

    def to_input(self, attendees: list[AttendeeInput]) -> MeetingInput:
        data = self.cleaned_data
        return MeetingInput(
            kind=data["kind"],
            agenda=data["agenda"],
            held_on=data["held_on"],
            place=data["place"],
            title=data["title"],
            number=data["number"],
            start_time=data["start_time"],
            facilitator=data["facilitator"],
            attendance_mode=data["attendance_mode"],
            men=data["men"] or 0,
            women=data["women"] or 0,
            poor=data["poor"] or 0,
            disabled=data["disabled"] or 0,
            decisions=tuple(data["decisions"].splitlines()),
            attendees=tuple(attendees),
        )


class AttendeeForm(forms.Form):
    """One participant row. `person` is set when the name was picked from the village register."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Nama peserta"), max_length=120, required=False)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), choices=[("", _("L/P?")), *Sex.choices], required=False
    )
    is_poor = forms.BooleanField(label=_("Warga miskin"), required=False)
    disabled = forms.BooleanField(label=_("Disabilitas"), required=False)
    role = forms.CharField(label=_("Unsur / peran"), max_length=80, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["name"].widget.attrs["placeholder"] = _("Nama peserta")
        self.fields["role"].widget.attrs["placeholder"] = _("mis. Ketua RT 02, kader")

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("sex"):
            self.add_error("sex", _("Pilih jenis kelamin peserta ini."))
        return data


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=3)


def attendees_from(formset) -> list[AttendeeInput]:
    return [
        AttendeeInput(
            name=f.cleaned_data["name"],
            sex=f.cleaned_data["sex"],
            is_poor=f.cleaned_data["is_poor"],
            disabled=f.cleaned_data["disabled"],
            role=f.cleaned_data["role"],
            person_id=f.cleaned_data.get("person"),
        )
        for f in formset.forms
        if f.cleaned_data.get("name")
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tertulis"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=20,
        help_text=_("Paling sedikit 20 huruf; alasan ini tercatat dan tampil di langkah."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class DocumentForm(forms.Form):
    kind = forms.CharField(label=_("Jenis dokumen"), max_length=60)
    title = forms.CharField(label=_("Judul"), max_length=200)
    file = UploadField(accept=kinds.DOCUMENTS, group="document", label=_("Berkas"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PhotoForm(forms.Form):
    image = UploadField(label=_("Foto"))
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ElectionLinkForm(forms.Form):
    election = forms.ModelChoiceField(label=_("Pemilihan BKM"), queryset=Election.objects.none())

    def __init__(self, *args, elections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections
        bootstrapify(self)
