"""What the fuzz run did: operations called, cases sent, answers by status class (printed at the
end of the run, so the figures in a report come from the run itself)."""

from __future__ import annotations

from collections import Counter


class Tally:
    def __init__(self) -> None:
        self.operations: set[str] = set()
        self.statuses: Counter[str] = Counter()

    def count(self, operation: str, status: int) -> None:
        self.operations.add(operation)
        self.statuses[f"{status // 100}xx"] += 1

    def summary(self) -> str:
        cases = sum(self.statuses.values())
        classes = ", ".join(f"{key} {value}" for key, value in sorted(self.statuses.items()))
        return f"{len(self.operations)} operations, {cases} cases ({classes})"


TALLY = Tally()
