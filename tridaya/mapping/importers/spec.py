"""The questions of a survey form, written once: the XLSForm that volunteers load into ODK
Collect or KoboCollect is generated from a `FormSpec` (xlsform.py), and the importer reads the
exported submissions with the same spec (parse.py), so a question's name, type and choices can
never drift between the form and the importer.

Question names are the column names of the exports (inside their groups): English identifiers,
like the rest of the code. Labels are Indonesian msgids; the XLSForm carries their English
translation in a second label column."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Bilingual:
    """A label that comes with its English text (criteria titles from a data file, which are
    not in the translation catalogue)."""

    id: str
    en: str

    def __str__(self) -> str:
        return self.en if self.en and (get_language() or "").startswith("en") else self.id


Label = Promise | str | Bilingual

# XLSForm types the importer knows how to read. `rt` is a select_one over the village's RTs
# (filtered by the chosen RW), generated per village.
TEXT, INTEGER, DECIMAL, DATE = "text", "integer", "decimal", "date"
SELECT_ONE, YES_NO, RW, RT = "select_one", "yes_no", "rw", "rt"
GEOPOINT, GEOTRACE, GEOSHAPE, IMAGE, NOTE = "geopoint", "geotrace", "geoshape", "image", "note"
META = "meta"  # start, end, today: recorded by the phone, not stored
YES_NO_LIST = "yes_no"
RW_LIST, RT_LIST = "rw", "rt"


@dataclass(frozen=True)
class Choice:
    name: str
    label: Label


@dataclass(frozen=True)
class Question:
    name: str
    kind: str
    label: Label = ""
    hint: Label = ""
    required: bool = False
    choices: str = ""  # list name for SELECT_ONE
    constraint: str = ""
    constraint_message: Label = ""
    relevant: str = ""
    appearance: str = ""
    default: str = ""
    parameters: str = ""  # e.g. "max-pixels=1600" for photos

    @property
    def xlsform_type(self) -> str:
        if self.kind == SELECT_ONE:
            return f"select_one {self.choices}"
        if self.kind == YES_NO:
            return f"select_one {YES_NO_LIST}"
        if self.kind == RW:
            return f"select_one {RW_LIST}"
        if self.kind == RT:
            return f"select_one {RT_LIST}"
        return self.kind


@dataclass(frozen=True)
class Group:
    name: str
    label: Label
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class FormSpec:
    kind: str  # a SurveyForm value
    form_id: str  # the XLSForm form_id (ODK and KoBo key submissions by it)
    title: Label
    version: str
    groups: tuple[Group, ...]
    choice_lists: dict[str, tuple[Choice, ...]] = field(default_factory=dict)
    # Questions recorded by the phone and kept out of the data (start, end, today).
    meta: tuple[Question, ...] = (
        Question("start", "start"),
        Question("end", "end"),
        Question("today", "today"),
    )

    def questions(self) -> Iterator[Question]:
        for group in self.groups:
            yield from group.questions

    def question(self, name: str) -> Question | None:
        return next((q for q in self.questions() if q.name == name), None)

    @property
    def meta_names(self) -> frozenset[str]:
        return frozenset(q.name for q in self.meta)


YES_NO_CHOICES = (Choice("ya", _("Ya")), Choice("tidak", _("Tidak")))


def choices_of(text_choices) -> tuple[Choice, ...]:
    """A Django TextChoices class as XLSForm choices (the stored value is the choice name)."""
    return tuple(Choice(value, label) for value, label in text_choices.choices)


def group_of(name: str, label: Label, questions: Sequence[Question]) -> Group:
    return Group(name, label, tuple(questions))
