"""Styled room text (plain, shadow, outline, box, pill, gradient pill, with icons), measured.

A text block is laid out first (so it can be placed), then drawn. Drawing measures the pixels
directly behind the text *after* any plate is composited and picks a fill colour that reaches
the requested contrast band; the recorded contrast is that measurement, not the intent:
- outline of 2 px or more: the stroke is what directly surrounds the glyphs, so fill vs stroke;
- everything else: fill vs the median luminance of the pixels under the text's ink box, with the
  5th/95th percentiles also kept inside the band so no case is borderline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.framegen import colors
from tools.framegen.colors import RGB
from tools.framegen.fonts import FontSpec, font, glyph_px
from tools.framegen.layout import Rect

PLAIN_KINDS = ("plain", "shadow", "outline")
PLATE_KINDS = ("box", "pill", "gradient")
ICONS = ("info", "shop", "robot", "shield", "tag", "dot", "bag")

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


@dataclass(slots=True)
class Block:
    """Layout of one text block; offsets are relative to the block's top-left corner."""

    text: str
    spec: FontSpec
    size: int
    kind: str
    stroke: int
    pad_x: int
    pad_y: int
    icon: str | None
    icon_side: int
    text_w: int
    text_h: int
    radius: int
    plate: tuple[RGB, RGB] | None = None
    plate_alpha: float = 1.0

    @property
    def w(self) -> int:
        gap = self.icon_side + self.pad_x // 2 if self.icon else 0
        return self.text_w + gap + 2 * self.pad_x

    @property
    def h(self) -> int:
        return max(self.text_h, self.icon_side) + 2 * self.pad_y

    def text_offset(self) -> tuple[int, int]:
        gap = self.icon_side + self.pad_x // 2 if self.icon else 0
        return self.pad_x + gap, (self.h - self.text_h) // 2


@dataclass(slots=True)
class Drawn:
    """What was actually put on the canvas, with the measurements the truth needs."""

    text: str
    text_box: Rect
    block: Rect
    fill: RGB
    contrast: float
    glyph_px: int
    kind: str
    font: str


