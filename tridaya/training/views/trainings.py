"""Pages of trainings: the list of a village (with its capacity summary) or the roll-up of a
higher region, the capacity map, creating and editing a training, its summary page with the
gain chart, sessions, and closing, reopening or cancelling it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.policy import authorize, can
from tridaya.training import documents, exports, selectors, services
from tridaya.training.definitions import sync_curricula
from tridaya.training.forms import ReasonForm, SessionForm, TrainingForm
from tridaya.training.models import Session
from tridaya.training.policy import MANAGE, REOPEN, VIEW_PARTICIPANTS
from tridaya.training.views.common import (
    attachment,
    form_error,
    load_training,
    page,
    report,
)


def index(request, code: str):
    """A village's trainings and capacity gaps; for a kecamatan, regency or province, the
    roll-up of everything under it."""
    region = selectors.region_or_404(code)
    timezone.activate(region.timezone)
    may_create = region.level >= 3 and can(request.user, MANAGE, region)
    if not region.is_village:
        rollup = selectors.region_rollup(region)
        return render(
            request,
            "training/rollup.html",
            {"region": region, "rollup": rollup, "may_create": may_create},
        )
    capacity = selectors.village_capacity(region)
    return render(
        request,
        "training/index.html",
        {
            "region": region,
            "village": region,
            "trainings": selectors.trainings_for(region),
            "capacity": capacity,
            "core_gaps": capacity.gaps(core_only=True),
            "may_create": may_create,
        },
    )


def capacity_map(request, code: str):
    region = selectors.region_or_404(code)
    if not region.is_village:
        raise Http404
    timezone.activate(region.timezone)
    capacity = selectors.village_capacity(region)
    return render(
        request,
        "training/capacity.html",
        {
            "region": region,
            "village": region,
            "capacity": capacity,
            "core_gaps": capacity.gaps(core_only=True),
            "later_gaps": [g for g in capacity.gaps() if not g.module.is_core],
            "show_names": can(request.user, VIEW_PARTICIPANTS, region),
        },
    )


def rollup_xlsx(request, code: str):
    region = selectors.region_or_404(code)
    if region.is_village:
        raise Http404
    content = exports.rollup_xlsx(selectors.region_rollup(region))
    return attachment(content, exports.XLSX, f"pelatihan-{region.code}.xlsx")


@login_required
def training_create(request, code: str):
    region = selectors.region_or_404(code)
    timezone.activate(region.timezone)
    authorize(request.user, MANAGE, region)
    sync_curricula()
    curricula = selectors.active_curricula()
    initial = {"organiser": "", "starts_on": timezone.localdate(), "ends_on": timezone.localdate()}
    core = [m.code for c in curricula for m in c.module_list if m.is_core]  # type: ignore[attr-defined]
    initial.update({"modules": core, "target_groups": ["bkm", "upk", "upl", "ups", "aparat"]})
    form = TrainingForm(request.POST or None, curricula=curricula, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_create(
                actor=request.user,
                region=region,
                curriculum=form.cleaned_data["curriculum"],
                data=form.to_input(),
                plan_sessions=form.cleaned_data["plan_sessions"],
            )
        except ValidationError as exc:
            form_error(form, exc)
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
        **{name: getattr(training, name) for name in services.TRAINING_FIELDS},
        "modules": list(training.modules.values_list("code", flat=True)),
    }
    form = TrainingForm(request.POST or None, curricula=curricula, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.training_update(actor=request.user, training=training, data=form.to_input())
        except ValidationError as exc:
            form_error(form, exc)
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
    outcomes = selectors.training_outcomes(training)
    certificates = selectors.certificates_of(training)
    return render(
        request,
        "training/detail.html",
        page(
            request,
            training,
            "detail",
            outcomes=outcomes,
            chart=outcomes.chart(),
            follow_ups=selectors.follow_ups_of(training),
            valid_certificates=sum(1 for c in certificates if c.is_valid),
            reason_form=ReasonForm(),
        ),
    )


@login_required
@require_POST
def training_action(request, code: str, pk: int):
    """Close (and issue certificates), reopen or cancel a training."""
    training = load_training(request, code, pk)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "close":
            authorize(request.user, MANAGE, training)
            result = services.training_close(actor=request.user, training=training)
            messages.success(
                request,
                _("Pelatihan selesai; %(n)s sertifikat terbit.") % {"n": len(result.issued)},
            )
        elif action == "reopen":
            authorize(request.user, REOPEN, training)
            services.training_reopen(actor=request.user, training=training, reason=reason)
            messages.success(request, _("Pelatihan dibuka kembali untuk diperbaiki."))
        elif action == "cancel":
            authorize(request.user, MANAGE, training)
            services.training_cancel(actor=request.user, training=training, reason=reason)
            messages.success(request, _("Pelatihan dibatalkan."))
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        report(request, exc)
    return redirect("training:detail", code=code, pk=pk)


# --- Sessions ----------------------------------------------------------------------------------


@login_required
def sessions(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    action = request.POST.get("action") if request.method == "POST" else None
    modules = training.modules.order_by("order")
    form = SessionForm(
        request.POST if action == "add" else None,
        modules=modules,
        initial={"date": training.starts_on},
    )
    if action:
        authorize(request.user, MANAGE, training)
        try:
            if action == "add" and form.is_valid():
                services.session_add(actor=request.user, training=training, data=form.to_input())
                messages.success(request, _("Sesi ditambahkan."))
                return redirect(request.path)
            if action == "plan":
                planned = services.sessions_plan(actor=request.user, training=training)
                messages.success(request, _("%(n)s sesi dijadwalkan.") % {"n": len(planned)})
                return redirect(request.path)
            if action == "remove":
                session = get_object_or_404(
                    Session, pk=request.POST.get("session") or 0, training=training
                )
                services.session_remove(actor=request.user, session=session)
                messages.success(request, _("Sesi dihapus."))
                return redirect(request.path)
        except ValidationError as exc:
            if action == "add":
                form_error(form, exc)
            else:
                report(request, exc)
                return redirect(request.path)
    outcomes = selectors.training_outcomes(training)
    present_count = {s.pk: 0 for s in outcomes.sessions}
    for attended in outcomes.present.values():
        for session_id in attended:
            present_count[session_id] = present_count.get(session_id, 0) + 1
    rows = [(s, present_count[s.pk]) for s in outcomes.sessions]
    return render(
        request,
        "training/sessions.html",
        page(request, training, "sessions", rows=rows, outcomes=outcomes, form=form),
    )


@login_required
def session_edit(request, code: str, pk: int, session_id: int):
    training = load_training(request, code, pk, MANAGE)
    session = get_object_or_404(
        Session.objects.select_related("module"), pk=session_id, training=training
    )
    initial = {name: getattr(session, name) for name in services.SESSION_FIELDS}
    form = SessionForm(
        request.POST or None, modules=training.modules.order_by("order"), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, data=form.to_input())
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Sesi disimpan."))
            return redirect("training:sessions", code=code, pk=pk)
    return render(
        request,
        "training/session_form.html",
        page(request, training, "sessions", form=form, session=session),
    )


@login_required
def attendance(request, code: str, pk: int, session_id: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    session = get_object_or_404(
        Session.objects.select_related("module"), pk=session_id, training=training
    )
    if request.method == "POST":
        authorize(request.user, MANAGE, training)
        try:
            ids = [int(value) for value in request.POST.getlist("present")]
        except ValueError:
            ids = []
        try:
            services.attendance_record(actor=request.user, session=session, present=ids)
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(
                request,
                _("Kehadiran sesi tersimpan: %(n)s hadir.") % {"n": len(set(ids))},
            )
            return redirect("training:sessions", code=code, pk=pk)
    participants = list(training.participants.order_by("name", "id"))
    present = set(session.attendance.values_list("participant_id", flat=True))
    number = list(
        training.sessions.order_by("date", "start_time", "id").values_list("pk", flat=True)
    )
    return render(
        request,
        "training/attendance.html",
        page(
            request,
            training,
            "sessions",
            session=session,
            number=number.index(session.pk) + 1,
            participants=participants,
            present=present,
        ),
    )


def attendance_sheet(request, code: str, pk: int, session_id: int):
    training = load_training(request, code, pk)
    session = get_object_or_404(
        Session.objects.select_related("module"), pk=session_id, training=training
    )
    order = list(
        training.sessions.order_by("date", "start_time", "id").values_list("pk", flat=True)
    )
    content = documents.attendance_sheet(session, order.index(session.pk) + 1)
    return attachment(content, documents.PDF, f"daftar-hadir-sesi-{session.pk}.pdf", inline=True)


@login_required
def training_xlsx(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    content = exports.training_xlsx(
        selectors.training_outcomes(training),
        selectors.follow_ups_of(training),
        selectors.certificates_of(training),
    )
    return attachment(content, exports.XLSX, f"pelatihan-{slugify(training.title)[:60]}.xlsx")
