"""The program's writes to its curricula (modules, question bank) and training settings,
made in the admin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from tridaya.accounts.models import User
from tridaya.core.audit import diff, record_event, snapshot
from tridaya.core.errors import DomainError
from tridaya.core.policy import authorize
from tridaya.training.errors import TrainingError
from tridaya.training.models import (
    Curriculum,
    Module,
    Question,
    TrainingSettings,
)
from tridaya.training.policy import MANAGE_CURRICULUM

MODULE_FIELDS = [
    "title",
    "summary",
    "stage",
    "is_core",
    "jpl",
    "objectives",
    "media",
    "readings",
    "steps",
    "indicators",
    "target_groups",
]
QUESTION_FIELDS = ["order", "kind", "text", "options", "answer"]
SETTINGS_FIELDS = ["pass_mark", "max_absence_pct", "require_pass", "capacity_curriculum"]
CURRICULUM_FIELDS = ["name", "description", "is_active"]


@transaction.atomic(durable=True)
def curriculum_update(
    *, actor: User | None, curriculum: Curriculum, values: Mapping[str, object]
) -> Curriculum:
    """The program renames a loaded curriculum version or switches it off for new trainings (its
    file stays as it was loaded; trainings already planned keep it)."""
    authorize(actor, MANAGE_CURRICULUM, None)
    curriculum = Curriculum.objects.select_for_update().get(pk=curriculum.pk)
    before = snapshot(curriculum, CURRICULUM_FIELDS)
    for name in CURRICULUM_FIELDS:
        if name in values:
            setattr(curriculum, name, values[name])
    curriculum.full_clean()
    curriculum.save()
    changes = diff(before, snapshot(curriculum, CURRICULUM_FIELDS))
    if changes:
        record_event(
            actor=actor, action="training.curriculum_updated", obj=curriculum, changes=changes
        )
    return curriculum


def _module_update(actor: User | None, module: Module, values: Mapping[str, object]) -> Module:
    module = Module.objects.select_for_update().get(pk=module.pk)
    before = snapshot(module, MODULE_FIELDS)
    for name in MODULE_FIELDS:
        if name in values:
            setattr(module, name, values[name])
    module.full_clean()
    module.save()
    changes = diff(before, snapshot(module, MODULE_FIELDS))
    if changes:
        record_event(actor=actor, action="training.module_updated", obj=module, changes=changes)
    return module


def _question_save(
    actor: User | None, module: Module, values: Mapping[str, object], question: Question | None
) -> Question:
    before = snapshot(question, QUESTION_FIELDS) if question is not None else {}
    question = question or Question(module=module)
    for name in QUESTION_FIELDS:
        if name in values:
            setattr(question, name, values[name])
    question.full_clean()
    question.save()
    changes = diff(before, snapshot(question, QUESTION_FIELDS))
    if changes:
        record_event(actor=actor, action="training.question_saved", obj=question, changes=changes)
    return question


def _own_question(module: Module, question: Question) -> None:
    if question.module_id != module.pk:
        raise DomainError(
            _("Soal nomor %(order)s bukan soal modul %(module)s.")
            % {"order": question.order, "module": module},
            code=TrainingError.QUESTION_OTHER_MODULE,
        )


def _question_remove(actor: User | None, module: Module, question: Question) -> None:
    _own_question(module, question)
    record_event(
        actor=actor,
        action="training.question_removed",
        obj=question,
        changes=diff(snapshot(question, QUESTION_FIELDS), {}),
    )
    question.delete()


@dataclass
class ModuleSaved:
    module: Module
    added: list[Question] = field(default_factory=list)
    changed: list[Question] = field(default_factory=list)


@transaction.atomic(durable=True)
def module_save(
    *,
    actor: User | None,
    module: Module,
    values: Mapping[str, object],
    questions: Sequence[tuple[Question | None, Mapping[str, object]]] = (),
    removed: Sequence[Question] = (),
) -> ModuleSaved:
    """The program edits a loaded module and its question bank in one go (its file stays as it
    was loaded): the module's fields, questions removed, then questions added (None) or changed,
    each audited; all saved or, when one is refused, none."""
    authorize(actor, MANAGE_CURRICULUM, None)
    saved = ModuleSaved(_module_update(actor, module, values))
    for gone in removed:
        _question_remove(actor, saved.module, gone)
    for question, question_values in questions:
        if question is not None:
            _own_question(saved.module, question)
        done = _question_save(actor, saved.module, question_values, question)
        (saved.added if question is None else saved.changed).append(done)
    return saved


@transaction.atomic(durable=True)
def settings_update(*, actor: User | None, values: Mapping[str, object]) -> TrainingSettings:
    """Change the program's pass mark, absence limit and certificate rule for new trainings."""
    authorize(actor, MANAGE_CURRICULUM, None)
    settings = TrainingSettings.current()
    settings = TrainingSettings.objects.select_for_update().get(pk=settings.pk)
    before = snapshot(settings, SETTINGS_FIELDS)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(settings, name, values[name])
    settings.full_clean()
    settings.save()
    changes = diff(before, snapshot(settings, SETTINGS_FIELDS))
    if changes:
        record_event(actor=actor, action="training.settings_updated", obj=settings, changes=changes)
    return settings
