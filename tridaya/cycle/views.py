"""Pages of the cycle: a village's timeline, a step with its gates and sign-offs, meetings with
their berita acara, and the list of enrolled villages under a region."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.accounts.models import Role
from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, authorize_any, can
from tridaya.cycle import documents, selectors, services
from tridaya.cycle.forms import (
    AttendeeFormSet,
    DocumentForm,
    ElectionLinkForm,
    EnrolForm,
    MeetingForm,
    PhotoForm,
    ReasonForm,
    attendees_from,
)
from tridaya.cycle.models import SIGNOFF_ORDER, AttendanceMode, SignOff, SignOffKind, StepStatus
from tridaya.regions.models import Region
from tridaya.regions.pages import activate_village_timezone, village_or_404
from tridaya.regions.selectors import attach_ancestors


def _errors_to_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def timeline(request, code: str):
    page = selectors.cycle_page(code)
    activate_village_timezone(page.village)
    may_enrol = can(request.user, "cycle.enrol", page.village)
    form = EnrolForm(request.POST or None) if may_enrol and page.cycle is None else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.cycle_enrol(
                actor=request.user, village=page.village, program=form.cleaned_data["program"]
            )
        except ValidationError as exc:
            _errors_to_messages(request, exc)
        else:
            messages.success(request, _("Kelurahan/desa terdaftar; langkah pertama dibuka."))
        return redirect("cycle:timeline", code=code)
    return render(
        request, "cycle/timeline.html", {"page": page, "village": page.village, "enrol_form": form}
    )


def step_detail(request, code: str, step_code: str):
    page = selectors.step_page(code, step_code)
    activate_village_timezone(page.village)
    user = request.user
    next_kind = page.next_sign_kind
    may_sign = (
        next_kind is not None
        and can(user, "cycle.sign", page.step)
        and selectors.signer_role(user, page.step, next_kind) is not None
    )
    return render(
        request,
        "cycle/step.html",
        {
            "page": page,
            "village": page.village,
            "step": page.step,
            "next_sign_kind": next_kind,
            # Offered only to those whose role may give the next sign-off.
            "may_sign": may_sign,
            "may_complete": can(user, "cycle.complete_step", page.step),
            "complete_blockers": page.completion_blockers(),
            "may_override": can(user, "cycle.override_gate", page.step),
            "may_record": can(user, "cycle.record_meeting", page.step),
            "may_upload": can(user, "cycle.upload_document", page.step),
            "is_open": page.step.status == StepStatus.OPEN,
            "reason_form": ReasonForm(),
            "document_form": DocumentForm(),
            "signoff_roles": [
                (SignOffKind(k).label, [Role(r).label for r in page.step.signoff_roles(k)])
                for k in SIGNOFF_ORDER
            ],
        },
    )


@login_required
@require_POST
def step_action(request, code: str, step_code: str):
    """One endpoint for the step's buttons; each calls its service and reports back."""
    page = selectors.step_page(code, step_code)
    step, action = page.step, request.POST.get("action", "")
    # Authorize before reading what was posted: 404 outside the village, 403 inside it.
    authorize_any(request.user, STEP_ACTION_RULES, step)
    try:
        _run_step_action(request, step, action)
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    return redirect("cycle:step", code=code, step_code=step_code)


# What the step's buttons need (each service checks its own again).
STEP_ACTION_RULES = (
    "cycle.sign",
    "cycle.upload_document",
    "cycle.complete_step",
    "cycle.override_gate",
    "cycle.withdraw_signoff",
)


def _run_step_action(request, step, action: str) -> None:
    user = request.user
    if action in SignOffKind.values:
        services.signoff_give(actor=user, step=step, kind=action)
        messages.success(request, _("Tanda tangan tercatat."))
    elif action == "withdraw":
        signoff = get_object_or_404(SignOff, pk=request.POST.get("signoff"), step=step)
        services.signoff_withdraw(
            actor=user, signoff=signoff, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Tanda tangan ditarik."))
    elif action == "override":
        services.gate_override(actor=user, step=step, reason=request.POST.get("reason", ""))
        messages.success(request, _("Pengecualian gerbang tercatat."))
    elif action == "complete":
        services.step_complete(actor=user, step=step)
        messages.success(request, _("Langkah selesai; langkah berikutnya dibuka."))
    elif action == "upload":
        form = DocumentForm(request.POST, request.FILES)
        _require_valid(form)
        services.document_upload(actor=user, step=step, **form.cleaned_data)
        messages.success(request, _("Dokumen diunggah."))
    else:
        raise ValidationError(_("Tindakan tidak dikenal."))


def meetings(request, code: str):
    village = village_or_404(code, activate_timezone=True)
    return render(
        request,
        "cycle/meetings.html",
        {
            "village": village,
            "meetings": selectors.village_meetings(village),
            "may_record": can(request.user, "cycle.record_meeting", village),
        },
    )


@login_required
def meeting_form(request, code: str, meeting_id: int | None = None):
    village = village_or_404(code)
    meeting = selectors.meeting_for_village(code, meeting_id) if meeting_id else None
    authorize(request.user, "cycle.record_meeting", meeting or village)
    cycle = selectors.latest_cycle(village)
    steps = cycle.steps.all() if cycle else None
    form = MeetingForm(request.POST or None, steps=steps, initial=_initial(request, meeting, steps))
    formset = AttendeeFormSet(
        request.POST or None, prefix="peserta", initial=_initial_attendees(meeting)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.to_input(attendees_from(formset))
        try:
            if meeting is None:
                meeting = services.meeting_record(
                    actor=request.user, village=village, data=data, step=form.cleaned_data["step"]
                )
            else:
                services.meeting_update(
                    actor=request.user, meeting=meeting, data=data, step=form.cleaned_data["step"]
                )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Pertemuan tersimpan."))
            return redirect("cycle:meeting", code=code, meeting_id=meeting.pk)
    return render(
        request,
        "cycle/meeting_form.html",
        {
            "village": village,
            "meeting": meeting,
            "form": form,
            "formset": formset,
        },
    )


@login_required
def register_search(request, code: str):
    """The village register's people matching ?q= for the attendance picker (names with the NIK
    masked), to those who may record a meeting."""
    village = village_or_404(code)
    authorize(request.user, "cycle.record_meeting", village)
    people = selectors.register_matches(village, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {
                    "id": p.pk,
                    "name": p.name,
                    "sex": p.sex,
                    "is_poor": p.is_poor,
                    "disabled": p.disability,
                    "nik": p.masked_nik,
                }
                for p in people
            ]
        }
    )


