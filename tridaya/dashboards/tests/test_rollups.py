"""Each kind of roll-up, stored by the aggregate tables, against a direct computation over the
villages of a small random region tree (full rebuild and incremental refresh alike)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from statistics import median
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tridaya.core import figures as registry
from tridaya.dashboards import services
from tridaya.dashboards.models import DirtyVillage, FigureValue
from tridaya.regions.models import Level, Region
from tridaya.regions.tests.factories import region

MONTH = dt.date(2026, 12, 1)
STATES = (("a", "A"), ("b", "B"), ("c", "C"))

# Village values of the current example, read by the test figures' compute callables.
DATA: dict[str, dict[str, Any]] = {}


def _reader(key):
    return lambda codes: {c: DATA[c][key] for c in codes if c in DATA and key in DATA[c]}


TEST_FIGURES = {
    f.key: f
    for f in (
        registry.Figure("t_count", "count", "x", _reader("count")),
        registry.Figure("t_weight", "weight", "x", _reader("weight")),
        registry.Figure(
            "t_mean", "mean", "x", _reader("mean"), rollup=registry.Rollup.MEAN, weight="t_weight"
        ),
        registry.Figure(
            "t_state",
            "state",
            "x",
            _reader("state"),
            rollup=registry.Rollup.COUNT_BY_STATE,
            states=STATES,
        ),
        registry.Figure(
            "t_median", "median", "x", _reader("median"), rollup=registry.Rollup.MEDIAN
        ),
    )
}


@pytest.fixture
def test_figures(monkeypatch):
    monkeypatch.setattr(registry, "_figures", dict(TEST_FIGURES))


village_values = st.fixed_dictionaries(
    {
        "count": st.integers(0, 500),
        "weight": st.integers(0, 50),
        "mean": st.decimals(-20, 100, places=2),
        "state": st.sampled_from([s for s, _ in STATES]),
        "median": st.integers(0, 400),
    }
)
# Villages as (province, regency, district, village number) under two provinces.
trees = st.dictionaries(
    st.tuples(
        st.sampled_from(["52", "35"]),
        st.integers(1, 2),
        st.integers(1, 2),
        st.integers(2001, 2004),
    ),
    village_values,
    min_size=1,
    max_size=14,
)


def _code(key) -> str:
    province, regency, district, village = key
    return f"{province}.{regency:02d}.{district:02d}.{village}"


def _expected(codes: list[str]) -> dict[tuple[str, str], Decimal | None]:
    values = [DATA[c] for c in codes]
    out: dict[tuple[str, str], Decimal | None] = {
        ("t_count", ""): Decimal(sum(v["count"] for v in values)),
        ("t_weight", ""): Decimal(sum(v["weight"] for v in values)),
        ("t_median", ""): Decimal(str(median(v["median"] for v in values))),
    }
    weight = sum(v["weight"] for v in values)
    if weight:
        total = sum(Decimal(str(v["mean"])) * v["weight"] for v in values)
        out[("t_mean", "")] = Decimal(total) / weight
    for state, _label in STATES:
        n = sum(1 for v in values if v["state"] == state)
        if n:
            out[("t_state", state)] = Decimal(n)
    return out


def _check_every_region() -> None:
    codes = sorted(DATA)
    regions = {""} | {a for c in codes for a in services.ancestors_of(c)} | set(codes)
    for code in regions:
        under = [c for c in codes if c == code or c.startswith(f"{code}.") or not code]
        stored = {
            (r.figure, r.state): r.value
            for r in FigureValue.objects.filter(month=MONTH, region_code=code)
        }
        expected = _expected(under)
        assert set(stored) == set(expected), code
        for key, value in expected.items():
            assert stored[key] == pytest.approx(value, abs=Decimal("0.0001")), (code, key)


def _load(tree) -> None:
    DATA.clear()
    FigureValue.objects.all().delete()
    DirtyVillage.objects.all().delete()
    for level in reversed(Level):
        Region.objects.filter(level=level).delete()
    for key, values in tree.items():
        region(_code(key))
        DATA[_code(key)] = values


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=trees)
def test_a_full_rebuild_rolls_every_figure_up_like_a_direct_computation(test_figures, tree):
    _load(tree)
    assert services.rebuild_all(month=MONTH) == len(tree)
    _check_every_region()


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=trees, changed=st.data())
def test_refreshing_changed_villages_gives_the_same_figures_as_a_rebuild(
    test_figures, tree, changed
):
    _load(tree)
    services.rebuild_all(month=MONTH)
    codes = sorted(DATA)
    picked = changed.draw(st.lists(st.sampled_from(codes), min_size=1, unique=True))
    for code in picked:
        DATA[code] = changed.draw(village_values)
        services.mark_dirty(code)
    assert services.refresh_dirty(month=MONTH) == len(picked)
    assert not DirtyVillage.objects.exists()
    _check_every_region()
