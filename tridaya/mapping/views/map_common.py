"""What the map pages share: the village (with its time zone), the permissions shown, the
sub-navigation, map tiles, service errors on form fields, and GIS file responses."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tridaya.core.geo.files import Format
from tridaya.core.policy import can
from tridaya.mapping import pages
from tridaya.mapping.policy import (
    EDIT_SLUM_DATA,
    IMPORT_SURVEYS,
    MANAGE_LAYERS,
    MAP_PROBLEMS,
    VERIFY_PROBLEMS,
    VIEW_PROBLEM_PHOTOS,
)
from tridaya.regions.models import Region

# The tabs of the map pages: (key, label, url name, icon).
TABS = [
    ("map", _("Peta desa"), "mapping:village_map", "map"),
    ("problems", _("Masalah & potensi"), "mapping:problems", "pin-map"),
    ("layers", _("Lapisan"), "mapping:layers", "layers"),
    ("slum", _("Profil RT & kekumuhan"), "mapping:slum", "bar-chart"),
]

# Every page of pemetaan swadaya shows the same sub-menu: the overview first, then the map part's
# tabs, then households and surveys. (key, label, url name, icon, policy action or None for all)
SECTION_TABS = [
    ("home", _("Ringkasan"), "mapping:home", "grid", None),
    *[(key, label, url, icon, None) for key, label, url, icon in TABS],
    ("households", _("Rumah tangga"), "mapping:households", "house-heart", None),
    ("surveys", _("Survei ODK/KoBo"), "mapping:surveys", "phone", IMPORT_SURVEYS),
]


def visible_tabs(request: HttpRequest, village: Region) -> list[tuple]:
    """The sub-menu's tabs this viewer may open: (key, label, url name, icon)."""
    return [
        (key, label, url, icon)
        for key, label, url, icon, action in SECTION_TABS
        if action is None or can(request.user, action, village)
    ]


# What export URLs end with -> the format.
EXPORT_FORMATS = {ext: fmt for fmt, ext in Format.EXTENSIONS.items()}
EXPORT_LABELS = [
    ("geojson", "GeoJSON"),
    ("kml", "KML"),
    ("csv", "CSV (WKT)"),
    ("gpkg", "GeoPackage"),
    ("shp.zip", "Shapefile (.zip)"),
]


def export_links(url_name: str, args: list, query: str = "") -> list[tuple[str, str]]:
    """(label, address) of each export format, keeping the page's filters."""
    suffix = f"?{query}" if query else ""
    return [(label, reverse(url_name, args=[*args, ext]) + suffix) for ext, label in EXPORT_LABELS]


def village_for(code: str) -> Region:
    """The village (404 for any other code), with times shown in its own zone."""
    return pages.village_or_404(code, activate_timezone=True)


def perms_for(request: HttpRequest, village: Region) -> dict[str, bool]:
    user = request.user
    return {
        "map": can(user, MAP_PROBLEMS, village),
        "verify": can(user, VERIFY_PROBLEMS, village),
        "photos": can(user, VIEW_PROBLEM_PHOTOS, village),
        "layers": can(user, MANAGE_LAYERS, village),
        "slum": can(user, EDIT_SLUM_DATA, village),
    }


def tiles() -> dict:
    return {"url": settings.TRIDAYA_TILE_URL, "attribution": settings.TRIDAYA_TILE_ATTRIBUTION}


def page_context(request: HttpRequest, village: Region, tab: str, **extra) -> dict:
    labels = {key: label for key, label, _url, _icon in TABS}
    return {
        "village": village,
        "tab": tab,
        "tabs": visible_tabs(request, village),
        "crumb": labels.get(tab, ""),
        "perms_here": perms_for(request, village),
        **extra,
    }


def export_format(ext: str) -> str:
    try:
        return EXPORT_FORMATS[ext]
    except KeyError:
        raise Http404 from None


def file_response(data: bytes, fmt: str, base_name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=Format.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{base_name}.{Format.EXTENSIONS[fmt]}"'
    return response
