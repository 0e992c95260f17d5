"""Pages about a training's participants: who takes part, their pre-test and post-test scores
(typed in, or computed from the answers on the printed form), the follow-up plan and the
certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tridaya.core.policy import authorize
from tridaya.institutions.models import Person
from tridaya.institutions.selectors import people_choices
from tridaya.regions.models import Region
from tridaya.training import documents, selectors, services
from tridaya.training.forms import FollowUpForm, GuestForm, PersonPickForm, ReasonForm
from tridaya.training.models import (
    ActorGroup,
    Certificate,
    FollowUpAction,
    Participant,
    TestKind,
)
from tridaya.training.policy import MANAGE, REVOKE_CERTIFICATE, VIEW_PARTICIPANTS, VIEW_QUESTIONS
from tridaya.training.views.common import attachment, form_error, load_training, page, report

# --- Participants ------------------------------------------------------------------------------


def _source_village(request, training) -> Region | None:
    """The village whose people are offered: the training's, or for a kecamatan training the
    one chosen in `?desa=`."""
    villages = selectors.villages_of(training.region)
    if training.region.is_village:
        return training.region
    wanted = request.GET.get("desa") or request.POST.get("desa")
    return next((v for v in villages if v.code == wanted), None)


@login_required
def participants(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    village = _source_village(request, training)
    villages = selectors.villages_of(training.region)
    action = request.POST.get("action") if request.method == "POST" else None
    people = people_choices(village) if village is not None else Person.objects.none()
    guest_form = GuestForm(
        request.POST if action == "guest" else None,
        villages=None if training.region.is_village else villages,
        prefix="tamu",
    )
    person_form = PersonPickForm(
        request.POST if action == "person" else None, people=people, prefix="warga"
    )
    if action:
        authorize(request.user, MANAGE, training)
        response = _participants_post(request, training, action, village, guest_form, person_form)
        if response is not None:
            return response
    outcomes = selectors.training_outcomes(training)
    taken = {p.person_id for p in outcomes.participants if p.person_id}
    groups = selectors.candidates(village) if village is not None else []
    return render(
        request,
        "training/participants.html",
        page(
            request,
            training,
            "participants",
            outcomes=outcomes,
            groups=[(ActorGroup(g).label, g, items) for g, items in groups],
            taken=taken,
            village=village,
            villages=villages,
            guest_form=guest_form,
            person_form=person_form,
        ),
    )


def _participants_post(request, training, action, village, guest_form, person_form):
    here = request.get_full_path()
    try:
        if action == "pick":
            picks = []
            people = {p.pk: p for p in people_choices(village)} if village else {}
            for value in request.POST.getlist("pick"):
                group, _sep, person_id = value.partition(":")
                person = people.get(int(person_id)) if person_id.isdigit() else None
                if person is not None and group in ActorGroup.values:
                    picks.append((person, group, request.POST.get(f"position-{value}", "")))
            added = services.participants_add_people(
                actor=request.user, training=training, picks=picks
            )
            messages.success(request, _("%(n)s peserta ditambahkan.") % {"n": len(added)})
            return redirect(here)
        if action == "person" and person_form.is_valid():
            data = person_form.cleaned_data
            services.participant_add(
                actor=request.user,
                training=training,
                person=data["person"],
                group=data["group"],
                position=data["position"],
            )
            messages.success(request, _("%(name)s ditambahkan.") % {"name": data["person"].name})
            return redirect(here)
        if action == "guest" and guest_form.is_valid():
            data = guest_form.cleaned_data
            village_code = data.get("village")
            services.participant_add(
                actor=request.user,
                training=training,
                name=data["name"],
                sex=data["sex"],
                group=data["group"],
                position=data["position"],
                is_poor=data["is_poor"],
                village=get_object_or_404(Region, code=village_code) if village_code else None,
            )
            messages.success(request, _("%(name)s ditambahkan.") % {"name": data["name"]})
            return redirect(here)
        if action == "remove":
            participant = get_object_or_404(
                Participant, pk=request.POST.get("participant") or 0, training=training
            )
            services.participant_remove(actor=request.user, participant=participant)
            messages.success(
                request, _("%(name)s dihapus dari peserta.") % {"name": participant.name}
            )
            return redirect(here)
    except ValidationError as exc:
        form = guest_form if action == "guest" else person_form if action == "person" else None
        if form is not None:
            form_error(form, exc)
            return None
        report(request, exc)
        return redirect(here)
    return None


# --- Scores ------------------------------------------------------------------------------------


@login_required
def scores(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    outcomes = selectors.training_outcomes(training)
    summaries = outcomes.module_summaries
    return render(
        request,
        "training/scores.html",
        page(
            request,
            training,
            "scores",
            outcomes=outcomes,
            chart=outcomes.chart(),
            module_rows=[(m, summaries[m.pk]) for m in outcomes.modules],
            kinds=TestKind.choices,
        ),
    )


@login_required
def score_entry(request, code: str, pk: int, module_code: str):
    """Type in the pre-test and post-test scores of one module for every participant."""
    training = load_training(request, code, pk, MANAGE)
    module = get_object_or_404(training.modules.all(), code=module_code)
    participants = list(training.participants.order_by("name", "id"))
    results = selectors.results_of(training)
    values = {
        (p.pk, kind): results[(p.pk, module.pk, kind)].score
        for p in participants
        for kind in TestKind.values
        if (p.pk, module.pk, kind) in results
    }
    if request.method == "POST":
        posted = {
            kind: {p.pk: request.POST.get(f"{kind}-{p.pk}", "") for p in participants}
            for kind in TestKind.values
        }
        try:
            with transaction.atomic():
                changed = sum(
                    services.scores_record(
                        actor=request.user,
                        training=training,
                        module=module,
                        kind=kind,
                        scores=posted[kind],
                    )
                    for kind in TestKind.values
                )
        except ValidationError as exc:
            report(request, exc)
            values = {(pid, kind): v for kind, row in posted.items() for pid, v in row.items()}
        else:
            messages.success(
                request,
                _("Nilai %(module)s tersimpan (%(n)s berubah).")
                % {"module": module.title, "n": changed},
            )
            return redirect("training:scores", code=code, pk=pk)
    rows = [
        (p, values.get((p.pk, "pre"), ""), values.get((p.pk, "post"), "")) for p in participants
    ]
    modules = list(training.modules.order_by("order"))
    index = [m.pk for m in modules].index(module.pk)
    return render(
        request,
        "training/score_entry.html",
        page(
            request,
            training,
            "scores",
            module=module,
            rows=rows,
            modules=modules,
            next_module=modules[index + 1] if index + 1 < len(modules) else None,
        ),
    )


@login_required
def answers_entry(request, code: str, pk: int, participant_id: int, kind: str):
    """Enter the answers one participant marked on the printed pre-test or post-test."""
    if kind not in TestKind.values:
        raise Http404
    training = load_training(request, code, pk, MANAGE)
    authorize(request.user, VIEW_QUESTIONS, training)
    participant = get_object_or_404(Participant, pk=participant_id, training=training)
    sections = selectors.questions_of(training)
    chosen: dict[int, int] = {}
    for result in participant.results.filter(kind=kind).exclude(answers=None):
        chosen.update({int(k): v for k, v in (result.answers or {}).items()})
    if request.method == "POST":
        answers: dict[int, int | None] = {}
        for _module, questions in sections:
            for question in questions:
                value = request.POST.get(f"q-{question.pk}", "")
                answers[question.pk] = int(value) if value.isdigit() else None
        try:
            saved = services.answers_record(
                actor=request.user, participant=participant, kind=kind, answers=answers
            )
        except ValidationError as exc:
            report(request, exc)
            chosen = {k: v for k, v in answers.items() if v is not None}
        else:
            scored = ", ".join(
                f"{r.module.title}: {r.score}" for r in saved.values() if r is not None
            )
            messages.success(
                request,
                _("Jawaban %(name)s tersimpan. %(scores)s")
                % {"name": participant.name, "scores": scored},
            )
            return redirect("training:scores", code=code, pk=pk)
    for _module, questions in sections:
        for question in questions:
            question.chosen = chosen.get(question.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "training/answers.html",
        page(
            request,
            training,
            "scores",
            participant=participant,
            kind=kind,
            kind_label=TestKind(kind).label,
            sections=sections,
            chosen=chosen,
        ),
    )


@login_required
def test_form(request, code: str, pk: int, kind: str):
    if kind not in TestKind.values:
        raise Http404
    training = load_training(request, code, pk)
    authorize(request.user, VIEW_QUESTIONS, training)
    return attachment(
        documents.test_form_pdf(training, kind),
        documents.PDF,
        documents.test_form_filename(training, kind),
        inline=True,
    )


@login_required
def answer_key(request, code: str, pk: int):
    training = load_training(request, code, pk)
    authorize(request.user, VIEW_QUESTIONS, training)
    return attachment(
        documents.answer_key_pdf(training), documents.PDF, f"kunci-jawaban-{training.pk}.pdf"
    )


# --- Follow-up plan (RKTL) ---------------------------------------------------------------------


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
                services.follow_up_add(actor=request.user, training=training, **form.cleaned_data)
            except ValidationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Tindak lanjut ditambahkan."))
                return redirect(request.path)
    return render(
        request,
        "training/follow_ups.html",
        page(
            request, training, "follow_ups", follow_ups=selectors.follow_ups_of(training), form=form
        ),
    )


@login_required
def follow_up_edit(request, code: str, pk: int, follow_up_id: int):
    training = load_training(request, code, pk, MANAGE)
    follow_up = get_object_or_404(FollowUpAction, pk=follow_up_id, training=training)
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.follow_up_remove(actor=request.user, follow_up=follow_up)
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
            services.follow_up_update(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect("training:follow_ups", code=code, pk=pk)
    return render(
        request,
        "training/follow_up_form.html",
        page(request, training, "follow_ups", form=form, follow_up=follow_up),
    )


# --- Certificates ------------------------------------------------------------------------------


@login_required
def certificates(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    if request.method == "POST":
        certificate = get_object_or_404(
            Certificate, pk=request.POST.get("certificate") or 0, participant__training=training
        )
        authorize(request.user, REVOKE_CERTIFICATE, certificate)
        try:
            services.certificate_revoke(
                actor=request.user, certificate=certificate, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            report(request, exc)
        else:
            messages.success(
                request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number}
            )
        return redirect(request.path)
    outcomes = selectors.training_outcomes(training)
    return render(
        request,
        "training/certificates.html",
        page(
            request,
            training,
            "certificates",
            certificates=selectors.certificates_of(training),
            outcomes=outcomes,
            reason_form=ReasonForm(),
        ),
    )


@login_required
def certificate_pdf(request, code: str, pk: int, certificate_id: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    certificate = get_object_or_404(
        Certificate.objects.select_related("participant__village"),
        pk=certificate_id,
        participant__training=training,
    )
    certificate.participant.training = training
    verify_url = request.build_absolute_uri(
        reverse("training_public:verify_code", args=[certificate.code])
    )
    return attachment(
        documents.certificate_file(certificate, verify_url),
        documents.PDF,
        documents.certificate_filename(certificate),
    )
