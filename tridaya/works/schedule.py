"""Pure plan-vs-actual arithmetic (no database): weeks of a package, the plan S-curve from RAB
weights, the actual curve from approved entries, weighted roll-ups, deviation messages in plain
Indonesian and the keberfungsian score.

Plan S-curve: each RAB line weighs its amount / the package's total; inside its planned weeks
[start_week, end_week] its weight accrues evenly, so the plan at the end of week w is
sum(weight_i * clamp((w - start_i + 1) / (end_i - start_i + 1), 0, 1)) * 100."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tridaya.core.formats import format_percent

HUNDRED = Decimal(100)
TWO = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    amount: int
    start_week: int
    end_week: int


def week_count(starts_on: dt.date, ends_on: dt.date) -> int:
    """Weeks from the planned start to the planned end (a started week counts)."""
    days = (ends_on - starts_on).days + 1
    return max(1, -(-days // 7))


def week_of(starts_on: dt.date, day: dt.date) -> int:
    """The week a day falls in (1 = the first week; 0 before the start)."""
    if day < starts_on:
        return 0
    return (day - starts_on).days // 7 + 1


def week_end(starts_on: dt.date, week: int) -> dt.date:
    return starts_on + dt.timedelta(days=7 * week - 1)


def plan_curve(lines: Sequence[Line], weeks: int) -> list[Decimal]:
    """Cumulative planned percent at the end of weeks 1..weeks (two decimals, half up)."""
    total = sum(line.amount for line in lines)
    if total <= 0:
        return [HUNDRED * min(w, weeks) / weeks for w in range(1, weeks + 1)]
    points = []
    for week in range(1, weeks + 1):
        done = Decimal(0)
        for line in lines:
            span = line.end_week - line.start_week + 1
            elapsed = min(max(week - line.start_week + 1, 0), span)
            done += Decimal(line.amount) * elapsed / span
        points.append((done * HUNDRED / total).quantize(TWO, ROUND_HALF_UP))
    return points


def actual_curve(
    approved: Iterable[tuple[dt.date, Decimal]], starts_on: dt.date, weeks: int, today: dt.date
) -> list[Decimal | None]:
    """The highest approved percent reached by the end of each week; None for weeks that have
    not begun yet (the chart draws no line there)."""
    entries = sorted(approved)
    points: list[Decimal | None] = []
    current = Decimal(0)
    index = 0
    last = max(weeks, week_of(starts_on, entries[-1][0]) if entries else 0)
    for week in range(1, last + 1):
        end = week_end(starts_on, week)
        if starts_on + dt.timedelta(days=7 * (week - 1)) > today:
            points.append(None)
            continue
        while index < len(entries) and entries[index][0] <= end:
            current = max(current, Decimal(entries[index][1]))
            index += 1
        points.append(current)
    return points


def planned_at(plan: Sequence[Decimal], starts_on: dt.date, day: dt.date) -> Decimal:
    """The plan on a given day: the end of the last full week before it (0 before the start)."""
    if not plan:
        return Decimal(0)
    week = week_of(starts_on, day)
    full = week if day >= week_end(starts_on, week) else week - 1
    if full <= 0:
        return Decimal(0)
    return plan[min(full, len(plan)) - 1]


def weighted_progress(parts: Iterable[tuple[int, Decimal]]) -> Decimal | None:
    """Progress of several packages weighted by their RAB value (Decimal 2 places); None when
    there is nothing to weigh. Zero-value packages count by plain average (Decidim-style)."""
    parts = list(parts)
    if not parts:
        return None
    total = sum(value for value, _pct in parts)
    if total <= 0:
        return (sum((Decimal(p) for _v, p in parts), Decimal(0)) / len(parts)).quantize(
            TWO, ROUND_HALF_UP
        )
    weighted = sum((Decimal(value) * Decimal(pct) for value, pct in parts), Decimal(0)) / total
    return weighted.quantize(TWO, ROUND_HALF_UP)


def percent_of(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * HUNDRED / whole).quantize(TWO, ROUND_HALF_UP)


def deviations(
    *,
    planned: Decimal,
    physical: Decimal,
    money_used: Decimal | None,
    late_threshold: Decimal,
    money_threshold: Decimal,
) -> list[str]:
    """Plain-Indonesian flags: behind plan, and money running ahead of the physical work."""
    messages = []
    gap = planned - physical
    if gap >= late_threshold and gap > 0:
        messages.append(
            _("terlambat %(gap)s dari rencana") % {"gap": format_percent(gap, places=0)}
        )
    if money_used is not None and money_used - physical >= money_threshold:
        messages.append(
            _("uang terpakai %(money)s, fisik %(physical)s")
            % {
                "money": format_percent(money_used, places=0),
                "physical": format_percent(physical, places=0),
            }
        )
    return messages


def functionality_score(flags: Mapping[str, bool], weights: Mapping[str, int]) -> int:
    """Sum of the weights of the flags that hold; an asset that no longer exists scores 0."""
    if not flags.get("exists"):
        return 0
    return int(sum(weight for name, weight in weights.items() if flags.get(name)))


def functionality_label(score: int) -> str:
    if score >= 80:
        return _("Berfungsi baik")
    if score >= 50:
        return _("Berfungsi sebagian")
    return _("Tidak berfungsi")


def evidence_needed(percent: Decimal, slots: Iterable[int]) -> list[int]:
    """The evidence slots a claimed percent needs (0 always, 50 from 50%, 100 at 100%)."""
    return [slot for slot in slots if Decimal(percent) >= slot]
