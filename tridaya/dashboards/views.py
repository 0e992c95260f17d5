"""Dashboard pages of the nation and of every province, regency and kecamatan: headline cards,
the child regions as a sortable table, a map, trends by month and the villages that need
attention; XLSX of the tables. They read only the aggregate tables (`selectors`)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tridaya.core import jobs
from tridaya.core.errors import NotFound
from tridaya.core.formats import format_number, format_rupiah
from tridaya.core.pages import render_shared, shared_page_key, shared_with_anonymous
from tridaya.core.policy import authorize, can
from tridaya.dashboards import selectors, services
from tridaya.regions.models import Level

VIEW = "dashboards.view"
REBUILD = "dashboards.rebuild"
OUTLINES = settings.BASE_DIR / "data" / "boundaries" / "provinces.geojson"
CACHE_SECONDS = 3600
OUTLINES_ATTRIBUTION = "Batas provinsi: denyherianto, CC BY 4.0"


def _dashboard(code: str) -> selectors.Dashboard:
    try:
        return selectors.dashboard(code)
    except NotFound:
        raise Http404 from None


def _map_data(board: selectors.Dashboard, map_key: str) -> dict:
    return {
        "figure": map_key,
        "level": board.child_level,
        "values": {c.code: _float(c.values.get((map_key, ""))) for c in board.children},
        "names": {c.code: c.name for c in board.children},
        "points": [[c.code, c.lat, c.lon] for c in board.children if c.lat is not None],
        "outlines": reverse("dashboards:provinces")
        if board.child_level == Level.PROVINCE
        else None,
        "outlines_attribution": OUTLINES_ATTRIBUTION,
        "tiles": {
            "url": settings.TRIDAYA_TILE_URL,
            "attribution": settings.TRIDAYA_TILE_ATTRIBUTION,
        },
        "link": "/wilayah/{code}/dasbor/"
        if board.child_level < Level.VILLAGE
        else "/wilayah/{code}/",
    }


def _raw(value) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _text(value, money: bool = False) -> str:
    if value is None:
        return "-"
    if money:
        return format_rupiah(int(value))
    places = 0 if value == value.to_integral_value() else 1
    return format_number(value, places)


def _float(value):
    return float(value) if value is not None else None


def dashboard(request, code: str = ""):
    """The page of a region (or the nation). Its body depends only on the figures, so it is
    rendered once per figures version, map figure and language and then served from the cache
    (2 queries: the version and the region). An anonymous visitor (no session) gets the whole
    page from the cache with their own CSRF token and no query (the version is re-read at most
    every `TRIDAYA_FIGURES_VERSION_SECONDS`)."""
    wanted = request.GET.get("peta", "")
    if shared_with_anonymous(request):
        version = selectors.recent_figures_version()
        key = shared_page_key(request, f"dasbor:page:{version}")
        return render_shared(
            request, key, CACHE_SECONDS, lambda extra: _page(request, code, wanted, version, extra)
        )
    version = selectors.figures_version()
    return HttpResponse(_page(request, code, wanted, version, {}))


def _page(request, code: str, wanted: str, version: int, extra: dict) -> str:
    region = _region(code)
    authorize(request.user, VIEW, region)
    key = f"dasbor:{version}:{code}:{wanted}:{get_language()}"
    content = cache.get(key)
    if content is None:
        content = _content(code, wanted)
        cache.set(key, content, CACHE_SECONDS)
    may_rebuild = region is None and can(request.user, REBUILD, None)
    return render_to_string(
        "dashboards/dashboard.html",
        {"region": region, "content": mark_safe(content), "may_rebuild": may_rebuild, **extra},
        request=request,
    )


@login_required
@require_POST
def rebuild(request):
    """Start a full rebuild of the figures (national admin) and follow it on the job page."""
    authorize(request.user, REBUILD, None)
    job = jobs.enqueue(services.REBUILD_JOB, user=request.user, dedupe=True)
    return redirect("job_detail", pk=job.pk)


def _content(code: str, wanted: str) -> str:
    board = _dashboard(code)
    cards = board.cards
    keys = [f.key for f, _value in cards]
    map_key = wanted if wanted in keys else (keys[0] if keys else "")
    columns = board.columns
    return render_to_string(
        "dashboards/_content.html",
        {
            "board": board,
            "region": board.region,
            "card_texts": [(f, _text(v, f.money)) for f, v in cards],
            "rows": [
                (
                    c,
                    [
                        (_raw(v), _text(v, col.money))
                        for v, col in zip(c.cells(columns), columns, strict=True)
                    ],
                )
                for c in board.children
            ],
            "map_key": map_key,
            "map_data": _map_data(board, map_key),
            "trend_data": {
                "labels": {f.key: str(f.label) for f, _v in cards},
                "series": board.trends,
            },
        },
    )


def _attachment(content: bytes, name: str) -> HttpResponse:
    from tridaya.dashboards import exports  # openpyxl on use, not with the URL conf

    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def children_xlsx(request, code: str = ""):
    from tridaya.dashboards import exports  # openpyxl on use, not with the URL conf

    board = _dashboard(code)
    authorize(request.user, VIEW, board.region)
    rows = ((c.code, c.name, c.cells(board.columns)) for c in board.children)
    title = str(board.region) if board.region else _("Indonesia")
    return _attachment(
        exports.table_xlsx(title, board.columns, rows), f"dasbor-{code or 'ID'}.xlsx"
    )


def villages_xlsx(request, code: str = ""):
    from tridaya.dashboards import exports  # openpyxl on use, not with the URL conf

    board_region = _region(code)
    authorize(request.user, VIEW, board_region)
    content = exports.table_xlsx(_("Desa"), selectors.columns(), selectors.village_rows(code))
    return _attachment(content, f"dasbor-desa-{code or 'ID'}.xlsx")


def _region(code: str):
    try:
        return selectors.region_of(code)
    except NotFound:
        raise Http404 from None


@functools.cache
def _outlines() -> bytes:
    return OUTLINES.read_bytes()


@require_GET
def provinces_geojson(request):
    """The 38 province outlines (CC BY 4.0, see data/boundaries/README.md)."""
    response = HttpResponse(_outlines(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
