"""Form fields of the training pages (values only; the rules are in the services)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import Sex
from tridaya.core.formats import group_thousands
from tridaya.core.forms import bootstrapify
from tridaya.core.money import parse_rupiah
from tridaya.core.reasons import MIN_REASON_LENGTH
from tridaya.institutions.models import Person
from tridaya.training.models import (
    CAPACITY_GROUPS,
    ActorGroup,
    Curriculum,
    FollowUpStatus,
    Module,
)
from tridaya.training.services.sessions import SessionInput
from tridaya.training.services.trainings import TrainingInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RupiahField(forms.CharField):
    """Whole rupiah as people type it: 'Rp 1.250.000', '1250000'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return 0
        amount = parse_rupiah(value)
        if amount < 0:
            raise forms.ValidationError(_("Biaya tidak boleh negatif."))
        return amount

    def prepare_value(self, value):
        if isinstance(value, int):
            return group_thousands(value)
        return value


def group_choices(*, capacity_only: bool = False) -> list[tuple[str, str]]:
    values = CAPACITY_GROUPS if capacity_only else ActorGroup.values
    return [(v, str(ActorGroup(v).label)) for v in values]


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Judul pelatihan"), max_length=200)
    curriculum = forms.ModelChoiceField(label=_("Kurikulum"), queryset=Curriculum.objects.none())
    modules = forms.MultipleChoiceField(
        label=_("Modul yang dilatihkan"), widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Kelompok sasaran"), widget=forms.CheckboxSelectMultiple, required=False
    )
    starts_on = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Tanggal selesai"), widget=DATE)
    place = forms.CharField(label=_("Tempat"), max_length=200)
    organiser = forms.CharField(label=_("Penyelenggara"), max_length=200, required=False)
    cost_program = RupiahField(label=_("Biaya dari program (Rp)"))
    cost_swadaya = RupiahField(label=_("Biaya swadaya (Rp)"))
    signer_title = forms.CharField(
        label=_("Jabatan penanda tangan sertifikat"),
        max_length=120,
        required=False,
        help_text=_("Misalnya: Koordinator BKM Bajur Bersatu."),
    )
    signer_name = forms.CharField(label=_("Nama penanda tangan"), max_length=120, required=False)
    cosigner_title = forms.CharField(
        label=_("Jabatan penanda tangan kedua"),
        max_length=120,
        required=False,
        help_text=_("Misalnya: Fasilitator Kelurahan. Kosongkan bila hanya satu."),
    )
    cosigner_name = forms.CharField(
        label=_("Nama penanda tangan kedua"), max_length=120, required=False
    )
    notes = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    plan_sessions = forms.BooleanField(
        label=_("Buat satu sesi untuk setiap modul (jadwal bisa diubah sesudahnya)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, curricula: list[Curriculum], editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = cast(forms.ModelChoiceField, self.fields["curriculum"])
        chosen.queryset = Curriculum.objects.filter(pk__in=[c.pk for c in curricula])
        cast(forms.ChoiceField, self.fields["modules"]).choices = [
            (m.code, f"{m.title} ({m.jpl} JPL)")
            for c in curricula
            for m in c.module_list  # type: ignore[attr-defined]
        ]
        cast(forms.ChoiceField, self.fields["target_groups"]).choices = group_choices(
            capacity_only=True
        )
        if editing:
            del self.fields["curriculum"]
            del self.fields["plan_sessions"]
        elif len(curricula) == 1:
            self.fields["curriculum"].initial = curricula[0].pk
        bootstrapify(self)
        for name in ("modules", "target_groups"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def to_input(self) -> TrainingInput:
        data = self.cleaned_data
        return TrainingInput(
            title=data["title"],
            place=data["place"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            module_codes=tuple(data["modules"]),
            organiser=data["organiser"],
            target_groups=tuple(data["target_groups"]),
            cost_program=data["cost_program"],
            cost_swadaya=data["cost_swadaya"],
            notes=data["notes"],
            signer_title=data["signer_title"],
            signer_name=data["signer_name"],
            cosigner_title=data["cosigner_title"],
            cosigner_name=data["cosigner_name"],
        )


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    start_time = forms.TimeField(label=_("Jam mulai"), widget=TIME, required=False)
    end_time = forms.TimeField(label=_("Jam selesai"), widget=TIME, required=False)
    module = forms.ModelChoiceField(
        label=_("Modul"),
        queryset=Module.objects.none(),
        required=False,
        empty_label=_("(sesi umum: pembukaan, RKTL, penutupan)"),
    )
    title = forms.CharField(
        label=_("Judul sesi (boleh kosong)"),
        max_length=200,
        required=False,
        help_text=_("Bila kosong, judul modul yang dipakai."),
    )
    trainers = forms.CharField(label=_("Pelatih / narasumber"), max_length=300, required=False)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        bootstrapify(self)

    def to_input(self) -> SessionInput:
        data = self.cleaned_data
        return SessionInput(
            date=data["date"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            module=data["module"],
            title=data["title"],
            trainers=data["trainers"],
        )


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=120)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    group = forms.ChoiceField(label=_("Unsur"), choices=group_choices())
    position = forms.CharField(
        label=_("Jabatan / asal"),
        max_length=120,
        required=False,
        help_text=_("Misalnya: Sekretaris Desa, Kasi PMD Kecamatan."),
    )
    village = forms.ChoiceField(label=_("Asal kelurahan/desa"), required=False)
    is_poor = forms.BooleanField(label=_("Warga miskin (MBR)"), required=False)

    def __init__(self, *args, villages: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if villages is None:
            del self.fields["village"]
        else:
            village = cast(forms.ChoiceField, self.fields["village"])
            village.choices = [("", _("(tidak dari desa)"))] + [(v.code, str(v)) for v in villages]
        bootstrapify(self)


class PersonPickForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Warga"), queryset=Person.objects.none())
    group = forms.ChoiceField(label=_("Unsur"), choices=group_choices())
    position = forms.CharField(label=_("Jabatan"), max_length=120, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        bootstrapify(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan tertulis"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=MIN_REASON_LENGTH,
        help_text=_("Paling sedikit 20 huruf; alasan ini tercatat dalam riwayat."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class FollowUpForm(forms.Form):
    action = forms.CharField(label=_("Kegiatan tindak lanjut"), max_length=300)
    owner = forms.CharField(
        label=_("Penanggung jawab"),
        max_length=150,
        help_text=_("Lembaga atau orang, misalnya: UPK, atau BKM (Koordinator)."),
    )
    due_on = forms.DateField(label=_("Batas waktu"), widget=DATE)
    status = forms.ChoiceField(
        label=_("Status"), choices=FollowUpStatus.choices, initial=FollowUpStatus.PLANNED
    )
    note = forms.CharField(label=_("Catatan kemajuan"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class VerifyForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=40,
        help_text=_("Tertulis di bagian bawah sertifikat, misalnya 7K2M-QX4P-9DRT."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["kode"].widget.attrs.update(
            {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        )
