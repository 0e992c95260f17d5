"""Pages of a training's sessions: planning and editing them, recording attendance, and the
blank attendance sheet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize
from tridaya.training import documents
from tridaya.training.forms import (
    SessionForm,
)
from tridaya.training.models import (
    Session,
)
from tridaya.training.policy import (
    MANAGE,
    VIEW_PARTICIPANTS,
)
from tridaya.training.selectors.results import training_outcomes
from tridaya.training.services.sessions import (
    SESSION_FIELDS,
    attendance_record,
    session_add,
    session_remove,
    session_update,
)
from tridaya.training.services.trainings import sessions_plan
from tridaya.training.views.common import (
    attachment,
    load_training,
    page,
    report,
)


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
                session_add(actor=request.user, training=training, data=form.to_input())
                messages.success(request, _("Sesi ditambahkan."))
                return redirect(request.path)
            if action == "plan":
                planned = sessions_plan(actor=request.user, training=training)
                messages.success(request, _("%(n)s sesi dijadwalkan.") % {"n": len(planned)})
                return redirect(request.path)
            if action == "remove":
                session = get_object_or_404(
                    Session, pk=request.POST.get("session") or 0, training=training
                )
                session_remove(actor=request.user, session=session)
                messages.success(request, _("Sesi dihapus."))
                return redirect(request.path)
        except ValidationError as exc:
            if action == "add":
                apply_service_error(form, exc)
            else:
                report(request, exc)
                return redirect(request.path)
    outcomes = training_outcomes(training)
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
    initial = {name: getattr(session, name) for name in SESSION_FIELDS}
    form = SessionForm(
        request.POST or None, modules=training.modules.order_by("order"), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            session_update(actor=request.user, session=session, data=form.to_input())
        except ValidationError as exc:
            apply_service_error(form, exc)
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
            attendance_record(actor=request.user, session=session, present=ids)
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
