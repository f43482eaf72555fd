"""Pixel measurements behind 'legible' and 'covered': glyph ink height, WCAG contrast, coverage.

OCR success is not legibility (OCR_FACTS.md: PP-OCR still reads most labels that are too small
or too faint for a viewer), so these are measured from the pixels inside the text's box.
Everything here works on a small crop, so it is cheap enough to run every sample.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from app.geometry import Box

# sRGB 8-bit → linear light, for WCAG relative luminance.
_C = np.arange(256, dtype=np.float64) / 255.0
_LINEAR = np.where(_C <= 0.04045, _C / 12.92, ((_C + 0.055) / 1.055) ** 2.4).astype(np.float32)


# Thin strokes (Light and Thin weights, small sizes) are blurred into their ground by scaling
# and H.264, so even their cores rarely reach the text's own colour: the stroke colour is read
# from the most extreme twentieth of the cores (measured against design colours on 525 rendered
# labels: a quarter under-read six, a sixth three, with no faint label read as legible; over
# eleven later sets a tenth fixed two more thin labels). On nineteen sets of two generators
# (4,500 labels) a twentieth then read 15 more labels drawn at 3.09-5.0:1 as legible that a
# tenth measured at 2.74-2.99, and 3 not so: a 2.39:1 label already measured 2.97, a 3.09:1
# one that was half covered, and a 12 px one too small anyway.
_STROKE_PERCENTILE = 5


def relative_luminance_bgr(pixels: np.ndarray) -> np.ndarray:
    """WCAG 2.x relative luminance of BGR uint8 pixels (any shape ending in 3)."""
    lin = _LINEAR[pixels]
    return 0.0722 * lin[..., 0] + 0.7152 * lin[..., 1] + 0.2126 * lin[..., 2]


def lab_of(bgr: tuple[int, int, int]) -> np.ndarray:
    """One BGR colour in OpenCV's 8-bit CIELAB, as int16 for differences."""
    return cv2.cvtColor(np.uint8([[bgr]]), cv2.COLOR_BGR2LAB)[0, 0].astype(np.int16)


def contrast_ratio(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True, slots=True)
class TextMeasure:
    """What the pixels of one text line say about how a viewer sees it."""

    glyph_px: float  # ink height of the line's tallest glyphs, in frame pixels
    contrast: float  # WCAG ratio between the stroke colour and the pixels right around it
    ink_box: Box | None  # tight box around the strokes, in frame pixels
    polarity: int  # +1 light text on darker ground, -1 dark text on lighter ground
    text_bgr: tuple[int, int, int]
    ground_bgr: tuple[int, int, int]
    # Median stroke core against the ring 2–3 px out: what tells which polarity is the text
    # (``contrast`` above may be against an outline, which the inverse mask would also see).
    plain_contrast: float = 0.0


