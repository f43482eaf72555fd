"""Platform chrome of a live room: host capsule, viewer avatars, close X, bottom bar, 小黄车.

This is the platform's UI, not the room's overlays: it never carries the four elements, but it
does carry numbers ("1.2万人看过", "本场点赞 3.4w") a checker must not mistake for a price.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from tools.framegen import backgrounds, colors, content
from tools.framegen.fonts import FontSpec, available_fonts, covers
from tools.framegen.layout import Occupancy, Rect
from tools.framegen.overlays import draw_icon, put_text, text_size


@dataclass(slots=True)
class Ui:
    """Per-frame platform look: one UI font, a unit scale and accent colour."""

    spec: FontSpec
    bold: FontSpec
    u: float
    accent: tuple[int, int, int]


def make_ui(w: int, h: int, rng: np.random.Generator) -> Ui:
    # The platform UI shows nicknames with digits and Latin: only faces that have them.
    sans = [s for s in available_fonts() if s.family == "sans" and covers(s, "0123456789Aw.")]
    plain = [s for s in sans if not s.heavy] or sans
    heavy = [s for s in sans if s.heavy] or sans
    u = min(w, h) / 1080 * float(rng.uniform(0.85, 1.2))
    accent = colors.hsv(float(rng.choice([0.97, 0.0, 0.92, 0.08])), 0.8, 1.0)
    return Ui(plain[int(rng.integers(len(plain)))], heavy[int(rng.integers(len(heavy)))], u,
              accent)


def _count(rng: np.random.Generator) -> str:
    v = float(rng.uniform(0.1, 99))
    return f"{v:.1f}万" if rng.random() < 0.6 else f"{v:.1f}w"


def _translucent(canvas: Image.Image, r: Rect, radius: int, rgba: tuple[int, int, int, int]
                 ) -> None:
    patch = Image.new("RGBA", (r.w, r.h), (0, 0, 0, 0))
    ImageDraw.Draw(patch).rounded_rectangle((0, 0, r.w - 1, r.h - 1), radius=radius, fill=rgba)
    canvas.paste(patch, (r.x, r.y), patch)


def _round_avatar(canvas: Image.Image, x: int, y: int, d: int, rng: np.random.Generator,
                  ring: tuple[int, int, int] | None = None) -> None:
    av = backgrounds.avatar(d, rng)
    mask = Image.new("L", (d, d), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, d - 1, d - 1), fill=255)
    canvas.paste(av, (x, y), mask)
    if ring:
        ImageDraw.Draw(canvas).ellipse((x, y, x + d - 1, y + d - 1), outline=ring,
                                       width=max(1, d // 20))


def draw_chrome(canvas: Image.Image, occ: Occupancy, ui: Ui, rng: np.random.Generator,
                portrait: bool) -> list[str]:
    """Draw the platform chrome and reserve its space; returns the texts it drew."""
    w, _h = canvas.size
    u = ui.u
    d = ImageDraw.Draw(canvas)
    texts: list[str] = []
    # Host capsule, top-left.
    x0 = int(rng.uniform(14, 40) * u)
    y0 = int(rng.uniform(40, 110) * u) if portrait else int(rng.uniform(12, 36) * u)
    av = int(rng.uniform(56, 76) * u)
    name = content.nickname(rng) + str(rng.choice(["的直播间", "好物", "严选", "", "官方旗舰店"]))
    sub = str(rng.choice([f"{_count(rng)}人看过", f"本场点赞 {_count(rng)}",
                          f"{_count(rng)}本场点赞", f"粉丝 {_count(rng)}"]))
    nsize, ssize = int(av * rng.uniform(0.34, 0.42)), int(av * rng.uniform(0.25, 0.3))
    nw, _nh = text_size(name, ui.bold, nsize)
    sw, _sh = text_size(sub, ui.spec, ssize)
    btn_t = str(rng.choice(["关注", "+关注", "已关注"]))
    bw, bh = text_size(btn_t, ui.bold, ssize + 2)
    cap = Rect(x0, y0, av + max(nw, sw) + bw + int(60 * u), av + int(8 * u))
    _translucent(canvas, cap, cap.h // 2, (0, 0, 0, int(rng.integers(60, 140))))
    _round_avatar(canvas, x0 + int(4 * u), y0 + int(4 * u), av, rng, (255, 255, 255))
    tx = x0 + av + int(16 * u)
    put_text(d, tx, y0 + int(av * 0.18), name, ui.bold, nsize, (255, 255, 255))
    put_text(d, tx, y0 + int(av * 0.62), sub, ui.spec, ssize, (225, 225, 225))
    btn = Rect(cap.x2 - bw - int(34 * u), y0 + (cap.h - bh - int(20 * u)) // 2, bw + int(24 * u),
               bh + int(20 * u))
    d.rounded_rectangle((btn.x, btn.y, btn.x2, btn.y2), radius=btn.h // 2, fill=ui.accent)
    put_text(d, btn.x + int(12 * u), btn.y + int(10 * u), btn_t, ui.bold, ssize + 2,
             (255, 255, 255))
    occ.add(cap.grow(4), "chrome")
    texts += [name, sub, btn_t]
    # Ranking pill under the capsule (platform badge, not a room claim).
    if rng.random() < 0.5:
        rank = str(rng.choice([f"小时榜 第{int(rng.integers(2, 50))}名", "带货榜", "人气榜",
                               f"{_count(rng)}人在看"]))
        rw, rh = text_size(rank, ui.spec, ssize)
        r = Rect(x0, cap.y2 + int(12 * u), rw + int(28 * u), rh + int(14 * u))
        _translucent(canvas, r, r.h // 2, (0, 0, 0, 90))
        put_text(d, r.x + int(14 * u), r.y + int(7 * u), rank, ui.spec, ssize, (255, 230, 150))
        occ.add(r.grow(4), "chrome")
        texts.append(rank)
    # Viewers and close X, top-right.
    xd = int(rng.uniform(34, 46) * u)
    xr = w - int(rng.uniform(14, 36) * u) - xd
    yc = y0 + cap.h // 2 - xd // 2
    lw = max(2, int(3 * u))
    d.line((xr + xd * 0.25, yc + xd * 0.25, xr + xd * 0.75, yc + xd * 0.75), fill="white", width=lw)
    d.line((xr + xd * 0.75, yc + xd * 0.25, xr + xd * 0.25, yc + xd * 0.75), fill="white", width=lw)
    cnt = _count(rng)
    cw, ch = text_size(cnt, ui.spec, ssize)
    pill = Rect(xr - cw - int(40 * u), yc - int(4 * u), cw + int(26 * u), ch + int(18 * u))
    _translucent(canvas, pill, pill.h // 2, (0, 0, 0, 100))
    put_text(d, pill.x + int(13 * u), pill.y + int(9 * u), cnt, ui.spec, ssize, (255, 255, 255))
    vd = int(rng.uniform(44, 58) * u)
    ax = pill.x - int(10 * u)
    for _ in range(int(rng.integers(1, 4))):
        ax -= int(vd * 0.78)
        _round_avatar(canvas, ax, y0 + (cap.h - vd) // 2, vd, rng, (255, 255, 255))
    occ.add(Rect(ax, min(pill.y, y0), w - ax, max(cap.h, pill.h) + int(8 * u)).grow(4), "chrome")
    texts.append(cnt)
    _bottom_bar(canvas, occ, ui, rng, portrait)
    return texts


def _bottom_bar(canvas: Image.Image, occ: Occupancy, ui: Ui, rng: np.random.Generator,
                portrait: bool) -> None:
    """Input pill, 小黄车 button and action icons along the bottom edge."""
    w, h = canvas.size
    u = ui.u
    d = ImageDraw.Draw(canvas)
    bh = int(rng.uniform(64, 84) * u)
    y = h - bh - int(rng.uniform(16, 50) * u)
    x = int(rng.uniform(14, 36) * u)
    cart_col = colors.hsv(float(rng.uniform(0.07, 0.13)), 0.85, 1.0)
    d.ellipse((x, y, x + bh, y + bh), fill=cart_col)
    draw_icon(d, "bag", x + bh // 4, y + bh // 4, bh // 2, (255, 255, 255))
    ix = x + bh + int(14 * u)
    iw = int(w * (0.38 if portrait else 0.2))
    hint = str(rng.choice(["说点什么...", "说点什么吧", "和主播聊聊", "发条弹幕~"]))
    _translucent(canvas, Rect(ix, y, iw, bh), bh // 2, (0, 0, 0, int(rng.integers(70, 130))))
    th = text_size(hint, ui.spec, int(bh * 0.38))[1]
    put_text(d, ix + bh // 3, y + (bh - th) // 2, hint, ui.spec, int(bh * 0.38), (210, 210, 210))
    rx = w - int(20 * u)
    for icon in ["dot", "shield", "info", "tag"][: int(rng.integers(2, 5))]:
        rx -= bh + int(12 * u)
        _translucent(canvas, Rect(rx, y, bh, bh), bh // 2, (0, 0, 0, 90))
        draw_icon(d, icon, rx + bh // 4, y + bh // 4, bh // 2, (255, 255, 255))
    occ.add(Rect(0, y - 6, w, h - y + 6), "chrome")
