"""Region pages: search, a page per region, the village home with its map, and the forms that
change a village's profile and units."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tridaya.core.navigation import region_sections, village_sections, village_statuses
from tridaya.core.pages import apply_service_error, history_context
from tridaya.core.policy import authorize, can
from tridaya.core.selectors import audit_events_in_region
from tridaya.regions import selectors, services
from tridaya.regions.forms import ProfileForm, RTForm, RWForm
from tridaya.regions.models import RW, Region
from tridaya.regions.pages import activate_village_timezone, village_or_404

SEARCH_LIMIT = 25


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = selectors.search_regions(query, limit=SEARCH_LIMIT) if query else []
    context = {"query": query, "results": results, "limit": SEARCH_LIMIT}
    if request.htmx:
        return render(request, "regions/_search_results.html", context)
    return render(request, "regions/search.html", context)


def detail(request, code: str):
    """A region page; a village gets its home page instead."""
    if code.count(".") == 3:
        return village_home(request, code)
    page = selectors.region_page(code)
    context = {"region": page.region, "children": page.children, "sections": region_sections()}
    return render(request, "regions/region_detail.html", context)


def village_home(request, code: str):
    home = selectors.village_home(code)
    village = home.village
    activate_village_timezone(village)
    profile = home.profile
    center = None
    if profile and profile.latitude is not None and profile.longitude is not None:
        center = [float(profile.latitude), float(profile.longitude)]
    map_data = {
        "features": selectors.village_map_features(home),
        "center": center,
        "tiles": {
            "url": settings.TRIDAYA_TILE_URL,
            "attribution": settings.TRIDAYA_TILE_ATTRIBUTION,
        },
    }
    perms_here = {
        "change_profile": can(request.user, "regions.change_profile", village),
        "manage_units": can(request.user, "regions.manage_units", village),
        "view_audit": can(request.user, "core.view_audit", village),
    }
    return render(
        request,
        "regions/village_home.html",
        {
            "home": home,
            "village": village,
            "profile": profile,
            "map_data": map_data,
            "perms_here": perms_here,
            "sections": village_sections(),
            "statuses": village_statuses(village),
        },
    )


@login_required
def profile_edit(request, code: str):
    village = village_or_404(code)
    authorize(request.user, "regions.change_profile", village)
    profile = getattr(village, "profile", None)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, village=village, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Profil disimpan."))
            return redirect("regions:detail", code=village.code)
    return render(request, "regions/profile_form.html", {"village": village, "form": form})


@login_required
def units(request, code: str):
    village = village_or_404(code)
    authorize(request.user, "regions.manage_units", village)
    rws = RW.objects.filter(village=village)
    posted = request.POST.get("unit") if request.method == "POST" else None
    rw_form = RWForm(request.POST if posted == "rw" else None, prefix="rw")
    rt_form = RTForm(request.POST if posted == "rt" else None, prefix="rt", rws=rws)
    form = {"rw": rw_form, "rt": rt_form}.get(posted or "")
    if form is not None and posted and form.is_valid():
        try:
            _save_unit(request.user, village, posted, form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Tersimpan."))
            return redirect("regions:units", code=village.code)
    home = selectors.village_home(village.code)
    return render(
        request,
        "regions/units.html",
        {
            "village": village,
            "home": home,
            "rw_form": rw_form,
            "rt_form": rt_form,
        },
    )


def _save_unit(actor, village: Region, unit: str, data: dict) -> None:
    if unit == "rw":
        services.rw_save(
            actor=actor,
            village=village,
            number=data["number"],
            name=data["name"],
            boundary=data["boundary"],
        )
    else:
        services.rt_save(
            actor=actor, rw=data["rw"], number=data["number"], boundary=data["boundary"]
        )


@login_required
def audit(request, code: str):
    """Every recorded change in a region and below it, newest first."""
    region = get_object_or_404(Region, code=code)
    selectors.attach_ancestors([region])
    authorize(request.user, "core.view_audit", region)
    activate_village_timezone(region)
    page = Paginator(audit_events_in_region(region.code), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_list.html",
        {
            "region": region,
            "subject": region,
            **history_context(request.user, page),
            "tz_name": region.timezone.value,
            "tz_label": region.timezone_label,
        },
    )


def home(request):
    return render(request, "home.html", {"provinces": selectors.provinces()})
