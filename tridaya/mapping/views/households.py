"""Pages of a village's households: the pemetaan swadaya overview, counts per village and RT
(public: they name nobody), and for the roles that work in or over the village the list of
households, the map of poor households, one household, the CSV export and the household form.
Names and NIKs appear only for `mapping.view_household_personal_data`."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tridaya.core.pages import apply_service_error
from tridaya.core.policy import authorize, can
from tridaya.mapping import pages
from tridaya.mapping.forms.households import HouseholdFilterForm, HouseholdForm
from tridaya.mapping.importers.household_form import HOUSING_SELECTS
from tridaya.mapping.models import POVERTY_CRITERIA, Household
from tridaya.mapping.personal_data import log_household_niks
from tridaya.mapping.policy import (
    IMPORT_SURVEYS,
    MANAGE_HOUSEHOLDS,
    VIEW_HOUSEHOLD_PERSONAL_DATA,
    VIEW_HOUSEHOLD_STATS,
    VIEW_HOUSEHOLDS,
)
from tridaya.mapping.selectors import households as selectors
from tridaya.mapping.services import households as services
from tridaya.mapping.views.map_common import SECTION_TABS, tiles, village_for, visible_tabs
from tridaya.regions.models import Region

PER_PAGE = 50


def perms_for(request: HttpRequest, village: Region) -> dict[str, bool]:
    user = request.user
    return {
        "households": can(user, VIEW_HOUSEHOLDS, village),
        "personal": can(user, VIEW_HOUSEHOLD_PERSONAL_DATA, village),
        "manage": can(user, MANAGE_HOUSEHOLDS, village),
        "import": can(user, IMPORT_SURVEYS, village),
    }


def section_context(request: HttpRequest, village: Region, tab: str, **extra) -> dict:
    perms = perms_for(request, village)
    tabs = visible_tabs(request, village)
    crumb = next((label for key, label, *_rest in SECTION_TABS if key == tab), "")
    return {
        "village": village,
        "tab": tab,
        "tabs": tabs,
        "crumb": crumb,
        "perms_here": perms,
        "household_perms": perms,
        **extra,
    }


# Public pages --------------------------------------------------------------------------------


def home(request, code: str):
    """Pemetaan swadaya at a glance: the household counts and the way to each part."""
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLD_STATS, village)
    summary = selectors.village_households(village)
    context = section_context(request, village, "home", summary=summary)
    context["parts"] = [
        (label, url, icon) for key, label, url, icon in context["tabs"] if key != "home"
    ]
    return render(request, "mapping/households/home.html", context)


def households(request, code: str):
    """Counts of households, people, women, people with disabilities and poor households,
    for the village and per RT (public)."""
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLD_STATS, village)
    summary = selectors.village_households(village)
    return render(
        request,
        "mapping/households/overview.html",
        section_context(request, village, "households", summary=summary),
    )


def rt_households(request, code: str, rt_id: int):
    """One RT: its counts (public); its households and the map of its poor households for the
    roles that may see them."""
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLD_STATS, village)
    rt = pages.rt_or_404(village, rt_id)
    stats = selectors.rt_stats(rt)
    context = section_context(request, village, "households", rt=rt, stats=stats)
    perms = context["perms_here"]
    if perms["households"]:
        found = selectors.households_of(village, rt=rt)
        page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
        features = selectors.poor_household_features(village, personal=perms["personal"], rt=rt)
        boundary = (
            [{"type": "Feature", "geometry": rt.boundary, "properties": {"label": str(rt)}}]
            if rt.boundary
            else []
        )
        context.update(
            page_obj=page,
            household_rows=page.object_list,
            map_data={"units": boundary, "poor": features, "tiles": tiles()},
        )
    return render(request, "mapping/households/rt.html", context)


# Pages for the roles that work in or over the village ----------------------------------------


def _filtered(request, village: Region, personal: bool):
    form = HouseholdFilterForm(request.GET or None, village=village, personal=personal)
    rt, poor, query = None, None, ""
    if form.is_valid():
        rt = form.cleaned_data.get("rt")
        status = form.cleaned_data.get("status")
        poor = {"poor": True, "not_poor": False}.get(status or "")
        query = form.cleaned_data.get("q") or ""
    found = selectors.households_of(
        village, rt=rt, poor=poor, query=query, search_personal=personal
    )
    return form, found


@login_required
def household_list(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    personal = can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village)
    form, found = _filtered(request, village, personal)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    if personal:
        log_household_niks(request.user, page.object_list, place="mapping:household_list")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "mapping/households/list.html",
        section_context(
            request,
            village,
            "households",
            filter_form=form,
            page_obj=page,
            household_rows=page.object_list,
            query_string=query.urlencode(),
        ),
    )


@login_required
def poor_map(request, code: str):
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    personal = can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village)
    summary = selectors.village_households(village)
    features = selectors.poor_household_features(village, personal=personal)
    map_data = {
        "units": selectors.rt_boundary_features(summary),
        "poor": features,
        "tiles": tiles(),
    }
    return render(
        request,
        "mapping/households/poor_map.html",
        section_context(
            request, village, "households", summary=summary, map_data=map_data, located=features
        ),
    )


@login_required
def household_detail(request, code: str, pk: int):
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    household = pages.household_or_404(village, pk)
    if can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village):
        log_household_niks(request.user, [household], place="mapping:household_detail")
    answers = [
        (label, getattr(household, f"get_{name}_display")())
        for name, label, _choices in HOUSING_SELECTS
    ]
    return render(
        request,
        "mapping/households/detail.html",
        section_context(
            request,
            village,
            "households",
            household=household,
            answers=answers,
            criteria=[(c, getattr(household, c.field)) for c in POVERTY_CRITERIA],
        ),
    )


@login_required
def household_create(request, code: str):
    village = village_for(code)
    authorize(request.user, MANAGE_HOUSEHOLDS, village)
    form = HouseholdForm(request.POST or None, village=village)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(
                actor=request.user, village=village, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request, _("KK dicatat (%(status)s).") % {"status": _status(household)}
            )
            return redirect("mapping:household", code=village.code, pk=household.pk)
    return render(
        request,
        "mapping/households/form.html",
        section_context(request, village, "households", form=form, title=_("Tambah KK")),
    )


@login_required
def household_edit(request, code: str, pk: int):
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    household = pages.household_or_404(village, pk)
    authorize(request.user, MANAGE_HOUSEHOLDS, household)
    form = HouseholdForm(
        request.POST or None, village=village, initial=HouseholdForm.initial_for(household)
    )
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_update(
                actor=request.user, household=household, **form.service_kwargs()
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request, _("Data KK disimpan (%(status)s).") % {"status": _status(household)}
            )
            return redirect("mapping:household", code=village.code, pk=household.pk)
    return render(
        request,
        "mapping/households/form.html",
        section_context(
            request, village, "households", form=form, household=household, title=_("Ubah KK")
        ),
    )


@login_required
@require_POST
def household_delete(request, code: str, pk: int):
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    household = pages.household_or_404(village, pk)
    authorize(request.user, MANAGE_HOUSEHOLDS, household)
    services.household_delete(actor=request.user, household=household)
    messages.success(request, _("KK dihapus; kepala keluarga tetap tercatat sebagai warga."))
    return redirect("mapping:household_list", code=village.code)


def _status(household: Household) -> str:
    if household.is_poor:
        return _("miskin, %(n)s dari 14 kriteria BPS") % {"n": household.criteria_met}
    return _("tidak miskin, %(n)s dari 14 kriteria BPS") % {"n": household.criteria_met}


EXPORT_COLUMNS = [
    ("id", "id"),
    ("rw", "rw"),
    ("rt", "rt"),
    ("members", "members"),
    ("women", "women"),
    ("disabled", "disabled"),
    *[(name, name) for name, _label, _choices in HOUSING_SELECTS],
    *[(c.field, c.field) for c in POVERTY_CRITERIA],
    ("criteria_met", "criteria_met"),
    ("is_poor", "is_poor"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("surveyed_on", "surveyed_on"),
]
PERSONAL_COLUMNS = ["head_name", "head_nik", "head_sex"]


@login_required
def household_export(request, code: str):
    """The households as CSV (UTF-8, `,`), one row each with the same filters as the list.
    The head's name and NIK are columns only for the roles that may see them."""
    village = village_for(code)
    authorize(request.user, VIEW_HOUSEHOLDS, village)
    personal = can(request.user, VIEW_HOUSEHOLD_PERSONAL_DATA, village)
    _form, found = _filtered(request, village, personal)
    out = io.StringIO()
    writer = csv.writer(out)
    header = [name for name, _attr in EXPORT_COLUMNS]
    if personal:
        header[1:1] = PERSONAL_COLUMNS
    writer.writerow(header)
    shown = []
    for household in found.iterator(chunk_size=2000):
        point = (household.location or {}).get("coordinates") or [None, None]
        values = {
            "id": household.pk,
            "rw": household.rt.rw.number,
            "rt": household.rt.number,
            "latitude": point[1],
            "longitude": point[0],
            "is_poor": int(household.is_poor),
        }
        row = [
            values[name] if name in values else _cell(getattr(household, attr))
            for name, attr in EXPORT_COLUMNS
        ]
        if personal:
            row[1:1] = [household.head_name, household.head_nik, household.head_sex]
            shown.append(household)
        writer.writerow(row)
    log_household_niks(request.user, shown, place="mapping:household_export")
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv")
    filename = f"kk_{village.code.replace('.', '')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell(value):
    if isinstance(value, bool):
        return int(value)
    if value is None:
        return ""
    return value
