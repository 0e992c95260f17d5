"""Problems and potentials of a village: the list and map with filters (public), mapping one on
a phone by drawing a point, line or area, its page with photos and status, import from GIS files
and export for QGIS; and the village map with every layer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.geo.files import safe_file_name, write
from tridaya.core.pages import apply_service_error
from tridaya.core.params import parse_id
from tridaya.core.policy import authorize, authorize_any
from tridaya.mapping import pages
from tridaya.mapping.forms.problems import (
    PhotoForm,
    ProblemFilterForm,
    ProblemForm,
    ProblemImportForm,
    StatusForm,
)
from tridaya.mapping.models import ProblemStatus
from tridaya.mapping.policy import MAP_PROBLEMS, VERIFY_PROBLEMS, VIEW_MAP, VIEW_PROBLEM_PHOTOS
from tridaya.mapping.selectors import problems as sel
from tridaya.mapping.services import problem_photos
from tridaya.mapping.services import problems as services
from tridaya.mapping.services.problems import TRANSITIONS
from tridaya.mapping.views.map_common import (
    export_format,
    export_links,
    file_response,
    page_context,
    tiles,
    village_for,
)
from tridaya.regions.selectors import village_home, village_map_features

PER_PAGE = 30


def _filters(request, village) -> tuple[ProblemFilterForm, sel.ProblemFilters]:
    form = ProblemFilterForm(request.GET or None, village=village)
    if not form.is_valid():
        return form, sel.ProblemFilters()
    data = form.cleaned_data
    return form, sel.ProblemFilters(
        kind=data.get("kind") or "",
        domain=data.get("domain") or "",
        sector=data.get("sector") or "",
        rt=data["rt"].pk if data.get("rt") else None,
        severity_min=data.get("severity_min"),
        status=data.get("status") or "",
    )


def problems(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_MAP, village)
    form, filters = _filters(request, village)
    found = list(sel.problems_of(village, filters))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    map_data = {
        "tiles": tiles(),
        "problems": pages.problem_collection(found, village.code),
        "boundaries": sel.boundaries_of(village),
    }
    return render(
        request,
        "mapping/problems.html",
        page_context(
            request,
            village,
            "problems",
            filter_form=form,
            filters=filters,
            page_obj=page,
            total=len(found),
            map_data=map_data,
            query=query.urlencode(),
            exports=export_links("mapping:problems_export", [village.code], query.urlencode()),
        ),
    )


def _form_map_data(village, problem=None) -> dict:
    """What the drawing map shows around the new geometry: RT/RW boundaries."""
    home = village_home(village.code)
    centre = None
    profile = home.profile
    if profile and profile.latitude is not None and profile.longitude is not None:
        centre = [float(profile.latitude), float(profile.longitude)]
    return {
        "tiles": tiles(),
        "boundaries": village_map_features(home),
        "center": centre,
        "geometry": problem.geometry if problem else None,
        "messages": {
            "point_hint": _("Ketuk peta di lokasi masalah atau potensi."),
            "point_done": _("Titik terpasang. Ketuk tempat lain untuk memindahkannya."),
            "line_hint": _("Ketuk peta paling sedikit 2 kali di sepanjang garis."),
            "line_done": _("%(n)s titik · panjang ± %(m)s m"),
            "area_hint": _("Ketuk peta paling sedikit 3 kali mengelilingi area."),
            "area_done": _("%(n)s titik · luas ± %(ha)s ha"),
            "no_location": _(
                "Lokasi ponsel tidak tersedia: izinkan akses lokasi, atau ketuk peta."
            ),
        },
    }


def _service_kwargs(data: dict) -> dict:
    return {
        "kind": data["kind"],
        "domain": data["domain"],
        "sector": data["sector"],
        "title": data["title"],
        "geometry": data["geometry"],
        "severity": data["severity"],
        "description": data.get("description") or "",
        "households_affected": data["households_affected"],
        "poor_households_affected": data["poor_households_affected"],
        "rt": data.get("rt"),
        "meeting": data.get("meeting"),
        "reported_on": data.get("reported_on"),
    }


@login_required
def problem_create(request, code: str):
    village = village_for(code)
    authorize(request.user, MAP_PROBLEMS, village)
    form = ProblemForm(
        request.POST or None, request.FILES or None, village=village, with_photo=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.problem_create(
                actor=request.user,
                village=village,
                **_service_kwargs(form.cleaned_data),
                photo=form.cleaned_data.get("photo"),
                photo_caption=form.cleaned_data.get("photo_caption") or "",
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(kind)s '%(title)s' dicatat di peta.")
                % {"kind": problem.get_kind_display(), "title": problem.title},
            )
            return redirect(reverse("mapping:problems", args=[village.code]) + f"#p{problem.pk}")
    return render(
        request,
        "mapping/problem_form.html",
        page_context(
            request,
            village,
            "problems",
            form=form,
            title=_("Petakan masalah atau potensi"),
            map_data=_form_map_data(village),
        ),
    )


@login_required
def problem_edit(request, code: str, pk: int):
    village = village_for(code)
    problem = pages.problem_or_404(village, pk)
    authorize(request.user, MAP_PROBLEMS, problem)
    initial = {name: getattr(problem, name) for name in services.PROBLEM_FIELDS}
    form = ProblemForm(request.POST or None, initial=initial, village=village)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(
                actor=request.user, problem=problem, **_service_kwargs(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("mapping:problem", code=village.code, pk=problem.pk)
    return render(
        request,
        "mapping/problem_form.html",
        page_context(
            request,
            village,
            "problems",
            form=form,
            problem=problem,
            title=_("Ubah %(title)s") % {"title": problem.title},
            map_data=_form_map_data(village, problem),
        ),
    )


def problem_detail(request, code: str, pk: int):
    village = village_for(code)
    problem = pages.problem_or_404(village, pk)
    authorize(request.user, VIEW_MAP, problem)
    context = page_context(request, village, "problems", problem=problem, crumb=problem.title)
    next_statuses = [
        (s, ProblemStatus(s).label) for s in sorted(TRANSITIONS.get(problem.status, set()))
    ]
    context.update(
        photos=list(problem.photos.all()) if context["perms_here"]["photos"] else [],
        photo_count=len(problem.photos.all()),
        photo_form=PhotoForm(),
        status_form=StatusForm(),
        next_statuses=next_statuses,
        map_data={
            "tiles": tiles(),
            "problems": pages.problem_collection([problem], village.code),
            "boundaries": sel.boundaries_of(village),
        },
    )
    return render(request, "mapping/problem_detail.html", context)


@login_required
@require_POST
def problem_action(request, code: str, pk: int):
    """The buttons of a problem's page: status, photo upload and removal, deletion."""
    village = village_for(code)
    problem = pages.problem_or_404(village, pk)
    # Authorize before reading the form: each button needs one of these (its service checks
    # which); an outsider gets 404 and a viewer without either right 403, whatever was posted.
    authorize_any(request.user, (MAP_PROBLEMS, VERIFY_PROBLEMS), problem)
    action = request.POST.get("action", "")
    try:
        if action == "status":
            services.problem_set_status(
                actor=request.user, problem=problem, status=request.POST.get("status", "")
            )
            messages.success(request, _("Status diubah."))
        elif action == "photo":
            form = PhotoForm(request.POST, request.FILES)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, str(error))
                return redirect("mapping:problem", code=code, pk=pk)
            photo = problem_photos.photo_add(
                actor=request.user, problem=problem, **form.cleaned_data
            )
            if photo.has_location or photo.taken_at:
                messages.success(request, _("Foto diunggah; waktu/lokasi terbaca dari foto."))
            else:
                messages.success(request, _("Foto diunggah."))
        elif action == "delete_photo":
            photo = pages.photo_or_404(village, pk, parse_id(request.POST.get("photo", "")) or 0)
            problem_photos.photo_delete(actor=request.user, photo=photo)
            messages.success(request, _("Foto dihapus."))
        elif action == "delete":
            services.problem_delete(actor=request.user, problem=problem)
            messages.success(request, _("Dihapus dari peta."))
            return redirect("mapping:problems", code=code)
        else:
            messages.error(request, _("Tindakan tidak dikenal."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("mapping:problem", code=code, pk=pk)


@login_required
def problem_photo(request, code: str, pk: int, photo_pk: int):
    """A photo, for those who hold a role in (or above) the village."""
    village = village_for(code)
    photo = pages.photo_or_404(village, pk, photo_pk)
    authorize(request.user, VIEW_PROBLEM_PHOTOS, photo)
    return FileResponse(photo.image.open("rb"))


def problems_export(request, code: str, ext: str):
    fmt = export_format(ext)
    village = village_for(code)
    authorize(request.user, VIEW_MAP, village)
    _form, filters = _filters(request, village)
    found = sel.problems_of(village, filters)
    name = f"masalah-potensi-{village.code}"
    data = write(fmt, sel.problem_export_features(found), name=name)
    return file_response(data, fmt, safe_file_name(name))


@login_required
def problems_import(request, code: str):
    village = village_for(code)
    authorize(request.user, MAP_PROBLEMS, village)
    form = ProblemImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.problems_import(
                actor=request.user,
                village=village,
                data=upload.read(),
                file_name=upload.name,
                crs=form.cleaned_data.get("crs"),
                defaults=form.defaults(),
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Impor selesai: %(created)s baru, %(updated)s diperbarui (%(crs)s).")
                % {"created": result.created, "updated": result.updated, "crs": result.source_crs},
            )
            return redirect("mapping:problems", code=village.code)
    return render(
        request,
        "mapping/gis_import.html",
        page_context(
            request,
            village,
            "problems",
            form=form,
            title=_("Impor masalah dan potensi"),
            intro=_(
                "Atribut yang dibaca: jenis (masalah/potensi), daya (L/E/S), sektor, judul, "
                "uraian, keparahan (1-5), kk, kk_miskin, ref. Berkas ekspor Tridaya bisa diimpor "
                "kembali: baris dengan ref yang sama diperbarui, bukan digandakan."
            ),
        ),
    )


def village_map(request, code: str):
    """The village map: RT/RW boundaries, every layer and the problems and potentials."""
    data = sel.village_map(code)
    village = data.village
    authorize(request.user, VIEW_MAP, village)
    timezone.activate(village.timezone)
    profile = data.home.profile
    centre = None
    if profile and profile.latitude is not None and profile.longitude is not None:
        centre = [float(profile.latitude), float(profile.longitude)]
    map_data = {
        "tiles": tiles(),
        "center": centre,
        "boundaries": village_map_features(data.home),
        "layers": sel.map_layers_json(data),
        "problems": pages.problem_collection(data.problems, village.code),
    }
    return render(
        request,
        "mapping/village_map.html",
        page_context(request, village, "map", data=data, map_data=map_data),
    )
