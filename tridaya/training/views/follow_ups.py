"""Pages of a training's follow-up plan (RKTL)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.training.forms import (
    FollowUpForm,
)
from tridaya.training.models import (
    FollowUpAction,
)
from tridaya.training.policy import (
    MANAGE,
)
from tridaya.training.selectors.follow_ups import follow_ups_of
from tridaya.training.services.follow_ups import follow_up_add, follow_up_remove, follow_up_update
from tridaya.training.views.common import (
    load_training,
    page,
    report,
)


def follow_ups(request, code: str, pk: int):
    """The follow-up plan is public; adding and changing it is for those who run trainings."""
    training = load_training(request, code, pk)
    form = FollowUpForm(request.POST or None, initial={"due_on": training.ends_on})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        authorize(request.user, MANAGE, training)
        if form.is_valid():
            try:
                follow_up_add(actor=request.user, training=training, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Tindak lanjut ditambahkan."))
                return redirect(request.path)
    return render(
        request,
        "training/follow_ups.html",
        page(request, training, "follow_ups", follow_ups=follow_ups_of(training), form=form),
    )


@login_required
def follow_up_edit(request, code: str, pk: int, follow_up_id: int):
    training = load_training(request, code, pk, MANAGE)
    follow_up = get_object_or_404(FollowUpAction, pk=follow_up_id, training=training)
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            follow_up_remove(actor=request.user, follow_up=follow_up)
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(request, _("Tindak lanjut dihapus."))
        return redirect("training:follow_ups", code=code, pk=pk)
    initial = {
        name: getattr(follow_up, name) for name in ("action", "owner", "due_on", "status", "note")
    }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_update(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect("training:follow_ups", code=code, pk=pk)
    return render(
        request,
        "training/follow_up_form.html",
        page(request, training, "follow_ups", form=form, follow_up=follow_up),
    )
