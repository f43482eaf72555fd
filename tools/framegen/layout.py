"""Rectangles and a free-space registry so overlays only overlap where the truth says so.

The truth's "occluded" status must come only from occluders placed on purpose; everything else
(chat, danmaku, stickers, chrome) asks the registry for space that keeps clear of the element
texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True, slots=True)
class Rect:
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

    def grow(self, m: int) -> Rect:
        return Rect(self.x - m, self.y - m, self.w + 2 * m, self.h + 2 * m)

    def intersects(self, o: Rect) -> bool:
        return self.x < o.x2 and o.x < self.x2 and self.y < o.y2 and o.y < self.y2

    def inside(self, width: int, height: int) -> bool:
        return self.x >= 0 and self.y >= 0 and self.x2 <= width and self.y2 <= height

    def to_list(self) -> list[int]:
        return [int(self.x), int(self.y), int(self.w), int(self.h)]


@dataclass(slots=True)
class Region:
    """A search area in fractions of the frame: x0, y0, x1, y1 (the rect must fit inside)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class Occupancy:
    width: int
    height: int
    taken: list[tuple[Rect, str]] = field(default_factory=list)

    def free(self, r: Rect, margin: int = 0, ignore: tuple[str, ...] = ()) -> bool:
        g = r.grow(margin)
        return all(not g.intersects(t) for t, tag in self.taken if tag not in ignore)

    def add(self, r: Rect, tag: str) -> Rect:
        self.taken.append((r, tag))
        return r

    def place(self, w: int, h: int, region: Region, rng: np.random.Generator, tag: str,
              margin: int = 6, tries: int = 60, ignore: tuple[str, ...] = ()) -> Rect | None:
        """Random free spot for a w×h box fully inside the region, or None."""
        x0, x1 = int(region.x0 * self.width), int(region.x1 * self.width) - w
        y0, y1 = int(region.y0 * self.height), int(region.y1 * self.height) - h
        if x1 < x0 or y1 < y0:
            return None
        for _ in range(tries):
            r = Rect(int(rng.integers(x0, x1 + 1)), int(rng.integers(y0, y1 + 1)), w, h)
            if self.free(r, margin, ignore):
                return self.add(r, tag)
        return None
