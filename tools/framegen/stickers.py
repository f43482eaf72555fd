"""Stickers and occluders: emoji, stars, hearts, HOT badges, blobs, photo "hands".

Every RGBA thing drawn over the room overlays goes through ``paste_over`` so its alpha lands in
the frame's cover mask; an element's "covered" fraction is read from that mask afterwards.
``occlude`` searches an occluder position/scale whose *measured* coverage of a text box hits a
target from a chosen side.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.framegen import backgrounds, colors
from tools.framegen.fonts import emoji_font, font, fonts_for
from tools.framegen.layout import Rect

EMOJI = ["😀", "😍", "🔥", "💰", "🎁", "👍", "❤", "⭐", "🛒", "🎉", "💯", "😂", "🌟", "👏"]
BADGES = ["HOT", "NEW", "爆款", "热卖", "抢", "限时", "福利", "上新"]
KINDS = ("emoji", "star", "heart", "badge", "blob", "photo")


def sticker(kind: str, side: int, rng: np.random.Generator) -> Image.Image:
    """An RGBA sticker about ``side`` px tall (width varies with the kind)."""
    side = max(8, side)
    if kind == "emoji" and emoji_font() is not None:
        im = Image.new("RGBA", (136, 128), (0, 0, 0, 0))
        ImageDraw.Draw(im).text((0, 0), str(rng.choice(EMOJI)), font=emoji_font(),
                                embedded_color=True)
        bbox = im.getbbox() or (0, 0, 136, 128)
        im = im.crop(bbox)
        return im.resize((max(4, round(side * im.width / im.height)), side),
                         Image.Resampling.LANCZOS)
    if kind == "badge":
        return _badge(side, rng)
    if kind == "photo":
        w = int(side * rng.uniform(0.7, 1.6))
        patch = backgrounds.face_patch(w, side, rng).convert("RGBA")
        mask = Image.new("L", (w, side), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, w - 1, side - 1), fill=255)
        patch.putalpha(mask.filter(ImageFilter.GaussianBlur(1.0)))
        return patch
    im = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    c = (*colors.random_hue_color(rng), 255)
    if kind == "star":
        pts = []
        for i in range(10):
            r = side / 2 * (1.0 if i % 2 == 0 else 0.45)
            a = math.pi / 2 + i * math.pi / 5
            pts.append((side / 2 + r * math.cos(a), side / 2 - r * math.sin(a)))
        d.polygon(pts, fill=c, outline=(255, 255, 255, 255), width=max(1, side // 30))
    elif kind == "heart":
        r = side / 4
        d.ellipse((0, side * 0.1, 2 * r, side * 0.1 + 2 * r), fill=c)
        d.ellipse((2 * r, side * 0.1, 4 * r, side * 0.1 + 2 * r), fill=c)
        d.polygon([(side * 0.02, side * 0.38), (side * 0.98, side * 0.38), (side / 2, side)],
                  fill=c)
    else:  # blob: a few overlapping ellipses, like a cartoon cloud or a hand
        for _ in range(int(rng.integers(3, 6))):
            cx, cy = rng.uniform(0.3, 0.7, 2) * side
            rx, ry = rng.uniform(0.2, 0.32, 2) * side
            d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=c)
    return im


def _badge(side: int, rng: np.random.Generator) -> Image.Image:
    text = str(rng.choice(BADGES))
    spec = next(s for s in fonts_for(text) if s.heavy)
    f = font(spec, max(6, int(side * 0.55)))
    left, top, right, bottom = f.getbbox(text)
    w = right - left + side // 2
    im = Image.new("RGBA", (max(side, w), side), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    bg = colors.hsv(float(rng.choice([0.0, 0.04, 0.08, 0.95])), 0.9, 0.95)
    d.rounded_rectangle((0, 0, im.width - 1, side - 1), radius=side // int(rng.integers(2, 5)),
                        fill=(*bg, 255))
    d.text(((im.width - (right - left)) / 2 - left, (side - (bottom - top)) / 2 - top), text,
           font=f, fill=(255, 250, 220))
    return im


def paste_over(canvas: Image.Image, cover: np.ndarray, im: Image.Image, x: int, y: int) -> None:
    """Composite an RGBA image and record its opaque pixels in the cover mask."""
    canvas.paste(im, (x, y), im)
    alpha = np.asarray(im.getchannel("A")) > 127
    h, w = cover.shape
    x0, y0, x1, y1 = max(0, x), max(0, y), min(w, x + im.width), min(h, y + im.height)
    if x1 > x0 and y1 > y0:
        cover[y0:y1, x0:x1] |= alpha[y0 - y:y1 - y, x0 - x:x1 - x]


def coverage(alpha: np.ndarray, ox: int, oy: int, box: Rect) -> float:
    """Fraction of ``box`` under the opaque pixels of an alpha mask placed at (ox, oy)."""
    x0, y0 = max(box.x, ox), max(box.y, oy)
    x1, y1 = min(box.x2, ox + alpha.shape[1]), min(box.y2, oy + alpha.shape[0])
    if x1 <= x0 or y1 <= y0:
        return 0.0
    return float(alpha[y0 - oy:y1 - oy, x0 - ox:x1 - ox].sum()) / (box.w * box.h)


def occlude(box: Rect, rng: np.random.Generator, target: float, side_name: str,
            make: object) -> tuple[Image.Image, int, int, float] | None:
    """Find an occluder placement covering ``target`` (±0.08, within 0.25–0.8) of ``box``.

    ``make(height)`` builds the occluder image. Sides: left/right slide in horizontally, top/
    bottom slide in vertically, middle grows a sticker centred on the text.
    """
    best: tuple[Image.Image, int, int, float] | None = None
    if side_name == "middle":
        cx = box.x + int(box.w * rng.uniform(0.3, 0.7))
        for scale in np.linspace(0.8, 4.0, 18):
            im = make(max(8, int(box.h * scale)))  # type: ignore[operator]
            alpha = np.asarray(im.getchannel("A")) > 127
            ox, oy = cx - im.width // 2, box.y + box.h // 2 - im.height // 2
            best = _better(best, (im, ox, oy, coverage(alpha, ox, oy, box)), target)
    else:
        height = int(box.h * rng.uniform(1.3, 2.6)) if side_name in ("left", "right") else max(
            int(box.h * 1.2), int(box.w * rng.uniform(0.35, 0.7)))
        im = make(height)  # type: ignore[operator]
        alpha = np.asarray(im.getchannel("A")) > 127
        for t in np.linspace(0.0, 1.0, 41):
            if side_name == "left":
                ox = box.x - im.width + int(t * (box.w + im.width) * 0.9)
                oy = box.y + box.h // 2 - im.height // 2
            elif side_name == "right":
                ox = box.x2 - int(t * (box.w + im.width) * 0.9)
                oy = box.y + box.h // 2 - im.height // 2
            elif side_name == "top":
                ox = box.x + box.w // 2 - im.width // 2
                oy = box.y - im.height + int(t * box.h)
            else:
                ox = box.x + box.w // 2 - im.width // 2
                oy = box.y2 - int(t * box.h)
            best = _better(best, (im, ox, oy, coverage(alpha, ox, oy, box)), target)
    if best is None or not 0.25 <= best[3] <= 0.8:
        return None
    return best


def _better(best: tuple | None, cand: tuple, target: float) -> tuple:
    if not 0.25 <= cand[3] <= 0.8:
        return best if best is not None else cand
    if best is None or not 0.25 <= best[3] <= 0.8:
        return cand
    return cand if abs(cand[3] - target) < abs(best[3] - target) else best
