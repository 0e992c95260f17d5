"""Public pages of the curricula and their modules."""

from __future__ import annotations

from django.shortcuts import render

from tridaya.training.definitions import sync_curricula
from tridaya.training.selectors.curriculum import (
    active_curricula,
    curriculum_with_modules,
    module_in,
)


def curricula(request):
    sync_curricula()
    return render(request, "training/curricula.html", {"curricula": active_curricula()})


def curriculum(request, code: str, version: int | None = None):
    found = curriculum_with_modules(code, version)
    return render(request, "training/curriculum.html", {"curriculum": found})


def module(request, code: str, version: int, module_code: str):
    found = curriculum_with_modules(code, version)
    item = module_in(found, module_code)
    return render(
        request,
        "training/module.html",
        {"curriculum": found, "module": item, "question_count": item.questions.count()},
    )
