"""Error codes of the regions app (callers branch on these, never on message text)."""

from enum import StrEnum


class RegionError(StrEnum):
    NOT_A_VILLAGE = "not_a_village"
    RT_IN_USE = "rt_in_use"
