"""How many households (and poor households) a set of mapped problems reaches, defined once.

A problem records how many households it touches (`households_affected`,
`poor_households_affected`), not which ones, so two problems of the same RT may name the same
households. Summing over problems would count those households twice (a kawasan of 14 poor
households showing "5 masalah (85 KK miskin)"). The reach is therefore taken per RT:

- the problems of one RT are taken to touch the same households: the RT reaches as many as its
  largest problem (a household is counted once however many of its RT's problems are answered);
- where the household survey covers the RT, never more than the households (poor households)
  surveyed there;
- a problem without an RT cannot overlap a known one and counts on its own;
- the reach of a set is the sum over its RTs (RTs do not share households).

Pure (no database): `tridaya.mapping.selectors.problems.surveyed_by_rt` loads the survey bound.
The RPLP/RTPLP poverty check, its documents, and the kawasan indicators all read this figure as
"KK miskin dijangkau"."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Reach:
    households: int = 0
    poor_households: int = 0


@dataclass(frozen=True)
class ProblemCount:
    """What the reach reads of a problem."""

    rt_id: int | None
    households: int
    poor_households: int


def distinct_reach(
    problems: Iterable[ProblemCount], surveyed: Mapping[int, Reach] | None = None
) -> Reach:
    """The households and poor households the problems reach, none counted twice (see the
    module docstring). Give each problem once; `surveyed` maps RT id -> surveyed counts."""
    by_rt: dict[int, tuple[int, int]] = {}
    households = poor = 0
    for p in problems:
        if p.rt_id is None:
            households += p.households
            poor += p.poor_households
            continue
        seen = by_rt.get(p.rt_id, (0, 0))
        by_rt[p.rt_id] = (max(seen[0], p.households), max(seen[1], p.poor_households))
    for rt_id, (rt_households, rt_poor) in by_rt.items():
        bound = (surveyed or {}).get(rt_id)
        if bound is not None and bound.households:
            rt_households = min(rt_households, bound.households)
            rt_poor = min(rt_poor, bound.poor_households)
        households += rt_households
        poor += rt_poor
    return Reach(households, poor)
