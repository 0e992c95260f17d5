"""The one place finance reads the legalised RTPLP and its RAB, through planning's selectors.
(Planning is moving to a package layout in issue 10; only the import below follows it.)"""

from __future__ import annotations

try:
    from tridaya.planning.selectors.plans import legalised_version
    from tridaya.planning.selectors.rab import activities_of, line_of_activity
except ImportError:  # planning before its layout change
    from tridaya.planning.selectors_plans import (  # type: ignore[no-redef]
        activities_of,
        legalised_version,
        line_of_activity,
    )

RTPLP = "rtplp"


def rtplp_lines(village_code: str) -> list:
    """The activities of the village's legalised RTPLP as plan lines (empty when none)."""
    version = legalised_version(village_code, RTPLP)
    if version is None:
        return []
    return [line_of_activity(activity) for activity in activities_of(version)]


def rtplp_line(village_code: str, activity_id: int):
    return next(
        (line for line in rtplp_lines(village_code) if line.activity_id == activity_id), None
    )
