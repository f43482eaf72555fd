"""Is something drawn over a label? Tell a half-covered label from a missing or a clean one.

Two kinds of evidence, both cheap:
- the OCR read only part of a label phrase (a fragment such as 此为广 or AI生) — decided by the
  rule pack's matcher;
- the label sits on a plate (a pill or box of one colour) and a foreign region — not plate, not
  text — cuts into the plate across the text's extent, or cuts the glyphs off along their top
  or bottom edge (the plate pads them on one side and not at all on the other). A sticker, a
  product card or a hand is exactly that. Plain text on a photo has no plate, and there only
  the first kind applies (the checker also reads a line a sticker splits in two).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from app.checker.vision import TextMeasure, lab_of


@dataclass(frozen=True, slots=True)
class PlateCover:
    """What is drawn over a label on a plate."""

    fraction: float  # of the text's width hidden by something drawn across it
    # "top" or "bottom": the plate runs on beyond the text on one side and not at all on the
    # other, where something straight-edged (a product card) cuts the glyphs; None otherwise.
    cut: str | None = None


def plate_coverage(image: np.ndarray, measure: TextMeasure) -> PlateCover | None:
    """What hides part of the text on its plate; None if the text has no plate.

    The plate is what a flood fill from the ground colour around the strokes reaches (a
    neighbour-relative fill follows gradients and stops at hard edges: strokes, a sticker's
    outline). Inside the plate's span, on the text's rows, pixels that are neither plate nor
    strokes (with their anti-aliased rims and outlines) are foreign; thin foreign structures are
    opened away, so what is left are solid things drawn over the label.
    """
    if measure.ink_box is None:
        return None
    h_img, w_img = image.shape[:2]
    ink = measure.ink_box
    g = max(4, ink.h)
    # Tall enough to see a plate's top and bottom edges around the text (see the cut test).
    search = ink.expanded(int(g * 1.5), int(g * 1.2), w_img, h_img)
    crop = image[search.y : search.y2, search.x : search.x2]
    ch, cw = crop.shape[:2]
    ix, iy = ink.x - search.x, ink.y - search.y
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB)
    ground = lab_of(measure.ground_bgr)
    d_ground = np.abs(lab.astype(np.int16) - ground).sum(axis=2)
    near_ground = d_ground < 30
    band = near_ground[iy : iy + ink.h, ix : ix + ink.w]
    if band.size == 0 or band.mean() < 0.2:
        return None  # text on a photo: no plate to reason about
    # Flood from ground-coloured seeds inside the text's box.
    fill = np.zeros((ch + 2, cw + 2), np.uint8)
    ys, xs = np.nonzero(band)
    step = max(1, len(ys) // 24)
    flags = 4 | cv2.FLOODFILL_MASK_ONLY | (255 << 8)
    for y, x in zip(ys[::step], xs[::step], strict=True):
        if fill[iy + y + 1, ix + x + 1] == 0:
            cv2.floodFill(
                lab, fill, (int(ix + x), int(iy + y)), (0, 0, 0), (6, 6, 6), (6, 6, 6), flags
            )
    plate = fill[1:-1, 1:-1] > 0
    cols_any = np.flatnonzero(plate[iy : iy + ink.h].any(axis=0))
    if cols_any.size == 0:
        return None
    px1, px2 = int(cols_any[0]), int(cols_any[-1])
    if px2 - px1 >= cw - 2 and plate.mean() > 0.85:
        return None  # a uniform wall rather than a plate: nothing drawn over it to find
    above, below = _plate_beyond_text(plate, ix, iy, ink.w, ink.h, g)
    known = [f for f in (above, below) if f is not None]
    if known and max(known) < 0.5:
        return None  # an outline or shadow hugging the strokes, not a plate behind them
    # A plate pads its text on both sides alike; none at all on one side means the glyphs
    # end where a cover begins (the cover's edge is the text's edge).
    cut = None
    if above is not None and below is not None:
        # The padded side must show the plate's own edge: a picture that happens to match the
        # ground colour on one side of plain text runs on out of view.
        rows = plate[:, ix : ix + ink.w].mean(axis=1)
        if above >= 0.6 and below <= 0.1 and (rows[:iy] < 0.3).any():
            cut = "bottom"
        elif below >= 0.6 and above <= 0.1 and (rows[iy + ink.h :] < 0.3).any():
            cut = "top"
    # Strokes with their rims: everything within a couple of pixels of a non-plate pixel that
    # is text-coloured.
    text = lab_of(measure.text_bgr)
    d_text = np.abs(lab.astype(np.int16) - text).sum(axis=2)
    ink_px = (d_text < 45).astype(np.uint8)
    rim = max(2, round(g / 12))
    strokes = cv2.dilate(ink_px, np.ones((2 * rim + 1, 2 * rim + 1), np.uint8)) > 0
    foreign = (~plate & ~strokes).astype(np.uint8)
    k = max(3, round(g / 4))
    foreign = cv2.morphologyEx(foreign, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    # Something drawn *over* the label reaches past the plate's edge (a sticker, a card, a
    # hand), or sits in the middle of the line with glyphs on both sides of it (a badge over
    # 秒杀 of 秒杀价 ¥125.9, its shield icon still to the left); an icon or emoji printed *on* the
    # plate sits inside it at one end of the text and is part of the label.
    prow = np.flatnonzero(plate.any(axis=1))
    py1, py2 = int(prow[0]), int(prow[-1])
    text_rows = ink_px[iy : iy + ink.h]
    reach = round(1.5 * g)
    n, labels, st, _ = cv2.connectedComponentsWithStats(foreign, connectivity=8)
    keep = np.zeros(n, bool)
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in st[i, :4])
        keep[i] = (
            x < px1 - 1
            or x + bw > px2 + 2
            or y < py1 - 1
            or y + bh > py2 + 2
            or (
                text_rows[:, max(0, x - reach) : x].any()
                and text_rows[:, x + bw : x + bw + reach].any()
            )
        )
    foreign = keep[labels]
    rows = slice(iy, iy + ink.h)
    span = slice(px1, px2 + 1)
    colcov = foreign[rows, span].mean(axis=0)
    inner = colcov[int(0.04 * len(colcov)) : max(1, int(0.96 * len(colcov)))]
    covered_px = float((inner > 0.4).sum())
    extent = max(1.0, float(max(ink.w, (px2 - px1) * 0.85)))
    return PlateCover(min(1.0, covered_px / extent), cut)


def _plate_beyond_text(
    plate: np.ndarray, ix: int, iy: int, iw: int, ih: int, g: int
) -> tuple[float | None, float | None]:
    """How much of the strips just above and just below the ink is plate (None for a strip
    outside the search crop, at the frame's edge).

    Outlined text on a photo also has a one-colour region around its strokes, its outline;
    but that hugs each glyph, so these strips are mostly picture. A plate fills them.
    """
    m = max(2, round(0.2 * g))
    cols = slice(ix, ix + iw)
    fracs: list[float | None] = []
    for y1, y2 in ((iy - 1 - m, iy - 1), (iy + ih + 1, iy + ih + 1 + m)):
        y1, y2 = max(0, y1), min(plate.shape[0], y2)
        fracs.append(float(plate[y1:y2, cols].mean()) if y2 - y1 >= 2 else None)
    return fracs[0], fracs[1]
