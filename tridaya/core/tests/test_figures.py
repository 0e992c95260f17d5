"""The figures registry: refuses incomplete figures, and what several figures of one batch read
is read once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from tridaya.core import figures


def test_a_mean_without_its_weight_or_a_count_without_states_is_refused():
    with pytest.raises(ImproperlyConfigured, match="weight"):
        figures.register(figures.Figure("x_mean", "m", "u", dict, rollup=figures.Rollup.MEAN))
    with pytest.raises(ImproperlyConfigured, match="states"):
        figures.register(
            figures.Figure("x_state", "s", "u", dict, rollup=figures.Rollup.COUNT_BY_STATE)
        )


def test_what_several_figures_read_is_read_once_per_batch(monkeypatch):
    reads = []

    def read(codes):
        reads.append(tuple(codes))
        return {c: (len(c), 1) for c in codes}

    def first(codes):
        return {c: v[0] for c, v in figures.shared("x", codes, read).items()}

    def second(codes):
        return {c: v[1] for c, v in figures.shared("x", codes, read).items()}

    monkeypatch.setattr(
        figures,
        "_figures",
        {
            "x_first": figures.Figure("x_first", "a", "u", first),
            "x_second": figures.Figure("x_second", "b", "u", second),
        },
    )
    values = figures.compute_villages(["52.01", "35"])
    assert values == {"52.01": {"x_first": 5, "x_second": 1}, "35": {"x_first": 2, "x_second": 1}}
    assert reads == [("52.01", "35")]
    figures.compute_villages(["52.01", "35"])
    assert len(reads) == 2  # a new batch reads again: nothing kept between batches
