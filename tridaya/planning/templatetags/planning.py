"""Template filters of the planning pages."""

from django import template

from tridaya.core.formats import format_number

register = template.Library()


@register.filter
def volume(value) -> str:
    """{{ item.volume|volume }} -> 12,5 (Indonesian decimal comma, no trailing zeros)."""
    if value in (None, ""):
        return "-"
    return format_number(value)


@register.filter
def get(mapping, key):
    """{{ totals.by_year|get:2027 }}: a dict's value by a key from the template."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
