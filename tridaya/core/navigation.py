"""Sections that later apps add to the pages of a village, and of the regions above villages
(institutions, cycle, mapping, dashboards, ...). The region pages list them without importing
those apps: each registers its entry in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class VillageSection:
    order: int
    label: Promise | str
    url_name: str  # reversed with the village code as its only argument
    icon: str  # a Bootstrap Icons name, e.g. "diagram-3"


_sections: dict[str, VillageSection] = {}
_region_sections: dict[str, VillageSection] = {}


def register_village_section(*, order: int, label, url_name: str, icon: str) -> None:
    _sections[url_name] = VillageSection(order, label, url_name, icon)


def village_sections() -> list[VillageSection]:
    return sorted(_sections.values(), key=lambda s: s.order)


def register_region_section(*, order: int, label, url_name: str, icon: str) -> None:
    """A link on the page of a province, regency or district (reversed with its code)."""
    _region_sections[url_name] = VillageSection(order, label, url_name, icon)


def region_sections() -> list[VillageSection]:
    return sorted(_region_sections.values(), key=lambda s: s.order)


@dataclass(frozen=True)
class VillageStatus:
    """Where a village stands in a process, shown at the top of its home page: a heading, the
    current step with its link, and what still blocks it."""

    heading: Promise | str
    current: str
    url: str
    blockers: list[str] = field(default_factory=list)


_status_providers: list[Callable[[Any], VillageStatus | None]] = []


def register_village_status(provider: Callable[[Any], VillageStatus | None]) -> None:
    """A later app (the cycle) tells the village home page where the village stands."""
    if provider not in _status_providers:
        _status_providers.append(provider)


def village_statuses(village: Any) -> list[VillageStatus]:
    return [s for s in (provider(village) for provider in _status_providers) if s is not None]
