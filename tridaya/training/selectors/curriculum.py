"""Reads of the curricula: the active ones with their modules, one version, one module."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.training.models import (
    Curriculum,
    Module,
)


def active_curricula() -> list[Curriculum]:
    """The newest active version of each curriculum, with its modules (2 queries)."""
    newest: dict[str, Curriculum] = {}
    for curriculum in Curriculum.objects.filter(is_active=True).order_by("code", "-version"):
        newest.setdefault(curriculum.code, curriculum)
    curricula = list(newest.values())
    modules = Module.objects.filter(curriculum__in=curricula).order_by("order")
    by_curriculum: dict[int, list[Module]] = defaultdict(list)
    for module in modules:
        by_curriculum[module.curriculum_id].append(module)
    for curriculum in curricula:
        curriculum.module_list = by_curriculum[curriculum.pk]  # type: ignore[attr-defined]
    return curricula


def curriculum_with_modules(code: str, version: int | None = None) -> Curriculum:
    curricula = Curriculum.objects.filter(code=code)
    if version is not None:
        curricula = curricula.filter(version=version)
    curriculum = curricula.order_by("-version").first()
    if curriculum is None:
        raise NotFound(_("Kurikulum %(code)s tidak ada.") % {"code": code})
    curriculum.module_list = list(  # type: ignore[attr-defined]
        curriculum.modules.annotate(question_count=Count("questions")).order_by("order")
    )
    return curriculum


def module_in(curriculum: Curriculum, code: str) -> Module:
    module = curriculum.modules.select_related("curriculum").filter(code=code).first()
    if module is None:
        raise NotFound(
            _("Modul %(code)s tidak ada di kurikulum %(curriculum)s.")
            % {"code": code, "curriculum": curriculum}
        )
    return module
