"""The one place works reads the legalised RTPLP and its RAB: the version in force as finance
finds it (finance.plan_source, one query shared by both apps) and its activities through
planning's selectors."""

from __future__ import annotations

from tridaya.finance.plan_source import legalised_rtplp
from tridaya.planning.selectors.rab import activities_of


def legalised_activity(village_code: str, activity_id: int):
    """The activity of the village's legalised RTPLP (with its RAB lines), or None."""
    version = legalised_rtplp(village_code)
    if version is None:
        return None
    return next((a for a in activities_of(version) if a.pk == activity_id), None)


def legalised_activities(village_code: str) -> list:
    version = legalised_rtplp(village_code)
    return [] if version is None else list(activities_of(version))
