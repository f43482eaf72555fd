"""Viewer text: the chat panel (昵称：消息 and system lines) and danmaku over the video.

Viewer text deliberately mentions element words, prices and banned terms ("这是广告吗",
"全网最低价？？"); none of it counts in the truth, it is listed under ``decoys`` instead.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from tools.framegen import colors, content
from tools.framegen.chrome import Ui, _translucent
from tools.framegen.fonts import fonts_for
from tools.framegen.layout import Occupancy, Rect, Region
from tools.framegen.overlays import put_text, text_size

NICK_COLOURS = [(160, 210, 255), (255, 214, 120), (255, 170, 200), (170, 240, 190),
                (200, 200, 255), (230, 230, 230)]


def draw_chat(canvas: Image.Image, occ: Occupancy, ui: Ui, rng: np.random.Generator,
              portrait: bool, decoy_p: float) -> list[str]:
    """Chat lines stacked upwards from the bottom bar; returns decoy tags like 'chat:广告'."""
    w, h = canvas.size
    u = ui.u
    d = ImageDraw.Draw(canvas)
    bottom = min((r.y for r, tag in occ.taken if tag == "chrome" and r.y > h * 0.6),
                 default=h) - int(10 * u)
    width = int(w * (rng.uniform(0.55, 0.72) if portrait else rng.uniform(0.26, 0.36)))
    size = int(rng.uniform(24, 34) * u)
    style = str(rng.choice(["line_plates", "shadow", "panel"]))
    x0 = int(rng.uniform(14, 36) * u)
    if not portrait and rng.random() < 0.35:  # PC-style layouts put the chat on the right
        x0 = w - width - x0
    lines = int(rng.integers(4, 9))
    decoys: list[str] = []
    y = bottom
    drawn = []
    for _ in range(lines):
        r = rng.random()
        if r < decoy_p:
            msg, keys = content.CHAT_DECOYS[int(rng.integers(len(content.CHAT_DECOYS)))]
            decoys += [f"chat:{k}" for k in keys]
            parts = [(content.nickname(rng) + "：", _nick(rng)), (msg, (255, 255, 255))]
        elif r < decoy_p + 0.25:
            tpl = str(content.pick(rng, content.SYSTEM_TEMPLATES))
            line = tpl.format(n=content.nickname(rng), k=int(rng.integers(1, 20)))
            parts = [(line, (255, 236, 160) if rng.random() < 0.5 else (200, 200, 200))]
        else:
            parts = [(content.nickname(rng) + "：", _nick(rng)),
                     (str(content.pick(rng, content.CHAT_NORMAL)), (255, 255, 255))]
        text = "".join(p for p, _ in parts)
        while text_size(text, ui.spec, size)[0] > width and len(parts[-1][0]) > 2:
            parts[-1] = (parts[-1][0][:-1], parts[-1][1])
            text = "".join(p for p, _ in parts)
        tw, th = text_size(text, ui.spec, size)
        lh = int(th * rng.uniform(1.5, 1.9))
        y -= lh
        if y < h * (0.5 if portrait else 0.45):
            break
        drawn.append((y, parts, tw, th, lh))
    if not drawn:
        return []
    top = drawn[-1][0]
    if style == "panel":
        _translucent(canvas, Rect(x0 - 8, top - 8, width + 16, bottom - top + 16), int(12 * u),
                     (0, 0, 0, int(rng.integers(50, 120))))
    for ly, parts, tw, th, lh in drawn:
        ty = ly + (lh - th) // 2
        if style == "line_plates":
            _translucent(canvas, Rect(x0, ly + 2, tw + int(24 * u), lh - 4), (lh - 4) // 2,
                         (0, 0, 0, int(rng.integers(60, 130))))
        x = x0 + int(12 * u)
        for part, col in parts:
            stroke = 1 if style == "shadow" else 0
            r = put_text(d, x, ty, part, ui.spec, size, col, stroke, (40, 40, 40))
            x = r.x2 + 1
    occ.add(Rect(x0 - 8, top - 8, width + 16, bottom - top + 16), "chat")
    return decoys


def _nick(rng: np.random.Generator) -> tuple[int, int, int]:
    return NICK_COLOURS[int(rng.integers(len(NICK_COLOURS)))]


def draw_danmaku(canvas: Image.Image, occ: Occupancy, ui: Ui, rng: np.random.Generator,
                 decoy_p: float) -> list[str]:
    """Scrolling comments: outlined text without plates, some cut by the frame edge, some
    passing through the top corners where the ad label belongs."""
    w, _h = canvas.size
    d = ImageDraw.Draw(canvas)
    fonts = fonts_for("0123456789AIV?+¥", "sans")
    spec = fonts[int(rng.integers(len(fonts)))]
    decoys: list[str] = []
    for _ in range(int(rng.integers(0, 9))):
        if rng.random() < decoy_p:
            msg, keys = content.DANMAKU_DECOYS[int(rng.integers(len(content.DANMAKU_DECOYS)))]
        else:
            msg, keys = str(content.pick(rng, content.DANMAKU_NORMAL)), []
        size = int(rng.uniform(26, 46) * ui.u)
        stroke = int(rng.integers(1, 4))
        tw, th = text_size(msg, spec, size, stroke)
        # Danmaku scroll: x may start off either edge, so only part of the line is visible.
        region = Region(-0.25 * tw / w, 0.05, 1 + 0.25 * tw / w, 0.62)
        r = occ.place(tw, th, region, rng, "danmaku", margin=8, tries=20)
        if r is None:
            continue
        col = (255, 255, 255) if rng.random() < 0.6 else colors.hsv(float(rng.random()), 0.6, 1.0)
        put_text(d, r.x, r.y, msg, spec, size, col, stroke, (20, 20, 20))
        decoys += [f"danmaku:{k}" for k in keys]
    return decoys
