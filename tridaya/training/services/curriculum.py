"""The program's writes to its curricula (modules, question bank) and training settings,
made in the admin."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from tridaya.core.audit import diff, record_event, snapshot
from tridaya.training.models import (
    Module,
    Question,
    TrainingSettings,
)
from tridaya.training.policy import MANAGE_CURRICULUM
from tridaya.training.services.trainings import (
    authorize_actor,
)

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


@transaction.atomic
def module_update(*, actor, module: Module, values: Mapping[str, object]) -> Module:
    """The program edits a loaded module (its file stays as it was loaded)."""
    authorize_actor(actor, MANAGE_CURRICULUM, None)
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


@transaction.atomic
def question_save(
    *, actor, module: Module, values: Mapping[str, object], question: Question | None = None
) -> Question:
    authorize_actor(actor, MANAGE_CURRICULUM, None)
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


@transaction.atomic
def question_remove(*, actor, question: Question) -> None:
    authorize_actor(actor, MANAGE_CURRICULUM, None)
    record_event(
        actor=actor,
        action="training.question_removed",
        obj=question,
        changes=diff(snapshot(question, QUESTION_FIELDS), {}),
    )
    question.delete()


@transaction.atomic
def settings_update(*, actor, values: Mapping[str, object]) -> TrainingSettings:
    """Change the program's pass mark, absence limit and certificate rule for new trainings."""
    authorize_actor(actor, MANAGE_CURRICULUM, None)
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
