"""The registry of figures: what each app counts per village and how it rolls up to the nation.

An app registers its figures from `AppConfig.ready()` through a function of its `outputs`
module (`register_figures()`), so `dashboards` (the last app) never imports the apps it shows
and no app imports `dashboards`. A figure says:

- `key` (stable, `<app>_<what>`), `label` and `unit` (Indonesian, translatable);
- `compute(codes) -> {village code: value}`: the figure for a batch of villages, read through
  the owning app's selectors (one batch = a fixed number of queries; a village missing from the
  answer has no value, e.g. no cycle yet). A value is a number, or a state code for
  `Rollup.COUNT_BY_STATE`;
- `rollup`: how villages add up to a kecamatan, regency, province and the nation:
  `SUM`, `MEAN` (weighted by the figure named in `weight`, e.g. mean gain weighted by the people
  tested), `COUNT_BY_STATE` (how many villages are in each state, e.g. per stage) or `MEDIAN`
  (of the village values).

Change hooks: a service that changes something a figure reads writes an audit event
(`core.audit.record_event`); the audit service calls `note_change(region_code)`, which hands the
code to the listeners `dashboards` registers (`add_change_listener`), so a village is marked dirty
in the same transaction as the change and recomputed by a background job after the commit.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

Value = int | Decimal | float | str
Compute = Callable[[Sequence[str]], Mapping[str, Value]]


class Rollup(StrEnum):
    SUM = "sum"
    MEAN = "mean"
    COUNT_BY_STATE = "count_by_state"
    MEDIAN = "median"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    unit: str | Promise
    compute: Compute
    rollup: Rollup = Rollup.SUM
    weight: str | None = None  # key of the weight figure (MEAN only)
    states: tuple[tuple[str, str | Promise], ...] = ()  # (code, label), COUNT_BY_STATE only
    order: int = 100
    # Shown as a headline card on every dashboard.
    headline: bool = False
    # A village "needs attention" when its value is at least this (e.g. days stuck).
    attention_at: int | None = None
    # The unit is rupiah: shown as Rp and summed in whole rupiah.
    money: bool = False
    owner: str = field(default="")

    def state_label(self, code: str) -> str:
        return str(dict(self.states).get(code, code))


_figures: dict[str, Figure] = {}
_listeners: list[Callable[[str], None]] = []


def register(figure: Figure) -> None:
    """Add a figure. Registering a key twice with another definition is a programming error."""
    if "_" not in figure.key:
        raise ImproperlyConfigured(f"figure key {figure.key!r} must look like 'app_what'")
    if figure.rollup == Rollup.MEAN and not figure.weight:
        raise ImproperlyConfigured(f"figure {figure.key!r}: a mean needs its weight figure")
    if figure.rollup == Rollup.COUNT_BY_STATE and not figure.states:
        raise ImproperlyConfigured(f"figure {figure.key!r}: a count by state needs its states")
    old = _figures.get(figure.key)
    if old is not None and old != figure:
        raise ImproperlyConfigured(f"figure {figure.key!r} registered twice")
    _figures[figure.key] = figure


def figures() -> list[Figure]:
    """Every registered figure, weight figures before the means that need them."""
    found = sorted(_figures.values(), key=lambda f: (f.order, f.key))
    for item in found:
        if item.weight and item.weight not in _figures:
            raise ImproperlyConfigured(f"figure {item.key!r}: weight {item.weight!r} unknown")
    return found


def figure(key: str) -> Figure:
    try:
        return _figures[key]
    except KeyError:
        raise ImproperlyConfigured(f"figure {key!r} is not registered") from None


_batch: ContextVar[dict | None] = ContextVar("figure_batch", default=None)


def shared(name: str, codes: Sequence[str], compute: Callable[[Sequence[str]], Any]) -> Any:
    """`compute(codes)`, computed once for all the figures of one batch that need it (one query
    giving several figures, e.g. households and poor households). Outside a batch: computed."""
    memo = _batch.get()
    if memo is None:
        return compute(codes)
    key = (name, tuple(codes))
    if key not in memo:
        memo[key] = compute(codes)
    return memo[key]


def compute_villages(codes: Sequence[str]) -> dict[str, dict[str, Value]]:
    """{village code: {figure key: value}} for a batch of villages (every figure; what several
    figures read is read once, see `shared`)."""
    values: dict[str, dict[str, Value]] = {code: {} for code in codes}
    token = _batch.set({})
    try:
        for item in figures():
            for code, value in item.compute(codes).items():
                if code in values and value is not None:
                    values[code][item.key] = value
    finally:
        _batch.reset(token)
    return values


# Roll-ups as pure functions: `dashboards` stores their parts and tests check them against a
# direct computation over a random region tree.


@dataclass(frozen=True)
class Part:
    """What one region stores for a figure (and a state): enough to combine regions."""

    total: Decimal  # sum of values; for MEAN the sum of value x weight; for a state, villages
    weight: Decimal  # MEAN: sum of weights; otherwise 0
    villages: int  # villages that have a value


def village_parts(item: Figure, value: Value, weight: Value | None) -> dict[str, Part]:
    """The parts of one village's value, by state ('' for figures without states)."""
    if item.rollup == Rollup.COUNT_BY_STATE:
        return {str(value): Part(Decimal(1), Decimal(0), 1)}
    number = Decimal(str(value))
    if item.rollup == Rollup.MEAN:
        w = Decimal(str(weight or 0))
        return {"": Part(number * w, w, 1)}
    return {"": Part(number, Decimal(0), 1)}


def combine(parts: Iterable[Part]) -> Part:
    total, weight, villages = Decimal(0), Decimal(0), 0
    for part in parts:
        total += part.total
        weight += part.weight
        villages += part.villages
    return Part(total, weight, villages)


def value_of(item: Figure, part: Part) -> Decimal | None:
    """The figure shown for a region from its combined part (MEDIAN is stored as its value)."""
    if item.rollup == Rollup.MEAN:
        return (part.total / part.weight) if part.weight else None
    return part.total


def median(values: Iterable[Value]) -> Decimal | None:
    numbers = sorted(Decimal(str(v)) for v in values)
    if not numbers:
        return None
    return Decimal(str(statistics.median(numbers)))


# Change hooks (see the module docstring).


def add_change_listener(listener: Callable[[str], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def note_change(region_code: str) -> None:
    """A service changed something under `region_code` (a village, an RT inside it, or a region
    above villages): tell the listeners, inside the service's transaction."""
    if not region_code:
        return
    for listener in _listeners:
        listener(region_code)
