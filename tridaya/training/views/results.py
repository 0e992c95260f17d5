"""Pages of pre-test and post-test results: scores typed per module, answers per participant,
and the printed test forms and answer key."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.params import parse_int
from tridaya.core.policy import authorize
from tridaya.training import documents
from tridaya.training.models import (
    Participant,
    TestKind,
)
from tridaya.training.policy import (
    MANAGE,
    VIEW_PARTICIPANTS,
    VIEW_QUESTIONS,
)
from tridaya.training.selectors.results import questions_of, results_of, training_outcomes
from tridaya.training.services.results import answers_record, module_scores_record
from tridaya.training.views.common import (
    attachment,
    load_training,
    page,
    report,
)


@login_required
def scores(request, code: str, pk: int):
    training = load_training(request, code, pk, VIEW_PARTICIPANTS)
    outcomes = training_outcomes(training)
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
    results = results_of(training)
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
            changed = module_scores_record(
                actor=request.user, training=training, module=module, scores=posted
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
    sections = questions_of(training)
    chosen: dict[int, int] = {}
    for result in participant.results.filter(kind=kind).exclude(answers=None):
        chosen.update({int(k): v for k, v in (result.answers or {}).items()})
    if request.method == "POST":
        answers: dict[int, int | None] = {}
        for _module, questions in sections:
            for question in questions:
                value = request.POST.get(f"q-{question.pk}", "")
                answers[question.pk] = parse_int(value)
        try:
            saved = answers_record(
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
