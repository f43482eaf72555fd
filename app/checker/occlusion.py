"""Is something drawn over a label? Tell a half-covered label from a missing or a clean one.

Three kinds of evidence, all cheap:
- the OCR read only part of a label phrase (a fragment such as 此为广 or AI生) — decided by the
  rule pack's matcher;
- the label sits on a plate (a pill or box of one colour) and a foreign region — not plate, not
  text — cuts into the plate across the text's extent, or cuts the glyphs off along their top
  or bottom edge (the plate pads them on one side and not at all on the other). A sticker, a
  product card or a hand is exactly that. One that stands against the text's end with the same
  plate showing again beyond it hides the rest of the line (数字人 | disc | pill's end);
- plain text on a photo has no plate, but a card slid across the top or bottom of its glyphs
  leaves a straight edge that runs on beside the text exactly on the ink's first or last row.
Otherwise only the first kind applies (the checker also reads a line a sticker splits in two).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from app.checker.vision import TextMeasure, lab_of
from app.geometry import Box


@dataclass(frozen=True, slots=True)
class PlateCover:
    """What is drawn over a label on a plate."""

    fraction: float  # of the text's width hidden by something drawn across it
    # "top" or "bottom": the plate runs on beyond the text on one side and not at all on the
    # other, where something straight-edged (a product card) cuts the glyphs; None otherwise.
    cut: str | None = None


# Of the glyph height: the padding the plate must show on the side opposite a cut. A tight
# plate (3 px over and under 15 px glyphs at 720p) has its padding blurred away under H.264 on
# one side as often as not.
_CUT_PAD = 0.3


def _padding(rows: np.ndarray, top: int, bottom: int, cut: str) -> int:
    """Rows of plate (``rows``: its share of each row) next to the text on the side opposite
    ``cut``."""
    n = 0
    if cut == "bottom":
        r = top - 1
        while r >= 0 and rows[r] >= 0.5:
            n, r = n + 1, r - 1
    else:
        r = bottom
        while r < len(rows) and rows[r] >= 0.5:
            n, r = n + 1, r + 1
    return n


# Share of the strip past the text's cut side that may be the ground's colour: a cover there
# is something else.
_GROUND_BEYOND = 0.5


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
        # A uniform wall rather than a plate: nothing drawn over it to find. Or the flood
        # followed soft edges out of a plate (H.264 blurs a pill's edge into a calm picture,
        # and a sticker's into both) and took in everything round it; the look past the
        # text's ends tells plate by its colour and still sees a cover against one of them,
        # where the other shows the plate's padding (a shaded plate's ends both differ).
        end = _cover_at_end(image, measure, padded_across=True)
        return PlateCover(end / (ink.w + end)) if end else None
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
        if cut is not None and _padding(rows, iy, iy + ink.h, cut) < _CUT_PAD * g:
            cut = None  # too little padding on the other side to miss any on this one
        # What stops the fill on the cut side must be something else than the plate: on a
        # glass or noisy plate the fill can stop short of padding that is still the ground's
        # colour (white text high on a dark glass pill).
        if cut is not None:
            ground_beyond = _plate_beyond_text(near_ground, ix, iy, ink.w, ink.h, g)
            share = ground_beyond[1] if cut == "bottom" else ground_beyond[0]
            if share is not None and share >= _GROUND_BEYOND:
                cut = None
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
                and not _plate_or_counter(labels == i, strokes, plate, lab, bh <= _COUNTER_H * g)
            )
        )
    foreign = keep[labels]
    rows = slice(iy, iy + ink.h)
    _clear_beyond_padding(foreign, plate, rows, ix, ix + ink.w, g)
    gaps = foreign[rows, ix : ix + ink.w].mean(axis=0) > 0.4
    if known and min(known) < 0.5 and _gaps_show_picture(gaps):
        return None  # the picture between the glyphs: an outline's flood, not a plate
    span = slice(px1, px2 + 1)
    colcov = foreign[rows, span].mean(axis=0)
    inner = colcov[int(0.04 * len(colcov)) : max(1, int(0.96 * len(colcov)))]
    covered_px = float((inner > 0.4).sum())
    extent = max(1.0, float(max(ink.w, (px2 - px1) * 0.85)))
    fraction = covered_px / extent
    end = _cover_at_end(image, measure)
    if end:
        fraction = max(fraction, end / (ink.w + end))
    return PlateCover(min(1.0, fraction), cut)


# Separate runs of foreign columns inside the text's own columns from which what shows there is
# the picture between the glyphs, not something over them: a sticker or a card hides one run
# of the line (two where two are drawn), where the photo round outlined text shows in the gap
# after every glyph. The flood of its outline leaked into a dark part of the photo on one side
# of the text, which passed for a plate; a plate fills both sides (a plate shaded from green
# to purple that the flood stops short of shows as several runs too).
_PICTURE_GAPS = 3


def _gaps_show_picture(foreign_cols: np.ndarray) -> bool:
    """Whether ``foreign_cols`` (the text's columns that something not plate fills) come in
    _PICTURE_GAPS runs or more."""
    padded = np.concatenate(([False], foreign_cols, [False])).astype(np.int8)
    return int(np.count_nonzero(np.diff(padded) == 1)) >= _PICTURE_GAPS


# Of the glyph height: plate between the text's end and something beside it that says it is
# not over the text. A cover against a glyph leaves no more than its side bearing and the
# tracking; a plate pads its text by a third of a glyph or more (_END_TOUCH). A flood that
# leaks out of a pill's end into a picture of its colour takes the picture beyond for
# something drawn over the label (a half glyph off 广 of 广告, a third off AI of AI生成).
_APART = 0.3


# What stands between glyphs and is not the plate's flood is not always drawn over them. A
# counter walled in by strokes (the inside of a tag icon: round it, this share of strokes and
# no plate) is the text's own; so is a patch of the plate the flood stopped short of (inside
# 口 of 告 on a pill shaded from pink to purple), as near its plate's colour as this (CIELAB,
# summed) where a sticker stands apart by far more.
_COUNTER_RIM = 0.6
_COUNTER_H = 0.75  # of the glyph height: the tallest counter (a tag icon's inside, 0.62)
_UNFLOODED = 15


def _plate_or_counter(
    region: np.ndarray, strokes: np.ndarray, plate: np.ndarray, lab: np.ndarray, small: bool
) -> bool:
    """Whether ``region`` (foreign, between glyphs) is a counter or a patch of the plate.
    Only a ``small`` one can be a counter: a disc with a rim of the text's colour is walled
    in by it as well."""
    ring = cv2.dilate(region.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    ring &= ~region
    if not ring.any():
        return False
    beside = ring & plate
    if not beside.any():
        return small and float(strokes[ring].mean()) >= _COUNTER_RIM
    inside = np.median(lab[region].astype(np.int16), axis=0)
    near = np.median(lab[beside].astype(np.int16), axis=0)
    return float(np.abs(inside - near).sum()) < _UNFLOODED


def _clear_beyond_padding(
    foreign: np.ndarray, plate: np.ndarray, rows: slice, x1: int, x2: int, g: int
) -> None:
    """Clear ``foreign`` past a run of plain plate over _APART glyphs wide on either side of
    the text's columns ``x1:x2``: what lies beyond the padding is beside the text."""
    pad = plate[rows].mean(axis=0) >= 0.6
    pad &= foreign[rows].mean(axis=0) <= 0.4
    for order in (range(x1 - 1, -1, -1), range(x2, foreign.shape[1])):
        for run, c in enumerate(order, start=1):
            if not pad[c]:
                break
            if run > _APART * g:
                if order.step < 0:
                    foreign[:, : c + 1] = False
                else:
                    foreign[:, c:] = False
                break


# A plate pads its text by a fraction of a glyph (half a glyph on the labels we generate, a
# third at the tightest); a cover with less plate than this between it and the text's end
# stands where more of the text would.
_END_TOUCH = 0.3
_END_MIN_WIDTH = 0.6
# How far past the cover the plate must show again, and how closely its top and bottom edges
# must match the plate's beside the text (glyph heights).
_END_PLATE_AGAIN = 1.2
_END_EDGE_SLACK = 0.25
# How far past the text's end to look: a disc over two glyphs with its rim is 2.5 glyphs wide.
_END_REACH = 5.5
# Of the glyph height: the strip against the text whose colour must be a badge's fill, and how
# near (CIELAB, summed) it must be.
_BADGE_EDGE = 0.4
_BADGE_SAME = 40


@dataclass(frozen=True, slots=True)
class _EndLook:
    """The window past one end of the text, its columns ordered outward from the ink: CIELAB
    pixels and masks of the plate's colour, of solid foreign regions and of strokes with
    their rims; ``top``..``bottom`` are the text's rows."""

    lab: np.ndarray
    plate: np.ndarray
    solid: np.ndarray
    strokes: np.ndarray
    top: int
    bottom: int

    @property
    def plate_col(self) -> np.ndarray:
        return self.plate[self.top : self.bottom].mean(axis=0) >= 0.6

    @property
    def foreign_col(self) -> np.ndarray:
        return self.solid[self.top : self.bottom].mean(axis=0) >= 0.6


def _plate_rows(plate: np.ndarray, top: int, bottom: int) -> tuple[int, int] | None:
    """The rows a plate spans round the text rows ``top``..``bottom`` of ``plate`` (a column
    mask cut to some columns): where it stops above and below, or None if it runs on to the
    mask's top or bottom, a glyph and a half away (the picture, not a plate), or is not there
    at all."""
    rows = plate.mean(axis=1) >= 0.5
    up, down = top - 1, bottom
    while up >= 0 and rows[up]:
        up -= 1
    while down < len(rows) and rows[down]:
        down += 1
    if up < 0 or down >= len(rows) or top - up < 2 or down - bottom < 2:
        return None
    return up + 1, down


def _cover_at_end(
    image: np.ndarray,
    measure: TextMeasure,
    badge: tuple[bool, tuple[int, int, int]] | None = None,
    over_edge: bool = True,
    padded_across: bool = False,
) -> float:
    """Width of a cover against one end of the text with its plate beyond it, or 0.

    The flood that finds the plate stops at such a cover, so the plate seems to end where the
    text does and the cover lies outside the span plate_coverage measures: 数字人 | disc |
    the pill's end, of 数字人直播. On the text's rows, per column, the cover is solid and
    foreign (neither plate nor text); it has less than a third of a glyph of plate between it
    and the ink (a text-coloured rim or a glyph's cut strokes may be), is over half a glyph
    wide, and reaches past the plate's top or bottom edge, as a sticker drawn over the label
    does (an icon printed on the plate stays inside it). Past it the same plate shows again,
    its top and bottom edges where they are beside the text: a picture that happens to match
    the plate's colour does not end on the plate's rows. Where the cover starts, it is not of
    the picture's colour round the plate (which is the plate's end and the picture past it).

    A cover over the word before a price (秒杀 of 秒杀 ¥19.9) leaves a word space of plate, and
    perhaps the rest of a glyph, between it and the text. Past more than the padding it counts
    only as a sticker on a pill does: the plate runs on up to it, it hides the plate's edge,
    the plate holds one line, and the plate reaches a glyph further past the text on its side
    than on the other (the text stands off its plate's centre by what the cover hides).

    ``padded_across``: only a cover whose other end of the text shows the plate's padding
    counts. A plate shaded from one colour to another differs from the colour round its text
    at both ends, where a cover stands at one end only.
    """
    ink = measure.ink_box
    if ink is None:
        return 0.0
    g = max(4, ink.h)
    h_img, w_img = image.shape[:2]
    # Cut at the frame's edge: a corner label stands close to it, and its plate's edge is
    # still found there (_plate_rows wants the plate to stop before the window does).
    y1, y2 = max(0, ink.y - round(1.5 * g)), min(h_img, ink.y2 + round(1.5 * g))
    top, bottom = ink.y - y1, ink.y2 - y1
    ground = lab_of(measure.ground_bgr)
    text = lab_of(measure.text_bgr)
    rim = max(2, round(g / 12))
    k = np.ones((max(3, round(g / 4)),) * 2, np.uint8)
    reach = round(_END_REACH * g)
    # The plate's edges above and below the glyphs.
    beside = cv2.cvtColor(np.ascontiguousarray(image[y1:y2, ink.x : ink.x2]), cv2.COLOR_BGR2LAB)
    near = _plate_rows(np.abs(beside.astype(np.int16) - ground).sum(axis=2) < 30, top, bottom)
    if near is None:
        return 0.0
    # ``badge``: the side a badge read apart stands on (True: right) and its fill's colour;
    # only that side is looked at, and the badge stands for the plate past it (badge_over_end).
    sides = (True, False) if badge is None else (badge[0],)

    looks: dict[bool, _EndLook | None] = {}

    def look_past(toward_right: bool) -> _EndLook | None:
        if toward_right in looks:
            return looks[toward_right]
        looks[toward_right] = None
        x1, x2 = (ink.x2, ink.x2 + reach) if toward_right else (ink.x - reach, ink.x)
        x1, x2 = max(0, x1), min(w_img, x2)
        if x2 - x1 < _END_MIN_WIDTH * g:
            return None
        lab = cv2.cvtColor(np.ascontiguousarray(image[y1:y2, x1:x2]), cv2.COLOR_BGR2LAB)
        lab = lab.astype(np.int16)
        plate = np.abs(lab - ground).sum(axis=2) < 30
        strokes = cv2.dilate(
            (np.abs(lab - text).sum(axis=2) < 45).astype(np.uint8), np.ones((2 * rim + 1,) * 2)
        ) > 0
        solid = cv2.morphologyEx((~plate & ~strokes).astype(np.uint8), cv2.MORPH_OPEN, k) > 0
        if not toward_right:  # outward from the ink, as toward the right
            lab, plate, solid, strokes = (a[:, ::-1] for a in (lab, plate, solid, strokes))
        looks[toward_right] = _EndLook(lab, plate, solid, strokes, top, bottom)
        return looks[toward_right]

    for toward_right in sides:
        look = look_past(toward_right)
        if look is None:
            continue
        lab, plate, solid, strokes = look.lab, look.plate, look.solid, look.strokes
        plate_col, foreign_col = look.plate_col, look.foreign_col
        hits = np.flatnonzero(foreign_col)
        if hits.size == 0:
            continue
        first = int(hits[0])
        # Padding is plate with no stroke in it: a thin glyph the measure left out of the ink
        # (人 of AI数字人 before a star over 直播) is mostly plate too, but it is text.
        padding = plate_col[:first] & ~strokes[top:bottom, :first].any(axis=0)
        apart = padding.sum() > _END_TOUCH * g
        if apart and badge is not None:
            continue  # the plate's padding: the text ends there
        last = _cover_end(foreign_col, plate_col, first, g)
        if last - first < _END_MIN_WIDTH * g:
            continue
        if padded_across:
            other = look_past(not toward_right)
            pad = max(2, round(_END_TOUCH * g))
            if other is None or not other.plate_col[:pad].all():
                continue
        # Over the plate's edge: the cover's columns hold it above or below the plate's rows.
        cover = solid[:, first:last]
        if over_edge and not (cover[: near[0]].any() or cover[near[1] :].any()):
            continue
        if badge is not None:
            # A badge beside the plate leaves the plate's padding and its end between them;
            # one drawn over the text starts where the ink stops.
            if first > _AGAINST * g:
                continue
            # What stands against the text is the badge itself, not the picture between a
            # plate's end and a badge beside it: the badge's fill, round its words.
            run = lab[top:bottom, first : first + max(2, round(_BADGE_EDGE * g))]
            inside = solid[top:bottom, first : first + run.shape[1]]
            if not inside.any():
                continue
            colour = np.median(run[inside], axis=0)
            if np.abs(colour - lab_of(badge[1])).sum() <= _BADGE_SAME:
                return float(last - first)
            continue
        again = np.flatnonzero(plate_col[last : last + round(_END_PLATE_AGAIN * g)])
        fars = []
        if again.size >= 2:
            fars.append(_plate_rows(plate[:, last + again[0] : last + again[-1] + 1], top, bottom))
        # Or the glyph the cover cut shows the plate above and below it (播 of 直播, a star over
        # 直), right past the cover: half a glyph of it (a pill's rounded end narrows beyond),
        # from a little off the text's rows (the cut glyph's strokes may run up to them).
        edge = max(2, round(0.15 * g))
        banded = (plate[top - edge : top].mean(axis=0) >= 0.6) & (
            plate[bottom : bottom + edge].mean(axis=0) >= 0.6
        )
        cut_glyph = np.flatnonzero(banded[last : last + round(_END_PLATE_AGAIN * g)])
        if cut_glyph.size >= 2:
            far_x = last + int(cut_glyph[0])
            fars.append(
                _plate_rows(
                    plate[:, far_x : far_x + max(2, round(0.5 * g))], top - edge, bottom + edge
                )
            )
        slack = _END_EDGE_SLACK * g
        picture = np.vstack([beside[: near[0]], beside[near[1] :]]).reshape(-1, 3)
        for far in fars:
            if far is None or max(abs(far[0] - near[0]), abs(far[1] - near[1])) > slack:
                continue
            # What the text meets is not the picture round the plate: that is the plate's
            # end, with the picture past it running on to a patch of the plate's colour.
            if not _not_picture(_edge_pixels(look, first, g), picture):
                break
            # Plate between the text and the cover is a word space or the padding. Past
            # the padding, the cover stands inside the plate's span only where the plate is
            # wider than its text: the text stands off its plate's centre, by at least a
            # glyph, as what hides a word before a price does (秒杀 of 秒杀 ¥19.9).
            if apart and not (
                _plate_up_to(look, first, g)
                and _hides_plate_edge(look, first, last, near)
                and _one_line_plate(near, top, bottom, g)
                and _off_centre(last, look_past(not toward_right), g)
            ):
                break
            return float(last - first)
    return 0.0


# Of the glyph height: the widest run of the text's colour inside a cover (a disc's white
# highlight) that the cover runs on across.
_GLINT = 0.5


def _cover_end(foreign_col: np.ndarray, plate_col: np.ndarray, first: int, g: int) -> int:
    """Where the cover that starts at column ``first`` ends: its foreign columns run on
    across a narrow run of neither plate nor foreign (the text's colour: a sticker's glint
    or the ring round it) with more of it past."""
    last, n = first, len(foreign_col)
    while True:
        while last < n and foreign_col[last]:
            last += 1
        gap = last
        while gap < n and not foreign_col[gap] and not plate_col[gap] and gap - last <= _GLINT * g:
            gap += 1
        if gap < n and foreign_col[gap] and gap > last:
            last = gap
            continue
        return last


# Of the glyph height: the most plate above or below the text of a pill or a tag holding one
# line; a product card runs on round its title and its other lines.
_TIGHT = 0.8


def _one_line_plate(near: tuple[int, int], top: int, bottom: int, g: int) -> bool:
    """Whether the plate (rows ``near``) holds the text (rows ``top``..``bottom``) alone, as a
    pill or a tag does: a product card runs on round its title and its other lines, and its
    button stands beside its price."""
    return top - near[0] <= _TIGHT * g and near[1] - bottom <= _TIGHT * g


def _not_picture(cover: np.ndarray, picture: np.ndarray) -> bool:
    """Whether the CIELAB pixels ``cover`` are, by their median, far from ``picture``'s."""
    if cover.size == 0 or picture.size == 0:
        return False
    apart = np.abs(np.median(cover, axis=0) - np.median(picture, axis=0)).sum()
    return bool(apart >= _PICTURE_SAME)


# CIELAB distance (summed) within which a cover's median colour is the picture's round the
# plate: the plate ends there, and what shows past it is the picture.
_PICTURE_SAME = 80


# Of the glyph height: how much wider the plate must reach past the text on the cover's side
# than on the other for a cover a word space off the text to hide some of it.
_OFF_CENTRE = 1.0


def _plate_up_to(look: _EndLook, first: int, g: int) -> bool:
    """Whether every column between the text's end and a cover starting at column ``first``
    is plate or holds strokes (a word space, what the cover left of a glyph): a plate of its
    own past a picture's gap is another tag."""
    inked = look.strokes[look.top : look.bottom, :first].any(axis=0)
    gap = ~look.plate_col[:first] & ~inked
    return int(gap.sum()) <= max(2, round(0.1 * g))


# Share of a cover's columns in which it must hide the plate's top or bottom edge.
_OVER_EDGE = 0.3


def _hides_plate_edge(look: _EndLook, first: int, last: int, near: tuple[int, int]) -> bool:
    """Whether the cover in columns ``first``..``last`` hides the plate's top or bottom edge
    (rows ``near``) along part of its width, as a sticker larger than the plate does; an icon
    printed on the plate leaves the plate's rim showing above and below it."""
    cols = slice(first, last)
    top_rim = look.plate[near[0] + 1, cols]
    bottom_rim = look.plate[near[1] - 2, cols]
    return float(max((~top_rim).mean(), (~bottom_rim).mean())) >= _OVER_EDGE


def _edge_pixels(look: _EndLook, first: int, g: int) -> np.ndarray:
    """CIELAB pixels of the solid region on the text's rows in the strip where a cover starts
    at column ``first`` (_BADGE_EDGE glyphs wide): what the text meets there."""
    cols = slice(first, first + max(2, round(_BADGE_EDGE * g)))
    rows = slice(look.top, look.bottom)
    return look.lab[rows, cols][look.solid[rows, cols]]


def _off_centre(cover_end: int, other: _EndLook | None, g: int) -> bool:
    """Whether the plate, which runs on past a cover ending ``cover_end`` columns off the
    text, reaches a glyph or more further past the text than it pads the text's other end
    (``other``)."""
    if other is None:
        return False
    inked = other.strokes[other.top : other.bottom].any(axis=0)
    pad = 0
    while pad < len(other.plate_col) and other.plate_col[pad] and not inked[pad]:
        pad += 1
    return cover_end - pad >= _OFF_CENTRE * g


def badge_over_end(
    image: np.ndarray,
    measure: TextMeasure,
    toward_right: bool,
    fill: tuple[int, int, int],
    remnant: bool = False,
) -> bool:
    """Whether a badge OCR read apart (福利, 限时, NEW) is drawn over the end of the text on
    that side: a region of neither the plate's colour nor the text's starts where the ink
    stops, with less than a third of a glyph of plate between, and reaches past the plate's
    top or bottom edge. Badges four glyphs wide hide the plate's end as well, so the plate
    does not show past them as it does past a sticker (_cover_at_end); that they carry words
    of their own, in a line of their own, says they are one object, and what stands against
    the text must be of its ``fill`` (the ground round its words).

    Only a plated label is asked: outlined text on a photo has no padding, and what a room
    sets beside it stands as close to its glyphs as a badge over them (a shield icon before
    内容由AI生成, read as 0, whose fill is the photo's).
    ``remnant``: ``measure`` runs on over what the badge left of a glyph (with_unread_ink),
    which says by itself that the badge hides the rest: a badge as tall as the plate (NEW over
    本直播 of 本直播间主播为AI数字人) need not reach past it."""
    return (
        _plated(image, measure)
        and _cover_at_end(image, measure, badge=(toward_right, fill), over_edge=not remnant) > 0
    )


# Share of the padding rows above and below the ink (_PAD_BAND) that must be of the ground's
# colour for the text to stand on a plate: 0.98 on a pill under 券后价¥79, 0.47 beside outlined
# text on a blurred photo.
_PLATED = 0.8


def _plated(image: np.ndarray, measure: TextMeasure) -> bool:
    """Whether the text stands on a plate of one colour: its padding shows above and below."""
    ink = measure.ink_box
    if ink is None:
        return False
    g = ink.h
    pad_in, pad_out = _padding_rows(g)
    if ink.y - pad_out < 0 or ink.y2 + pad_out > image.shape[0]:
        return False
    above = image[ink.y - pad_out : ink.y - pad_in, ink.x : ink.x2]
    below = image[ink.y2 + pad_in : ink.y2 + pad_out, ink.x : ink.x2]
    band = np.ascontiguousarray(np.vstack([above, below]))
    lab = cv2.cvtColor(band, cv2.COLOR_BGR2LAB).astype(np.int16)
    ground = np.abs(lab - lab_of(measure.ground_bgr)).sum(axis=2) < 30
    return float(ground.mean()) >= _PLATED


# An edge between two rows counts when their colours differ by this much (CIELAB, summed over
# L, a and b): a card or a sticker against the picture, not H.264 noise on a smooth gradient.
_EDGE_STEP = 40
# Share of the columns beside the text that must show the cover's edge on the ink's own row.
# On 524 clean labels of three generated sets the highest share was 0.62; on glyphs cut by a
# band it was 0.8-0.97.
_CUT_SHARE = 0.75


def straight_cut(image: np.ndarray, ink: Box) -> str | None:
    """"top" or "bottom" when the glyphs end on the straight edge of something drawn across
    them: plain text (no plate) with a product card or a band slid over its lower or upper part.

    What shows is a shorter line of whole-looking glyphs that OCR still reads, so nothing in
    the text says a part is hidden. The picture does: beside the text, left and right, the
    cover's edge runs on exactly on the row where the ink stops. Text a designer placed has its
    ground around it there (a plate's padding, the picture); a frame drawn round the text shows
    an edge on both sides, so an edge on one side only counts.
    """
    h_img, w_img = image.shape[:2]
    g = ink.h
    flank = max(3, round(0.6 * g))
    x1, x2 = max(0, ink.x - flank), min(w_img, ink.x2 + flank)
    y1, y2 = ink.y - 4, ink.y2 + 4
    if g < 6 or y1 < 0 or y2 > h_img or (ink.x - x1) + (x2 - ink.x2) < 4:
        return None
    crop = np.ascontiguousarray(image[y1:y2, x1:x2])
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    beside = np.r_[0 : ink.x - x1, ink.x2 - x1 : x2 - x1]
    lab = lab[:, beside]
    step = np.abs(np.diff(lab, axis=0)).sum(axis=2)  # step[i]: between crop rows i and i + 1
    shares = {}
    # The ink's first row is crop row 4, its last crop row 3 + g: the cover's edge would be
    # step[3] or step[3 + g]. It is looked for within three rows of there (a stronger edge of
    # the picture farther off is not this one).
    for side, boundary in (("top", 3), ("bottom", 3 + g)):
        lo = boundary - 3
        window = step[lo : boundary + 4]
        at = window.argmax(axis=0) + lo
        strong = window.max(axis=0) > _EDGE_STEP
        shares[side] = float((strong & (np.abs(at - boundary) <= 2)).mean())
    for side, other in (("top", "bottom"), ("bottom", "top")):
        if shares[side] >= _CUT_SHARE and shares[other] < 0.5:
            return side
    return None


# Box width per character, over the box's height, above which the glyphs are wider than the line
# is tall. A detector box round a line of whole CJK glyphs is ~1.3 glyphs tall and one glyph
# wide per character (0.5–0.95 on our sets, where clean lines are read; Latin and digits are
# narrower still); a line whose upper or lower half is hidden keeps its width and loses half its
# height (1.1–2.9 on the covered labels of eleven generated sets).
SQUASHED = 1.1


def squashed(text: str, box: Box) -> bool:
    """Whether the glyphs OCR read in ``box`` are wider than the line is tall: what is left
    of a line with its top or bottom hidden under a band, a card or a sticker's edge."""
    n = len("".join(text.split()))
    return n > 0 and box.w >= SQUASHED * box.h * n


def pitch_px(text: str, box: Box) -> float:
    """The glyph size a squashed line's width implies (CJK glyphs are as tall as they are
    wide): its ink height is the strip that shows, not the glyphs'."""
    return box.w / max(1, len("".join(text.split())))


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


# Neighbouring pixels (after a 3×3 blur) whose CIELAB colours differ by less than this, summed
# over L, a and b, are one flat region: a sticker's fill under H.264 noise, where a photo's
# texture and every glyph's anti-aliased edge step by more.
_FLAT_STEP = 10
# Of the glyph height (area: of its square): the smallest flat core a sticker can leave. Inside
# glyph-sized stars and discs over six covered labels, the core measured 0.67-0.82 of a glyph
# tall and 0.18-0.39 of its square; a star over 为广 of a 20 px outlined 此为广告 at 720p, 0.58
# of the glyph height measured with the outline (24 px).
_CORE_TALL = 0.55
_CORE_AREA = 0.15
# Of the glyph height: how far into the line an icon before the label stands.
_ICON_SLOT = 0.3
# CIELAB distance (summed) from the ground's colour, and from the text's, for a core shorter
# than a glyph to count as something drawn over the line: the stickers over six covered labels
# stood 132-304 from both, patches of the picture between strokes (skin, a shadow) 38-118 from
# one of them. Light stars over white or yellow glyphs outlined in black stand closer to the
# text's colour (99 and 117 on two covered 广告), and far from the ground the outline makes
# (196 and 220): from the text, the limit is lower (over 33 sets: 5 covered labels found,
# none broken; at 60, one more).
_FOREIGN = 120
_FOREIGN_TEXT = 90
# Of the glyph height: how far the search reaches beside and above/below the ink. A disc or a
# star over a label's first glyphs can stand two glyphs wide (a disc over 直播价 of 直播价 79元,
# 3.4 glyphs across, began 4.1 glyphs before the price's ink), and is only seen as an object
# closed on every side when the crop holds all of it. Past the near crop, a flat dark part of
# a photo beside the text is closed too, so what reaches there must also stand out.
_SEARCH_X = 4.5
_SEARCH_Y = 2.0
_NEAR_X = 1.5
_NEAR_Y = 1.2
# Of the glyph height: how much of the line an object on a plate must leave on either side of
# it. Icons and badges a room prints on a label's plate sit at the text's ends; a sticker over
# the middle has glyphs on both sides (商家信息 with a star over 家信).
_BETWEEN = 0.6


# Of the glyph height: how tall an object against the end of a label on a plate must be to
# stand out past the plate (an icon sits inside it: those against the ends of clean plated
# labels in 67 generated sets were up to 1.5 glyphs tall; the discs and stickers over the
# ends of covered ones 1.65-2.4), and how far from the ink's end it may start (it hides the
# glyphs it stands on: no word space is left).
_OVERHANG = 1.6
_AGAINST = 0.2
# Of the glyph height: the gap such a tall object may leave before the ink and still stand
# against it: its rim, or the text's outline, lies between its flat inside and the strokes.
_TALL_GAP = 0.25
# Of the glyph height: an object this tall and this wide at least dwarfs the text; no icon of
# a label is, and one that big beside a line is a sticker where more of the line stood (the
# word space before 79元 of 直播价 79元 shows between them). It may stand up to _BIG_GAP
# from the ink.
_BIG = 2.5
_BIG_GAP = 1.0
# A sticker that hides the end of a label is at least about a glyph wide; a sliver of the
# picture beside a plate (the edge of a sleeve, 0.2-0.7 of a glyph) is as tall, but no cover.
_HIDES_A_GLYPH = 0.8


def sticker_on_line(
    image: np.ndarray,
    measure: TextMeasure,
    between: bool = False,
    at_end: bool = False,
    overhang: float = _OVERHANG,
) -> bool:
    """Whether a flat, solid object is drawn across the text: a star, a disc or an emoji
    sticker over part of the line. Made for plain text (no plate); on a plate, see ``between``
    and ``at_end``.

    What is left is a line of whole glyphs OCR still reads (商家信息 with a star over 家), or a
    shorter label (数字人 of 数字人直播), so nothing in the text says a part is hidden. The
    picture does: one region of one colour, as tall as the glyphs or taller, straddles the
    text's rows where its ink runs, closed on every side (of a sticker no bigger than a glyph,
    only the core is flat: it must stand across the line's middle, past where an icon would,
    in a colour far from both the text's and the ground's). Photo texture is not flat, a plain
    sky or wall runs on out of the crop, and what hugs the strokes (an outline, a shadow) or
    has the text's own colour or its ground's is part of the text's design.

    ``between``: only an object with glyphs on both sides of it counts (text on a plate, where
    an icon at either end is the plate's own).
    ``at_end``: only an object against either end of the ink and much taller than the glyphs
    counts (text on a plate: an icon there fits inside the plate, a sticker over the end of the
    label stands out past it).
    """
    ink = measure.ink_box
    if ink is None or ink.h < 8:
        return False
    if at_end and not _end_not_ground(image, measure):
        return False  # the plate's padding shows at both ends: nothing is drawn against them
    h_img, w_img = image.shape[:2]
    g = ink.h
    search = ink.expanded(int(g * _SEARCH_X), int(g * _SEARCH_Y), w_img, h_img)
    # Objects closed within the near crop were trusted before the search grew; only those
    # that reach past it must also stand out from what is round them.
    near_box = ink.expanded(int(g * _NEAR_X), int(g * _NEAR_Y), w_img, h_img)
    nx1, ny1 = near_box.x - search.x, near_box.y - search.y
    nx2, ny2 = near_box.x2 - search.x, near_box.y2 - search.y
    crop = np.ascontiguousarray(image[search.y : search.y2, search.x : search.x2])
    ch, cw = crop.shape[:2]
    ix, iy = ink.x - search.x, ink.y - search.y
    lab = cv2.cvtColor(cv2.blur(crop, (3, 3)), cv2.COLOR_BGR2LAB).astype(np.int16)
    step = np.zeros((ch, cw), np.int16)
    dx = np.abs(np.diff(lab, axis=1)).sum(axis=2)
    dy = np.abs(np.diff(lab, axis=0)).sum(axis=2)
    step[:, :-1] = np.maximum(step[:, :-1], dx)
    step[:, 1:] = np.maximum(step[:, 1:], dx)
    step[:-1] = np.maximum(step[:-1], dy)
    step[1:] = np.maximum(step[1:], dy)
    flat = (step < _FLAT_STEP).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(flat, connectivity=4)
    text, ground = lab_of(measure.text_bgr), lab_of(measure.ground_bgr)
    raw = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    strokes = (np.abs(raw - text).sum(axis=2) < 45).astype(np.uint8)
    near = max(2, round(g / 6))
    hug = cv2.dilate(strokes, np.ones((2 * near + 1, 2 * near + 1), np.uint8)) > 0
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i, :5])
        if area < _CORE_AREA * g * g or bh < _CORE_TALL * g:
            continue  # a glyph's counter, a speck of the picture
        if x <= 0 or y <= 0 or x + bw >= cw or y + bh >= ch:
            continue  # runs on out of view: the picture, not an object on it
        core = area < 0.3 * g * g or bh < 0.9 * g
        if core:
            # Shorter than a glyph: the flat core of a glyph-sized star or disc (its points and
            # its anti-aliased rim step too much to be flat). It sits within the line's rows,
            # across their middle, and not first in the line, where an icon stands (a shield
            # or a tag before the label, its inside as flat as a sticker).
            if not (iy - 0.3 * g <= y <= iy + 0.3 * g and iy + 0.7 * g <= y + bh <= iy + 1.3 * g):
                continue
            if x < ix + _ICON_SLOT * g:
                continue
        elif y > iy + 0.1 * g or y + bh < iy + 0.9 * g:
            continue  # above or below the line, not across it
        comp = labels == i
        # A disc's rim in the text's colour is the disc's: on a plate, its gap to the ink is
        # also measured past that (looked at only where the disc itself falls short).
        against = at_end and bh >= overhang * g and _against_end(comp[iy : iy + g], ix, ink.w, g)
        rimmed = (
            at_end
            and bh >= overhang * g
            and not against
            and _against_end(_with_rim(comp, strokes, g)[iy : iy + g], ix, ink.w, g)
        )
        gap = (_TALL_GAP if bh >= overhang * g else 0.15) * g
        if bh >= _BIG * g and bw >= _BIG * g:
            gap = _BIG_GAP * g
        if (x + bw < ix - gap or x > ix + ink.w + gap) and not rimmed:
            continue  # beside the text with a gap: an icon, not a cover
        if min(x + bw, ix + ink.w) - max(x, ix) > 0.6 * ink.w:
            continue  # spans the text: its own plate
        if hug[comp].mean() > 0.5 and (
            _thickness(comp) < _SOLID_CORE * g or _marked(comp, strokes)
        ):
            # An outline or a shadow round the strokes: a band no thicker than a stroke. A
            # sticker over outlined text meets the outline all round the strokes it hides,
            # but it is solid; an icon beside the text (ⓘ) carries its own text-coloured mark.
            continue
        colour = lab[comp].mean(axis=0)
        if np.abs(colour - text).sum() < 45 or np.abs(colour - ground).sum() < 30:
            continue
        if core and (
            np.abs(colour - ground).sum() < _FOREIGN
            or np.abs(colour - text).sum() < _FOREIGN_TEXT
        ):
            continue  # a patch of the picture between strokes: near the text's or the ground's
        if not rimmed and _apart_from_strokes(lab, comp, colour, strokes, iy, g, gap):
            continue  # the ink holds it (OCR read it as ⭐), but a gap parts it from the glyphs
        if _holds_text(comp):
            continue  # a badge with its own words (上新) the detector read into the line
        if between and (x < ix + _BETWEEN * g or x + bw > ix + ink.w - _BETWEEN * g):
            continue  # on a plate, only what stands between glyphs: icons sit at its ends
        if at_end and (
            core
            or bh < overhang * g
            or not (rimmed or against)
        ):
            continue  # on a plate, an icon beside the text (it fits inside the plate)
        far = x <= nx1 or y <= ny1 or x + bw >= nx2 or y + bh >= ny2
        if (far or _shaded(lab[comp])) and not _stands_out(lab, comp, colour):
            continue  # a flat patch of the picture that shades into more of the same
        return True
    return False




