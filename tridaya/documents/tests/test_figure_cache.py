"""Maps and charts are kept by a hash of what they show (issue 11, item 12): the same data is
drawn once, changed data is drawn again, and a cache that fails only means drawing."""

import inspect

import pytest
from django.core.cache import caches
from django.utils import translation

from tridaya.documents import figures

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[116.1, -8.6], [116.11, -8.6], [116.11, -8.59], [116.1, -8.6]]],
}


@pytest.fixture
def drawn(monkeypatch):
    """The figures actually drawn (each call of `_to_png`), from an empty figure cache."""
    caches["figures"].clear()
    calls: list[object] = []
    to_png = figures._to_png

    def counting(figure):
        calls.append(figure)
        return to_png(figure)

    monkeypatch.setattr(figures, "_to_png", counting)
    yield calls
    caches["figures"].clear()


def test_the_same_chart_is_drawn_once_and_changed_data_again(drawn):
    first = figures.bar_chart_png(["L", "E"], [1_000_000, 2_000_000], title="Anggaran")
    again = figures.bar_chart_png(["L", "E"], [1_000_000, 2_000_000], title="Anggaran")
    assert again == first and first[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(drawn) == 1
    changed = figures.bar_chart_png(["L", "E"], [1_000_000, 2_500_000], title="Anggaran")
    retitled = figures.bar_chart_png(["L", "E"], [1_000_000, 2_000_000], title="Lain")
    assert len(drawn) == 3 and changed != first and retitled != first


def test_maps_are_kept_by_their_layers_and_the_language(drawn):
    layers = [figures.MapLayer("RT", [SQUARE], color="#ff0000")]
    figures.map_png(layers, title="Peta")
    figures.map_png([figures.MapLayer("RT", [SQUARE], color="#ff0000")], title="Peta")
    assert len(drawn) == 1
    figures.map_png([figures.MapLayer("RT", [SQUARE], color="#00ff00")], title="Peta")
    assert len(drawn) == 2
    with translation.override("en"):  # axis numbers follow the language
        figures.map_png(layers, title="Peta")
    assert len(drawn) == 3


def test_a_failing_cache_still_gives_the_figure(drawn, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["figures"], "get", broken)
    monkeypatch.setattr(caches["figures"], "set", broken)
    png = figures.bar_chart_png(["L"], [1])
    assert png == inspect.unwrap(figures.bar_chart_png)(["L"], [1]) and len(drawn) == 2
