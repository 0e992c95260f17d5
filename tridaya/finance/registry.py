"""What later apps plug into finance (filled in their AppConfig.ready()).

`register_progress_provider(callable)`: the works app tells finance a village's approved
physical progress. The callable takes (village_code, allocation) and returns the percent
(Decimal or int, 0-100) or None when nothing is approved yet. With no provider, a tranche
condition on physical progress is not met, with a clear reason."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

ProgressProvider = Callable[[str, Any], Decimal | int | None]

_progress_providers: list[ProgressProvider] = []


def register_progress_provider(provider: ProgressProvider) -> None:
    if provider not in _progress_providers:
        _progress_providers.append(provider)


def unregister_progress_provider(provider: ProgressProvider) -> None:
    if provider in _progress_providers:
        _progress_providers.remove(provider)


def physical_progress(village_code: str, allocation) -> Decimal | None:
    """The first provider's answer; None when there is no provider or no approved progress."""
    for provider in _progress_providers:
        value = provider(village_code, allocation)
        if value is not None:
            return Decimal(value)
    return None


def has_progress_provider() -> bool:
    return bool(_progress_providers)
