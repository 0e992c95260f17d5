"""Forms of prioritisation rounds, options, scores and ballots: fields and value checks only; the
rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tridaya.core.choices import TridayaDomain
from tridaya.core.forms import bootstrapify
from tridaya.cycle.forms import MeetingChoiceField
from tridaya.planning.models import (
    CRITERION_SCORE_MAX,
    VOTE_SCORE_MAX_LIMIT,
    CriterionBasis,
    VoteMethod,
)
from tridaya.planning.services.priorities import CriterionInput


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Judul putaran"), max_length=200)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.ChoiceField(label=_("Cara pemungutan suara"), choices=VoteMethod.choices)
    max_score = forms.IntegerField(
        label=_("Nilai tertinggi (cara skor)"),
        min_value=1,
        max_value=VOTE_SCORE_MAX_LIMIT,
        initial=5,
        help_text=_("Hanya untuk cara skor: setiap pemilih memberi nilai 0 sampai angka ini."),
    )
    meeting = MeetingChoiceField(
        label=_("Rembug tempat pemungutan suara"),
        queryset=None,
        required=False,
        help_text=_("Catat rembugnya di halaman Pertemuan bila belum ada."),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        bootstrapify(self)


class CriterionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    label = forms.CharField(label=_("Kriteria"), max_length=120)
    weight = forms.IntegerField(label=_("Bobot (%)"), min_value=0, max_value=100)
    basis = forms.ChoiceField(
        label=_("Sumber nilai"), choices=CriterionBasis.choices, initial=CriterionBasis.MANUAL
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class BaseCriteriaFormSet(forms.BaseFormSet):
    def inputs(self) -> list[CriterionInput]:
        found = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and data.get(forms.formsets.DELETION_FIELD_NAME)):
                continue
            found.append(
                CriterionInput(
                    label=data["label"],
                    weight=data["weight"],
                    basis=data["basis"],
                    description=data.get("description", ""),
                    key=data.get("key", ""),
                )
            )
        return found


CriteriaFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriteriaFormSet, extra=1, can_delete=True
)


class ProblemsForm(forms.Form):
    problems: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Masalah hasil pemetaan"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, problems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = problems
        self.fields["problems"].label_from_instance = _problem_label


def _problem_label(problem) -> str:
    where = f"RT {problem.rt.number:02d}/RW {problem.rt.rw.number:02d}" if problem.rt else "-"
    return str(
        _("%(title)s · keparahan %(severity)s · %(poor)s KK miskin · %(where)s")
        % {
            "title": problem.title,
            "severity": problem.severity,
            "poor": problem.poor_households_affected,
            "where": where,
        }
    )


class ProgramOptionForm(forms.Form):
    title = forms.CharField(label=_("Usulan program"), max_length=200)
    domain = forms.ChoiceField(label=_("Daya (Tridaya)"), choices=TridayaDomain.choices)
    description = forms.CharField(
        label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    households = forms.IntegerField(label=_("KK terdampak"), min_value=0, initial=0)
    poor_households = forms.IntegerField(label=_("KK miskin terdampak"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


def score_field_name(option_id: int, criterion_id: int) -> str:
    return f"s_{option_id}_{criterion_id}"


class ScoresForm(forms.Form):
    """One 0-5 field per option and criterion (blank = not scored yet)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells: dict[str, tuple[int, int]] = {}
        for row in rows:
            for criterion, value in row.cells:
                name = score_field_name(row.option.pk, criterion.pk)
                self.fields[name] = forms.IntegerField(
                    label=f"{row.option.title}: {criterion.label}",
                    min_value=0,
                    max_value=CRITERION_SCORE_MAX,
                    required=False,
                    initial=value,
                    widget=forms.NumberInput(
                        attrs={
                            "class": "form-control form-control-sm score-input",
                            "inputmode": "numeric",
                            "min": 0,
                            "max": CRITERION_SCORE_MAX,
                        }
                    ),  # fmt: skip
                )
                self.cells[name] = (row.option.pk, criterion.pk)

    def scores(self) -> dict[tuple[int, int], int | None]:
        return {cell: self.cleaned_data.get(name) for name, cell in self.cells.items()}


class BallotForm(forms.Form):
    """An online ballot, or (with `paper=True`) a batch of identical paper ballots."""

    def __init__(self, *args, round_, options, paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.method = round_.method
        self.options = options
        choices = [(str(o.pk), o.title) for o in options]
        if self.method == VoteMethod.APPROVAL:
            self.fields["choices"] = forms.MultipleChoiceField(
                label=_("Pilihan yang Anda setujui"),
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
            )
        elif self.method == VoteMethod.BORDA:
            for position in range(1, len(options) + 1):
                self.fields[f"rank_{position}"] = forms.ChoiceField(
                    label=_("Urutan ke-%(n)s") % {"n": position},
                    choices=[("", "-"), *choices],
                    required=position == 1,
                )
        else:
            for option in options:
                self.fields[f"score_{option.pk}"] = forms.IntegerField(
                    label=option.title,
                    min_value=0,
                    max_value=round_.max_score,
                    required=False,
                )
        if paper:
            self.fields["count"] = forms.IntegerField(
                label=_("Jumlah lembar yang sama"), min_value=1, initial=1
            )
            self.fields["note"] = forms.CharField(
                label=_("Catatan (kotak suara, RW ...)"), max_length=200, required=False
            )
        bootstrapify(self)
        if "choices" in self.fields:
            self.fields["choices"].widget.attrs["class"] = "form-check-input"

    def ballot(self) -> dict:
        data = self.cleaned_data
        if self.method == VoteMethod.APPROVAL:
            return {"choices": [int(c) for c in data["choices"]]}
        if self.method == VoteMethod.BORDA:
            ranked = [data[f"rank_{n}"] for n in range(1, len(self.options) + 1)]
            return {"choices": [int(c) for c in ranked if c]}
        return {
            "scores": {
                o.pk: data[f"score_{o.pk}"]
                for o in self.options
                if data.get(f"score_{o.pk}") is not None
            }
        }
