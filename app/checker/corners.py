"""The two top corners, looked at on their own, for an ad label the whole-frame pass missed.

The detector judges a stroke by what lies round it across the whole frame. A thin 广告 in a
light font on a pale wall, or a label half under a sticker, goes unseen there, yet the same
detector finds it in a crop of the corner, or in that crop at twice the size (on our sets,
four of five clean ad labels called missing, and the visible half of a covered one in about
one case in eight). The law puts the ad label in a top corner (REQUIREMENTS V1), so that is the
one place worth the extra look: about half a whole-frame pass, asked only while no trace of
the label was read, and once per screen by the monitor.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from app.geometry import Box

# How a corner is looked at: as it is; at twice the size (a glyph of a few pixels' strokes is
# found enlarged, where some found as they are are not); and with its dark or its light strokes
# thickened by a pixel (a light font's hairlines on a pale wall, a thin white glyph on a photo).
_VIEWS = ((1.0, None), (2.0, None), (1.0, cv2.MORPH_ERODE), (1.0, cv2.MORPH_DILATE))
_KERNEL = np.ones((3, 3), np.uint8)


@dataclass(frozen=True, slots=True)
class CornerView:
    """One corner crop at one scale, and how to put what is found in it back on the frame."""

    image: np.ndarray
    x0: int
    scale: float

    def to_frame(self, box: Box) -> Box:
        s = self.scale
        return Box(round(box.x / s) + self.x0, round(box.y / s), round(box.w / s), round(box.h / s))


def corner_views(image: np.ndarray, height_frac: float, width_frac: float) -> Iterator[CornerView]:
    """The ad corners (the profile's top ``height_frac`` by ``width_frac``), each way."""
    h, w = image.shape[:2]
    ch, cw = max(16, round(h * height_frac)), max(16, round(w * width_frac))
    for x0 in (0, max(0, w - cw)):
        crop = np.ascontiguousarray(image[:ch, x0 : x0 + cw])
        for scale, op in _VIEWS:
            view = crop
            if scale != 1.0:
                view = cv2.resize(view, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            if op is not None:
                view = cv2.morphologyEx(view, op, _KERNEL)
            yield CornerView(view, x0, scale)
