"""The product's status rules, applied to what was measured on the drawn frame.

Kept apart from the renderer so the definitions read in one place:
- illegible: glyph ink height < 1.5 % of frame height (landscape) / 0.85 % (portrait), or
  WCAG contrast < 3:1 between the text colour and the pixels directly behind it;
- occluded: more than 10 % of the text's ink box under something drawn over it;
- misplaced (ad label only): outside the top corners (top 20 % of height and the left or right
  30 % of width — the whole text box must be inside);
- ok otherwise; missing when not drawn.
When several apply, occluded wins over illegible, and illegible over misplaced (a label that
cannot be read is a worse failure than one in the wrong place). The generator avoids mixing
them on one element, so this order rarely matters.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tools.framegen.layout import Rect
from tools.framegen.overlays import Drawn

GLYPH_FRACTION = {"landscape": 0.015, "portrait": 0.0085}
MIN_CONTRAST = 3.0
MAX_COVERED = 0.10
CORNER_H, CORNER_W = 0.20, 0.30


def glyph_threshold(height: int, orientation: str) -> float:
    return height * GLYPH_FRACTION[orientation]


def in_top_corner(r: Rect, width: int, height: int) -> bool:
    top = r.y >= 0 and r.y2 <= CORNER_H * height
    return top and (r.x2 <= CORNER_W * width or r.x >= (1 - CORNER_W) * width)


def covered_fraction(cover: np.ndarray, r: Rect) -> float:
    region = cover[max(0, r.y):r.y2, max(0, r.x):r.x2]
    return float(region.mean()) if region.size else 0.0


def element_truth(name: str, drawn: Drawn | None, cover: np.ndarray, width: int, height: int,
                  orientation: str) -> dict[str, Any]:
    """Status and measurements of one element, from the drawn text and the cover mask."""
    if drawn is None:
        return {"status": "missing"}
    covered = covered_fraction(cover, drawn.text_box)
    threshold = glyph_threshold(height, orientation)
    if covered > MAX_COVERED:
        status = "occluded"
    elif drawn.glyph_px < threshold or drawn.contrast < MIN_CONTRAST:
        status = "illegible"
    elif name == "ad_label" and not in_top_corner(drawn.text_box, width, height):
        status = "misplaced"
    else:
        status = "ok"
    return {
        "status": status,
        "text": drawn.text,
        "bbox": drawn.text_box.to_list(),
        "box": drawn.block.to_list(),
        "glyph_px": float(drawn.glyph_px),
        "glyph_ratio": round(drawn.glyph_px / threshold, 3),
        "contrast": drawn.contrast,
        "covered": round(covered, 3),
        "style": drawn.kind,
        "font": drawn.font,
    }
