"""Pages of trainings: the list of a village (with its capacity summary) or the roll-up of a
higher region, creating and editing a training, its summary page with the gain chart, closing,
reopening or cancelling it, and its results as XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, authorize_any, can
from tridaya.training.forms import (
    ReasonForm,
    TrainingForm,
)
from tridaya.training.policy import (
    MANAGE,
    REOPEN,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.certificates import certificates_of
from tridaya.training.selectors.curriculum import active_curricula
from tridaya.training.selectors.follow_ups import follow_ups_of
from tridaya.training.selectors.participants import village_capacity
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.selectors.trainings import region_rollup, trainings_for
from tridaya.training.services import trainings as trainings_services
from tridaya.training.services.certificates import training_close
from tridaya.training.services.trainings import (
    TRAINING_FIELDS,
    training_cancel,
    training_reopen,
    training_update,
)
from tridaya.training.views.common import (
    attachment,
    load_training,
    page,
    region_or_404,
    report,
)


def index(request, code: str):
    """A village's trainings and capacity gaps; for a kecamatan, regency or province, the
    roll-up of everything under it."""
    region = region_or_404(code)
    timezone.activate(region.timezone)
    may_create = region.level >= 3 and can(request.user, MANAGE, region)
    if not region.is_village:
        rollup = region_rollup(region)
        return render(
            request,
            "training/rollup.html",
            {"region": region, "rollup": rollup, "may_create": may_create},
        )
    capacity = village_capacity(region)
    return render(
        request,
        "training/index.html",
        {
            "region": region,
            "village": region,
            "trainings": trainings_for(region),
            "capacity": capacity,
            "core_gaps": capacity.gaps(core_only=True),
            "may_create": may_create,
        },
    )


def rollup_xlsx(request, code: str):
    from tridaya.training import exports  # openpyxl on use, not with the URL conf

    region = region_or_404(code)
    if region.is_village:
        raise Http404
    content = exports.rollup_xlsx(region_rollup(region))
    return attachment(content, exports.XLSX, f"pelatihan-{region.code}.xlsx")


@login_required
def training_create(request, code: str):
    region = region_or_404(code)
    timezone.activate(region.timezone)
    authorize(request.user, MANAGE, region)
    curricula = active_curricula()
    initial = {"organiser": "", "starts_on": timezone.localdate(), "ends_on": timezone.localdate()}
    core = [m.code for c in curricula for m in c.module_list if m.is_core]  # type: ignore[attr-defined]
    initial.update({"modules": core, "target_groups": ["bkm", "upk", "upl", "ups", "aparat"]})
    form = TrainingForm(request.POST or None, curricula=curricula, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training = trainings_services.training_create(
                actor=request.user,
                region=region,
                curriculum=form.cleaned_data["curriculum"],
                data=form.to_input(),
                plan_sessions=form.cleaned_data["plan_sessions"],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Pelatihan dibuat. Tambahkan pesertanya."))
            return redirect("training:participants", code=code, pk=training.pk)
    return render(
        request,
        "training/training_form.html",
        {"region": region, "form": form, "title": _("Buat pelatihan")},
    )


@login_required
def training_edit(request, code: str, pk: int):
    training = load_training(request, code, pk, MANAGE)
    curricula = [training.curriculum]
    training.curriculum.module_list = list(  # type: ignore[attr-defined]
        training.curriculum.modules.order_by("order")
    )
    initial = {
        **{name: getattr(training, name) for name in TRAINING_FIELDS},
        "modules": list(training.modules.values_list("code", flat=True)),
    }
    form = TrainingForm(request.POST or None, curricula=curricula, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training_update(actor=request.user, training=training, data=form.to_input())
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Pelatihan disimpan."))
            return redirect("training:detail", code=code, pk=pk)
    return render(
        request,
        "training/training_form.html",
        page(request, training, "detail", form=form, title=_("Ubah pelatihan")),
    )


def detail(request, code: str, pk: int):
    training = load_training(request, code, pk)
    outcomes = training_outcomes(training)
    certificates = certificates_of(training)
    return render(
        request,
        "training/detail.html",
        page(
            request,
            training,
            "detail",
            outcomes=outcomes,
            chart=outcomes.chart(),
            follow_ups=follow_ups_of(training),
            valid_certificates=sum(1 for c in certificates if c.is_valid),
            reason_form=ReasonForm(),
        ),
    )


@login_required
@require_POST
def training_action(request, code: str, pk: int):
    """Close (and issue certificates), reopen or cancel a training."""
    training = load_training(request, code, pk)
    # Authorize before reading what was posted: 404 outside the region, 403 inside it.
    authorize_any(request.user, (MANAGE, REOPEN), training)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "close":
            authorize(request.user, MANAGE, training)
            result = training_close(actor=request.user, training=training)
            messages.success(
                request,
                _("Pelatihan selesai; %(n)s sertifikat terbit.") % {"n": len(result.issued)},
            )
        elif action == "reopen":
            authorize(request.user, REOPEN, training)
            training_reopen(actor=request.user, training=training, reason=reason)
            messages.success(request, _("Pelatihan dibuka kembali untuk diperbaiki."))
        elif action == "cancel":
            authorize(request.user, MANAGE, training)
            training_cancel(actor=request.user, training=training, reason=reason)
            messages.success(request, _("Pelatihan dibatalkan."))
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        report(request, exc)
    return redirect("training:detail", code=code, pk=pk)


@login_required
def training_xlsx(request, code: str, pk: int):
    from tridaya.training import exports  # openpyxl on use, not with the URL conf

    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    content = exports.training_xlsx(
        training_outcomes(training),
        follow_ups_of(training),
        certificates_of(training),
    )
    return attachment(content, exports.XLSX, f"pelatihan-{slugify(training.title)[:60]}.xlsx")
