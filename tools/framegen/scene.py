"""One frame: photo scene, chrome, chat, the room's overlays, occluders, stickers, and truth.

Order matters for the truth: chrome and chat reserve their space first; element blocks and the
room's other overlays are placed next; danmaku fills what is left; elements are drawn; only then
occluders and stickers go on top, through the cover mask the truth reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from tools.framegen import backgrounds, chat, chrome, content, qr, stickers, truth
from tools.framegen.colors import RGB
from tools.framegen.fonts import FontSpec, fonts_for, glyph_px, size_for_glyph
from tools.framegen.layout import Occupancy, Rect, Region
from tools.framegen.overlays import (
    Block,
    Drawn,
    draw_block,
    layout,
    put_text,
    text_size,
    to_outlined,
    to_plated,
)

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080), "720p": (1280, 720)}
ELEMENTS = ("ad_label", "ai_disclosure", "merchant_info", "price")
# Target status mix per element (the truth is measured afterwards, these only steer).
MIX = {
    "ad_label": {"ok": 0.52, "missing": 0.12, "illegible": 0.13, "occluded": 0.12,
                 "misplaced": 0.11},
    "other": {"ok": 0.56, "missing": 0.15, "illegible": 0.15, "occluded": 0.14},
}
CORNERS = [Region(0.006, 0.006, 0.29, 0.19), Region(0.71, 0.006, 0.994, 0.19)]
MISPLACED = [Region(0.36, 0.01, 0.64, 0.18), Region(0.01, 0.28, 0.3, 0.6),
             Region(0.7, 0.28, 0.99, 0.6), Region(0.01, 0.62, 0.3, 0.95),
             Region(0.7, 0.62, 0.99, 0.95), Region(0.3, 0.4, 0.7, 0.7)]
ANYWHERE = [Region(0.01, 0.04, 0.48, 0.32), Region(0.52, 0.04, 0.99, 0.32),
            Region(0.01, 0.3, 0.5, 0.66), Region(0.5, 0.3, 0.99, 0.7),
            Region(0.25, 0.02, 0.75, 0.2), Region(0.45, 0.6, 0.99, 0.92)]
PRICE_REGIONS = [Region(0.5, 0.3, 0.99, 0.85), Region(0.01, 0.3, 0.5, 0.8),
                 Region(0.2, 0.45, 0.8, 0.9)]
SIDES = ("left", "right", "middle", "top", "bottom")


@dataclass(slots=True)
class Frame:
    """Mutable state while one frame is built."""

    canvas: Image.Image
    rng: np.random.Generator
    orientation: str
    occ: Occupancy
    cover: np.ndarray
    threshold: float
    protected: list[Rect] = field(default_factory=list)  # text no occluder may touch
    drawn: dict[str, Drawn] = field(default_factory=dict)
    banned: list[dict[str, Any]] = field(default_factory=list)
    decoys: list[str] = field(default_factory=list)
    qr_codes: list[dict[str, Any]] = field(default_factory=list)
    comparisons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def w(self) -> int:
        return self.canvas.width

    @property
    def h(self) -> int:
        return self.canvas.height


def _choose(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _pick_font(rng: np.random.Generator, text: str) -> FontSpec:
    fam = _choose(rng, {"sans": 0.6, "serif": 0.2, "kai": 0.1, "ming": 0.1})
    pool = fonts_for(text, fam)
    return pool[int(rng.integers(len(pool)))]


def _sized(text: str, fr: Frame, factor: tuple[float, float], spec: FontSpec) -> int:
    """Font size whose measured glyph ink lands inside ``factor`` × the legibility threshold."""
    lo, hi = factor
    size, px = size_for_glyph(spec, fr.threshold * float(fr.rng.uniform(lo, hi)), text)
    for _ in range(8):
        if px < lo * fr.threshold:
            size += 1
        elif px > hi * fr.threshold and size > 4:
            size -= 1
        else:
            break
        px = glyph_px(spec, size, text)
    return size


@dataclass(slots=True)
class Look:
    """How one element is to be drawn: glyph factor band and contrast band."""

    factor: tuple[float, float]
    band: tuple[float, float]
    kinds: tuple[str, ...]


def _look(target: str, rng: np.random.Generator) -> Look:
    all_kinds = ("plain", "shadow", "outline", "box", "pill", "gradient", "pill")
    small_ok = (1.27, 1.45)
    big_ok = (1.5, 3.4) if rng.random() < 0.7 else (3.4, 5.5)
    ok_size = small_ok if rng.random() < 0.25 else big_ok
    ok_band = (4.6, 5.4) if rng.random() < 0.2 else (5.5, 15.0)
    if target == "illegible":
        if rng.random() < 0.6:
            return Look((0.45, 0.78), ok_band, all_kinds)
        return Look(ok_size, (1.2, 2.4), ("plain", "box", "pill", "gradient", "box"))
    return Look(ok_size, ok_band, all_kinds)


def _shrunk(look: Look) -> Look:
    """Same status class, smaller glyphs: ok stays >= 1.27x, illegible stays in its band."""
    lo, hi = look.factor
    floor = 1.27 if lo >= 1.25 else 0.45
    return Look((max(floor, lo * 0.7), max(floor + 0.08, hi * 0.7)), look.band, look.kinds)


def _element_text(name: str, rng: np.random.Generator, price: float) -> str:
    if name == "ad_label":
        return str(content.pick(rng, content.AD_LABELS))
    if name == "ai_disclosure":
        return str(content.pick(rng, content.AI_LABELS))
    if name == "merchant_info":
        return str(content.pick(rng, content.MERCHANT_LABELS)).format(company=content.company(rng))
    return str(content.pick(rng, content.PRICE_FORMATS)).format(p=content.fmt_price(price))


def _make_block(text: str, fr: Frame, look: Look) -> Block:
    spec = _pick_font(fr.rng, text)
    size = _sized(text, fr, look.factor, spec)
    kind = str(fr.rng.choice(look.kinds))
    return layout(text, spec, size, kind, fr.rng)


def _draw(fr: Frame, block: Block, rect: Rect, band: tuple[float, float]) -> Drawn | None:
    drawn = draw_block(fr.canvas, block, rect.x, rect.y, band, fr.rng)
    if drawn is None and band[0] >= 3 and block.kind in ("plain", "shadow", "outline"):
        # A busy photo behind plain text: rooms add an outline rather than a plate.
        drawn = draw_block(fr.canvas, to_outlined(block, fr.rng), rect.x, rect.y, band, fr.rng)
    if drawn is None:
        drawn = draw_block(fr.canvas, to_plated(block, fr.rng), rect.x, rect.y, band, fr.rng)
    if drawn is None:  # a last resort that always reaches any band: black or white plate
        block.plate = ((0, 0, 0), (0, 0, 0)) if fr.rng.random() < 0.5 else (
            (250, 250, 250), (250, 250, 250))
        drawn = draw_block(fr.canvas, block, rect.x, rect.y, band, fr.rng)
    return drawn


def _place(fr: Frame, block: Block, regions: list[Region], tag: str) -> Rect | None:
    order = list(fr.rng.permutation(len(regions)))
    for i in order:
        r = fr.occ.place(block.w, block.h, regions[i], fr.rng, tag, margin=int(8 * fr.h / 1080))
        if r is not None:
            return r
    return None


def build(index: int, seed: int, size_key: str) -> tuple[Image.Image, dict[str, Any]]:
    """Render frame ``index`` of the set with ``seed``; returns the RGB image and its truth."""
    rng = np.random.default_rng([seed, index])
    w, h = SIZES[size_key]
    orientation = "portrait" if h > w else "landscape"
    scene = backgrounds.make_scene(w, h, rng)
    fr = Frame(scene.image, rng, orientation, Occupancy(w, h), np.zeros((h, w), dtype=bool),
               truth.glyph_threshold(h, orientation))
    ui = chrome.make_ui(w, h, rng)
    # Most frames look like the viewer's screen (platform chrome, chat, danmaku); the rest are
    # the clean program output OBS sends, sometimes with the room's own chat widget.
    viewer_screen = rng.random() < 0.75
    decoy_p = float(rng.choice([0.0, 0.15, 0.3, 0.5]))
    if viewer_screen:
        chrome.draw_chrome(fr.canvas, fr.occ, ui, rng, orientation == "portrait")
    if viewer_screen or rng.random() < 0.3:
        fr.decoys += chat.draw_chat(fr.canvas, fr.occ, ui, rng, orientation == "portrait",
                                    decoy_p)

    targets = {n: _choose(rng, MIX["ad_label" if n == "ad_label" else "other"]) for n in ELEMENTS}
    price = content.price_value(rng)
    plans: list[tuple[str, Block, Rect, Look]] = []
    on_card = targets["price"] != "missing" and rng.random() < 0.45
    card_plan = _plan_card(fr, price, targets["price"], on_card)
    for name in ELEMENTS:
        if targets[name] == "missing" or (name == "price" and on_card):
            continue
        look = _look(targets[name], rng)
        text = _element_text(name, rng, price)
        if name == "ad_label":
            regions = MISPLACED if targets[name] == "misplaced" else CORNERS
        else:
            regions = PRICE_REGIONS if name == "price" else ANYWHERE
        for _ in range(4):  # a crowded corner gets a smaller label, never a missing one
            block = _make_block(text, fr, look)
            rect = _place(fr, block, regions, "element")
            if rect is not None:
                plans.append((name, block, rect, look))
                break
            look = _shrunk(look)
    extras = _plan_room_text(fr, price, targets["price"])
    if viewer_screen:
        fr.decoys += chat.draw_danmaku(fr.canvas, fr.occ, ui, rng, decoy_p)

    for name, block, rect, look in plans:
        drawn = _draw(fr, block, rect, look.band)
        if drawn is not None:
            fr.drawn[name] = drawn
            fr.protected.append(drawn.text_box)
    if card_plan is not None:
        _draw_card(fr, card_plan)
    for fn in extras:
        fn()
    _comparison(fr, price)
    for name in ELEMENTS:
        if targets[name] == "occluded" and name in fr.drawn:
            _occlude(fr, fr.drawn[name])
    _decorate(fr)

    elements = {n: truth.element_truth(n, fr.drawn.get(n), fr.cover, w, h, orientation)
                for n in ELEMENTS}
    record = {"width": w, "height": h, "orientation": orientation, "scene": scene.kind,
              "viewer_screen": viewer_screen,
              "glyph_threshold_px": round(fr.threshold, 2), "elements": elements,
              "banned_terms": fr.banned, "qr_codes": fr.qr_codes,
              "price_comparison": _comparison_truth(fr, elements["price"]["status"]),
              "decoys": sorted(set(fr.decoys))}
    return fr.canvas, record


# ---- product card -------------------------------------------------------------------------

@dataclass(slots=True)
class CardPlan:
    rect: Rect
    title: str
    title_size: int
    title_spec: FontSpec
    banned: tuple[str, str] | None
    price_block: Block | None
    price_look: Look | None
    theme: RGB
    thumb: int
    pad: int
    button: str


def _plan_card(fr: Frame, price: float, target: str, on_card: bool) -> CardPlan | None:
    rng = fr.rng
    if not on_card and rng.random() < 0.55:
        return None
    u = min(fr.w, fr.h) / 1080
    banned = None
    if rng.random() < 0.15:
        title, term, rule = content.BANNED_TITLES[int(rng.integers(len(content.BANNED_TITLES)))]
        banned = (term, rule)
    else:
        title = str(content.pick(rng, content.PRODUCTS))
    spec = _pick_font(rng, title + "马上抢去购买立即")
    tsize = _sized(title, fr, (1.5, 2.3), spec)
    tw, th = text_size(title, spec, tsize)
    block = look = None
    if on_card:
        look = _look(target, rng)
        look.kinds = ("plain", "plain", "box", "pill") if look.band[0] >= 3 else ("plain", "box")
        block = _make_block(_element_text("price", rng, price), fr, look)
    pad = int(rng.uniform(10, 20) * u)
    button = str(rng.choice(["马上抢", "去购买", "抢购", "立即购买"]))
    bw, bh = text_size(button, spec, max(10, tsize - 2))
    inner_h = th + pad + max(block.h if block else int(th * 1.6), bh + pad)
    thumb = max(int(90 * u), inner_h)
    # The button sits right of the price, never on it.
    cw = pad * 3 + thumb + max(tw, (block.w if block else 0) + bw + 3 * pad) + int(20 * u)
    ch = thumb + 2 * pad
    regions = [Region(0.01, 0.4, 0.7, 0.85), Region(0.3, 0.35, 0.99, 0.85)]
    r = None
    for reg in regions:
        r = fr.occ.place(cw, ch, reg, rng, "card", margin=int(8 * u))
        if r is not None:
            break
    if r is None:
        return None
    theme: RGB = (255, 255, 255) if rng.random() < 0.7 else (int(rng.integers(20, 60)),) * 3
    return CardPlan(r, title, tsize, spec, banned, block, look, theme, thumb, pad, button)


def _draw_card(fr: Frame, cp: CardPlan) -> None:
    r, pad = cp.rect, cp.pad
    d = ImageDraw.Draw(fr.canvas)
    d.rounded_rectangle((r.x, r.y, r.x2, r.y2), radius=int(pad * 1.2), fill=cp.theme)
    thumb = backgrounds.product_thumb(cp.thumb, fr.rng)
    fr.canvas.paste(thumb, (r.x + pad, r.y + pad))
    tx = r.x + 2 * pad + cp.thumb
    dark = sum(cp.theme) < 300
    title_col: RGB = (240, 240, 240) if dark else (30, 30, 30)
    tr = put_text(d, tx, r.y + pad, cp.title, cp.title_spec, cp.title_size, title_col)
    fr.protected.append(tr)
    if cp.banned:
        fr.banned.append({"term": cp.banned[0], "rule": cp.banned[1], "text": cp.title,
                          "bbox": tr.to_list()})
    if cp.price_block is not None and cp.price_look is not None:
        drawn = _draw(fr, cp.price_block, Rect(tx, tr.y2 + pad // 2, cp.price_block.w,
                                               cp.price_block.h), cp.price_look.band)
        if drawn is not None:
            fr.drawn["price"] = drawn
            fr.protected.append(drawn.text_box)
    btn = cp.button
    bs = max(10, cp.title_size - 2)
    bw, bh = text_size(btn, cp.title_spec, bs)
    bx, by = r.x2 - bw - pad - pad // 2, r.y2 - bh - pad - pad // 2
    d.rounded_rectangle((bx - pad // 2, by - pad // 2, bx + bw + pad // 2, by + bh + pad // 2),
                        radius=(bh + pad) // 2, fill=(255, 60, 80))
    put_text(d, bx, by, btn, cp.title_spec, bs, (255, 255, 255))


# ---- banners, slogans, QR codes, price comparison ---------------------------------------------

def _plan_room_text(fr: Frame, price: float, price_target: str) -> list:
    """Reserve slogans/banners (some banned, some innocent near-misses) and QR codes now; draw
    them later (after danmaku) through the returned callables."""
    rng = fr.rng
    todo = []
    n = int(rng.choice([0, 1, 1, 2, 3]))
    for _ in range(n):
        if rng.random() < 0.25:
            line, term, rule = content.BANNED_LINES[int(rng.integers(len(content.BANNED_LINES)))]
            tag = (term, rule)
        else:
            line, tag = str(content.pick(rng, content.INNOCENT_LINES)), None
        look = Look((1.4, 3.0), (5.0, 15.0), ("plain", "shadow", "outline", "box", "pill",
                                              "gradient"))
        block = _make_block(line, fr, look)
        rect = _place(fr, block, ANYWHERE, "banner")
        if rect is not None:
            todo.append(lambda b=block, r=rect, t=tag, lk=look: _draw_banner(fr, b, r, t, lk))
    if rng.random() < 0.16:
        data, kind = qr.payload(rng)
        module = max(4, round(fr.h / int(rng.integers(160, 280))))
        img = qr.qr_image(data, module, int(rng.integers(2, 5)))
        rect = fr.occ.place(img.width, img.height + int(img.height * 0.3),
                            Region(0.02, 0.2, 0.98, 0.85), rng, "qr", margin=10)
        if rect is not None:
            todo.append(lambda i=img, r=rect, dt=data, k=kind: _draw_qr(fr, i, r, dt, k))
    return todo


def _draw_banner(fr: Frame, block: Block, rect: Rect, tag: tuple[str, str] | None,
                 look: Look) -> None:
    drawn = _draw(fr, block, rect, look.band)
    if drawn is None:
        return
    fr.protected.append(drawn.text_box)
    if tag:
        fr.banned.append({"term": tag[0], "rule": tag[1], "text": drawn.text,
                          "bbox": drawn.text_box.to_list()})
    elif drawn.text in content.NEAR_MISSES:
        fr.decoys.append(f"room_innocent:{content.NEAR_MISSES[drawn.text]}")


def _draw_qr(fr: Frame, img: Image.Image, rect: Rect, data: str, kind: str) -> None:
    fr.canvas.paste(img, (rect.x, rect.y))
    box = Rect(rect.x, rect.y, img.width, img.height)
    fr.protected.append(box)
    fr.qr_codes.append({"payload": data, "kind": kind, "bbox": box.to_list()})
    caption = str(fr.rng.choice(qr.CAPTIONS[kind]))
    if kind == "wechat" and fr.rng.random() < 0.5:
        caption = "扫码加微信 领福利"
    spec = _pick_font(fr.rng, caption)
    size = _sized(caption, fr, (1.3, 1.8), spec)
    cw, ch = text_size(caption, spec, size)
    if cw > rect.w:
        size = max(6, int(size * rect.w / cw))
        cw, ch = text_size(caption, spec, size)
    d = ImageDraw.Draw(fr.canvas)
    cy = rect.y + img.height + 4
    d.rectangle((rect.x, cy - 4, rect.x + img.width, cy + ch + 6), fill=(255, 255, 255))
    tr = put_text(d, rect.x + (img.width - cw) // 2, cy, caption, spec, size, (20, 20, 20))
    fr.protected.append(tr)
    term = qr.caption_term(caption)
    if term and glyph_px(spec, size, caption) >= fr.threshold * 1.25:
        fr.banned.append({"term": term, "rule": "B5", "text": caption, "bbox": tr.to_list()})


def _comparison(fr: Frame, price: float) -> None:
    """Sometimes show a compared price (原价/划线价…) with or without the discount."""
    rng = fr.rng
    status_ok = "price" not in fr.drawn or (
        fr.drawn["price"].glyph_px >= 1.25 * fr.threshold and fr.drawn["price"].contrast >= 4.5)
    if rng.random() > 0.3 or not status_ok:
        return
    orig = round(price * float(rng.choice([1.5, 2.0, 2.5, 1.3])))
    word = str(content.pick(rng, content.COMPARE_WORDS))
    text = str(rng.choice([f"{word}¥{orig}", f"{word} {orig}元", f"{word}：¥{orig}"]))
    parts = [text]
    discount = rng.random() < 0.5
    if discount:
        off = round(orig - price, 1)
        parts.append(str(rng.choice([f"立减{content.fmt_price(off)}元",
                                     f"省{content.fmt_price(off)}",
                                     f"直降{content.fmt_price(off)}元",
                                     f"{round(price / orig * 10, 1):g}折"])))
    line = "  ".join(parts)
    look = Look((1.3, 2.2), (5.0, 14.0), ("plain", "shadow", "box", "pill"))
    block = _make_block(line, fr, look)
    near = fr.drawn.get("price")
    regions = PRICE_REGIONS
    if near is not None:
        b = near.block
        regions = [Region(max(0, b.x - 60) / fr.w, min(1, b.y2 + 4) / fr.h,
                          min(fr.w, b.x2 + block.w) / fr.w, min(fr.h, b.y2 + block.h * 3) / fr.h),
                   *PRICE_REGIONS]
    rect = _place(fr, block, regions, "compare")
    if rect is None:
        return
    drawn = _draw(fr, block, rect, look.band)
    if drawn is None:
        return
    fr.protected.append(drawn.text_box)
    if rng.random() < 0.5:  # 划线: a strike through the compared price only
        sw = text_size(text, block.spec, block.size)[0]
        y = drawn.text_box.y + drawn.text_box.h // 2
        ImageDraw.Draw(fr.canvas).line((drawn.text_box.x, y, drawn.text_box.x + sw, y),
                                       fill=drawn.fill, width=max(1, drawn.text_box.h // 12))
    fr.comparisons.append({"text": text, "line": line, "bbox": drawn.text_box.to_list(),
                           "discount_shown": discount})


def _comparison_truth(fr: Frame, price_status: str) -> list[dict[str, Any]]:
    out = []
    for c in fr.comparisons:
        missing = []
        if price_status != "ok":
            missing.append("actual_price")
        if not c["discount_shown"]:
            missing.append("discount")
        out.append({"text": c["text"], "line": c["line"], "bbox": c["bbox"], "missing": missing})
    return out


# ---- occluders and stickers --------------------------------------------------------------------

def _maker(fr: Frame, side: str, box: Rect):
    rng = fr.rng
    if side in ("top", "bottom"):
        width = int(box.w * rng.uniform(1.1, 1.5))

        def band(height: int) -> Image.Image:
            h = max(8, int(box.h * rng.uniform(1.2, 2.5)))
            if rng.random() < 0.5:
                im = backgrounds.face_patch(width, h, rng).convert("RGBA")
            else:
                im = Image.new("RGBA", (width, h), (255, 255, 255, 255))
                im.paste(backgrounds.product_thumb(h, rng), (0, 0))
            mask = Image.new("L", im.size, 0)
            ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, h - 1), radius=h // 5,
                                                   fill=255)
            im.putalpha(mask)
            return im

        return band
    kind = str(rng.choice(stickers.KINDS))
    seed = int(rng.integers(1 << 31))
    return lambda height: stickers.sticker(kind, height, np.random.default_rng(seed))


def _occlude(fr: Frame, drawn: Drawn) -> None:
    """Cover 25–80 % of the element's text from a random side, touching no other text."""
    rng = fr.rng
    others = [r for r in fr.protected if r != drawn.text_box]
    for side in rng.permutation(SIDES):
        target = float(rng.uniform(0.3, 0.75))
        found = stickers.occlude(drawn.text_box, rng, target, str(side),
                                 _maker(fr, str(side), drawn.text_box))
        if found is None:
            continue
        im, ox, oy, _ = found
        alpha = np.asarray(im.getchannel("A")) > 127
        if any(stickers.coverage(alpha, ox, oy, r) > 0 for r in others):
            continue
        stickers.paste_over(fr.canvas, fr.cover, im, ox, oy)
        return