def _apart_from_strokes(
    lab: np.ndarray,
    comp: np.ndarray,
    colour: np.ndarray,
    strokes: np.ndarray,
    iy: int,
    g: int,
    gap: float,
) -> bool:
    """Whether the object whose flat inside is ``comp`` starts past the last of the text's
    strokes on the ink's rows, or ends before the first, by more than ``gap``: an emoji after
    店铺主体信息 that OCR read as ⭐ and the measure took into the ink stands apart from the
    glyphs, where a sticker over the last glyph meets what is left of the glyphs before it.
    The object reaches as far as its colour runs on from ``comp`` along the ink's rows (a
    star's points and rim are not flat)."""
    cols = np.flatnonzero(comp.any(axis=0))
    x1, x2 = int(cols[0]), int(cols[-1]) + 1
    own = (np.abs(lab[iy : iy + g] - colour).sum(axis=2) < _SAME_OBJECT).any(axis=0)
    while x1 > 0 and own[x1 - 1]:
        x1 -= 1
    while x2 < own.size and own[x2]:
        x2 += 1
    inked = np.flatnonzero(strokes[iy : iy + g].any(axis=0))
    if inked.size == 0 or ((inked >= x1) & (inked < x2)).any():
        return False  # strokes under or beside its points: what it left of a glyph
    return x1 > inked[-1] + 1 + gap or x2 < inked[0] - gap


