"""Axis-aligned boxes in frame pixels, the one geometry type every stage shares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle ``(x, y, w, h)`` in pixels of the full frame, origin top-left."""

    x: int
    y: int
    w: int
    h: int

    @property
    def x2(self) -> int:
        return self.x + self.w

    @property
    def y2(self) -> int:
        return self.y + self.h

    @property
    def area(self) -> int:
        return max(0, self.w) * max(0, self.h)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def intersection(self, other: Box) -> Box | None:
        x1, y1 = max(self.x, other.x), max(self.y, other.y)
        x2, y2 = min(self.x2, other.x2), min(self.y2, other.y2)
        if x2 <= x1 or y2 <= y1:
            return None
        return Box(x1, y1, x2 - x1, y2 - y1)

    def union(self, other: Box) -> Box:
        x1, y1 = min(self.x, other.x), min(self.y, other.y)
        x2, y2 = max(self.x2, other.x2), max(self.y2, other.y2)
        return Box(x1, y1, x2 - x1, y2 - y1)

    def iou(self, other: Box) -> float:
        inter = self.intersection(other)
        if inter is None:
            return 0.0
        return inter.area / float(self.area + other.area - inter.area)

    def overlap_fraction(self, other: Box) -> float:
        """Share of *this* box covered by ``other`` (0..1)."""
        inter = self.intersection(other)
        return 0.0 if inter is None or self.area == 0 else inter.area / self.area

    def expanded(self, dx: int, dy: int, width: int, height: int) -> Box:
        """Grown by ``dx``/``dy`` on each side and clipped to a ``width``×``height`` frame."""
        x1, y1 = max(0, self.x - dx), max(0, self.y - dy)
        x2, y2 = min(width, self.x2 + dx), min(height, self.y2 + dy)
        return Box(x1, y1, max(0, x2 - x1), max(0, y2 - y1))

    def clipped(self, width: int, height: int) -> Box:
        return self.expanded(0, 0, width, height)

    def to_list(self) -> list[int]:
        return [int(self.x), int(self.y), int(self.w), int(self.h)]

    @classmethod
    def from_points(cls, points: object) -> Box:
        """Bounding box of a polygon given as an iterable of ``(x, y)`` pairs."""
        xs, ys = zip(*((float(p[0]), float(p[1])) for p in points), strict=True)  # type: ignore[attr-defined]
        x1, y1 = int(min(xs)), int(min(ys))
        return cls(x1, y1, round(max(xs)) - x1, round(max(ys)) - y1)
