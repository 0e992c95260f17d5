"""Works settings (never hard-coded; DOMAIN-implementation §12). Each reads Django settings with
a default documented in docs/works.md."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def photo_max_distance_m() -> int:
    """How far outside the package's location a progress photo may be taken (metres)."""
    return int(getattr(settings, "WORKS_PHOTO_MAX_DISTANCE_M", 200))


def late_threshold() -> Decimal:
    """Percentage points behind plan before a package is called late."""
    return Decimal(str(getattr(settings, "WORKS_LATE_THRESHOLD_PCT", 5)))


def money_gap_threshold() -> Decimal:
    """Percentage points the money used may run ahead of the physical progress."""
    return Decimal(str(getattr(settings, "WORKS_MONEY_GAP_THRESHOLD_PCT", 15)))


def check_interval_days() -> int:
    """How long after handover or the last functionality check an asset is overdue."""
    return int(getattr(settings, "WORKS_CHECK_INTERVAL_DAYS", 365))


def functionality_weights() -> dict[str, int]:
    """Points per functionality flag (the keberfungsian score is their sum, 0-100)."""
    default = {"exists": 20, "good_condition": 20, "functioning": 30, "used": 20, "upgraded": 10}
    return dict(getattr(settings, "WORKS_FUNCTIONALITY_WEIGHTS", default))


def evidence_slots() -> tuple[int, ...]:
    """The progress levels that need a photo in their slot before they are accepted."""
    return tuple(getattr(settings, "WORKS_EVIDENCE_SLOTS", (0, 50, 100)))