# CIELAB distance (summed) within which a pixel beside a flat object is more of it: its rim
# and points, anti-aliased into what is round them.
_SAME_OBJECT = 60


# Of the glyph height: how thick a rim round a sticker may be (a disc's white ring is an
# eighth of its radius, and its radius is one to two glyphs).
_RIM = 0.25


def _with_rim(comp: np.ndarray, strokes: np.ndarray, g: int) -> np.ndarray:
    """``comp`` with the pixels of the text's colour that ring it within a rim's width: a
    sticker's white ring beside white text (its flat inside stops a rim short of the glyphs
    it hides)."""
    k = max(3, 2 * round(_RIM * g) + 1)
    ring = cv2.dilate(comp.astype(np.uint8), np.ones((k, k), np.uint8)) > 0
    return comp | (ring & (strokes > 0))


def _end_not_ground(image: np.ndarray, measure: TextMeasure) -> bool:
    """Whether, just past either end of the ink, the middle of the text's rows is mostly
    something other than its ground: a cheap look (a few columns) before the search for an
    object there, which plated labels with their padding showing never need."""
    ink = measure.ink_box
    assert ink is not None
    g = ink.h
    w = image.shape[1]
    rows = slice(ink.y + g // 4, ink.y2 - g // 4)
    reach = max(2, round(_AGAINST * g))
    ground = lab_of(measure.ground_bgr)
    for x1, x2 in ((ink.x2, ink.x2 + reach), (ink.x - reach, ink.x)):
        x1, x2 = max(0, x1), min(w, x2)
        if x2 <= x1:
            continue
        strip = cv2.cvtColor(np.ascontiguousarray(image[rows, x1:x2]), cv2.COLOR_BGR2LAB)
        if (np.abs(strip.astype(np.int16) - ground).sum(axis=2) > 30).mean() >= 0.5:
            return True
    return False


def _against_end(rows: np.ndarray, ix: int, ink_w: int, g: int) -> bool:
    """Whether an object (``rows``: its mask on the ink's rows) starts right at the end of the
    ink (columns ``ix``..``ix + ink_w``) or ends right at its start, and is a glyph wide there:
    on the text's own rows (what wraps round a plate's corner from the picture beyond does
    not reach the ink there)."""
    cols = np.flatnonzero(rows.any(axis=0))
    if cols.size == 0 or cols[-1] + 1 - cols[0] < _HIDES_A_GLYPH * g:
        return False
    after = int(cols[0]) - (ix + ink_w)
    before = ix - int(cols[-1] + 1)
    return -0.1 * g <= after <= _AGAINST * g or -0.1 * g <= before <= _AGAINST * g


# Share of a flat region's outline that other things fill, from which it carries words of its
# own: a 上新 badge's glyphs fill 0.46-0.59 of it, a sticker's highlight or an emoji's eyes far
# less.
_BADGE_HOLES = 0.3
# Of the glyph height: the widest disc that fits inside an outline or a shadow round strokes
# is under half a stroke (0.06 of a glyph for a bold face); inside the stars over four covered
# labels it was 0.24-0.32.
_SOLID_CORE = 0.12
# Share of a region's inside in the text's colour from which it is an icon with a mark of its
# own.
_MARKED = 0.1


# CIELAB distance (summed) from a region's colour at which a pixel just outside it is something
# else, and the share of its surround that must be so for the region to stand out as an object.
# A sticker's rim meets text, ground or picture of other colours (0.40-0.99 of its surround over
# covered labels); a flat dark patch of a photo beside a price shades into more of the same
# (0.19-0.54).
_OTHER = 90
_STANDS_OUT = 0.6


# CIELAB levels over which a flat region's colour may drift (5th to 95th percentile, in any
# channel) and still be one flat fill: a sticker's drifts by 1-11 levels, a shaded one (an
# emoji, a disc lit from one side) by up to 28, and a smooth part of a blurred photo (a cheek
# beside 生成) by 25-62.
_SHADED = 20


def _shaded(pixels: np.ndarray) -> bool:
    """Whether the colours of a flat region (``pixels``: its CIELAB values) drift across it as
    a shaded object's or a blurred photo's do; then only its outline can tell them apart."""
    lo, hi = np.percentile(pixels, (5, 95), axis=0)
    return bool((hi - lo).max() >= _SHADED)


def _stands_out(lab: np.ndarray, comp: np.ndarray, colour: np.ndarray) -> bool:
    """Whether what lies just outside ``comp`` (2-4 px off, past its anti-aliased rim) is
    mostly of other colours: an object drawn on the picture, not a flat part of the picture."""
    c8 = comp.astype(np.uint8)
    ring = (cv2.dilate(c8, np.ones((9, 9), np.uint8)) > 0) & ~(
        cv2.dilate(c8, np.ones((5, 5), np.uint8)) > 0
    )
    if not ring.any():
        return True
    return float((np.abs(lab[ring] - colour).sum(axis=1) >= _OTHER).mean()) >= _STANDS_OUT


def _filled(comp: np.ndarray) -> np.ndarray:
    """``comp`` with everything inside its outline filled in."""
    mask = comp.astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
    return filled


def _thickness(comp: np.ndarray) -> float:
    """Radius of the widest disc that fits inside ``comp``, in pixels."""
    return float(cv2.distanceTransform(comp.astype(np.uint8), cv2.DIST_L2, 3).max())


def _marked(comp: np.ndarray, strokes: np.ndarray) -> bool:
    """Whether pixels of the text's colour fill a share of the region inside ``comp``'s
    outline: a mark drawn on it (the i of ⓘ: 0.25 of it), where a sticker hides strokes (0.00
    on the stars of four covered labels)."""
    return float(strokes[_filled(comp) > 0].mean()) >= _MARKED


def _holds_text(comp: np.ndarray) -> bool:
    """Whether much of the region inside ``comp``'s outline is not ``comp``: glyphs drawn on
    it, as on a badge beside a label, where a sticker over the text is one object."""
    filled = _filled(comp)
    inside = int(filled.sum())
    return inside > 0 and (inside - int(comp.sum())) / inside >= _BADGE_HOLES


# Of the glyph height: the widest run of columns without the text's colour between two glyphs
# of one label (side bearings and a label's tracking), and how far past the read ink to look
# for strokes OCR left out (what a cover's edge leaves of the glyph it hides, a glyph and a
# little more).
_LETTER_GAP = 0.35
_UNREAD_REACH = 1.3
# Of the glyph height: the rows above and below the text where its plate's padding shows (from
# and to how far off the ink).
_PAD_BAND = (0.08, 0.3)


def _padding_rows(g: int) -> tuple[int, int]:
    """How far off the ink, in rows, the band where a plate's padding shows starts and ends
    (above and below text ``g`` px high)."""
    return max(1, round(_PAD_BAND[0] * g)), max(2, round(_PAD_BAND[1] * g))


# Of the glyph height: the narrowest run of foreign columns with_unread_ink stops at.
_FOREIGN_RUN = 0.2


def _runs_of(flags: np.ndarray, k: int) -> np.ndarray:
    """``flags`` kept only in runs of ``k`` or more consecutive columns."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    out = np.zeros_like(flags)
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a >= k:
            out[a:b] = True
    return out


def with_unread_ink(image: np.ndarray, measure: TextMeasure) -> TextMeasure | None:
    """``measure`` with its ink carried over the strokes of the text's colour that run on from
    either end on its plate, one letter space apart at most, and that OCR left out of the
    line: what a cover's edge leaves of the glyph it hides (the right of 为 beside a disc over
    此为 of 此为广告). None when nothing runs on.

    Against the ink OCR read, such a cover leaves that remnant between, where an icon beside
    the label leaves its plate's padding; against the carried ink, it stands right at the end.
    The run stops where the plate does (above and below the text's rows it is no longer the
    ground: the picture beyond the plate may hold the text's colour anywhere) and where
    something of neither colour fills the text's rows (the cover; a disc's rim, of the text's
    colour, curves away from its flat inside there)."""
    ink = measure.ink_box
    if ink is None:
        return None
    g = ink.h
    h_img, w_img = image.shape[:2]
    pad_in, pad_out = _padding_rows(g)
    if ink.y - pad_out < 0 or ink.y2 + pad_out > h_img:
        return None
    reach, gap_max = round(_UNREAD_REACH * g), max(2, round(_LETTER_GAP * g))
    x1, x2 = max(0, ink.x - reach), min(w_img, ink.x2 + reach)
    crop = np.ascontiguousarray(image[ink.y - pad_out : ink.y2 + pad_out, x1:x2])
    lab = cv2.cvtColor(crop, cv2.COLOR_BGR2LAB).astype(np.int16)
    text = np.abs(lab - lab_of(measure.text_bgr)).sum(axis=2) < 45
    ground = np.abs(lab - lab_of(measure.ground_bgr)).sum(axis=2) < 30
    rows = slice(pad_out, pad_out + g)
    cols = text[rows].sum(axis=0) >= 2
    # A cover is a glyph's width or so of neither colour; a column or two of it are the blur
    # between a cut glyph's strokes, or between that remnant and the next glyph.
    foreign = _runs_of(
        (~text[rows] & ~ground[rows]).mean(axis=0) >= 0.5, max(3, round(_FOREIGN_RUN * g))
    )
    band = np.vstack([ground[: pad_out - pad_in], ground[pad_out + g + pad_in :]])
    on_plate = band.mean(axis=0) >= 0.5
    start, end = ink.x - x1, ink.x2 - x1

    def run_on(order: range) -> int | None:
        last, gap = None, 0
        for c in order:
            if foreign[c] or not on_plate[c]:
                break
            if cols[c]:
                last, gap = c, 0
            else:
                gap += 1
                if gap > gap_max:
                    break
        return last

    right = run_on(range(end, len(cols)))
    left = run_on(range(start - 1, -1, -1))
    new_x = x1 + left if left is not None else ink.x
    new_x2 = x1 + right + 1 if right is not None else ink.x2
    if new_x2 - ink.x2 < 0.2 * g and ink.x - new_x < 0.2 * g:
        return None
    return replace(measure, ink_box=Box(new_x, ink.y, new_x2 - new_x, ink.h))
