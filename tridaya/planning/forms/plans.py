"""Forms of the RPLP / RTPLP pages: fields and their values only; the rules are in the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.forms import bootstrapify
from tridaya.core.money import parse_rupiah
from tridaya.mapping.selectors.problems import Problem
from tridaya.planning import safeguards
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.models import PlanKind
from tridaya.planning.services.plans import InvestmentInput, ProgramInput, VersionTexts
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
    kawasan: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Kawasan prioritas (untuk RTPLP)"), queryset=None, required=False
    )
    start_year = forms.IntegerField(label=_("Tahun pertama"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Judul (boleh kosong)"), max_length=200, required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kawasan"]).queryset = areas
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
        cast(forms.ChoiceField, self.fields["years"]).choices = [(y, str(y)) for y in years]
        field: Any = self.fields["problems"]  # a ModelMultipleChoiceField
        field.queryset = problems
        field.label_from_instance = _problem_label
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
    fields: dict[str, forms.Field]  # the form's, once mixed into one
    cleaned_data: dict[str, Any]

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
    program: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Program"), queryset=None, required=False
    )
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
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in years]
        cast(forms.ModelChoiceField, self.fields["program"]).queryset = programs
        cast(forms.ModelChoiceField, self.fields["rt"]).queryset = rts
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


class SafeguardsForm(forms.Form):
    def __init__(self, *args, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for item in safeguards.ITEMS:
            entry = answers.get(item.key) or {}
            self.fields[f"{item.key}_answer"] = forms.ChoiceField(
                label=str(item.question),
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
