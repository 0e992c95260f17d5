"""Works pages of a village: the package list (map, status filter rencana/berjalan/selesai,
plan vs actual), the package page (S-curve, money, photo timeline, progress approval, reports),
the weekly schedule, the beneficiaries, the reports as XLSX, the BAST as DOCX/PDF, and the
assets overdue for a check (korkot)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tridaya.core.errors import NotFound
from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.regions.models import Region
from tridaya.regions.pages import village_or_404
from tridaya.works import selectors
from tridaya.works.forms import (
    BeneficiaryForm,
    PackageForm,
    PhotoForm,
    ProgressForm,
    ReturnForm,
    ScheduleForm,
    StatusFilter,
)
from tridaya.works.models import Asset, PackageStatus, ProgressEntry
from tridaya.works.personal_data import log_beneficiary_niks
from tridaya.works.schedule import week_count
from tridaya.works.services import packages, progress

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _village(code: str):
    return village_or_404(code, activate_timezone=True)


def _tiles() -> dict:
    return {"url": settings.TRIDAYA_TILE_URL, "attribution": settings.TRIDAYA_TILE_ATTRIBUTION}


def package_list(request, code: str, package_form=None):
    village = _village(code)
    authorize(request.user, "works.view", village)
    filters = StatusFilter(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    works = selectors.village_works(village, status)
    context = {
        "village": village,
        "works": works,
        "filters": filters,
        "status": status,
        "statuses": PackageStatus.choices,
        "map_data": {"features": selectors.map_features(works.rows), "tiles": _tiles()},
        "package_form": package_form,
        "may_import": can(request.user, "works.import_progress", village),
    }
    if package_form is None and can(request.user, "works.manage", village):
        activities, ksms = _package_choices(village)
        context["package_form"] = PackageForm(activities=activities, ksms=ksms)
    return render(request, "works/packages.html", context, status=400 if package_form else 200)


def _package_choices(village):
    from tridaya.institutions.models import KSM
    from tridaya.works.plan_source import legalised_activities

    made = set(selectors.packages_of(village).values_list("plan_activity_id", flat=True))
    activities = [a for a in legalised_activities(village.code) if a.pk not in made]
    return activities, list(KSM.objects.filter(village=village).order_by("name"))


@require_POST
def package_new(request, code: str):
    """Make a work package from a legalised RTPLP activity (BKM, UPL, facilitator)."""
    village = _village(code)
    authorize(request.user, "works.manage", village)
    activities, ksms = _package_choices(village)
    form = PackageForm(request.POST, activities=activities, ksms=ksms)
    if form.is_valid():
        data = form.cleaned_data
        ksm = next((k for k in ksms if k.pk == data["ksm"]), None)
        try:
            made = packages.package_create(
                actor=request.user,
                village=village,
                plan_activity_id=data["activity"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                ksm=ksm,
                builder_name=data["builder_name"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return redirect("works:package", village.code, made.pk)
    return package_list(request, code, package_form=form)


def _package_page(request, village, package_id: int):
    try:
        return selectors.package_page(village, package_id)
    except NotFound:
        raise Http404 from None


def _chart(page) -> dict:
    curve = page.figures.curve
    return {
        "labels": curve.labels,
        "plan": [float(v) for v in curve.plan],
        "actual": [None if v is None else float(v) for v in curve.actual],
    }


def package_detail(request, code: str, package_id: int, bound: dict | None = None):
    village = _village(code)
    page = _package_page(request, village, package_id)
    package = page.package
    authorize(request.user, "works.view", package)
    perms = {
        "report": can(request.user, "works.report", package),
        "approve": can(request.user, "works.approve", package),
        "personal": can(request.user, "works.view_personal", package),
        "manage": can(request.user, "works.manage", package),
    }
    bound = bound or {}
    by_entry = selectors.photos_by_entry(page.photos)
    for entry in page.entries:
        entry.photo_list = by_entry.get(entry.pk, [])
    context = {
        "village": village,
        "page": page,
        "package": package,
        "perms_here": perms,
        "chart": _chart(page),
        "map_data": {"features": selectors.map_features([page.figures]), "tiles": _tiles()},
        "beneficiaries": list(package.beneficiaries.all()) if perms["personal"] else [],
        "progress_form": bound.get("progress") or ProgressForm(),
        "photo_form": bound.get("photo") or PhotoForm(prefix="foto"),
        "return_form": bound.get("return") or ReturnForm(prefix="kembali"),
        "step_form": bound.get("step"),
        "error_entry": bound.get("entry_id"),
    }
    return render(request, "works/package.html", context, status=400 if bound else 200)


def _package(request, code: str, package_id: int):
    village = _village(code)
    try:
        package = selectors.package_of(village, package_id)
    except NotFound:
        raise Http404 from None
    return village, package


@require_POST
def entry_new(request, code: str, package_id: int):
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.report", package)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            progress.entry_report(
                actor=request.user,
                package=package,
                date=data["date"],
                percent=data["percent"],
                note=data["note"],
                file=data["photo"],
                slot=int(data["slot"]) if data["slot"] else None,
                submit=data["submit"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            return redirect("works:package", village.code, package.pk)
    return package_detail(request, code, package_id, bound={"progress": form})


STEP_ACTIONS = {
    "foto": "works.report",
    "ajukan": "works.report",
    "kembalikan": "works.approve",
    "setujui": "works.approve",
}


def _run_step(request, step: str, entry, form) -> None:
    if step == "foto":
        if form.is_valid():
            data = form.cleaned_data
            progress.photo_add(
                actor=request.user,
                package=entry.package,
                entry=entry,
                file=data["photo"],
                slot=int(data["slot"]) if data["slot"] else None,
                caption=data["caption"],
            )
    elif step == "kembalikan":
        if form.is_valid():
            progress.entry_return(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
    elif step == "ajukan":
        progress.entry_submit(actor=request.user, entry=entry)
    else:
        progress.entry_approve(actor=request.user, entry=entry)


def _step_form(request, step: str) -> forms.Form:
    """The bound form of an approval step; the steps without fields get an empty form that
    carries a refusal (e.g. a missing photo slot)."""
    if step == "foto":
        return PhotoForm(request.POST, request.FILES, prefix="foto")
    if step == "kembalikan":
        return ReturnForm(request.POST, prefix="kembali")
    return forms.Form(data={})


@require_POST
def entry_step(request, code: str, package_id: int, entry_id: int, step: str):
    """One step of the approval flow: foto (add a photo), ajukan, kembalikan, setujui."""
    village, package = _package(request, code, package_id)
    if step not in STEP_ACTIONS:
        raise Http404
    entry = get_object_or_404(ProgressEntry, pk=entry_id, package=package)
    entry.package = package
    authorize(request.user, STEP_ACTIONS[step], package)
    form = _step_form(request, step)
    try:
        _run_step(request, step, entry, form)
    except ValidationError as error:
        apply_service_error(form, error)
    if form.errors:
        key = {"kembalikan": "return", "foto": "photo"}.get(step, "step")
        return package_detail(request, code, package_id, bound={key: form, "entry_id": entry.pk})
    return redirect("works:package", village.code, package.pk)


def reports_file(request, code: str, package_id: int):
    from tridaya.works import exports  # openpyxl on use, not with the URL conf

    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    reports = list(package.reports.order_by("date", "id"))
    response = HttpResponse(exports.reports_xlsx(package, reports), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="laporan-paket-{package.pk}.xlsx"'
    return response


def bast_file(request, code: str, package_id: int, fmt: str):
    from tridaya.works import exports  # openpyxl on use, not with the URL conf

    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    asset = Asset.objects.filter(package=package).select_related("handover__kpp").first()
    if asset is None or fmt not in ("docx", "pdf"):
        raise Http404
    handover = asset.handover
    if fmt == "docx":
        body, kind = exports.bast_docx(package, handover, asset), DOCX
    else:
        body, kind = exports.bast_pdf(package, handover, asset), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="bast-{package.pk}.{fmt}"'
    return response


def assets_overdue(request, code: str):
    """For the korkot (and anyone who maintains them): assets with no functionality check in
    the interval, in a village, kecamatan or city."""
    region = get_object_or_404(Region, code=code)
    authorize(request.user, "works.om", region)
    context = {
        "region": region,
        "village": region,
        "assets": selectors.assets_overdue(region.code),
        "reduction": selectors.slum_reduction(region.code),
    }
    return render(request, "works/assets_overdue.html", context)


def schedule(request, code: str, package_id: int):
    """The weekly plan of the RAB lines (the plan S-curve follows it); BKM, UPL and the
    facilitator change it, everyone reads it."""
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    items = selectors.work_items(package)
    weeks = week_count(package.starts_on, package.ends_on)
    may = can(request.user, "works.manage", package)
    form = ScheduleForm(request.POST or None, items=items, weeks=weeks)
    if request.method == "POST":
        authorize(request.user, "works.manage", package)
        if form.is_valid():
            try:
                packages.schedule_set(actor=request.user, package=package, weeks=form.weeks())
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                return redirect("works:schedule", village.code, package.pk)
    context = {
        "village": village,
        "package": package,
        "items": items,
        "weeks": weeks,
        "form": form if may else None,
        "week_labels": selectors.week_labels(package),
    }
    return render(request, "works/schedule.html", context, status=400 if form.errors else 200)


def beneficiaries(request, code: str, package_id: int):
    """Counts for everyone; the named list only for the roles that need it (UU PDP); BKM,
    UPL and the facilitator add names."""
    village, package = _package(request, code, package_id)
    authorize(request.user, "works.view", package)
    personal = can(request.user, "works.view_personal", package)
    may = can(request.user, "works.manage", package)
    form = BeneficiaryForm(request.POST or None)
    if request.method == "POST":
        authorize(request.user, "works.manage", package)
        if form.is_valid():
            try:
                packages.beneficiary_add(actor=request.user, package=package, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                return redirect("works:beneficiaries", village.code, package.pk)
    people = list(selectors.beneficiaries_of(package)) if personal else []
    log_beneficiary_niks(request.user, package, people, place="works:beneficiaries")
    context = {
        "village": village,
        "package": package,
        "summary": selectors.beneficiary_summary(package),
        "people": people,
        "personal": personal,
        "form": form if may else None,
    }
    return render(request, "works/beneficiaries.html", context, status=400 if form.errors else 200)