def _decorate(fr: Frame) -> None:
    """Stickers around the frame, some snug against labels, never on any protected text."""
    rng = fr.rng
    u = min(fr.w, fr.h) / 1080
    near = [d for d in fr.drawn.values() if rng.random() < 0.3]
    spots: list[tuple[Image.Image, int, int]] = []
    for d in near:
        side = int(d.block.h * rng.uniform(0.9, 1.8))
        im = stickers.sticker(str(rng.choice(stickers.KINDS[:4])), side, rng)
        gap = int(rng.integers(3, 14))
        x = d.block.x2 + gap if rng.random() < 0.5 else d.block.x - gap - im.width
        y = d.block.y + d.block.h // 2 - im.height // 2
        spots.append((im, x, y))
    for _ in range(int(rng.integers(0, 5))):
        im = stickers.sticker(str(rng.choice(stickers.KINDS)), int(rng.uniform(50, 160) * u), rng)
        r = fr.occ.place(im.width, im.height, Region(0, 0.1, 1, 0.9), rng, "sticker", margin=4,
                         tries=15, ignore=("chat", "danmaku", "chrome"))
        if r is not None:
            spots.append((im, r.x, r.y))
    for im, x, y in spots:
        alpha = np.asarray(im.getchannel("A")) > 127
        if any(stickers.coverage(alpha, x, y, r) > 0 for r in fr.protected):
            continue
        stickers.paste_over(fr.canvas, fr.cover, im, x, y)
