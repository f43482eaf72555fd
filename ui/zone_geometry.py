"""The maths of drawing zones on the preview: where the scaled frame sits in the widget, widget
pixels ↔ frame fractions, turning a mouse drag into a zone, and which zone a click hits.

Plain functions on plain numbers (no Qt), so the mapping the editor relies on is unit-tested
without a window, and the preview paints through the very same ``Letterbox`` the editor maps
with — a zone drawn at the mouse is stored exactly where it was seen.

A zone is ``(x, y, w, h)`` in fractions of the frame (``app.rules.profile.Zone``): 0,0 is the
top-left corner, and a zone always lies inside the frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.rules.profile import Zone

#: A drag narrower or shorter than this share of the frame is a click (or a slip), not a zone.
MIN_ZONE_FRAC = 0.01
#: Zones are stored to 4 decimals: 0.1 px on a 1080p frame, and readable in a settings file.
DIGITS = 4

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Letterbox:
    """Where a ``frame_w``×``frame_h`` frame is drawn in the widget: scaled to fit, centred,
    with bars on two sides (``x0``/``y0`` is its top-left corner, ``w``×``h`` its size)."""

    x0: float
    y0: float
    w: float
    h: float
    frame_w: int
    frame_h: int

    @property
    def scale(self) -> float:
        """Widget pixels per frame pixel."""
        return self.w / self.frame_w


def fit(widget_w: float, widget_h: float, frame_w: int, frame_h: int) -> Letterbox | None:
    """The letterboxed placement of a frame in a widget; None when either has no area."""
    if widget_w <= 0 or widget_h <= 0 or frame_w <= 0 or frame_h <= 0:
        return None
    scale = min(widget_w / frame_w, widget_h / frame_h)
    w, h = frame_w * scale, frame_h * scale
    return Letterbox((widget_w - w) / 2, (widget_h - h) / 2, w, h, frame_w, frame_h)


def _clamp01(v: float) -> float:
    return 0.0 if v < 0.0 else 1.0 if v > 1.0 else v


def to_frame(box: Letterbox, px: float, py: float) -> Point:
    """A widget point as frame fractions, clamped to the frame (a drag may leave the picture
    and run over the black bars or off the widget)."""
    return _clamp01((px - box.x0) / box.w), _clamp01((py - box.y0) / box.h)


def to_widget(box: Letterbox, zone: Zone) -> tuple[float, float, float, float]:
    """A zone's rectangle in widget pixels ``(x, y, w, h)``."""
    x, y, w, h = zone
    return box.x0 + x * box.w, box.y0 + y * box.h, w * box.w, h * box.h


def tidy(zone: Zone) -> Zone:
    """``zone`` rounded to ``DIGITS`` decimals and kept inside the frame after rounding."""
    x, y, w, h = (round(_clamp01(v), DIGITS) for v in zone)
    return x, y, round(min(w, 1.0 - x), DIGITS), round(min(h, 1.0 - y), DIGITS)


def zone_from_drag(box: Letterbox, start: Point, end: Point,
                   min_frac: float = MIN_ZONE_FRAC) -> Zone | None:
    """The zone a drag from ``start`` to ``end`` (widget pixels, any direction) spans, clamped to
    the frame; None when it is thinner than ``min_frac`` of the frame either way."""
    x1, y1 = to_frame(box, *start)
    x2, y2 = to_frame(box, *end)
    x, y = min(x1, x2), min(y1, y2)
    w, h = abs(x2 - x1), abs(y2 - y1)
    if w < min_frac - 1e-9 or h < min_frac - 1e-9 or w <= 0 or h <= 0:
        return None
    return tidy((x, y, w, h))


def contains(zone: Zone, fx: float, fy: float) -> bool:
    """Whether the frame point ``fx, fy`` (fractions) lies in ``zone`` (edges included)."""
    x, y, w, h = zone
    return x <= fx <= x + w and y <= fy <= y + h


def hit_test(zones: Mapping[str, Sequence[Zone]], fx: float, fy: float,
             prefer: str | None = None) -> tuple[str, int] | None:
    """The zone under a click, as ``(element, index)``, or None.

    Zones may overlap (an element's zone drawn inside another's): the smallest zone under the
    point wins, so a small zone inside a big one can still be picked; on equal size the zone of
    ``prefer`` (the element being edited) wins.
    """
    hits = [(w * h, element != prefer, element, i)
            for element, boxes in zones.items()
            for i, (x, y, w, h) in enumerate(boxes) if contains((x, y, w, h), fx, fy)]
    if not hits:
        return None
    _, _, element, i = min(hits)
    return element, i


def valid_zone(raw: object) -> Zone | None:
    """``raw`` as a zone if it is four finite fractions with a positive size inside the frame
    (the profile loader's rule), else None — stored settings are read back through this."""
    if not isinstance(raw, list | tuple) or len(raw) != 4:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw):
        return None
    x, y, w, h = (float(v) for v in raw)
    if not all(0.0 <= v <= 1.0 for v in (x, y, w, h)):  # also rejects NaN
        return None
    if w <= 0 or h <= 0 or x + w > 1.0 + 1e-9 or y + h > 1.0 + 1e-9:
        return None
    return x, y, w, h
