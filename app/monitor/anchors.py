"""Where each element was last seen ok, and what it looked like: the monitor's memory.

It also ends a violation as soon as the label looks as it did when it was last ok, instead of
waiting for the periodic full OCR pass to read it again.

A single frame cannot always tell a label that is half covered from one that is gone: when a
sticker hides most of it, OCR reads nothing in both cases. Across frames it can. When an element
goes missing, the pixels where it was last seen ok are compared with how they looked then:
- mostly unchanged → the label is still there and OCR flickered: keep it ok;
- partly unchanged (some of the label and its plate still show) → occluded;
- changed throughout → missing.
Anchors are forgotten on a scene change (the layout is new).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from app.checker.result import ElementFinding, FrameResult, Status
from app.geometry import Box

SAME_THRESHOLD = 24  # grey levels: H.264 noise on a static overlay stays well under this
KEPT_IF_SAME = 0.85  # share of the anchor unchanged: still there
OCCLUDED_IF_SAME = 0.3  # share unchanged that means part of it still shows
RESTORED_IF_SAME = 0.93  # a covered/illegible label that looks as it did when ok is ok again


@dataclass(slots=True)
class Anchor:
    box: Box
    reference: np.ndarray  # grey crop of the box when the element was last ok
    glyphs: np.ndarray  # where the strokes were: what must still be there for "still there"
    finding: ElementFinding
    t: float


def _glyph_mask(crop: np.ndarray) -> np.ndarray:
    """Stroke pixels: those far from the grey level of the box's edge (the plate or ground
    just around the ink).

    Comparing only these matters: with the text taken off and its plate left behind, most of
    the box is unchanged, yet the label is gone.
    """
    edge = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    mask = np.abs(crop.astype(np.int16) - int(np.median(edge))) > 30
    return mask if mask.mean() >= 0.03 else np.ones_like(mask)


def _crop(gray: np.ndarray, box: Box) -> np.ndarray:
    return cv2.GaussianBlur(gray[box.y : box.y2, box.x : box.x2], (3, 3), 0)


class ElementAnchors:
    def __init__(self, max_age_s: float = 900.0) -> None:
        self.max_age_s = max_age_s
        self._anchors: dict[str, Anchor] = {}

    def reset(self) -> None:
        self._anchors.clear()

    def apply(self, image: np.ndarray, result: FrameResult, t: float) -> FrameResult:
        """Remember ok elements; re-judge missing ones against their anchors (in place)."""
        gray: np.ndarray | None = None
        h, w = image.shape[:2]
        for name, f in result.elements.items():
            if f.status is Status.OK and f.box is not None:
                gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if gray is None else gray
                box = f.box.expanded(2, 2, w, h)  # the label itself, not what is around it
                ref = _crop(gray, box)
                self._anchors[name] = Anchor(box, ref, _glyph_mask(ref), f, t)
                continue
            if f.status in (Status.NOT_REQUIRED, Status.MISPLACED):
                continue
            a = self._anchors.get(name)
            if a is None or t - a.t > self.max_age_s or a.box.x2 > w or a.box.y2 > h:
                continue
            gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if gray is None else gray
            now = _crop(gray, a.box)
            unchanged = np.abs(now.astype(np.int16) - a.reference) < SAME_THRESHOLD
            same = float(unchanged[a.glyphs].mean())
            if same >= (KEPT_IF_SAME if f.status is Status.MISSING else RESTORED_IF_SAME):
                # Looks as it did when it was ok: an OCR flicker, or a cover taken away that the
                # reader has not re-read yet.
                result.elements[name] = replace(a.finding, reason="unchanged since last read")
            elif f.status is Status.MISSING and same >= OCCLUDED_IF_SAME:
                result.elements[name] = replace(
                    a.finding,
                    status=Status.OCCLUDED,
                    occluded_fraction=round(1.0 - same, 3),
                    reason=f"{1.0 - same:.0%} of the label's area changed: something covers it",
                )
        return result
