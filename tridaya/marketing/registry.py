"""What later apps plug into marketing (filled in their AppConfig.ready()).

`register_bkm_receipt(on_realised, on_reverted)`: money of a partner that passes through the
BKM's bank account is also posted in the ledger. Finance comes after marketing in the
dependency order, so marketing never imports it: finance registers two callables here.
`on_realised(actor=, pledge=)` runs inside the realisation's transaction after the pledge is
saved and posts the receipt (raising a DomainError refuses the whole realisation);
`on_reverted(actor=, pledge=, reason=)` runs when that realisation is undone and posts the
reversing voucher. With nothing registered, the realisation through the BKM is refused: the
money would otherwise be missing from the books."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BkmReceipt:
    on_realised: Callable[..., Any]
    on_reverted: Callable[..., Any]


_receipts: list[BkmReceipt] = []


def register_bkm_receipt(on_realised: Callable[..., Any], on_reverted: Callable[..., Any]) -> None:
    hook = BkmReceipt(on_realised, on_reverted)
    if hook not in _receipts:
        _receipts.append(hook)


def bkm_receipts() -> list[BkmReceipt]:
    return list(_receipts)
