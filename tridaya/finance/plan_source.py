"""The one place finance reads the legalised RTPLP and its RAB, through planning's selectors.

Planning's layout change (issue 10) dropped its `legalised_version` selector; until planning
offers one again, the version in force is found here with the same query planning's gate output
uses (state "sah", newest legalisation first). Everything else goes through planning's
selectors."""

from __future__ import annotations

from tridaya.planning.models import PlanVersion, VersionState
from tridaya.planning.selectors.rab import activities_of, line_of_activity

RTPLP = "rtplp"


def legalised_rtplp(village_code: str) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(
            plan__village_id=village_code, plan__kind=RTPLP, state=VersionState.LEGALISED
        )
        .select_related("plan")
        .order_by("-legalised_on", "-id")
        .first()
    )


def rtplp_lines(village_code: str) -> list:
    """The activities of the village's legalised RTPLP as plan lines (empty when none)."""
    version = legalised_rtplp(village_code)
    if version is None:
        return []
    return [line_of_activity(activity) for activity in activities_of(version)]


def rtplp_line(village_code: str, activity_id: int):
    return next(
        (line for line in rtplp_lines(village_code) if line.activity_id == activity_id), None
    )