def layout(text: str, spec: FontSpec, size: int, kind: str, rng: np.random.Generator,
           icon_p: float = 0.3) -> Block:
    """Measure the text ink box and choose padding, stroke, radius, plate colours and icon."""
    stroke = int(rng.integers(1, 5)) if kind == "outline" else 0
    f = font(spec, size)
    left, top, right, bottom = f.getbbox(text, stroke_width=stroke)
    tw, th = right - left, bottom - top
    plated = kind in PLATE_KINDS
    pad_x = int(th * rng.uniform(0.35, 0.9)) if plated else max(2, th // 6)
    pad_y = int(th * rng.uniform(0.2, 0.55)) if plated else max(2, th // 6)
    icon = str(rng.choice(ICONS)) if rng.random() < icon_p else None
    icon_side = int(th * rng.uniform(0.9, 1.2)) if icon else 0
    radius = 0
    plate = None
    alpha = 1.0
    if plated:
        h = max(th, icon_side) + 2 * pad_y
        radius = {"box": int(h * rng.uniform(0.0, 0.25)), "pill": h // 2,
                  "gradient": int(h * rng.uniform(0.2, 0.5))}[kind]
        c1 = _plate_colour(rng)
        c2 = colors.random_hue_color(rng) if kind == "gradient" else c1
        plate = (c1, c2)
        alpha = 1.0 if rng.random() < 0.45 else float(rng.uniform(0.55, 0.95))
    return Block(text, spec, size, kind, stroke, pad_x, pad_y, icon, icon_side, tw, th, radius,
                 plate, alpha)


def _plate_colour(rng: np.random.Generator) -> RGB:
    r = rng.random()
    if r < 0.3:
        v = int(rng.integers(0, 60))
        return (v, v, v)
    if r < 0.45:
        v = int(rng.integers(200, 256))
        return (v, v, v)
    return colors.random_hue_color(rng)


def to_plated(block: Block, rng: np.random.Generator) -> Block:
    """Same text inside an opaque box: the fallback when a photo is too busy for plain text."""
    block.kind = "box"
    block.stroke = 0
    block.radius = int(block.h * rng.uniform(0.1, 0.5))
    c = _plate_colour(rng)
    block.plate = (c, c)
    block.plate_alpha = 1.0
    return block


def to_outlined(block: Block, rng: np.random.Generator) -> Block:
    """Same text with a 2–3 px outline, padding shrunk so the block keeps its reserved size."""
    stroke = int(rng.integers(2, 4))
    f = font(block.spec, block.size)
    left, top, right, bottom = f.getbbox(block.text, stroke_width=stroke)
    grow_w = right - left - block.text_w
    grow_h = bottom - top - block.text_h
    block.kind, block.stroke = "outline", stroke
    block.text_w, block.text_h = right - left, bottom - top
    block.pad_x = max(0, block.pad_x - (grow_w + 1) // 2)
    block.pad_y = max(0, block.pad_y - (grow_h + 1) // 2)
    return block


def _plate_patch(block: Block) -> tuple[Image.Image, Image.Image]:
    w, h = block.w, block.h
    assert block.plate is not None
    c1, c2 = (np.array(c, dtype=np.float32) for c in block.plate)
    t = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :, None]
    rgb = np.broadcast_to(c1 + (c2 - c1) * t, (h, w, 3))
    patch = Image.fromarray(np.ascontiguousarray(rgb).astype(np.uint8))
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), radius=block.radius,
                                           fill=round(255 * block.plate_alpha))
    return patch, mask


def backing_stats(canvas: Image.Image, r: Rect) -> tuple[float, float, float]:
    """5th, 50th and 95th percentile of WCAG luminance of the canvas pixels inside r."""
    arr = np.asarray(canvas.crop((r.x, r.y, r.x2, r.y2)), dtype=np.uint8)
    lum = colors.luminance(arr.reshape(-1, 3)[:: max(1, arr.size // 3 // 4000)])
    p5, p50, p95 = np.percentile(lum, [5, 50, 95])
    return float(p5), float(p50), float(p95)


def pick_fill(stats: tuple[float, float, float], band: tuple[float, float],
              rng: np.random.Generator, tries: int = 12) -> RGB | None:
    """A colour whose contrast to the median backing falls in ``band`` and whose contrast to the
    5th/95th percentile stays on the same side of the rule's 3:1 line with a safety margin."""
    p5, p50, p95 = stats
    lo, hi = band
    for _ in range(tries):
        base = colors.random_hue_color(rng) if rng.random() < 0.6 else (
            WHITE if rng.random() < 0.5 else BLACK)
        target = float(rng.uniform(lo, hi))
        lighter = bool(rng.random() < 0.5)
        for direction in (lighter, not lighter):
            c = colors.color_at_ratio(base, p50, target, direction)
            if c is None:
                continue
            lum = float(colors.luminance(c))
            worst = [colors.ratio(lum, p) for p in (p5, p95)]
            if lo >= 3.0 and min(worst) >= max(3.8, lo - 0.8):
                return c
            if hi < 3.0 and max(worst) <= 2.7:
                return c
    return None


def draw_block(canvas: Image.Image, block: Block, x: int, y: int, band: tuple[float, float],
               rng: np.random.Generator) -> Drawn | None:
    """Draw the block with its top-left at (x, y) and a fill colour in the contrast band.

    Returns None (and draws nothing) when no colour reaches the band on this backing; the
    caller then retries with a plated block.
    """
    ox, oy = block.text_offset()
    f = font(block.spec, block.size)
    left, top, _, _ = f.getbbox(block.text, stroke_width=block.stroke)
    text_box = Rect(x + ox, y + oy, block.text_w, block.text_h)
    stroke_fill: RGB = BLACK
    before: Image.Image | None = None  # pixels under the plate, restored if we give up
    if block.kind == "outline" and block.stroke >= 2:
        v = int(rng.integers(0, 50)) if rng.random() < 0.75 else int(rng.integers(225, 256))
        stroke_fill = (v, v, v)
        ls = float(colors.luminance(stroke_fill))
        fill = pick_fill((ls, ls, ls), band, rng) if band[0] >= 3 else None
        if fill is None:
            return None
        measured = colors.contrast(fill, stroke_fill)
    else:
        if block.plate is not None:
            before = canvas.crop((x, y, x + block.w, y + block.h))
            patch, mask = _plate_patch(block)
            canvas.paste(patch, (x, y), mask)
        stats = backing_stats(canvas, text_box)
        fill = pick_fill(stats, band, rng)
        if fill is None:
            if before is not None:
                canvas.paste(before, (x, y))
            return None
        measured = colors.ratio(float(colors.luminance(fill)), stats[1])
        if block.kind == "outline":
            stroke_fill = _dark_partner(fill, rng)
    if not band[0] <= measured <= (band[1] if band[1] < 3 else 99.0):
        if before is not None:
            canvas.paste(before, (x, y))
        return None
    origin = (text_box.x - left, text_box.y - top)
    if block.kind == "shadow":
        _shadow(canvas, block, origin, fill, rng)
    d = ImageDraw.Draw(canvas)
    d.text(origin, block.text, font=f, fill=fill, stroke_width=block.stroke,
           stroke_fill=stroke_fill)
    if block.icon:
        side = block.icon_side
        draw_icon(d, block.icon, x + block.pad_x, y + (block.h - side) // 2, side, fill)
    return Drawn(block.text, text_box, Rect(x, y, block.w, block.h), fill, round(measured, 2),
                 glyph_px(block.spec, block.size, block.text), block.kind, block.spec.name)


def _dark_partner(fill: RGB, rng: np.random.Generator) -> RGB:
    """Outline colour: dark for a light fill, light for a dark one (how stream text is styled)."""
    if float(colors.luminance(fill)) > 0.25:
        v = int(rng.integers(0, 50))
        return (v, v // 2, v // 2) if rng.random() < 0.3 else (v, v, v)
    v = int(rng.integers(225, 256))
    return (v, v, v)


def _shadow(canvas: Image.Image, block: Block, origin: tuple[int, int], fill: RGB,
            rng: np.random.Generator) -> None:
    f = font(block.spec, block.size)
    off = max(1, round(block.text_h * float(rng.uniform(0.04, 0.12))))
    layer = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(layer).text((origin[0] + off, origin[1] + off), block.text, font=f, fill=200)
    layer = layer.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.5, 2.5))))
    shade: RGB = BLACK if float(colors.luminance(fill)) > 0.2 else WHITE
    canvas.paste(Image.new("RGB", canvas.size, shade), (0, 0), layer)


def draw_icon(d: ImageDraw.ImageDraw, icon: str, x: int, y: int, s: int, c: RGB) -> None:
    """Small pictograms rooms put beside labels; outlines only, in the text colour."""
    lw = max(1, s // 10)
    if icon == "info":
        d.ellipse((x, y, x + s, y + s), outline=c, width=lw)
        d.rectangle((x + s * 0.45, y + s * 0.42, x + s * 0.55, y + s * 0.78), fill=c)
        d.ellipse((x + s * 0.44, y + s * 0.2, x + s * 0.56, y + s * 0.32), fill=c)
    elif icon == "shop":
        d.polygon([(x, y + s * 0.4), (x + s / 2, y + s * 0.05), (x + s, y + s * 0.4)], outline=c,
                  width=lw)
        d.rectangle((x + s * 0.12, y + s * 0.4, x + s * 0.88, y + s * 0.95), outline=c, width=lw)
    elif icon == "robot":
        d.rounded_rectangle((x + s * 0.1, y + s * 0.25, x + s * 0.9, y + s * 0.95), radius=s // 6,
                            outline=c, width=lw)
        d.line((x + s / 2, y, x + s / 2, y + s * 0.25), fill=c, width=lw)
        for ex in (0.33, 0.67):
            d.ellipse((x + s * (ex - 0.08), y + s * 0.48, x + s * (ex + 0.08), y + s * 0.64),
                      fill=c)
    elif icon == "shield":
        d.polygon([(x + s / 2, y), (x + s * 0.95, y + s * 0.2), (x + s * 0.85, y + s * 0.7),
                   (x + s / 2, y + s), (x + s * 0.15, y + s * 0.7), (x + s * 0.05, y + s * 0.2)],
                  outline=c, width=lw)
    elif icon == "tag":
        d.polygon([(x, y + s * 0.3), (x + s * 0.3, y), (x + s, y), (x + s, y + s),
                   (x + s * 0.3, y + s), (x, y + s * 0.7)], outline=c, width=lw)
        d.ellipse((x + s * 0.3, y + s * 0.42, x + s * 0.46, y + s * 0.58), fill=c)
    elif icon == "dot":
        d.ellipse((x + s * 0.25, y + s * 0.25, x + s * 0.75, y + s * 0.75), fill=c)
    else:  # bag
        d.rounded_rectangle((x + s * 0.1, y + s * 0.35, x + s * 0.9, y + s), radius=s // 8,
                            outline=c, width=lw)
        d.arc((x + s * 0.28, y + s * 0.05, x + s * 0.72, y + s * 0.6), 180, 360, fill=c,
              width=lw)


def put_text(d: ImageDraw.ImageDraw, x: int, y: int, text: str, spec: FontSpec, size: int,
             fill: RGB, stroke: int = 0, stroke_fill: RGB = BLACK) -> Rect:
    """Unmeasured text (chrome, chat, danmaku) with its ink box's top-left at (x, y)."""
    f = font(spec, size)
    left, top, right, bottom = f.getbbox(text, stroke_width=stroke)
    d.text((x - left, y - top), text, font=f, fill=fill, stroke_width=stroke,
           stroke_fill=stroke_fill)
    return Rect(x, y, right - left, bottom - top)


def text_size(text: str, spec: FontSpec, size: int, stroke: int = 0) -> tuple[int, int]:
    left, top, right, bottom = font(spec, size).getbbox(text, stroke_width=stroke)
    return right - left, bottom - top
