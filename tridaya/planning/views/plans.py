"""Pages of RPLP and RTPLP plans, under /wilayah/<code>/perencanaan/: the village's plans, a
version with its programs, investment plan, poverty check, safeguards and documents. Activities
are in `rab.py`, state changes and the comparison of versions in `versions.py`, price lists in
`price_lists.py`.

Plans are public; every form needs a login, then `authorize` answers 404 outside the user's
regions and 403 inside them without the role."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.planning import policy
from tridaya.planning.calc import FUNDING_FIELDS, FundingSource
from tridaya.planning.documents import FORMATS
from tridaya.planning.documents import plans as plan_documents
from tridaya.planning.forms.plans import (
    BENEFICIARY_FIELDS,
    InvestmentRowForm,
    PlanCreateForm,
    ProgramForm,
    SafeguardsForm,
    VersionTextsForm,
)
from tridaya.planning.forms.versions import AmendForm, FeedbackForm, PublicTestForm
from tridaya.planning.models import (
    InvestmentRow,
    PlanKind,
    PlanProgram,
    PriorityArea,
    VersionState,
)
from tridaya.planning.outlines import active_outline, chapters_of
from tridaya.planning.selectors import documents as document_selectors
from tridaya.planning.selectors import plans as selectors
from tridaya.planning.services import documents as draft_documents
from tridaya.planning.services import plans, snapshots, versions
from tridaya.regions.models import RT, Region
from tridaya.regions.pages import village_or_404


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _version_url(page_or_version) -> str:
    version = getattr(page_or_version, "version", page_or_version)
    from django.urls import reverse

    return reverse(
        "planning:version",
        args=[version.plan.village_id, version.plan_id, version.number],
    )


# --- The village's plans ---------------------------------------------------------------------


def plan_list(request, code: str):
    village = village_or_404(code)
    timezone.activate(village.timezone)
    may_create = can(request.user, policy.EDIT_PLAN, village)
    areas = PriorityArea.objects.filter(village=village).order_by("name")
    form = None
    if may_create:
        form = PlanCreateForm(
            request.POST or None, areas=areas, initial={"start_year": timezone.localdate().year + 1}
        )
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                plan = plans.plan_create(
                    actor=request.user,
                    village=village,
                    kind=d["kind"],
                    start_year=d["start_year"],
                    title=d["title"],
                    kawasan=d["kawasan"] if d["kind"] == PlanKind.RTPLP else None,
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Rencana dibuat sebagai draf versi 1."))
                return redirect("planning:version", code=code, plan_id=plan.pk, number=1)
    elif request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/akun/masuk/?next={request.path}")
        authorize(request.user, policy.EDIT_PLAN, village)
    return render(
        request,
        "planning/plans.html",
        {
            "village": village,
            "plans": selectors.village_plans(village),
            "form": form,
            "may_prices": can(request.user, policy.MANAGE_PRICE_LISTS, village.ancestor_codes[1])
            if len(village.ancestor_codes) > 1
            else False,
            "regency_code": village.ancestor_codes[1] if len(village.ancestor_codes) > 1 else "",
        },
    )


def plan_newest(request, code: str, plan_id: int):
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.newest_version(plan)
    if version is None:
        raise Http404
    return redirect("planning:version", code=code, plan_id=plan.pk, number=version.number)


def _perms(request, version) -> dict[str, bool]:
    user = request.user
    return {
        "edit": version.is_editable and can(user, policy.EDIT_PLAN, version),
        "public_test": can(user, policy.RUN_PUBLIC_TEST, version),
        "sign": can(user, policy.SIGN_PLAN, version),
        "legalise": can(user, policy.LEGALISE_PLAN, version),
        "amend": can(user, policy.AMEND_PLAN, version),
    }


def version_detail(request, code: str, plan_id: int, number: int):
    page = snapshots.frozen_version_page(code, plan_id, number)
    timezone.activate(page.village.timezone)
    version = page.version
    perms = _perms(request, version)
    features = selectors.map_features(page)
    readiness = (
        versions.readiness_problems(version) if version.state == VersionState.REVISED else []
    )
    return render(
        request,
        "planning/version.html",
        {
            "page": page,
            "village": page.village,
            "plan": page.plan,
            "version": version,
            "perms_here": perms,
            "sources": [(s.value, s.label) for s in FundingSource],
            "map_data": {
                "features": features,
                "tiles": {"url": _tiles()[0], "attribution": _tiles()[1]},
            },
            "chart_data": {
                "domain": [[str(label), amount] for label, amount in page.totals.domain_rows()],
                "source": [
                    [str(label), amount] for label, amount in page.totals.source_rows() if amount
                ],
            },
            "public_test_form": PublicTestForm(village=page.village)
            if perms["public_test"]
            else None,
            "feedback_form": FeedbackForm() if perms["public_test"] else None,
            "amend_form": AmendForm() if perms["amend"] else None,
            "readiness": readiness,
            "signatory": _signatory(request, version),
            "newer": next((v for v in page.versions if v.number > version.number), None),
        },
    )


def _tiles() -> tuple[str, str]:
    from django.conf import settings

    return settings.TRIDAYA_TILE_URL, settings.TRIDAYA_TILE_ATTRIBUTION


def _signatory(request, version) -> str:
    if not request.user.is_authenticated or not can(request.user, policy.SIGN_PLAN, version):
        return ""
    try:
        return versions.signatory_kind_for(request.user, version)
    except ValidationError:
        return ""


def _editable(request, code: str, plan_id: int, number: int):
    """The version for an edit page: login first, then the policy, then the state."""
    page = selectors.version_page(code, plan_id, number)
    authorize(request.user, policy.EDIT_PLAN, page.version)
    timezone.activate(page.village.timezone)
    return page


def _form_page(request, page, form, title: str, **extra):
    return render(
        request,
        "planning/form.html",
        {
            "page": page,
            "village": page.village,
            "version": page.version,
            "form": form,
            "title": title,
            **extra,
        },
    )


def _locked_redirect(request, page):
    if not page.version.is_editable:
        try:
            plans.require_editable(page.version)
        except ValidationError as exc:
            _errors(request, exc)
        return redirect(_version_url(page))
    return None


@login_required
def version_edit(request, code: str, plan_id: int, number: int):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    version = page.version
    text_fields = [
        (key, chapter.title)
        for chapter in chapters_of(active_outline(page.plan.kind).chapters)
        for key in chapter.text_keys
    ]
    initial = {
        name: getattr(version, name)
        for name in (
            "start_year",
            "vision",
            "mission",
            "concept",
            "community_rules",
            "env_social_notes",
        )
    }
    initial.update({f"section_{k}": version.sections.get(k, "") for k, _t in text_fields})
    form = VersionTextsForm(request.POST or None, section_fields=text_fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plans.version_update_texts(actor=request.user, version=version, data=form.to_input())
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Isi rencana disimpan."))
            return redirect(_version_url(page))
    return _form_page(request, page, form, _("Ubah isi rencana"))


@login_required
def program_form(request, code: str, plan_id: int, number: int, program_id: int | None = None):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    program = (
        get_object_or_404(PlanProgram, pk=program_id, version=page.version) if program_id else None
    )
    initial = {}
    if program is not None:
        initial = {
            "domain": program.domain,
            "name": program.name,
            "description": program.description,
            "years": program.years,
            "problems": list(program.problems.all()),
        }
    form = ProgramForm(
        request.POST or None,
        years=page.version.years,
        problems=_problem_choices(page),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.program_save(
                actor=request.user, version=page.version, data=form.to_input(), program=program
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Program disimpan."))
            return redirect(_version_url(page) + "#program")
    title = _("Ubah program") if program else _("Tambah program")
    return _form_page(request, page, form, title)


def _problem_choices(page):
    from tridaya.mapping.selectors.problems import open_problems

    problems = open_problems(page.village, kind=None)
    if page.is_rtplp:  # the problems inside the kawasan prioritas
        problems = problems.filter(pk__in=[p.pk for p in page.problems])
    return problems.order_by("kind", "-severity", "title")


def _rts(village: Region):
    return RT.objects.filter(village=village).select_related("rw")


@login_required
def row_form(request, code: str, plan_id: int, number: int, row_id: int | None = None):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    row = get_object_or_404(InvestmentRow, pk=row_id, version=page.version) if row_id else None
    initial: dict = {"year": page.version.start_year}
    if row is not None:
        initial = {
            name: getattr(row, name)
            for name in (
                "year",
                "domain",
                "component",
                "detail",
                "location",
                "quantity",
                "volume",
                "unit",
                "unit_cost",
                *FUNDING_FIELDS.values(),
                *BENEFICIARY_FIELDS,
            )
        }
        initial.update({"program": row.program_id, "rt": row.rt_id})
    form = InvestmentRowForm(
        request.POST or None,
        years=page.version.years,
        programs=PlanProgram.objects.filter(version=page.version),
        rts=_rts(page.village),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plans.investment_row_save(
                actor=request.user, version=page.version, data=form.to_input(), row=row
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Baris rencana investasi disimpan."))
            return redirect(_version_url(page) + "#investasi")
    title = _("Ubah baris rencana investasi") if row else _("Tambah baris rencana investasi")
    return _form_page(request, page, form, title)


@login_required
def safeguards_form(request, code: str, plan_id: int, number: int):
    page = _editable(request, code, plan_id, number)
    if (blocked := _locked_redirect(request, page)) is not None:
        return blocked
    form = SafeguardsForm(request.POST or None, answers=page.version.safeguards)
    if request.method == "POST" and form.is_valid():
        try:
            plans.version_set_safeguards(
                actor=request.user, version=page.version, answers=form.answers()
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Daftar periksa pengaman disimpan."))
            return redirect(_version_url(page) + "#pengaman")
    return _form_page(request, page, form, _("Daftar periksa pengaman"))


def document(request, code: str, plan_id: int, number: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    if version.is_locked:  # rendered once, served as stored
        stored = snapshots.version_document(version=version, fmt=fmt)
        return FileResponse(
            stored.file.open("rb"),
            as_attachment=True,
            filename=plan_documents.document_filename(plan, version, fmt),
            content_type=FORMATS[fmt],
        )
    page = selectors.version_page(code, plan_id, number)
    content, content_type = plan_documents.plan_file(page, fmt)
    response = HttpResponse(content, content_type=content_type)
    filename = plan_documents.plan_filename(page, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def document_prepare(request, code: str, plan_id: int, number: int, fmt: str):
    """Start rendering a draft's document (htmx): answers with its progress, which polls itself
    until the file is ready. A legalised version's documents are served at once (stored)."""
    if fmt not in FORMATS:
        raise Http404
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    if version.is_locked:
        return redirect("planning:document", code=code, plan_id=plan_id, number=number, fmt=fmt)
    job = draft_documents.draft_document_queue(actor=request.user, version=version, fmt=fmt)
    job.refresh_from_db()  # without a broker it has already run
    return _job_fragment(request, plan, version, job)


def document_job(request, code: str, plan_id: int, number: int, job_id: int):
    """The progress of a document job (htmx polls it); with ?unduh=1 the finished file."""
    plan = selectors.plan_for_village(code, plan_id)
    version = selectors.version_of(plan, number)
    job = document_selectors.draft_job_of(version, job_id)
    if job is None:
        raise Http404
    if request.GET.get("unduh"):
        result = job.result or {}
        name = result.get("file")
        if job.status != "done" or not name or not default_storage.exists(name):
            raise Http404
        return FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=result["filename"],
            content_type=FORMATS[job.params["fmt"]],
        )
    return _job_fragment(request, plan, version, job)


def _job_fragment(request, plan, version, job):
    return render(
        request,
        "planning/_document_job.html",
        {"village_code": plan.village_id, "plan": plan, "version": version, "job": job},
    )
