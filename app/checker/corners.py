"""The two top corners, looked at on their own, for an ad label the whole-frame pass missed.

The detector judges a stroke by what lies round it across the whole frame. A thin 广告 in a
light font on a pale wall, or the glyph a sticker leaves of a covered label, goes unseen there
or is read into a box the sticker takes up, yet the same detector finds it in a crop of the
corner, as it is or with its strokes thickened by a pixel. The law puts the ad label in a top
corner (REQUIREMENTS V1), so that is the one place worth the extra look. It is asked only
while no trace of the label was read (the monitor asks once per screen), and what was read
already is not recognised again.

Each corner is the profile's zone: a label that reaches past it is read by the whole-frame
pass, which is judged where it stands.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from app.geometry import Box

# How a corner is looked at: as it is, and with its dark or its light strokes thickened by a
# pixel (a light font's hairlines on a pale wall, a thin white glyph on a photo). Enlarged
# twice as well, it found one more label on ten sets and cost as much again: left out.
_MORPHS = (None, cv2.MORPH_ERODE, cv2.MORPH_DILATE)
_KERNEL = np.ones((3, 3), np.uint8)


@dataclass(frozen=True, slots=True)
class CornerView:
    """One look at a corner, and where it stands on the frame."""

    image: np.ndarray
    x0: int

    def to_frame(self, box: Box) -> Box:
        return Box(box.x + self.x0, box.y, box.w, box.h)


def corner_views(
    image: np.ndarray, height_frac: float, width_frac: float
) -> Iterator[CornerView]:
    """The ad corners (the profile's top ``height_frac`` by ``width_frac``), each way."""
    h, w = image.shape[:2]
    ch, cw = max(16, round(h * height_frac)), max(16, round(w * width_frac))
    for x0 in (0, max(0, w - cw)):
        crop = np.ascontiguousarray(image[:ch, x0 : x0 + cw])
        for op in _MORPHS:
            yield CornerView(crop if op is None else cv2.morphologyEx(crop, op, _KERNEL), x0)
