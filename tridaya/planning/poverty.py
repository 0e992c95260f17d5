"""The poverty check of a plan (pure: callers pass what they loaded).

Poverty reduction is the main theme of every plan (DOMAIN.md section 1): each program of an RPLP
(each activity of an RTPLP) should trace back to mapped problems of poor households. The check
shows the share of the budget and of the programs that reach poor households, the problems no
program answers, and the programs that answer no mapped problem.

A program reaches poor households when the problems it answers touch at least one poor household
(their `poor_households_affected`). Households and poor households reached, of a program and of
the plan, are the distinct households of `tridaya.mapping.selectors.reach.distinct_reach`: a problem
answered by two programs counts once, and problems of the same RT do not add up their households
(at most the households surveyed there)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tridaya.core.formats import format_percent
from tridaya.mapping.selectors.reach import ProblemCount, Reach, distinct_reach
from tridaya.planning.calc import share


@dataclass(frozen=True)
class ProblemFacts:
    id: int
    title: str
    households: int
    poor_households: int
    domain: str = ""
    rt_id: int | None = None

    @property
    def count(self) -> ProblemCount:
        return ProblemCount(self.rt_id, self.households, self.poor_households)


@dataclass(frozen=True)
class Unit:
    """A program (RPLP) or an activity (RTPLP) with its budget and the problems it answers."""

    key: str
    label: str
    budget: int
    problem_ids: tuple[int, ...]


@dataclass
class UnitReach:
    unit: Unit
    households: int
    poor_households: int

    @property
    def reaches_poor(self) -> bool:
        return self.poor_households > 0


@dataclass
class PovertyCheck:
    units: list[UnitReach]
    total_budget: int
    poor_budget: int
    unassigned_budget: int  # budget of rows with no program (RPLP)
    households: int
    poor_households: int
    problems_without_program: list[ProblemFacts] = field(default_factory=list)

    @property
    def programs_total(self) -> int:
        return len(self.units)

    @property
    def programs_poor(self) -> int:
        return sum(1 for u in self.units if u.reaches_poor)

    @property
    def programs_without_problem(self) -> list[Unit]:
        return [u.unit for u in self.units if not u.unit.problem_ids]

    @property
    def budget_share_text(self) -> str:
        return format_percent(share(self.poor_budget, self.total_budget))

    @property
    def programs_share_text(self) -> str:
        return format_percent(share(self.programs_poor, self.programs_total))

    @property
    def passes(self) -> bool:
        """Every program answers a problem, and every problem of poor households is answered."""
        return not self.programs_without_problem and not [
            p for p in self.problems_without_program if p.poor_households > 0
        ]


def check(
    units: Sequence[Unit],
    problems: Sequence[ProblemFacts],
    unassigned_budget: int = 0,
    candidates: set[int] | None = None,
    surveyed: Mapping[int, Reach] | None = None,
) -> PovertyCheck:
    """`problems`: the facts of every problem a unit may name; `candidates`: the ids of those a
    plan should answer (default: all of them); `surveyed`: RT id -> households surveyed there
    (`mapping.selectors.problems.surveyed_by_rt`), the bound of the reach."""
    by_id = {p.id: p for p in problems}
    reaches = []
    answered: set[int] = set()
    for unit in units:
        linked = [by_id[i] for i in dict.fromkeys(unit.problem_ids) if i in by_id]
        answered.update(p.id for p in linked)
        reach = distinct_reach([p.count for p in linked], surveyed)
        reaches.append(UnitReach(unit, reach.households, reach.poor_households))
    total_budget = sum((u.budget for u in units), 0) + unassigned_budget
    poor_budget = sum((r.unit.budget for r in reaches if r.reaches_poor), 0)
    reach = distinct_reach([by_id[i].count for i in answered], surveyed)
    return PovertyCheck(
        units=reaches,
        total_budget=total_budget,
        poor_budget=poor_budget,
        unassigned_budget=unassigned_budget,
        households=reach.households,
        poor_households=reach.poor_households,
        problems_without_program=[
            p
            for p in problems
            if p.id not in answered and (candidates is None or p.id in candidates)
        ],
    )
