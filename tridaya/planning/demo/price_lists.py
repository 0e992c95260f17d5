"""Demo HSPK price list of Kabupaten Lombok Barat (synthetic prices, see data/README.md)."""

from __future__ import annotations

from pathlib import Path

from tridaya.planning.models import (
    PriceList,
)
from tridaya.planning.services import price_lists
from tridaya.regions.models import Region

HSPK_FILE = Path(__file__).resolve().parent / "data" / "hspk-lombok-barat-2026.csv"


def seed_price_list() -> PriceList | None:
    regency = Region.objects.filter(code="52.01").first()
    if regency is None:
        return None
    price_list = PriceList.objects.filter(region=regency, year=2026).first()
    if price_list is None:
        price_list = price_lists.price_list_create(
            actor=None,
            region=regency,
            year=2026,
            name="HSPK Kabupaten Lombok Barat (contoh)",
            source="Data contoh untuk demo, bukan Perbup resmi",
        )
    price_lists.price_list_import(
        actor=None, price_list=price_list, content=HSPK_FILE.read_bytes(), filename=HSPK_FILE.name
    )
    return price_list
