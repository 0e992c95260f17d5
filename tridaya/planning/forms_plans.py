"""Forms of the RPLP / RTPLP pages: fields and their values only; the rules are in the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tridaya.core.forms import GeoJSONField, bootstrapify
from tridaya.core.money import format_rupiah, parse_rupiah
from tridaya.cycle.models import Meeting, MeetingKind
from tridaya.mapping.models import Problem, Sector, TridayaDomain
from tridaya.planning import safeguards
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.models import AttachmentKind, PlanKind, PriceItem
from tridaya.planning.services_plans import InvestmentInput, ProgramInput, VersionTexts
from tridaya.planning.services_rab import ActivityInput, RABItemInput
from tridaya.regions.models import RT


class RupiahField(forms.CharField):
    """Whole rupiah as people type it: 1250000, 1.250.000, Rp 1.250.000."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return 0
        return parse_rupiah(value)


class VolumeField(forms.DecimalField):
    """A volume as people type it: 1,5 or 1.5 (a comma is the Indonesian decimal mark)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs


def _styled(form: forms.BaseForm) -> None:
    bootstrapify(form)
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "me-2"


class PlanCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis rencana"), choices=PlanKind.choices)
    kawasan = forms.ModelChoiceField(
        label=_("Kawasan prioritas (untuk RTPLP)"), queryset=None, required=False
    )
    start_year = forms.IntegerField(label=_("Tahun pertama"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Judul (boleh kosong)"), max_length=200, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kawasan"].queryset = areas
        _styled(self)

    def clean(self):
        data = super().clean()
        if data.get("kind") == PlanKind.RTPLP and not data.get("kawasan"):
            self.add_error("kawasan", _("Pilih kawasan prioritas yang dirinci RTPLP ini."))
        return data


class VersionTextsForm(forms.Form):
    start_year = forms.IntegerField(label=_("Tahun pertama"), min_value=2000, max_value=2100)
    vision = forms.CharField(
        label=_("Visi"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    mission = forms.CharField(
        label=_("Misi (satu per baris)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    concept = forms.CharField(
        label=_("Konsep penataan"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    community_rules = forms.CharField(
        label=_("Aturan bersama (satu per baris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    env_social_notes = forms.CharField(
        label=_("Rencana pengelolaan lingkungan dan sosial"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, section_fields: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = [key for key, _title in section_fields]
        for key, title in section_fields:
            self.fields[f"section_{key}"] = forms.CharField(
                label=title, required=False, widget=forms.Textarea(attrs={"rows": 5})
            )
        _styled(self)

    def to_input(self) -> VersionTexts:
        d = self.cleaned_data
        return VersionTexts(
            vision=d["vision"],
            mission=d["mission"],
            concept=d["concept"],
            community_rules=d["community_rules"],
            env_social_notes=d["env_social_notes"],
            start_year=d["start_year"],
            sections={key: d.get(f"section_{key}", "") for key in self.section_keys},
        )


class ProgramForm(forms.Form):
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    name = forms.CharField(label=_("Nama program"), max_length=200)
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    years = forms.TypedMultipleChoiceField(
        label=_("Tahun pelaksanaan"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Masalah yang dijawab"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("KK dan KK miskin yang dijangkau dihitung dari masalah ini."),
    )

    def __init__(self, *args, years: list[int], problems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["years"].choices = [(y, str(y)) for y in years]
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = lambda p: _problem_label(p)
        _styled(self)

    def to_input(self) -> ProgramInput:
        d = self.cleaned_data
        return ProgramInput(
            domain=d["domain"],
            name=d["name"],
            description=d["description"],
            years=tuple(d["years"]),
            problem_ids=tuple(p.pk for p in d["problems"]),
        )


def _problem_label(problem: Problem) -> str:
    return _("%(title)s (%(households)s KK, %(poor)s KK miskin)") % {
        "title": problem.title,
        "households": problem.households_affected,
        "poor": problem.poor_households_affected,
    }


class FundingMixin:
    """One rupiah field per funding source, named fund_<source>."""

    funding_sources: list[FundingSource] = list(FundingSource)

    def add_funding_fields(self, sources) -> None:
        for source in sources:
            self.fields[FUNDING_FIELDS[source.value]] = RupiahField(label=source.label)

    def funding(self) -> dict[str, int]:
        return {
            source: self.cleaned_data.get(name) or 0
            for source, name in FUNDING_FIELDS.items()
            if name in self.cleaned_data
        }


BENEFICIARY_FIELDS = ("people", "women", "mbr", "households", "poor_households")
BENEFICIARY_LABELS = {
    "people": _("Penerima manfaat (jiwa)"),
    "women": _("Perempuan (jiwa)"),
    "mbr": _("MBR (jiwa)"),
    "households": _("KK"),
    "poor_households": _("KK miskin"),
}


class InvestmentRowForm(FundingMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, required=False)
    component = forms.CharField(label=_("Komponen"), max_length=200)
    detail = forms.CharField(label=_("Rincian"), max_length=300, required=False)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    rt = forms.ModelChoiceField(label=_("RT"), queryset=RT.objects.none(), required=False)
    quantity = forms.IntegerField(label=_("Jumlah unit"), min_value=1, initial=1)
    volume = VolumeField(label=_("Volume"))
    unit = forms.CharField(label=_("Satuan"), max_length=30)
    unit_cost = RupiahField(label=_("Biaya satuan (Rp)"), required=True)

    def __init__(self, *args, years, programs, rts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["program"].queryset = programs
        self.fields["rt"].queryset = rts
        self.add_funding_fields(list(FundingSource))
        for name in BENEFICIARY_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=BENEFICIARY_LABELS[name], min_value=0, initial=0, required=False
            )
        _styled(self)

    def to_input(self) -> InvestmentInput:
        d = self.cleaned_data
        return InvestmentInput(
            year=d["year"],
            domain=d["domain"],
            component=d["component"],
            volume=d["volume"],
            unit=d["unit"],
            unit_cost=d["unit_cost"],
            funding=self.funding(),
            detail=d["detail"],
            location=d["location"],
            rt_id=d["rt"].pk if d["rt"] else None,
            program_id=d["program"].pk if d["program"] else None,
            quantity=d["quantity"],
            **{name: d.get(name) or 0 for name in BENEFICIARY_FIELDS},
        )


class ActivityForm(FundingMixin, forms.Form):
    name = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    sector = forms.ChoiceField(
        label=_("Sektor / aspek kumuh"), choices=Sector.choices, initial=Sector.DRAINAGE
    )
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    rt = forms.ModelChoiceField(label=_("RT"), queryset=RT.objects.none(), required=False)
    geometry = GeoJSONField(label=_("Lokasi di peta (GeoJSON)"))
    volume = VolumeField(label=_("Volume"), initial=1)
    unit = forms.CharField(label=_("Satuan"), max_length=30, initial="paket")
    starts_on = forms.DateField(
        label=_("Mulai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=_("Selesai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    problems = forms.ModelMultipleChoiceField(
        label=_("Masalah yang dijawab"),
        queryset=Problem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rplp_row = forms.ModelChoiceField(
        label=_("Merinci baris rencana investasi RPLP"), queryset=None, required=False
    )
    main_source = forms.ChoiceField(
        label=_("Sumber dana utama"),
        choices=FundingSource.choices,
        initial=FundingSource.BLM,
        help_text=_("Menanggung sisa RAB setelah sumber dana lain di bawah."),
    )

    def __init__(self, *args, years, rts, problems, rplp_rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["rt"].queryset = rts
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = lambda p: _problem_label(p)
        self.fields["rplp_row"].queryset = rplp_rows
        self.add_funding_fields(
            [s for s in FundingSource if s not in (FundingSource.BLM, FundingSource.OTHER)]
        )
        for name in BENEFICIARY_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=BENEFICIARY_LABELS[name], min_value=0, initial=0, required=False
            )
        _styled(self)
        self.fields["geometry"].widget.attrs["data-geometry-target"] = "1"

    def to_input(self) -> ActivityInput:
        d = self.cleaned_data
        funding = {s: a for s, a in self.funding().items() if s != d["main_source"]}
        return ActivityInput(
            name=d["name"],
            year=d["year"],
            domain=d["domain"],
            sector=d["sector"],
            description=d["description"],
            location=d["location"],
            rt_id=d["rt"].pk if d["rt"] else None,
            geometry=d["geometry"],
            volume=d["volume"],
            unit=d["unit"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            problem_ids=tuple(p.pk for p in d["problems"]),
            rplp_row_id=d["rplp_row"].pk if d["rplp_row"] else None,
            main_source=d["main_source"],
            funding=funding,
            **{name: d.get(name) or 0 for name in BENEFICIARY_FIELDS},
        )


class RABItemForm(forms.Form):
    price_item = forms.ModelChoiceField(
        label=_("Dari daftar HSPK"),
        queryset=PriceItem.objects.none(),
        required=False,
        help_text=_("Pilih harga dari HSPK, atau kosongkan dan isi sendiri di bawah."),
    )
    description = forms.CharField(label=_("Uraian pekerjaan"), max_length=300, required=False)
    volume = VolumeField(label=_("Volume"))
    unit = forms.CharField(label=_("Satuan"), max_length=30, required=False)
    unit_price = forms.CharField(
        label=_("Harga satuan (Rp)"),
        required=False,
        help_text=_("Kosongkan untuk memakai harga HSPK."),
    )

    def __init__(self, *args, price_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price_item"].queryset = price_items
        self.fields["price_item"].label_from_instance = lambda i: (
            f"{i.code} {i.name} ({i.unit}, {format_rupiah(i.price)})"
        )
        _styled(self)
        self.fields["unit_price"].widget.attrs["inputmode"] = "numeric"

    def clean_unit_price(self):
        value = self.cleaned_data.get("unit_price")
        return parse_rupiah(value) if value else None

    def clean(self):
        data = super().clean()
        if not data.get("price_item"):
            for name, message in (
                ("description", _("Isi uraian pekerjaan.")),
                ("unit", _("Isi satuan.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
            if data.get("unit_price") is None and "unit_price" not in self.errors:
                self.add_error("unit_price", _("Isi harga satuan, atau pilih dari HSPK."))
        return data

    def to_input(self) -> RABItemInput:
        d = self.cleaned_data
        return RABItemInput(
            volume=d["volume"],
            description=d["description"],
            unit=d["unit"],
            unit_price=d["unit_price"],
            price_item_id=d["price_item"].pk if d["price_item"] else None,
        )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    file = forms.FileField(label=_("Berkas"), help_text=_("Paling besar 20 MB."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class SafeguardsForm(forms.Form):
    def __init__(self, *args, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for item in safeguards.ITEMS:
            entry = answers.get(item.key) or {}
            self.fields[f"{item.key}_answer"] = forms.ChoiceField(
                label=item.question,
                choices=[("", "-"), *safeguards.Answer.choices],
                required=False,
                initial=entry.get("answer", ""),
            )
            self.fields[f"{item.key}_note"] = forms.CharField(
                label=_("Catatan"), required=False, initial=entry.get("note", ""), max_length=500
            )
        _styled(self)

    def answers(self) -> dict:
        d = self.cleaned_data
        return {
            item.key: {
                "answer": d.get(f"{item.key}_answer", ""),
                "note": d.get(f"{item.key}_note", ""),
            }
            for item in safeguards.ITEMS
        }


class PublicTestForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Pertemuan uji publik"),
        queryset=Meeting.objects.none(),
        help_text=_("Catat dulu pertemuannya di menu Pertemuan."),
    )

    def __init__(self, *args, village, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(
            village=village, kind=MeetingKind.UJI_PUBLIK
        ).order_by("-held_on")
        _styled(self)


class FeedbackForm(forms.Form):
    raised_by = forms.CharField(label=_("Disampaikan oleh"), max_length=200)
    point = forms.CharField(label=_("Masukan"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan perubahan"), min_length=20, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PriceListForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=200)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    source = forms.CharField(label=_("Sumber (SK/Perbup)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class PriceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas HSPK (XLSX atau CSV)"),
        help_text=_("Judul kolom: kode, uraian, satuan, harga (kelompok boleh)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("Unggah berkas .xlsx atau .csv."))
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError(_("Berkas terlalu besar; paling besar 10 MB."))
        return upload


class PriceChangeForm(forms.Form):
    price = forms.CharField(label=_("Harga satuan baru (Rp)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)

    def clean_price(self):
        return parse_rupiah(self.cleaned_data["price"])
