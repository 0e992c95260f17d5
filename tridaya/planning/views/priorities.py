"""Pages of prioritisation under /wilayah/<code>/perencanaan/prioritas/.

The list of rounds and a round's page (criteria, weighted ranking with its arithmetic, the vote
and its result, the tie rule) are public. Changing a round needs `planning.manage_priorities`
(login first; outside the user's regions 404, inside without the role 403); the ballot page
needs `planning.vote` (online ballot) or the manager's right (paper ballots)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_int
from tridaya.core.policy import authorize, can, in_scope
from tridaya.cycle.selectors import village_meetings
from tridaya.planning.forms import priorities as f
from tridaya.planning.models import Ballot, PriorityOption, RoundStatus, VoteMethod
from tridaya.planning.policy import MANAGE_KAWASAN, MANAGE_PRIORITIES, VIEW_PRIORITIES, VOTE
from tridaya.planning.selectors import priorities as selectors
from tridaya.planning.services import kawasan_derive, ranking
from tridaya.planning.services import priorities as services
from tridaya.regions.pages import village_or_404


def _village(code: str):
    village = village_or_404(code)
    timezone.activate(village.timezone)
    return village


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def rounds(request, code: str):
    village = _village(code)
    authorize(request.user, VIEW_PRIORITIES, village)
    may_manage = can(request.user, MANAGE_PRIORITIES, village)
    form = None
    if may_manage:
        form = f.RoundForm(
            request.POST or None,
            meetings=village_meetings(village),
            initial={"method": VoteMethod.BORDA, "max_score": 5},
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        authorize(request.user, MANAGE_PRIORITIES, village)
        assert form is not None
        if form.is_valid():
            try:
                round_ = services.round_create(
                    actor=request.user, village=village, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(
                    request, _("Putaran dibuat dengan kriteria awal; sesuaikan bobotnya.")
                )
                return redirect("planning:round", code=code, pk=round_.pk)
    return render(
        request,
        "planning/priorities/rounds.html",
        {
            "village": village,
            "rounds": selectors.village_rounds(village),
            "form": form,
            "may_manage": may_manage,
        },
    )


def round_detail(request, code: str, pk: int):
    village = _village(code)
    page = selectors.round_page(code, pk, request.user)
    authorize(request.user, VIEW_PRIORITIES, page.round)
    page.round.village = village
    user = request.user
    return render(
        request,
        "planning/priorities/round.html",
        {
            "village": village,
            "page": page,
            "round": page.round,
            "may_manage": can(user, MANAGE_PRIORITIES, page.round),
            "may_vote": can(user, VOTE, page.round),
            "may_manage_kawasan": can(user, MANAGE_KAWASAN, village),
            "may_audit": can(user, "core.view_audit", page.round),
        },
    )


def _round_for_manager(request, code: str, pk: int):
    village = _village(code)
    round_ = selectors.round_for_village(code, pk)
    authorize(request.user, MANAGE_PRIORITIES, round_)
    round_.village = village
    return village, round_


@login_required
def round_edit(request, code: str, pk: int):
    """The round's settings and its criteria with their weights."""
    village, round_ = _round_for_manager(request, code, pk)
    posted = request.method == "POST"
    action = request.POST.get("action") if posted else None
    form = f.RoundForm(
        request.POST if action == "round" else None,
        meetings=village_meetings(village),
        initial={
            "title": round_.title,
            "description": round_.description,
            "method": round_.method,
            "max_score": round_.max_score,
            "meeting": round_.meeting_id,
        },
    )
    criteria = list(round_.criteria.order_by("position", "id"))
    formset = f.CriteriaFormSet(
        request.POST if action == "criteria" else None,
        prefix="kriteria",
        initial=[
            {
                "key": c.key,
                "label": c.label,
                "weight": c.weight,
                "basis": c.basis,
                "description": c.description,
            }
            for c in criteria
        ],
    )
    if action == "round" and form.is_valid():
        try:
            services.round_update(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Putaran disimpan."))
            return redirect("planning:round", code=code, pk=pk)
    elif action == "criteria" and formset.is_valid():
        try:
            services.criteria_set(
                actor=request.user,
                round_=round_,
                criteria=cast(f.BaseCriteriaFormSet, formset).inputs(),
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Kriteria dan bobot disimpan."))
            return redirect("planning:round", code=code, pk=pk)
    return render(
        request,
        "planning/priorities/round_edit.html",
        {
            "village": village,
            "round": round_,
            "form": form,
            "formset": formset,
            "closed": round_.status == RoundStatus.CLOSED,
            "draft": round_.status == RoundStatus.DRAFT,
        },
    )


@login_required
def round_options(request, code: str, pk: int):
    """Add mapped problems or candidate programs as options (draft only); remove one."""
    village, round_ = _round_for_manager(request, code, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    problems_form = f.ProblemsForm(
        request.POST if action == "problems" else None,
        problems=selectors.candidate_problems(round_),
    )
    program_form = f.ProgramOptionForm(request.POST if action == "program" else None)
    try:
        if action == "problems" and problems_form.is_valid():
            added = services.options_add_problems(
                actor=request.user,
                round_=round_,
                problems=list(problems_form.cleaned_data["problems"]),
            )
            messages.success(request, _("%(n)s masalah ditambahkan.") % {"n": len(added)})
            return redirect("planning:round_options", code=code, pk=pk)
        if action == "program" and program_form.is_valid():
            services.option_add_program(
                actor=request.user, round_=round_, **program_form.cleaned_data
            )
            messages.success(request, _("Usulan program ditambahkan."))
            return redirect("planning:round_options", code=code, pk=pk)
        if action == "remove":
            option = get_object_or_404(PriorityOption, pk=request.POST.get("option"), round=round_)
            services.option_remove(actor=request.user, option=option)
            messages.success(request, _("Pilihan dihapus."))
            return redirect("planning:round_options", code=code, pk=pk)
    except ValidationError as exc:
        _errors(request, exc)
    return render(
        request,
        "planning/priorities/round_options.html",
        {
            "village": village,
            "round": round_,
            "options": round_.options.select_related("problem").order_by("position", "id"),
            "problems_form": problems_form,
            "program_form": program_form,
            "draft": round_.status == RoundStatus.DRAFT,
        },
    )


@login_required
def round_scores(request, code: str, pk: int):
    """The TIPP's score of every option on every criterion (0-5)."""
    village, round_ = _round_for_manager(request, code, pk)
    page = selectors.round_page(code, pk)
    form = f.ScoresForm(request.POST or None, rows=page.rows)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "fill":
                changed = ranking.scores_fill_from_data(actor=request.user, round_=round_)
                messages.success(
                    request, _("%(n)s nilai diisi dari data pemetaan.") % {"n": changed}
                )
                return redirect("planning:round_scores", code=code, pk=pk)
            if form.is_valid():
                changed = ranking.scores_set(
                    actor=request.user, round_=round_, scores=form.scores()
                )
                messages.success(request, _("%(n)s nilai disimpan.") % {"n": changed})
                return redirect("planning:round", code=code, pk=pk)
        except ValidationError as exc:
            apply_service_error(form, exc)
    fields = {name: form[name] for name in form.fields}
    rows = [
        (
            row.option,
            [
                (criterion, fields[f.score_field_name(row.option.pk, criterion.pk)])
                for criterion, _value in row.cells
            ],
        )
        for row in page.rows
    ]
    return render(
        request,
        "planning/priorities/round_scores.html",
        {
            "village": village,
            "round": round_,
            "page": page,
            "form": form,
            "rows": rows,
            "closed": round_.status == RoundStatus.CLOSED,
        },
    )


@login_required
def round_ballot(request, code: str, pk: int):
    """The voter's online ballot, and for managers the paper ballots entered as counts."""
    village = _village(code)
    page = selectors.round_page(code, pk, request.user)
    round_ = page.round
    may_vote = can(request.user, VOTE, round_)
    may_manage = can(request.user, MANAGE_PRIORITIES, round_)
    if not (may_vote or may_manage):
        if not in_scope(request.user, round_):
            raise Http404
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    options = page.options
    own = page.own_ballot
    own_initial = _ballot_initial(round_.method, own, options) if own else None
    vote_form = f.BallotForm(
        request.POST if action == "vote" else None,
        round_=round_,
        options=options,
        initial=own_initial,
        prefix="suara",
    )
    paper_form = f.BallotForm(
        request.POST if action == "paper" else None,
        round_=round_,
        options=options,
        paper=True,
        prefix="kertas",
    )
    try:
        if action == "vote" and vote_form.is_valid():
            ranking.ballot_cast(actor=request.user, round_=round_, **vote_form.ballot())
            messages.success(request, _("Suara Anda tercatat."))
            return redirect("planning:round", code=code, pk=pk)
        if action == "paper" and paper_form.is_valid():
            authorize(request.user, MANAGE_PRIORITIES, round_)
            data = paper_form.cleaned_data
            ranking.ballot_paper_add(
                actor=request.user,
                round_=round_,
                count=data["count"],
                note=data.get("note", ""),
                **paper_form.ballot(),
            )
            messages.success(
                request, _("%(n)s surat suara kertas dimasukkan.") % {"n": data["count"]}
            )
            return redirect("planning:round_ballot", code=code, pk=pk)
        if action == "remove":
            ballot = get_object_or_404(Ballot, pk=request.POST.get("ballot"), round=round_)
            ranking.ballot_remove(actor=request.user, ballot=ballot)
            messages.success(request, _("Surat suara dihapus."))
            return redirect("planning:round_ballot", code=code, pk=pk)
    except ValidationError as exc:
        apply_service_error(paper_form if action == "paper" else vote_form, exc)
    return render(
        request,
        "planning/priorities/round_ballot.html",
        {
            "village": village,
            "page": page,
            "round": round_,
            "vote_form": vote_form,
            "paper_form": paper_form,
            "may_vote": may_vote,
            "may_manage": may_manage,
            "voting": round_.status == RoundStatus.VOTING,
        },
    )


def _ballot_initial(method: str, ballot: Ballot, options) -> dict:
    if method == VoteMethod.APPROVAL:
        return {"choices": [str(c) for c in ballot.choices]}
    if method == VoteMethod.BORDA:
        return {f"rank_{n}": str(c) for n, c in enumerate(ballot.choices, start=1)}
    return {f"score_{k}": v for k, v in ballot.scores.items()}


@login_required
@require_POST
def round_action(request, code: str, pk: int):
    """The round's buttons: open the vote, close it, delete a draft."""
    _village_obj, round_ = _round_for_manager(request, code, pk)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            ranking.voting_open(actor=request.user, round_=round_)
            messages.success(request, _("Pemungutan suara dibuka."))
        elif action == "close":
            ranking.round_close(actor=request.user, round_=round_)
            messages.success(request, _("Putaran ditutup; hasilnya dibekukan."))
        elif action == "delete":
            services.round_delete(actor=request.user, round_=round_)
            messages.success(request, _("Putaran dihapus."))
            return redirect("planning:rounds", code=code)
        elif action == "derive":
            authorize(request.user, MANAGE_KAWASAN, round_.village)
            top = request.POST.get("top", "3")
            area = kawasan_derive.area_derive(
                actor=request.user, round_=round_, top=parse_int(top, minimum=1, maximum=100) or 3
            )
            messages.success(request, _("Calon kawasan dibuat dari RT masalah teratas."))
            return redirect("planning:area", code=code, pk=area.pk)
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("planning:round", code=code, pk=pk)