def _stroke_masks(
    gray: np.ndarray, line_h: float
) -> list[tuple[float, np.ndarray, np.ndarray, int]]:
    """Thin bright or thin dark structures: glyph strokes, whatever the background.

    A morphological top-hat (bright) or black-hat (dark) with a kernel wider than a stroke keeps
    strokes and drops plates and smooth photo areas. Which polarity is the text: the one whose
    mask keeps off the box's border (the ground surrounds the text; the gaps between thin strokes
    on a plate are also 'thin bright structures', but they run into the border).
    """
    k = int(max(3, min(61, round(line_h * 0.45)))) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    found: list[tuple[float, np.ndarray, np.ndarray, int]] = []
    for op, polarity in ((cv2.MORPH_TOPHAT, 1), (cv2.MORPH_BLACKHAT, -1)):
        resp = cv2.morphologyEx(gray, op, kernel)
        if float(resp.max()) < 8:
            continue
        thr, _ = cv2.threshold(resp, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        labels, stats, touching = _components(resp > max(thr, 6.0))
        areas = stats[:, cv2.CC_STAT_AREA].astype(np.float64)
        if touching.all():
            # All that stands out is at the box's edge: the picture around a plate that fills
            # the box (a dark photo beyond a light pill) set the threshold, and faint strokes
            # on the plate fell below it. Threshold what lies inside instead.
            refit = _threshold_inside(resp, labels, touching, thr)
            if refit is not None:
                labels, stats, touching = refit
                areas = stats[:, cv2.CC_STAT_AREA].astype(np.float64)
        x0 = stats[:, cv2.CC_STAT_LEFT]
        x1 = x0 + stats[:, cv2.CC_STAT_WIDTH]
        total = float(areas[1:].sum())
        inner = ~touching
        if not inner.any() or total == 0:
            continue
        inner_area = float(areas[inner].sum())
        # Glyph strokes form components no wider than a glyph or two; the ground between strokes
        # (the wrong polarity on a plate) forms one wide web around them. On a short label (广告)
        # the web is no wider than two glyphs, but it is the whole line's width on its own and
        # wider than tall, which no glyph of a line of two or more is.
        widths = stats[:, cv2.CC_STAT_WIDTH]
        span = int((x1[inner]).max() - (x0[inner]).min()) if inner.any() else 0
        wide = inner & (
            (widths > 2.2 * line_h)
            | ((widths >= 0.9 * span) & (widths >= 1.6 * stats[:, cv2.CC_STAT_HEIGHT]))
        )
        web = float(areas[wide].sum()) / inner_area
        score = web + 0.5 * (1.0 - inner_area / total)
        mask = inner[labels]
        found.append((score, mask, resp, polarity))
    found.sort(key=lambda c: c[0])
    # Both polarities can look like strokes (faint text on a plate: the plate between strokes
    # breaks into glyph-sized pieces too); keep both then, and let contrast decide.
    return [c for c in found if c[0] <= found[0][0] + 0.25]


def _components(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Connected components of ``mask`` and which of them touch the box's edge (the box has
    a margin around text, so those are ground); the background label counts as touching."""
    _n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    x0, y0 = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    x1 = x0 + stats[:, cv2.CC_STAT_WIDTH]
    y1 = y0 + stats[:, cv2.CC_STAT_HEIGHT]
    touching = (x0 == 0) | (y0 == 0) | (x1 == mask.shape[1]) | (y1 == mask.shape[0])
    touching[0] = True
    return labels, stats, touching


# BT.601 luma of 8-bit BGR: what H.264 keeps at full resolution (chroma is halved).
_LUMA = np.array([0.114, 0.587, 0.299], np.float32)
# Luma steps (of 255) an outline keeps from its ground. Chroma bleed leaves none, and the
# ringing of crf 30 beside thin white strokes on red about 16; a black outline on a ground
# light enough to need one, 60 or more.
_OUTLINE_LUMA_STEP = 30.0


def _luma_apart(crop: np.ndarray, hug: np.ndarray, ring: np.ndarray, light_text: bool) -> bool:
    """Whether the pixels hugging the strokes differ from the ground in luma, as an outline
    does. H.264 halves chroma: beside white strokes on a red plate the red fades to grey at the
    same luma, and grey of a red's luma is far darker in WCAG luminance (0.08 against 0.17),
    which looked like a dark outline and doubled the measured contrast (8:1 for 4.8:1)."""
    y = crop.astype(np.float32) @ _LUMA
    hug_y = float(np.percentile(y[hug], 10 if light_text else 90))
    return abs(hug_y - float(np.median(y[ring]))) >= _OUTLINE_LUMA_STEP


def _threshold_inside(
    resp: np.ndarray, labels: np.ndarray, touching: np.ndarray, thr: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Components of ``resp`` thresholded on what the edge components leave, when that finds
    strokes along the line (half the box's width or more: the detector's box is the line's);
    None otherwise. Faint 营业执照 at 2:1 on a pill inside a dark frame: the pill's corners
    against the dark set Otsu's threshold at 65, the strokes respond at ~50."""
    rest = resp[~(touching[labels] & (labels > 0))]
    if rest.size < 16 or float(rest.max()) < 8:
        return None
    thr2, _ = cv2.threshold(rest, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if thr2 >= thr:
        return None
    labels2, stats2, touching2 = _components(resp > max(thr2, 6.0))
    inner = stats2[~touching2]
    if inner.size == 0:
        return None
    x0 = inner[:, cv2.CC_STAT_LEFT]
    span = int((x0 + inner[:, cv2.CC_STAT_WIDTH]).max() - x0.min())
    if span < 0.5 * resp.shape[1]:
        return None
    return labels2, stats2, touching2


def _largest_run(
    profile: np.ndarray, floor: float, max_gap: int, wide_gap: int = 0
) -> tuple[int, int] | None:
    """Rows (start, end) of the densest band above ``floor``, bridging small gaps."""
    on = np.flatnonzero(profile > floor)
    if on.size == 0:
        return None
    runs: list[tuple[int, int]] = []
    start = prev = int(on[0])
    for r in on[1:]:
        r = int(r)
        if r - prev > max_gap + 1:
            runs.append((start, prev))
            start = r
        prev = r
    runs.append((start, prev))
    best = max(runs, key=lambda ab: float(profile[ab[0] : ab[1] + 1].sum()))
    if wide_gap <= max_gap:
        return best
    # Across a wider gap, only a band of glyph (two rows or more) joins: a thin serif's
    # lower half beyond rows crossed by nothing but its 1 px verticals. A single row there is
    # an outline's rim or a speck.
    i = runs.index(best)
    lo, hi = best
    for j in range(i - 1, -1, -1):
        a, b = runs[j]
        if lo - b - 1 > wide_gap or b - a < 1:
            break
        lo = a
    for j in range(i + 1, len(runs)):
        a, b = runs[j]
        if a - hi - 1 > wide_gap or b - a < 1:
            break
        hi = b
    return lo, hi


# Two polarities whose plain contrasts are this close stand out alike: a tie for contrast.
_TIE = 0.97


def measure_text(image: np.ndarray, box: Box) -> TextMeasure | None:
    """Measure the text line inside ``box``; ``None`` when no strokes are found there.

    Strokes that touch the box's edge count as ground, so a detector box drawn tighter than
    its glyphs (a thin serif 广 whose left stroke is its box's edge) can leave no strokes at
    all. Then the line is measured once more in a box grown by a margin a detector leaves:
    only then, so a line measured in its own box measures as it did.
    """
    m = _measure_in(image, box)
    if m is not None:
        m = _text_on_plate(image, m) or m
    if m is None:
        h_img, w_img = image.shape[:2]
        grown = _measure_in(
            image, box.expanded(max(2, box.h // 4), max(2, box.h // 6), w_img, h_img)
        )
        # The strokes looked for are the box's own: inside it but for their edge.
        if (
            grown is not None
            and grown.ink_box is not None
            and grown.glyph_px <= box.h
            and grown.ink_box.overlap_fraction(box) >= 0.8
        ):
            m = grown
    return m


# A plate the detector's box holds whole stands out from the picture round it as strokes do,
# and more than the text on it may: its ink is then the plate. Inside it, the text's strokes
# are of the other polarity, clearly shorter, and across most of it; round them, nearly all
# is of the plate's one colour, where round a glyph's counters its strokes and gaps alternate.
# On nine generated sets (506 labels measured in their plate's box) this read 23 of 42 plates
# taken for text at their text's height, and 2 of 463 right measures as shorter.
_PLATE_RING = 0.8
# Share of the ink's box in the ink's colour below which it is strokes, not a plate (glyph
# strokes fill 0.1-0.3 of their box; a plate with small text on it, over a half).
_PLATE_FILL = 0.5
_PLATE_TEXT_HEIGHT = 0.75
_PLATE_TEXT_WIDTH = 0.5


def _text_on_plate(image: np.ndarray, m: TextMeasure) -> TextMeasure | None:
    """The text inside ``m``'s ink when that ink is a plate holding it, else None."""
    ib = m.ink_box
    if ib is None or ib.w < 6 or ib.h < 6:
        return None
    crop = np.ascontiguousarray(image[ib.y : ib.y2, ib.x : ib.x2])
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    plate = np.abs(lab - lab_of(m.text_bgr)).sum(axis=2) < 30
    if float(plate.mean()) < _PLATE_FILL:
        return None  # strokes: the cheap test that spares most lines the second measure
    inner = _measure_in(image, Box(ib.x + 1, ib.y + 1, ib.w - 2, ib.h - 2))
    if (
        inner is None
        or inner.ink_box is None
        or inner.polarity == m.polarity
        or inner.glyph_px > _PLATE_TEXT_HEIGHT * m.glyph_px
        or inner.ink_box.w < _PLATE_TEXT_WIDTH * ib.w
    ):
        return None
    jb = inner.ink_box
    ring = np.ones(plate.shape, bool)
    ring[jb.y - ib.y : jb.y2 - ib.y, jb.x - ib.x : jb.x2 - ib.x] = False
    if ring.sum() < 8 or float(plate[ring].mean()) < _PLATE_RING:
        return None
    return inner


def _measure_in(image: np.ndarray, box: Box) -> TextMeasure | None:
    h_img, w_img = image.shape[:2]
    b = box.clipped(w_img, h_img)
    if b.w < 4 or b.h < 4:
        return None
    crop = image[b.y : b.y2, b.x : b.x2]
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    found = [
        (score, m)
        for score, mask, resp, polarity in _stroke_masks(gray, b.h / 1.4)
        if (m := _measure_mask(crop, b, mask, resp, polarity)) is not None
    ]
    if not found:
        return None
    found = _without_specks(found)
    best_score, best = max(found, key=lambda c: c[1].plain_contrast)
    tied = [(sc, m) for sc, m in found if m.plain_contrast >= _TIE * best.plain_contrast]
    if len(tied) > 1:
        # Dark strokes on a light plate and the plate between them stand out from each other
        # alike. The ground is what surrounds the text: the colour above and below the ink.
        margin = _margin_colour(crop, b, best)
        if margin is not None:
            best_score, best = min(
                tied, key=lambda c: float(np.abs(lab_of(c[1].ground_bgr) - margin).sum())
            )
    for score, m in found:
        if score <= best_score and _encloses(m, best, b):
            best = m
    return best


# Of the ink the other polarity found across the line: a polarity whose ink is narrower and
# shorter than this is a speck (a dot of a thin dark outline round light glyphs), however
# much it stands out from what is round it.
_SPECK_W = 0.2
_SPECK_H = 0.5


def _without_specks(found: list[tuple[float, TextMeasure]]) -> list[tuple[float, TextMeasure]]:
    """Drop a polarity whose strokes are a speck beside the line the other one found.

    The polarity whose strokes stand out most is the text's (plain_contrast), but the strokes
    of a 7 px dot stand out as well as a glyph's: light glyphs in a thin dark outline leave
    the dark polarity a few specks of outline, and the line would be measured 5 px high.
    """
    if len(found) < 2:
        return found
    boxes = [m.ink_box for _, m in found if m.ink_box is not None]
    if not boxes:
        return found
    widest = max(boxes, key=lambda b: b.w)
    kept = [
        c
        for c in found
        if c[1].ink_box is None
        or c[1].ink_box.w >= _SPECK_W * widest.w
        or c[1].ink_box.h >= _SPECK_H * widest.h
    ]
    return kept or found


def _margin_colour(crop: np.ndarray, b: Box, m: TextMeasure) -> np.ndarray | None:
    """Median CIELAB colour of the box's rows above and below the ink (None if there are none)."""
    if m.ink_box is None:
        return None
    top, bottom = m.ink_box.y - b.y, m.ink_box.y2 - b.y
    rows = np.concatenate([crop[: max(0, top - 1)], crop[min(crop.shape[0], bottom + 1) :]])
    if rows.size == 0:
        return None
    bgr = np.median(rows.reshape(-1, 3), axis=0)
    return lab_of(tuple(int(v) for v in bgr))  # type: ignore[arg-type]


# The ground a glyph's strokes enclose (the counter of 口, the gaps of 告) and the slivers of an
# outline look like strokes of the other polarity and stand out from the strokes around them as
# much as the strokes stand out from the ground, so contrast cannot choose between them. They lie
# inside the glyphs, though, so their ink is shorter: the polarity whose ink spans the other's
# (by this factor or more), stands out about as much and looks at least as much like strokes is
# the text. A small plate inside the detector's box spans the strokes too, but it fills the box
# to its edges, where the detector leaves a margin around the ink it found. Ink a third of the
# other's height or less is no glyph of the same line however much it stands out: the dark
# counter of an outlined 告 (10 px in 49 px glyphs, 8.9:1 against their 6.1:1) was measured
# as the text and called cut; over 67 generated sets 3 were fixed and none broken.
_NESTED_HEIGHT = 1.5
_SAME_CONTRAST = 0.8
_DWARFS = 3.0
_BOX_MARGIN_FILL = 0.85


def _encloses(outer: TextMeasure, inner: TextMeasure, box: Box) -> bool:
    """``outer``'s ink is clearly taller than ``inner``'s and holds it: ``inner`` is its gaps."""
    a, b = outer.ink_box, inner.ink_box
    if a is None or b is None or outer.glyph_px < _NESTED_HEIGHT * inner.glyph_px:
        return False
    if outer.glyph_px > _BOX_MARGIN_FILL * box.h:
        return False
    if (
        outer.plain_contrast < _SAME_CONTRAST * inner.plain_contrast
        and outer.glyph_px < _DWARFS * inner.glyph_px
    ):
        return False
    return b.overlap_fraction(a) >= 0.9


# Light strokes on a plate of one colour brighten the pixels beside them (scaling blur, H.264's
# halved chroma), so the median of the ring round them reads the plate lighter than it is. On a
# uniform ring (10th to 90th percentile within this share of its median) the plate's own colour
# is in its darker part. On nineteen generated sets this read 11 labels drawn at 3.09-3.25:1
# as legible that measured 2.9-3.0, and one covered label not so; dark strokes treated alike
# called three faint labels legible, so they keep the median.
_UNIFORM_RING = 0.4
_PLATE_PERCENTILE = 30


def _ground_beside_light_strokes(ring_l: np.ndarray, median_l: float) -> float:
    lo, plate, hi = np.percentile(ring_l, [10, _PLATE_PERCENTILE, 90])
    if hi - lo > _UNIFORM_RING * max(median_l, 1e-3):
        return median_l  # a picture, not a plate: its darker part is not the ground's colour
    return float(plate)


def _ink_rows(mask: np.ndarray, box_h: int) -> tuple[int, int] | None:
    """The rows of the glyphs' ink in ``mask``: the densest band of inked rows."""
    rows = mask.sum(axis=1).astype(np.float32)
    if not rows.any():
        return None
    # A thin-stroked serif (AR PL UMing) at 23 px has rows crossed only by its 1 px verticals,
    # below the floor for three rows: bridged (wide_gap), or the glyphs measure at their top
    # half.
    return _largest_run(
        rows,
        floor=max(1.0, 0.06 * float(rows.max())),
        max_gap=max(1, box_h // 12),
        wide_gap=max(1, box_h // 8),
    )


# An icon drawn before (or after) a label in the text's colour (ⓘ, a house, a robot's head) is
# as tall as the label's plate allows: 1.6-2x its glyphs on most labels we looked at, 1.4x on a
# tight pill (a tag outline before a 12 px 广告 AD, 17 px). A glyph of the line is at most
# about 1.3x another (件 beside digits, a bracket beside CJK).
_ICON_HEIGHT = 1.35
# Column gap, as a share of the box's height, that parts an icon from the label's first glyph:
# a glyph's own strokes and the tracking between glyphs leave narrower gaps.
_ICON_GAP = 0.12
# Inked columns, over its height, of what is left beside an icon: a label's line.
_ICON_REST_WIDTH = 1.8


def _without_end_icon(mask: np.ndarray, box_h: int) -> np.ndarray:
    """``mask`` without an icon at either end of the line: a group of columns apart from the
    rest, about as wide as it is tall, and much taller than the rest's ink. The icon is not
    text, and its height is not the glyphs': a 10 px label with a 19 px ⓘ before it measured
    as 19 px glyphs, legible."""
    inked = np.flatnonzero(mask.any(axis=0))
    if inked.size == 0:
        return mask
    gaps = np.flatnonzero(np.diff(inked) > max(2, round(_ICON_GAP * box_h)))
    if gaps.size == 0:
        return mask
    starts = np.concatenate(([inked[0]], inked[gaps + 1]))
    ends = np.concatenate((inked[gaps], [inked[-1]]))
    out = mask
    for i in (0, len(starts) - 1):
        x0, x1 = int(starts[i]), int(ends[i]) + 1
        rows = np.flatnonzero(mask[:, x0:x1].any(axis=1))
        icon_h = int(rows[-1] - rows[0] + 1)
        if x1 - x0 > 1.5 * icon_h:
            continue
        rest = out.copy()
        rest[:, x0:x1] = False
        # The rest's whole extent, not its densest band: a thin serif's band may be a
        # fraction of its glyphs.
        others = np.flatnonzero(rest.any(axis=1))
        if others.size == 0:
            continue
        top, bottom = int(others[0]), int(others[-1])
        # What is left must read as a line of its own: at least as wide as the icon and wider
        # than a glyph or two (广告 beside AD is as square and as much taller than AD as an
        # icon; a price's last digit beside its decimal point is taller still).
        rest_w = int(np.count_nonzero(rest.any(axis=0)))
        glyph_h = bottom - top + 1
        if (
            icon_h >= _ICON_HEIGHT * glyph_h
            and rows[0] <= top + 1
            and rows[-1] >= bottom - 1
            and rest_w >= x1 - x0
            and rest_w >= _ICON_REST_WIDTH * glyph_h
        ):
            out = rest
    return out


def _measure_mask(
    crop: np.ndarray, b: Box, mask: np.ndarray, resp: np.ndarray, polarity: int
) -> TextMeasure | None:
    if mask.sum() < 6:
        return None
    # Drop specks (compression noise) so they do not stretch the measured height.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= 3
    mask = keep[labels]
    if mask.sum() < 6:
        return None
    mask = _without_end_icon(mask, b.h)
    run = _ink_rows(mask, b.h)
    if run is None:
        return None
    cols = np.flatnonzero(mask[run[0] : run[1] + 1].any(axis=0))
    glyph_px = float(run[1] - run[0] + 1)
    ink_box = Box(b.x + int(cols[0]), b.y + run[0], int(cols[-1] - cols[0] + 1), int(glyph_px))

    lum = relative_luminance_bgr(crop)
    band = np.zeros_like(mask)
    band[run[0] : run[1] + 1] = True
    strokes = mask & band
    # Stroke colour from the stroke cores (strongest response), not the anti-aliased edges.
    core_thr = np.percentile(resp[strokes], 60)
    core = strokes & (resp >= core_thr)
    s8 = strokes.astype(np.uint8)
    k3 = np.ones((3, 3), np.uint8)
    touch = cv2.dilate(s8, k3, iterations=1) > 0
    near = cv2.dilate(s8, k3, iterations=3) > 0
    ring = near & ~touch & ~mask
    if ring.sum() < 4 or core.sum() < 2:
        return None
    ground_l = float(np.median(lum[ring]))
    plain = contrast_ratio(float(np.median(lum[core])), ground_l)
    # Thin strokes are blurred into their ground: their truest colour is in the most extreme
    # cores, not the median.
    dark_text = float(np.median(lum[core])) < ground_l
    text_l = float(
        np.percentile(lum[core], _STROKE_PERCENTILE if dark_text else 100 - _STROKE_PERCENTILE)
    )
    # An outline (or a drop shadow) hugs the strokes: what the fill stands out from is then
    # the pixels right beside it, not the picture further out.
    hug = touch & ~mask
    hugged = False
    if hug.sum() >= 4:
        hug_l = float(np.percentile(lum[hug], 10 if text_l > ground_l else 90))
        # Only a real outline: on the far side of the ground from the text, and clearly
        # different from the ground (not the anti-aliased blend of text and ground).
        if (
            (hug_l < ground_l) == (text_l > ground_l)
            and contrast_ratio(hug_l, ground_l) >= 1.5
            and _luma_apart(crop, hug, ring, text_l > ground_l)
        ):
            ground_l = hug_l
            hugged = True
    if not hugged and not dark_text:
        ground_l = _ground_beside_light_strokes(lum[ring], ground_l)
    text_bgr = tuple(int(v) for v in np.median(crop[core], axis=0))
    ground_bgr = tuple(int(v) for v in np.median(crop[ring], axis=0))
    return TextMeasure(
        glyph_px=glyph_px,
        contrast=contrast_ratio(text_l, ground_l),
        ink_box=ink_box,
        polarity=polarity,
        text_bgr=text_bgr,  # type: ignore[arg-type]
        ground_bgr=ground_bgr,  # type: ignore[arg-type]
        plain_contrast=plain,
    )