def _initial(request, meeting, steps) -> dict:
    if meeting is not None:
        values = {name: getattr(meeting, name) for name in services.MEETING_FIELDS}
        return {**values, "step": meeting.step_id, "decisions": "\n".join(meeting.decisions)}
    initial: dict = {"held_on": timezone.localdate()}
    step_code = request.GET.get("langkah")
    if step_code and steps is not None:
        step = steps.filter(code=step_code).first()
        if step is not None:
            initial["step"] = step.pk
            kinds = [g.get("kind") for g in step.definition.get("gates", []) if g.get("kind")]
            if kinds:
                initial["kind"] = kinds[0]
    return initial


def _initial_attendees(meeting) -> list[dict]:
    if meeting is None or meeting.attendance_mode != AttendanceMode.LIST:
        return []
    return [
        {
            "name": a.name,
            "sex": a.sex,
            "is_poor": a.is_poor,
            "disabled": a.disabled,
            "role": a.role,
            "person": a.person_id,
        }
        for a in meeting.attendees.all()
    ]


def meeting_detail(request, code: str, meeting_id: int):
    meeting = selectors.meeting_for_village(code, meeting_id)
    village = meeting.village
    attach_ancestors([village])
    activate_village_timezone(village)
    show_names = can(request.user, "cycle.view_attendees", meeting)
    may_record = can(request.user, "cycle.record_meeting", meeting)
    elections = selectors.village_elections(village)
    return render(
        request,
        "cycle/meeting.html",
        {
            "village": village,
            "meeting": meeting,
            "attendees": meeting.attendees.all() if show_names else None,
            "photos": meeting.photos.all(),
            "elections": [e for e in elections if e.meeting_id == meeting.pk],
            "may_record": may_record,
            "photo_form": PhotoForm() if may_record else None,
            "election_form": ElectionLinkForm(elections=selectors.unlinked_elections(meeting))
            if may_record
            else None,
        },
    )


@login_required
@require_POST
def meeting_action(request, code: str, meeting_id: int):
    """Add a photo to a meeting, or record that a BKM election was held at it."""
    meeting = selectors.meeting_for_village(code, meeting_id)
    authorize(request.user, "cycle.record_meeting", meeting)
    try:
        if request.POST.get("action") == "photo":
            photo_form = PhotoForm(request.POST, request.FILES)
            _require_valid(photo_form)
            services.meeting_photo_add(
                actor=request.user, meeting=meeting, **photo_form.cleaned_data
            )
            messages.success(request, _("Foto ditambahkan."))
        else:
            form = ElectionLinkForm(request.POST, elections=selectors.unlinked_elections(meeting))
            _require_valid(form)
            services.meeting_link_election(
                actor=request.user, meeting=meeting, election=form.cleaned_data["election"]
            )
            messages.success(request, _("Pemilihan BKM dikaitkan dengan pertemuan ini."))
    except ValidationError as exc:
        _errors_to_messages(request, exc)
    return redirect("cycle:meeting", code=code, meeting_id=meeting_id)


def _require_valid(form) -> None:
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])


def berita_acara(request, code: str, meeting_id: int, fmt: str):
    if fmt not in documents.FORMATS:
        raise Http404
    meeting = selectors.meeting_for_village(code, meeting_id)
    with_names = can(request.user, "cycle.view_attendees", meeting)
    content, content_type = documents.berita_acara_file(meeting, fmt, with_names=with_names)
    filename = documents.berita_acara_filename(meeting, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attendance_sheet(request, code: str, meeting_id: int):
    meeting = selectors.meeting_for_village(code, meeting_id)
    response = HttpResponse(documents.attendance_sheet(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="daftar-hadir-{meeting.pk}.pdf"'
    return response


def villages_in_region(request, code: str):
    region = get_object_or_404(Region, code=code)
    attach_ancestors([region])
    return render(
        request,
        "cycle/region_cycles.html",
        {
            "region": region,
            "cycles": selectors.cycles_under(region),
        },
    )
