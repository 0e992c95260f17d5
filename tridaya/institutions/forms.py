"""Forms of the institutions pages: they check values only; the rules (a KSM has at least three
members, a BKM member declares not to belong to a party, ...) live in models and services."""

from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import bootstrapify
from tridaya.institutions.models import (
    BKMPosition,
    Person,
    SlumAspect,
    TIPPGroup,
    UPKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSONAL_FIELDS = (
    "nik",
    "phone",
    "birth_year",
    "education",
    "is_poor",
    "disability",
    "disability_note",
)


def person_label(person: Person) -> str:
    """'Baiq Nurhasanah (P, pedagang)': enough to tell namesakes apart, no personal data."""
    details = ", ".join(part for part in (person.sex, person.occupation) if part)
    return f"{person.name} ({details})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple(attrs={"class": "people-picker"})

    def label_from_instance(self, obj) -> str:
        return person_label(obj)


class VillageForm(forms.Form):
    """A form whose pickers offer only the village's own people (and institutions)."""

    def __init__(self, *args, people: QuerySet[Person], **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, PersonChoiceField | PeopleChoiceField):
                field.queryset = people
        bootstrapify(self)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "sex",
            "birth_year",
            "education",
            "occupation",
            "is_poor",
            "disability",
            "disability_note",
            "phone",
            "nik",
        ]
        widgets = {
            "nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
            "birth_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, personal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not personal:
            # Someone who may not see personal data neither sees nor changes it.
            for name in PERSONAL_FIELDS:
                del self.fields[name]
        bootstrapify(self)


class BKMForm(forms.Form):
    name = forms.CharField(label=_("Nama BKM"), max_length=150)
    established_on = forms.DateField(label=_("Tanggal berdiri"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class BKMMemberForm(VillageForm):
    person = PersonChoiceField(label=_("Warga"), queryset=Person.objects.none())
    position = forms.ChoiceField(label=_("Jabatan"), choices=BKMPosition.choices)
    term_start = forms.DateField(label=_("Awal masa bakti"), widget=DATE)
    term_end = forms.DateField(
        label=_("Akhir masa bakti"),
        required=False,
        widget=DATE,
        help_text=_("Kosongkan untuk masa bakti 3 tahun."),
    )
    no_party_declaration = forms.BooleanField(
        label=_("Sudah menandatangani pernyataan bukan anggota partai politik"), required=False
    )
    declaration_date = forms.DateField(
        label=_("Tanggal pernyataan"), widget=DATE, initial=timezone.localdate
    )


class ElectionForm(forms.Form):
    held_on = forms.DateField(label=_("Tanggal pemilihan"), widget=DATE)
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class CandidateForm(VillageForm):
    person = PersonChoiceField(label=_("Calon"), queryset=Person.objects.none(), required=False)
    votes = forms.IntegerField(label=_("Suara"), min_value=0, required=False)
    elected = forms.BooleanField(label=_("Terpilih"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("person") is None and (data.get("votes") or data.get("elected")):
            self.add_error("person", _("Pilih calonnya, atau kosongkan baris ini."))
        if data.get("person") is not None and data.get("votes") is None:
            self.add_error("votes", _("Isi jumlah suara (boleh 0)."))
        return data


class BaseCandidateFormSet(forms.BaseFormSet):
    def __init__(self, *args, people: QuerySet[Person], **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "people": self.people}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            people=self.people,
        )
        self.add_fields(form, None)
        return form


def candidate_formset(rows: int) -> type[BaseCandidateFormSet]:
    """A formset of `rows` blank candidate rows; blank rows are ignored."""
    formset = forms.formset_factory(
        CandidateForm, formset=BaseCandidateFormSet, extra=rows, max_num=200
    )
    return cast(type[BaseCandidateFormSet], formset)


class UPUnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Unit"), choices=UPKind.choices)
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class UPStaffForm(VillageForm):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    person = PersonChoiceField(label=_("Warga"), queryset=Person.objects.none())
    position = forms.CharField(
        label=_("Jabatan"), max_length=100, help_text=_("Misalnya manajer, kasir, pembukuan.")
    )
    since = forms.DateField(label=_("Sejak"), required=False, widget=DATE)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class TIPPForm(forms.Form):
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), required=False, widget=DATE)
    confirmed_by_bkm_on = forms.DateField(
        label=_("Dikukuhkan BKM pada"), required=False, widget=DATE
    )
    confirmed_by_lurah_on = forms.DateField(
        label=_("Dikukuhkan Lurah/Kepala Desa pada"), required=False, widget=DATE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class TIPPMemberForm(VillageForm):
    person = PersonChoiceField(label=_("Warga"), queryset=Person.objects.none())
    group = forms.ChoiceField(label=_("Unsur"), choices=TIPPGroup.choices)
    role = forms.CharField(
        label=_("Peran dalam tim"),
        max_length=100,
        required=False,
        help_text=_("Misalnya ketua, sekretaris, anggota."),
    )


class PokjaForm(forms.Form):
    name = forms.CharField(label=_("Nama pokja"), max_length=150)
    aspect = forms.ChoiceField(label=_("Aspek/tema"), choices=SlumAspect.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PokjaMemberForm(VillageForm):
    pokja: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Pokja"), queryset=None)
    person = PersonChoiceField(label=_("Relawan"), queryset=Person.objects.none())
    role = forms.CharField(label=_("Peran"), max_length=100, required=False)

    def __init__(self, *args, pokjas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pokja"].queryset = pokjas


class KSMForm(VillageForm):
    name = forms.CharField(label=_("Nama KSM"), max_length=150)
    activity = forms.CharField(
        label=_("Kegiatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), required=False, widget=DATE)
    members = PeopleChoiceField(
        label=_("Anggota"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Pilih sedikitnya 3 warga."),
    )
    leader = PersonChoiceField(
        label=_("Ketua"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Harus salah satu anggota yang dipilih."),
    )


class KSMEditForm(VillageForm):
    name = forms.CharField(label=_("Nama KSM"), max_length=150)
    activity = forms.CharField(
        label=_("Kegiatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), required=False, widget=DATE)
    leader = PersonChoiceField(label=_("Ketua"), queryset=Person.objects.none(), required=False)


class KSMMemberForm(VillageForm):
    ksm: forms.ModelChoiceField = forms.ModelChoiceField(label=_("KSM"), queryset=None)
    person = PersonChoiceField(label=_("Warga"), queryset=Person.objects.none())

    def __init__(self, *args, ksms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ksm"].queryset = ksms


class KPPForm(VillageForm):
    name = forms.CharField(label=_("Nama KPP"), max_length=150)
    assets = forms.CharField(
        label=_("Aset yang dikelola"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    formed_on = forms.DateField(label=_("Tanggal dibentuk"), required=False, widget=DATE)
    members = PeopleChoiceField(label=_("Anggota"), queryset=Person.objects.none(), required=False)


class KPPMemberForm(VillageForm):
    kpp: forms.ModelChoiceField = forms.ModelChoiceField(label=_("KPP"), queryset=None)
    person = PersonChoiceField(label=_("Warga"), queryset=Person.objects.none())
    role = forms.CharField(label=_("Peran"), max_length=100, required=False)

    def __init__(self, *args, kpps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpp"].queryset = kpps


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=_("Dasar penghapusan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_(
            "Mis. permintaan tertulis warga (tanggal, nomor surat). Dicatat di riwayat audit; "
            "data yang dihapus tidak dicatat."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
