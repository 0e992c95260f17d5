"""Pages moving a plan version through its states (uji publik, feedback, sign-offs, legalisation,
amendment) and comparing two versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.params import parse_int
from tridaya.core.policy import authorize, authorize_any
from tridaya.planning import policy
from tridaya.planning.forms.versions import AmendForm, FeedbackForm, PublicTestForm
from tridaya.planning.models import (
    Feedback,
    InvestmentRow,
    PlanProgram,
)
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.selectors import versions as version_selectors
from tridaya.planning.services import plans, versions
from tridaya.planning.views.plans import _errors, _version_url
from tridaya.regions.pages import village_or_404

# What the version's buttons need (each service checks its own again).
VERSION_ACTIONS = (
    policy.EDIT_PLAN,
    policy.RUN_PUBLIC_TEST,
    policy.SIGN_PLAN,
    policy.LEGALISE_PLAN,
    policy.AMEND_PLAN,
)


@login_required
@require_POST
def version_action(request, code: str, plan_id: int, number: int):
    """The buttons of a version: uji publik, feedback, revision, sign-offs, legalisation,
    amendment, and deleting a program or an investment row."""
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    user, action = request.user, request.POST.get("action", "")
    # Authorize before reading what was posted: 404 outside the village, 403 inside it.
    authorize_any(user, VERSION_ACTIONS, version)
    target = _version_url(version)
    try:
        if action == "public_test":
            form: Form = PublicTestForm(request.POST, village=plan.village)
            _valid(form)
            versions.version_start_public_test(
                actor=user, version=version, meeting=form.cleaned_data["meeting"]
            )
            messages.success(request, _("Uji publik dimulai; catat masukan warga."))
        elif action == "feedback":
            form = FeedbackForm(request.POST)
            _valid(form)
            versions.feedback_add(actor=user, version=version, **form.cleaned_data)
            messages.success(request, _("Masukan dicatat."))
            target += "#uji-publik"
        elif action == "answer":
            item = get_object_or_404(Feedback, pk=request.POST.get("feedback"), version=version)
            versions.feedback_answer(
                actor=user,
                feedback=item,
                answer=request.POST.get("answer", ""),
                changes_plan=bool(request.POST.get("changes_plan")),
            )
            messages.success(request, _("Jawaban disimpan."))
            target += "#uji-publik"
        elif action == "revise":
            versions.version_revise(actor=user, version=version)
            messages.success(request, _("Uji publik selesai; versi ini dapat direvisi."))
        elif action == "sign":
            authorize(user, policy.SIGN_PLAN, version)
            versions.version_sign(
                actor=user, version=version, position=request.POST.get("position", "")
            )
            messages.success(request, _("Pengesahan tercatat."))
            target += "#pengesahan"
        elif action == "legalise":
            versions.version_legalise(actor=user, version=version)
            messages.success(request, _("Rencana disahkan. Versi ini tidak dapat diubah lagi."))
        elif action == "amend":
            form = AmendForm(request.POST)
            _valid(form)
            new = versions.version_amend(
                actor=user, version=version, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Versi perubahan dibuat sebagai draf."))
            target = _version_url(new)
        elif action == "program_delete":
            program = get_object_or_404(PlanProgram, pk=request.POST.get("item"), version=version)
            plans.program_delete(actor=user, program=program)
            messages.success(request, _("Program dihapus."))
            target += "#program"
        elif action == "row_delete":
            row = get_object_or_404(InvestmentRow, pk=request.POST.get("item"), version=version)
            plans.investment_row_delete(actor=user, row=row)
            messages.success(request, _("Baris rencana investasi dihapus."))
            target += "#investasi"
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(target)


def _valid(form) -> None:
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])


def version_compare(request, code: str, plan_id: int):
    village = village_or_404(code)
    plan = selectors.plan_for_village(code, plan_id)
    plan.village = village
    versions = list(plan.versions.order_by("number"))
    if len(versions) < 2:
        old_number = new_number = versions[0].number if versions else 1
    else:
        old_number, new_number = versions[-2].number, versions[-1].number
    old_asked = parse_int(request.GET.get("dari", str(old_number)))
    new_asked = parse_int(request.GET.get("ke", str(new_number)))
    if old_asked is None or new_asked is None:
        raise Http404
    old_number, new_number = old_asked, new_asked
    old = selectors.version_view(village, plan, selectors.version_of(plan, old_number))
    new = selectors.version_view(village, plan, selectors.version_of(plan, new_number))
    return render(
        request,
        "planning/diff.html",
        {
            "village": village,
            "plan": plan,
            "versions": versions,
            "diff": version_selectors.version_diff(old, new),
        },
    )
