"""Small lookups for other apps (a complaint linked to a voucher): one village's voucher by id,
or NotFound when it is not that village's."""

from __future__ import annotations

from tridaya.core.errors import NotFound
from tridaya.finance.models import Voucher


def voucher_in_village(village_code: str, voucher_id: int) -> Voucher:
    voucher = Voucher.objects.filter(village_id=village_code, pk=voucher_id).first()
    if voucher is None:
        raise NotFound(f"voucher {voucher_id}")
    return voucher
