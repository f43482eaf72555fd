"""The show timeline as an SVG chart (matplotlib, no pyplot, no GUI backend).

One lane per requirement across the whole show: each element's per-sample state (green on
screen, light red judged bad, grey not required), its violations as solid red spans, banned terms
and QR codes as red spans with their text, ad segments in yellow, product segments on top, and
disconnections as grey hatched bands through every lane.

Text is drawn as vector paths (``svg.fonttype = 'path'``): the SVG then needs no font on the PC
that opens or prints it, which is what "CJK prints correctly on any PC" takes for a chart.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

from app.reports.coverage import Run
from app.reports.data import ELEMENT_REQUIREMENT, ELEMENTS, ReportData, Violation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

OK_GREEN = "#6cc070"
BAD_LIGHT = "#f4b6b6"
NOT_REQUIRED = "#e4e4e4"
VIOLATION_RED = "#d62728"
AD_YELLOW = "#f5c542"
GAP_GREY = "#9e9e9e"
PRODUCT_COLOURS = ("#4c78a8", "#72b7b2")
_STATE_COLOUR = {"o": OK_GREEN, "m": BAD_LIGHT, "i": BAD_LIGHT, "c": BAD_LIGHT, "p": BAD_LIGHT,
                 "-": NOT_REQUIRED}
_TICK_STEPS = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200)
# matplotlib's font manager and rcParams are process-global: one chart at a time.
_LOCK = threading.Lock()


@cache
def cjk_family() -> str | None:
    """Register the PC's CJK font with matplotlib and return its family name (None: none)."""
    from matplotlib import font_manager

    from app.fonts import FontNotFoundError, find_cjk_font

    try:
        font = find_cjk_font()
    except FontNotFoundError:
        return None
    font_manager.fontManager.addfont(str(font.path))
    for entry in font_manager.fontManager.ttflist:
        if entry.fname == str(font.path) and getattr(entry, "index", 0) == font.index:
            return str(entry.name)
    return None


def _tick_step(length: float) -> float:
    for step in _TICK_STEPS:
        if length / step <= 10:
            return float(step)
    return float(_TICK_STEPS[-1] * max(1, round(length / _TICK_STEPS[-1] / 10)))


def _spans(runs: list[tuple[float, float]], min_w: float) -> list[tuple[float, float]]:
    """``(start, width)`` pairs for ``broken_barh``, widened so a 3 s event shows in 4 hours."""
    return [(a, max(b - a, min_w)) for a, b in runs]


def render_timeline_svg(
    data: ReportData, tr: Callable[[str], str], element_name: Callable[[str], str]
) -> str:
    """The timeline of ``data`` as an SVG document (text as paths)."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, FuncFormatter

    length = max(data.coverage.length, 1.0)
    min_w = length / 700
    lanes: list[tuple[str, str]] = [("products", tr("lane_products")), ("ads", tr("lane_ads"))]
    for e in ELEMENTS:
        lanes.append((e, f"{ELEMENT_REQUIREMENT[e]} {element_name(e)}"))
    extra = {v.element for v in data.violations} - set(ELEMENTS)
    for key, label in (("banned_term", "lane_banned"), ("qr_code", "lane_qr"),
                       ("price_comparison", "lane_comparison")):
        if key in extra or key != "price_comparison":
            lanes.append((key, tr(label)))
    rows = {key: len(lanes) - 1 - i for i, (key, _label) in enumerate(lanes)}
    family = cjk_family()
    rc = {"svg.fonttype": "path", "font.size": 9, "svg.hashsalt": "livecomply"}
    if family:
        rc["font.family"] = [family, "DejaVu Sans"]
    with _LOCK, matplotlib.rc_context(rc):
        fig = Figure(figsize=(10.0, 0.42 * len(lanes) + 0.9))
        FigureCanvasSVG(fig)
        ax = fig.add_axes((0.17, 0.2, 0.81, 0.76))
        h = 0.7
        for span in data.ad_segments:
            ax.axvspan(span.start_s, max(span.end_s, span.start_s + min_w), color=AD_YELLOW,
                       alpha=0.18, lw=0)
        _products(ax, data, rows["products"], h, min_w, length)
        ax.broken_barh(_spans([(s.start_s, s.end_s) for s in data.ad_segments], min_w),
                       (rows["ads"] - h / 2, h), facecolors=AD_YELLOW)
        for e in ELEMENTS:
            _element_lane(ax, data.coverage.elements[e].runs, rows[e], min_w)
        for v in data.violations:
            if v.element in rows:
                _violation(ax, v, rows[v.element], h, min_w, length)
        for g in data.gaps:
            ax.axvspan(g.start_s, max(g.end_s, g.start_s + min_w), facecolor="#d0d0d0",
                       edgecolor=GAP_GREY, hatch="///", lw=0, alpha=0.8, zorder=5)
        ax.set_xlim(0, length)
        ax.set_ylim(-0.6, len(lanes) - 0.4)
        ax.set_yticks([rows[k] for k, _ in lanes], [label for _, label in lanes])
        step = _tick_step(length)
        ticks = [i * step for i in range(int(length // step) + 1)]
        start = data.header.start.astimezone()
        fmt = "%H:%M:%S" if step < 60 else "%H:%M"
        ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: (start + timedelta(seconds=x)).strftime(fmt)))
        ax.set_xlabel(tr("axis_time"))
        ax.grid(axis="x", color="#cccccc", lw=0.5, zorder=0)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _products(ax: Axes, data: ReportData, y: int, h: float, min_w: float,
              length: float) -> None:
    for i, p in enumerate(data.products):
        w = max(p.end_s - p.start_s, min_w)
        ax.broken_barh([(p.start_s, w)], (y - h / 2, h),
                       facecolors=PRODUCT_COLOURS[i % 2])
        if w > length / 25:
            label = p.name if len(p.name) <= 12 else p.name[:11] + "…"
            ax.text(p.start_s + w / 2, y, label, ha="center", va="center",
                    color="white", fontsize=7, clip_on=True)


def _element_lane(ax: Axes, runs: list[Run], y: int, min_w: float) -> None:
    by_colour: dict[str, list[tuple[float, float]]] = {}
    for r in runs:
        colour = _STATE_COLOUR.get(r.state)
        if colour is not None:
            by_colour.setdefault(colour, []).append((r.start, r.end - r.start))
    for colour, spans in by_colour.items():
        ax.broken_barh(spans, (y - 0.15, 0.3), facecolors=colour)


def _violation(ax: Axes, v: Violation, y: int, h: float, min_w: float, length: float) -> None:
    end = v.end_s if v.end_s is not None else v.start_s
    w = max(end - v.start_s, min_w)
    ax.broken_barh([(v.start_s, w)], (y - h / 2, h),
                   facecolors=VIOLATION_RED, zorder=4)
    label = v.term or (v.payload[:18] if v.payload else "")
    if label:
        x = v.start_s + w + length / 300
        ax.text(x, y, label, ha="left", va="center", fontsize=6,
                color=VIOLATION_RED, clip_on=True, zorder=4)

