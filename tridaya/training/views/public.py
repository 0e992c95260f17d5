"""Public pages: the curricula and their modules, and the check of a certificate's
verification code."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse

from tridaya.training import selectors
from tridaya.training.definitions import sync_curricula
from tridaya.training.forms import VerifyForm


def curricula(request):
    sync_curricula()
    return render(request, "training/curricula.html", {"curricula": selectors.active_curricula()})


def curriculum(request, code: str, version: int | None = None):
    found = selectors.curriculum_with_modules(code, version)
    return render(request, "training/curriculum.html", {"curriculum": found})


def module(request, code: str, version: int, module_code: str):
    found = selectors.curriculum_with_modules(code, version)
    item = selectors.module_in(found, module_code)
    return render(
        request,
        "training/module.html",
        {"curriculum": found, "module": item, "question_count": item.questions.count()},
    )


def verify(request):
    """The form; a submitted code goes to its own address (the one printed on certificates)."""
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        code = selectors.normalise_code(form.cleaned_data["kode"])
        if code:
            return redirect("training_public:verify_code", code=code)
    return render(request, "training/verify.html", {"form": form})


def verify_code(request, code: str):
    """Valid, revoked (with when and why) or unknown; unknown answers 404."""
    certificate = selectors.certificate_by_code(code)
    normal = selectors.normalise_code(code)
    if certificate is not None and normal != code:
        return redirect(reverse("training_public:verify_code", args=[normal]))
    context = {
        "form": VerifyForm(initial={"kode": code}),
        "certificate": certificate,
        "code": code,
        "checked": True,
    }
    status = 200 if certificate is not None else 404
    return render(request, "training/verify.html", context, status=status)
