"""Reads of regional unit price lists (HSPK) and of what a price change would move."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tridaya.core.errors import NotFound
from tridaya.planning.calc import line_amount
from tridaya.planning.models import (
    EDITABLE_STATES,
    Activity,
    PlanVersion,
    PriceItem,
    PriceList,
    RABItem,
)

# --- Price lists -----------------------------------------------------------------------------


def price_lists_for(code: str) -> list[PriceList]:
    """Price lists that apply to a region: its own and its ancestors' (newest year first)."""
    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return list(
        PriceList.objects.filter(region_id__in=codes)
        .select_related("region")
        .order_by("-year", "-region_id", "name")
    )


def price_list_in(code: str, list_id: int) -> PriceList:
    price_list = (
        PriceList.objects.select_related("region").filter(pk=list_id, region_id=code).first()
    )
    if price_list is None:
        raise NotFound(_("Daftar harga itu tidak ada di wilayah ini."))
    return price_list


def price_items_for(code: str) -> QuerySet[PriceItem]:
    """Unit prices a village may pick from (its regency's and province's lists)."""
    parts = code.split(".")
    codes = [".".join(parts[:i]) for i in range(1, len(parts))]
    return (
        PriceItem.objects.filter(price_list__region_id__in=codes)
        .select_related("price_list")
        .order_by("-price_list__year", "code")
    )


@dataclass
class Impact:
    activity: Activity
    lines: int
    total_before: int
    total_after: int
    editable: bool

    @property
    def delta(self) -> int:
        return self.total_after - self.total_before


def price_change_impact(item: PriceItem, new_price: int | None = None) -> list[Impact]:
    """The activities whose RAB a unit price moves: every RAB line priced from `item` whose
    price differs from `new_price` (default: the list's current price), grouped by activity,
    with its total now and after the change (1 query)."""
    price = item.price if new_price is None else new_price
    found: dict[int, Impact] = {}
    lines = (
        RABItem.objects.filter(price_item=item)
        .select_related("activity__version__plan__village")
        .order_by("activity_id", "id")
    )
    for line in lines:
        if line.unit_price == price:
            continue
        activity = line.activity
        impact = found.get(activity.pk)
        if impact is None:
            impact = Impact(
                activity,
                0,
                activity.rab_total,
                activity.rab_total,
                activity.version.state in EDITABLE_STATES,
            )
            found[activity.pk] = impact
        impact.lines += 1
        impact.total_after += line_amount(line.volume, price) - line.amount
    return list(found.values())


def open_versions_using(item: PriceItem) -> list[PlanVersion]:
    """Versions still open for editing with RAB lines priced from `item` (1 query)."""
    return list(
        PlanVersion.objects.filter(
            state__in=EDITABLE_STATES, activities__rab_items__price_item=item
        )
        .select_related("plan__village")
        .distinct()
    )
