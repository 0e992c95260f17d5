"""How plan pages and documents name a mapped problem. Two problems of a village may share a title
("Drainase tersumbat" in two RTs); where a list would show the same title twice, each of them
gets its RT and a short id ("Drainase tersumbat (RT 03 / RW 01, #41)") so they cannot be taken
for a duplicate. A title no other problem in the list has is shown alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any


def rt_text(problem: Any) -> str:
    """The problem's RT as 'RT 03 / RW 01' ('' without one): a live `Problem` through its RT row
    (load it with `select_related("rt__rw")`), a frozen one from its snapshot (`rt_label`)."""
    frozen = getattr(problem, "rt_label", None)
    if frozen is not None:
        return str(frozen)
    rt = getattr(problem, "rt", None)
    return str(rt) if rt is not None else ""


def short_id(problem: Any) -> str:
    return f"#{problem.id}"


def distinguished(problem: Any) -> str:
    """The title with the RT and short id: 'Drainase tersumbat (RT 03 / RW 01, #41)'."""
    where = rt_text(problem)
    suffix = f"{where}, {short_id(problem)}" if where else short_id(problem)
    return f"{problem.title} ({suffix})"


def problem_names(problems: Iterable[Any]) -> dict[int, str]:
    """Problem id -> the name to show: the title, or `distinguished` when another problem of
    `problems` (by id) has the same title (compared without case and outer spaces)."""
    unique = {p.id: p for p in problems}
    counts = Counter(p.title.strip().casefold() for p in unique.values())
    return {
        pk: distinguished(p) if counts[p.title.strip().casefold()] > 1 else p.title
        for pk, p in unique.items()
    }
