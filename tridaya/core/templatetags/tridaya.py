"""Template filters loaded on every template (see TEMPLATES builtins)."""

import datetime as dt
import zoneinfo

from django import template
from django.utils import timezone

from tridaya.core.dates import format_date_id
from tridaya.core.formats import format_number, format_percent, format_rupiah, format_stored

register = template.Library()


@register.filter
def rupiah(value):
    """{{ amount|rupiah }} -> Rp 1.000.000.000"""
    if value in (None, ""):
        return "-"
    return format_rupiah(int(value))


@register.filter
def angka(value):
    """{{ count|angka }} -> 12.500 (Indonesian grouping)."""
    if value in (None, ""):
        return "-"
    return format_number(int(value))


@register.filter
def desimal(value, places: int = 2):
    """{{ area|desimal }} -> 1.268,40 (dot for thousands, comma for decimals)."""
    if value in (None, ""):
        return "-"
    return format_number(value, int(places))


@register.filter
def presisi(value, places: int = 6):
    """{{ volume|presisi }} -> 0,389174: a stored measure (hectares with 6 decimals, metres with
    2) as precise as it is stored, trailing zeros trimmed (0,5 not 0,500000)."""
    return format_stored(value, int(places))


@register.filter
def persen(value, places: int = 1):
    """{{ share|persen }} -> 62,5% (the value is already a percentage)."""
    return format_percent(value, int(places))


@register.filter
def tanggal(value, tz_name: str | None = None):
    """{{ date|tanggal }} -> 27 November 2026; datetimes are shown in `tz_name` (or the
    current zone)."""
    if not value:
        return "-"
    if isinstance(value, dt.datetime):
        if tz_name:
            value = timezone.localtime(value, zoneinfo.ZoneInfo(tz_name))
        else:
            value = timezone.localtime(value)
        return f"{format_date_id(value.date())} {value:%H:%M}"
    return format_date_id(value)


@register.filter
def tanggal_saja(value):
    """{{ datetime|tanggal_saja }} -> 27 November 2026, the day in the current time zone."""
    if not value:
        return "-"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return format_date_id(value)
