"""Label plates in the top corners that the text detector did not report.

The DB text detector misses a label of which only one glyph still shows beside a sticker (a
lone 广 next to a yellow disc), so a half-covered ad label would read as missing. Labels in the
corners sit on plates — a pill or box of one colour — and a plate is easy to find without OCR:
a flat-coloured region of label size with text-like holes in it. Each such plate the detector
did not cover is then *recognised* (recognition only, ~35 ms), and what it says goes back to the
checker as an ordinary line.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.geometry import Box


def corner_plates(
    image: np.ndarray,
    known: list[Box],
    height_frac: float = 0.2,
    width_frac: float = 0.3,
    limit: int = 4,
) -> list[Box]:
    """Candidate label plates inside the two top corners, not already covered by ``known``."""
    h, w = image.shape[:2]
    ch, cw = max(8, int(h * height_frac)), max(8, int(w * width_frac))
    found: list[tuple[float, Box]] = []
    for x0 in (0, w - cw):
        region = image[0:ch, x0 : x0 + cw]
        for score, box in _plates(region, h):
            b = Box(box.x + x0, box.y, box.w, box.h)
            if any(b.overlap_fraction(k) > 0.5 or k.overlap_fraction(b) > 0.5 for k in known):
                continue
            found.append((score, b))
    found.sort(key=lambda sb: -sb[0])
    return [b for _, b in found[:limit]]


def _plates(region: np.ndarray, frame_h: int) -> list[tuple[float, Box]]:
    lab = cv2.cvtColor(region, cv2.COLOR_BGR2LAB)
    grad = np.zeros(region.shape[:2], np.int32)
    kernel = np.ones((3, 3), np.uint8)
    for c in cv2.split(lab):
        grad = np.maximum(grad, cv2.morphologyEx(c, cv2.MORPH_GRADIENT, kernel).astype(np.int32))
    flat = (grad < 10).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(flat, connectivity=4)
    out: list[tuple[float, Box]] = []
    min_h, max_h = 0.012 * frame_h, 0.12 * frame_h
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if not (min_h <= bh <= max_h) or bw < 0.8 * bh or bw > 10 * bh:
            continue
        fill = area / float(bw * bh)
        if not 0.35 <= fill <= 0.93:  # a plate with text (and maybe a sticker) cut out of it
            continue
        # Something non-flat must sit on the plate (text); a bare patch of wall has nothing.
        comp = (labels[y : y + bh, x : x + bw] == i).astype(np.uint8)
        hull = np.zeros_like(comp)
        contours, _ = cv2.findContours(comp, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(hull, [cv2.convexHull(np.vstack(contours))], -1, 1, cv2.FILLED)
        filled = hull
        holes = float((hull & (1 - comp)).sum()) / max(1.0, float(hull.sum()))
        if holes < 0.08:
            continue
        # The plate's colour must stand out from what surrounds it.
        ring = Box(x, y, bw, bh).expanded(3, 3, region.shape[1], region.shape[0])
        outside = np.ones((ring.h, ring.w), bool)
        outside[y - ring.y : y - ring.y + bh, x - ring.x : x - ring.x + bw] = filled == 0
        around = lab[ring.y : ring.y2, ring.x : ring.x2][outside].astype(np.int16)
        inside = lab[y : y + bh, x : x + bw][comp > 0].astype(np.int16)
        delta = float(np.abs(np.median(around, axis=0) - np.median(inside, axis=0)).sum())
        if delta < 12:
            continue
        out.append((fill * holes * min(delta, 80.0), Box(x, y, bw, bh)))
    return out
