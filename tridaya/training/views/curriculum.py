"""Public pages of the curricula and their modules."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from tridaya.core.errors import NotFound
from tridaya.training.selectors.curriculum import (
    active_curricula,
    curriculum_with_modules,
    module_in,
)


def curricula(request):
    return render(request, "training/curricula.html", {"curricula": active_curricula()})


def curriculum(request, code: str, version: int | None = None):
    try:
        found = curriculum_with_modules(code, version)
    except NotFound as exc:
        raise Http404 from exc
    return render(request, "training/curriculum.html", {"curriculum": found})


def module(request, code: str, version: int, module_code: str):
    try:
        found = curriculum_with_modules(code, version)
        item = module_in(found, module_code)
    except NotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "training/module.html",
        {"curriculum": found, "module": item, "question_count": item.questions.count()},
    )
