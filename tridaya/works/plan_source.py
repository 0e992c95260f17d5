"""The one place works reads the legalised RTPLP and its RAB, through planning's selectors
(planning is moving to a package layout in issue 10; only the import below follows it)."""

from __future__ import annotations

try:
    from tridaya.planning.selectors.plans import legalised_version
    from tridaya.planning.selectors.rab import activities_of
except ImportError:  # planning before its layout change
    from tridaya.planning.selectors_plans import (  # type: ignore[no-redef]
        activities_of,
        legalised_version,
    )

RTPLP = "rtplp"


def legalised_activity(village_code: str, activity_id: int):
    """The activity of the village's legalised RTPLP (with its RAB lines), or None."""
    version = legalised_version(village_code, RTPLP)
    if version is None:
        return None
    return next((a for a in activities_of(version) if a.pk == activity_id), None)


def legalised_activities(village_code: str) -> list:
    version = legalised_version(village_code, RTPLP)
    return [] if version is None else list(activities_of(version))
