"""Page helpers for a village's pages and API views (selectors never raise Http404; pages do)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from tridaya.regions.models import Level, Region
from tridaya.regions.selectors import attach_ancestors


def village_or_404(code: str, *, activate_timezone: bool = False) -> Region:
    """The village (kelurahan/desa) with code `code` and its ancestors for the breadcrumbs
    (2 queries); Http404 for any other code. With `activate_timezone`, times on the page are
    shown in the village's zone (WIB, WITA or WIT)."""
    village = Region.objects.filter(code=code, level=Level.VILLAGE).first()
    if village is None:
        raise Http404
    attach_ancestors([village])
    if activate_timezone:
        activate_village_timezone(village)
    return village


def activate_village_timezone(region: Region) -> None:
    """Show the rest of this request's times in the region's zone."""
    timezone.activate(region.timezone)
