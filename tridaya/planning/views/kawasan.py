"""Pages of kawasan prioritas under /wilayah/<code>/perencanaan/kawasan/.

The list (a map of every area and the comparison side by side) and an area's page are public.
Drawing, importing, deriving, recording the criteria, choosing and undoing need
`planning.manage_kawasan` (login first; outside the user's regions 404, inside without the role
403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.policy import authorize, can
from tridaya.cycle.selectors import village_meetings
from tridaya.planning.errors import PlanningError
from tridaya.planning.forms import kawasan
from tridaya.planning.models import AreaStatus
from tridaya.planning.policy import MANAGE_KAWASAN, VIEW_PRIORITIES
from tridaya.planning.selectors import kawasan as selectors
from tridaya.planning.selectors.priorities import rounds_with_problems
from tridaya.planning.services import kawasan as services
from tridaya.planning.services import kawasan_derive
from tridaya.regions.pages import village_or_404


def _village(code: str):
    village = village_or_404(code)
    timezone.activate(village.timezone)
    return village


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def areas(request, code: str):
    village = _village(code)
    authorize(request.user, VIEW_PRIORITIES, village)
    may_manage = can(request.user, MANAGE_KAWASAN, village)
    found = selectors.village_areas(village)
    derive_form = None
    if may_manage:
        derive_form = kawasan.DeriveForm(rounds=rounds_with_problems(village), prefix="turunan")
    return render(
        request,
        "planning/priorities/areas.html",
        {
            "village": village,
            "rows": selectors.comparison(found),
            "map_data": selectors.map_data(village, found),
            "may_manage": may_manage,
            "derive_form": derive_form,
        },
    )


@login_required
@require_POST
def area_derive(request, code: str):
    village = _village(code)
    authorize(request.user, MANAGE_KAWASAN, village)
    form = kawasan.DeriveForm(request.POST, rounds=rounds_with_problems(village), prefix="turunan")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("planning:areas", code=code)
    data = form.cleaned_data
    try:
        area = kawasan_derive.area_derive(
            actor=request.user, round_=data["round"], top=data["top"], name=data["name"]
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("planning:areas", code=code)
    messages.success(request, _("Calon kawasan dibuat dari RT masalah teratas."))
    return redirect("planning:area", code=code, pk=area.pk)


@login_required
def area_form(request, code: str, pk: int | None = None):
    """Draw a new candidate, or redraw / rename one."""
    village = _village(code)
    area = selectors.area_for_village(code, pk) if pk else None
    authorize(request.user, MANAGE_KAWASAN, area or village)
    initial = {}
    if area is not None:
        initial = {"name": area.name, "description": area.description, "geometry": area.geometry}
    form = kawasan.AreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if area is None:
                area = services.area_create(actor=request.user, village=village, **data)
            else:
                services.area_update(actor=request.user, area=area, **data)
        except ValidationError as exc:
            form.add_error("geometry" if _about_geometry(exc) else None, exc)
        else:
            messages.success(request, _("Kawasan disimpan; indikatornya dihitung."))
            return redirect("planning:area", code=code, pk=area.pk)
    return render(
        request,
        "planning/priorities/area_form.html",
        {
            "village": village,
            "area": area,
            "form": form,
            "map_data": selectors.map_data(
                village, [a for a in selectors.village_areas(village) if a != area]
            ),
        },
    )


def _about_geometry(exc: ValidationError) -> bool:
    code = getattr(exc, "code", "")
    return code in {PlanningError.KAWASAN_OUTSIDE_VILLAGE, PlanningError.KAWASAN_BAD_GEOMETRY}


@login_required
def area_import(request, code: str):
    village = _village(code)
    authorize(request.user, MANAGE_KAWASAN, village)
    form = kawasan.AreaImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = services.areas_import(
                actor=request.user,
                village=village,
                data=upload.read(),
                file_name=upload.name,
                crs=form.cleaned_data.get("crs"),
                name_prefix=form.cleaned_data.get("name_prefix", ""),
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                _(
                    "Impor selesai: %(created)s baru, %(updated)s diperbarui, %(same)s tidak "
                    "berubah."
                )
                % {
                    "created": len(report.created),
                    "updated": len(report.updated),
                    "same": len(report.unchanged),
                },
            )
            return redirect("planning:areas", code=code)
    return render(
        request, "planning/priorities/area_import.html", {"village": village, "form": form}
    )


def area_detail(request, code: str, pk: int):
    village = _village(code)
    area = selectors.area_for_village(code, pk)
    authorize(request.user, VIEW_PRIORITIES, area)
    area.village = village
    may_manage = can(request.user, MANAGE_KAWASAN, area)
    candidate = area.status == AreaStatus.CANDIDATE
    criteria_form = choose_form = reason_form = None
    if may_manage and candidate:
        criteria_form = kawasan.AreaCriteriaForm(
            initial={
                name: getattr(area, name)
                for name in (
                    "slum_rationale",
                    "land_status",
                    "spatial_conformity",
                    "land_rationale",
                    "strategic_value",
                    "socio_economic",
                    "other_rationale",
                )
            }
        )
        choose_form = kawasan.ChooseForm(meetings=village_meetings(village))
    elif may_manage:
        reason_form = kawasan.ReasonForm()
    return render(
        request,
        "planning/priorities/area.html",
        {
            "village": village,
            "area": area,
            "row": selectors.comparison([area])[0],
            "map_data": selectors.map_data(village, [area], problems=True),
            "may_manage": may_manage,
            "candidate": candidate,
            "criteria_form": criteria_form,
            "choose_form": choose_form,
            "reason_form": reason_form,
            "may_audit": can(request.user, "core.view_audit", area),
        },
    )


@login_required
@require_POST
def area_action(request, code: str, pk: int):
    village = _village(code)
    area = selectors.area_for_village(code, pk)
    authorize(request.user, MANAGE_KAWASAN, area)
    action = request.POST.get("action", "")
    try:
        if action == "criteria":
            form: Form = kawasan.AreaCriteriaForm(request.POST)
            _require_valid(form)
            services.area_criteria_set(actor=request.user, area=area, **form.cleaned_data)
            messages.success(request, _("Kriteria pemilihan lokasi disimpan."))
        elif action == "choose":
            form = kawasan.ChooseForm(request.POST, meetings=village_meetings(village))
            _require_valid(form)
            services.area_choose(actor=request.user, area=area, **form.cleaned_data)
            messages.success(request, _("Kawasan ditetapkan sebagai kawasan prioritas."))
        elif action == "unchoose":
            form = kawasan.ReasonForm(request.POST)
            _require_valid(form)
            services.area_unchoose(actor=request.user, area=area, **form.cleaned_data)
            messages.success(request, _("Penetapan kawasan dibatalkan."))
        elif action == "recompute":
            services.area_recompute(actor=request.user, area=area)
            messages.success(request, _("Indikator dihitung ulang dari data pemetaan terbaru."))
        elif action == "delete":
            services.area_delete(actor=request.user, area=area)
            messages.success(request, _("Calon kawasan dihapus."))
            return redirect("planning:areas", code=code)
        else:
            raise ValidationError(_("Tindakan tidak dikenal."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("planning:area", code=code, pk=pk)


def _require_valid(form) -> None:
    if not form.is_valid():
        problems = []
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            problems += [f"{label}: {e}" if label else str(e) for e in errors]
        raise ValidationError(problems)
