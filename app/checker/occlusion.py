"""Is something drawn over a label? Tell a half-covered label from a missing or a clean one.

Two kinds of evidence, both cheap:
- the OCR read only part of a label phrase (a fragment such as 此为广 or AI生) — decided by the
  rule pack's matcher;
- the label sits on a plate (a pill or box of one colour) and a foreign region — not plate, not
  text — cuts into the plate across the text's extent. A sticker, a product card or a hand is
  exactly that. Plain text on a photo has no plate, and there only the first kind applies.
"""

from __future__ import annotations

import cv2
import numpy as np

from app.checker.vision import TextMeasure
from app.geometry import Box


def plate_coverage(image: np.ndarray, measure: TextMeasure) -> float | None:
    """Fraction of the text's extent hidden by a foreign region on its plate; None if no plate.

    The plate colour is the ground colour measured around the strokes. The plate is the area of
    that colour connected to the strokes' surroundings; its bounding box is where the label
    should be. Along the text's own rows, columns of that box where neither plate nor strokes
    show are covered.
    """
    if measure.ink_box is None:
        return None
    h_img, w_img = image.shape[:2]
    ink = measure.ink_box
    g = max(4, ink.h)
    search = ink.expanded(int(g * 1.2), int(g * 0.6), w_img, h_img)
    crop = image[search.y : search.y2, search.x : search.x2]
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    ground = cv2.cvtColor(np.uint8([[measure.ground_bgr]]), cv2.COLOR_BGR2LAB)[0, 0].astype(
        np.int16
    )
    text = cv2.cvtColor(np.uint8([[measure.text_bgr]]), cv2.COLOR_BGR2LAB)[0, 0].astype(np.int16)
    d_ground = np.abs(lab - ground).sum(axis=2)
    d_text = np.abs(lab - text).sum(axis=2)
    plate = d_ground < 28
    # A plate is mostly uniform: if little of the band around the text is ground-coloured, the
    # text is on a photo and plate analysis says nothing.
    ix, iy = ink.x - search.x, ink.y - search.y
    band = plate[iy : iy + ink.h, :]
    if band.size == 0 or band.mean() < 0.25:
        return None
    _n, labels = cv2.connectedComponents(plate.astype(np.uint8), connectivity=4)
    core = labels[iy : iy + ink.h, ix : ix + ink.w]
    ids, counts = np.unique(core[core > 0], return_counts=True)
    if ids.size == 0:
        return None
    plate_id = int(ids[np.argmax(counts)])
    region = labels == plate_id
    ys, xs = np.nonzero(region)
    px1, px2 = int(xs.min()), int(xs.max())
    py1, py2 = int(ys.min()), int(ys.max())
    # A ground-coloured area as wide as the whole search window is a wall, not a plate.
    if (px2 - px1) >= crop.shape[1] - 2:
        return None
    rows = slice(max(py1, iy), min(py2, iy + ink.h - 1) + 1)
    if rows.stop - rows.start < 3:
        return None
    textlike = d_text < 60
    visible = region | textlike
    # Inside the plate's span, a column is covered when most of its text rows are foreign.
    cols = visible[rows, px1 : px2 + 1].mean(axis=0)
    inner = slice(int(0.06 * len(cols)), max(int(0.94 * len(cols)), 1))  # rounded ends
    covered_cols = cols[inner] < 0.5
    span = ink.w + (px2 - px1 - ink.w) * 0.5
    covered_px = float(covered_cols.sum())
    return min(1.0, covered_px / max(1.0, span))


def extent_shortfall(measure: TextMeasure, n_cjk: int, n_other: int) -> float:
    """How much narrower the ink is than ``n_cjk`` CJK + ``n_other`` Latin glyphs would be.

    CJK glyphs are close to square (ink width ≈ 0.95 × ink height incl. spacing); Latin letters
    and digits about 0.55 of the CJK height. A full label read by OCR from a partly covered
    line shows up as a line much narrower than its text.
    """
    if measure.ink_box is None or measure.glyph_px <= 0:
        return 0.0
    expected = measure.glyph_px * (0.93 * n_cjk + 0.5 * n_other) - 0.08 * measure.glyph_px
    if expected <= 0:
        return 0.0
    return max(0.0, 1.0 - measure.ink_box.w / expected)


def box_in_frame(box: Box, width: int, height: int) -> bool:
    return box.x >= 0 and box.y >= 0 and box.x2 <= width and box.y2 <= height
