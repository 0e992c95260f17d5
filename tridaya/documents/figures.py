"""Static maps and charts for documents, drawn with matplotlib's Agg backend (no display, no
network, no map tiles): plain data in, PNG bytes out. Nothing here reads the database.

Maps draw GeoJSON geometries in WGS84 with the east-west axis scaled by cos(latitude), so
shapes keep their proportions at Indonesia's latitudes. Amounts on charts are whole rupiah,
shown in millions (juta) on the axis and in full on the bars."""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

# Figures are drawn on their own Agg canvas, never through pyplot: no global figure registry
# (safe in a threaded server) and no pyplot import, which cost a cold process about half a
# second on its first document. matplotlib itself is imported where a figure is drawn, so that
# a view module that can draw does not load it with the URL conf (issue 11, item 13).
from typing import TYPE_CHECKING, Any, ParamSpec

from tridaya.core.formats import format_millions, format_rupiah

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

DPI = 110
log = logging.getLogger(__name__)
P = ParamSpec("P")


@functools.cache
def _drawing_code() -> str:
    """What a cached figure depends on besides its data: the code that draws it and labels its
    amounts, and matplotlib's version."""
    from tridaya.core import formats

    code = Path(__file__).read_bytes() + Path(formats.__file__).read_bytes()
    return hashlib.sha256(code + metadata.version("matplotlib").encode()).hexdigest()[:16]


def _cache_key(name: str, args: tuple, kwargs: dict) -> str | None:
    """The cache key of a figure, or None when an argument has no stable repr (an object
    printed with its address would never match again)."""
    from django.utils import translation
    from django.utils.functional import Promise

    def plain(value: Any) -> Any:
        return str(value) if isinstance(value, Promise) else value  # a lazy translation

    what = repr(
        (
            name,
            _drawing_code(),
            translation.get_language(),  # numbers on the axes follow the language
            [plain(a) for a in args],
            sorted((k, plain(v)) for k, v in kwargs.items()),
        )
    )
    if " object at 0x" in what:
        return None
    return "figure:" + hashlib.sha256(what.encode()).hexdigest()


def cached_png(draw: Callable[P, bytes]) -> Callable[P, bytes]:
    """`draw` with its PNG kept in the "figures" cache (settings.CACHES), keyed by a hash of its
    arguments, the language and the drawing code: a plan downloaded again with the same data, by
    any server process, shows the same figures without drawing them (or loading matplotlib)
    again (issue 11, item 12). The arguments are plain data (strings, numbers, GeoJSON dicts,
    `MapLayer`s). A cache that fails (Redis down) only means the figure is drawn.
    `inspect.unwrap(f)` is the drawing without the cache."""
    from django.core.cache import caches

    @functools.wraps(draw)
    def cached(*args: P.args, **kwargs: P.kwargs) -> bytes:
        key = _cache_key(draw.__name__, args, kwargs)
        if key is None:
            return draw(*args, **kwargs)
        cache = caches["figures"]
        try:
            png = cache.get(key)
        except Exception:  # a cache that cannot answer: draw
            log.warning("figure cache unavailable", exc_info=True)
            png = None
        if png is None:
            png = draw(*args, **kwargs)
            try:
                cache.set(key, png)
            except Exception:
                log.warning("figure cache unavailable", exc_info=True)
        return png

    return cached


@dataclass(frozen=True)
class MapLayer:
    """One layer: its geometries (GeoJSON dicts), how they are drawn and their legend entry.
    `colors` (same length as `geometries`) overrides `color` per feature; `legend` then lists
    (label, color) pairs for those colours."""

    name: str
    geometries: Sequence[dict]
    color: str = "#1f77b4"
    fill: bool = True
    alpha: float = 0.35
    line_width: float = 1.0
    marker_size: float = 28
    colors: Sequence[str] | None = None
    legend: Sequence[tuple[str, str]] = field(default_factory=tuple)
    hatch: str | None = None


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords[0]] if coords else []
    if kind == "MultiPolygon":
        return [polygon[0] for polygon in coords if polygon]
    return []


def _lines(geometry: dict) -> list[list[list[float]]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "LineString":
        return [coords]
    if kind == "MultiLineString":
        return list(coords)
    return []


def _points(geometry: dict) -> list[list[float]]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Point":
        return [coords]
    if kind == "MultiPoint":
        return list(coords)
    return []


def _all_coordinates(layers: Sequence[MapLayer]) -> list[list[float]]:
    found = []
    for layer in layers:
        for geometry in layer.geometries:
            for ring in _rings(geometry) + _lines(geometry):
                found.extend(ring)
            found.extend(_points(geometry))
    return found


PAD_IN = 0.1  # the margin around what is drawn, as savefig's bbox_inches="tight" leaves


def _to_png(figure: Figure) -> bytes:
    """The figure as an RGB PNG cropped to what is drawn (plus `PAD_IN`), drawn once.

    savefig(bbox_inches="tight") draws a figure twice (once to measure, once to write) and
    writes RGBA, whose alpha channel WeasyPrint then splits into a soft mask. Here the figure
    is drawn once on its Agg canvas, the drawn extent measured on that same drawing and the
    pixels cropped; only a figure drawing outside its own canvas (a legend pushed past the
    edge) falls back to savefig (issue 11, item 12)."""
    from PIL import Image

    canvas: Any = figure.canvas  # the FigureCanvasAgg `_figure` attached
    canvas.draw()
    width, height = canvas.get_width_height()
    box = figure.get_tightbbox(canvas.get_renderer()).padded(PAD_IN)
    dpi = figure.dpi
    left, right = math.floor(box.x0 * dpi), math.ceil(box.x1 * dpi)
    top, bottom = math.floor(height - box.y1 * dpi), math.ceil(height - box.y0 * dpi)
    buffer = io.BytesIO()
    if left < 0 or top < 0 or right > width or bottom > height:
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=PAD_IN)
        return buffer.getvalue()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    image.crop((left, top, right, bottom)).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def _figure(width_in: float, height_in: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, height_in), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


@cached_png
def map_png(
    layers: Sequence[MapLayer],
    *,
    title: str = "",
    north_label: str = "U",
    width_in: float = 6.3,
    height_in: float = 5.0,
) -> bytes:
    """A map of the layers (drawn in order), with a legend, a north arrow and a plain
    background. Layers with no geometry are left out of the legend."""
    figure = _figure(width_in, height_in)
    axes = figure.add_subplot(1, 1, 1)
    coords = _all_coordinates(layers)
    mean_lat = sum(c[1] for c in coords) / len(coords) if coords else 0.0
    axes.set_aspect(1 / max(math.cos(math.radians(mean_lat)), 0.1))
    handles = []
    for layer in layers:
        if layer.geometries:
            _draw_layer(axes, layer)
            handles.extend(_legend_handles(layer))
    if coords:
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        pad_x = (max(xs) - min(xs)) * 0.05 or 0.001
        pad_y = (max(ys) - min(ys)) * 0.05 or 0.001
        axes.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        axes.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    axes.set_facecolor("#f4f6f1")
    axes.tick_params(labelsize=7)
    axes.ticklabel_format(useOffset=False, style="plain")
    axes.annotate(
        north_label,
        xy=(0.96, 0.95),
        xytext=(0.96, 0.83),
        xycoords="axes fraction",
        ha="center",
        fontsize=9,
        arrowprops={"arrowstyle": "-|>", "color": "black"},
    )
    if title:
        axes.set_title(title, fontsize=10)
    if handles:
        # The legend sits right of the map, inside the canvas, so the PNG is drawn once.
        figure.subplots_adjust(left=0.1, right=0.7, bottom=0.06, top=0.94)
        axes.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False
        )
    return _to_png(figure)


def _draw_layer(axes, layer: MapLayer) -> None:
    """The layer's areas as one collection, its lines as one collection and its points as one
    scatter: three artists whatever the number of features (drawing each ring as its own patch
    cost most of a plan's map time, issue 11, item 12)."""
    from matplotlib.collections import LineCollection, PolyCollection

    rings, ring_colors, lines, line_colors, points, point_colors = [], [], [], [], [], []
    for index, geometry in enumerate(layer.geometries):
        color = layer.colors[index] if layer.colors else layer.color
        for ring in _rings(geometry):
            rings.append([(x, y) for x, y, *_ in ring])
            ring_colors.append(color)
        for line in _lines(geometry):
            lines.append([(p[0], p[1]) for p in line])
            line_colors.append(color)
        for point in _points(geometry):
            points.append(point)
            point_colors.append(color)
    if rings:
        axes.add_collection(
            PolyCollection(
                rings,
                closed=True,
                facecolors=ring_colors if layer.fill else "none",
                edgecolors="#444444" if layer.fill else ring_colors,
                alpha=layer.alpha if layer.fill else 1.0,
                linewidths=layer.line_width,
                hatch=layer.hatch,
            ),
            autolim=False,
        )
    if lines:
        axes.add_collection(
            LineCollection(lines, colors=line_colors, linewidths=layer.line_width + 1),
            autolim=False,
        )
    if points:
        axes.scatter(
            [p[0] for p in points],
            [p[1] for p in points],
            s=layer.marker_size,
            color=point_colors,
            edgecolors="white",
            linewidths=0.6,
            zorder=5,
        )


def _legend_handles(layer: MapLayer) -> list[Patch]:
    from matplotlib.patches import Patch

    if layer.legend:
        return [Patch(facecolor=c, edgecolor="#444444", label=label) for label, c in layer.legend]
    return [
        Patch(
            facecolor=layer.color if layer.fill else "none",
            edgecolor=layer.color,
            hatch=layer.hatch,
            label=layer.name,
        )
    ]


def _millions(value: float, _position=None) -> str:
    return format_millions(value)


def _rupiah(value: int) -> str:
    return format_rupiah(int(value))


@cached_png
def bar_chart_png(
    labels: Sequence[str],
    amounts: Sequence[int],
    *,
    title: str = "",
    axis_label: str = "",
    color: str = "#0b5d3b",
    horizontal: bool = False,
    width_in: float = 6.3,
    height_in: float = 3.2,
) -> bytes:
    """Bars of whole-rupiah amounts, each labelled with its amount."""
    from matplotlib.ticker import FuncFormatter

    figure = _figure(width_in, height_in)
    axes = figure.add_subplot(1, 1, 1)
    positions = list(range(len(labels)))
    if horizontal:
        bars = axes.barh(positions, amounts, color=color)
        axes.set_yticks(positions, labels, fontsize=7)
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(FuncFormatter(_millions))
        if axis_label:
            axes.set_xlabel(axis_label, fontsize=8)
    else:
        bars = axes.bar(positions, amounts, color=color)
        axes.set_xticks(positions, labels, fontsize=8)
        axes.yaxis.set_major_formatter(FuncFormatter(_millions))
        if axis_label:
            axes.set_ylabel(axis_label, fontsize=8)
    axes.bar_label(bars, labels=[_rupiah(a) if a else "" for a in amounts], fontsize=6, padding=2)
    axes.tick_params(labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    top = max(amounts, default=0)
    if horizontal:
        axes.set_xlim(0, top * 1.35 or 1)
    else:
        axes.set_ylim(0, top * 1.2 or 1)
    if title:
        axes.set_title(title, fontsize=10)
    return _to_png(figure)
