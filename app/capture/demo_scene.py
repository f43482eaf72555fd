"""Draw the demo live room: a believable shopping stream with the overlays the rules look at.

Why it looks the way it does:

* It is the app's default source and its end-to-end test subject, so it must look like what the
  checker meets in a studio: overlays on coloured pills, a chat panel whose viewers mention 广告
  and prices (which must not count), flying 弹幕, a product card with a price, and a camera area
  that changes every frame (a host who sways, talks and gestures), so nothing can pass by
  comparing frames byte for byte.
* The ad label is large and high-contrast (ink height ≥ 3 % of the frame height, white on dark
  red), so in quiet stretches it is unambiguously compliant and every event comes from the
  timeline, not from a borderline rendering.
* It runs every second for hours, so everything that does not move is rendered once with Pillow
  into sprites (BGR + alpha); a frame is a copy of the wall, the host drawn with OpenCV, and
  integer alpha blends of the sprites inside their own boxes (a few ms for 1280×720).

Frames are a pure function of ``(t, state)``: the same time gives the same pixels, so tests and
the UI's "what to expect" text can ask for any moment of the timeline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from app.fonts import cjk_font
from app.geometry import Box

AD_LABEL_TEXT = "广告"
AI_LABEL_TEXT = "AI生成"
MERCHANT_TEXT = "商家信息"
PRODUCT_TITLE = "山野土蜂蜜 500g"
PRODUCT_SUBTITLE = "农家自产 百花蜜"
PRICE_TEXT = "到手价 ¥69.9"
QR_CAPTION = "扫码领专属福利"
ROOM_NAME = "山野好物旗舰店"

# Viewers' lines: some mention 广告 and prices on purpose — the checker must not take them for
# the room's own overlays (OCR_FACTS.md: chat prices gave 7 false "price shown" results of 22).
CHAT_LINES: tuple[tuple[str, str], ...] = (
    ("小王", "主播好"),
    ("阿杰", "到手价是69元吗"),
    ("Lily", "已下单，期待"),
    ("小李", "这是广告吗"),
    ("张姐", "上次买的很好喝"),
    ("momo", "蜂蜜会结晶吗"),
    ("老陈", "来了来了"),
    ("糖糖", "¥69.9包邮吗"),
    ("大壮", "给家里人带两瓶"),
    ("阿May", "主播声音好听"),
    ("橙子", "什么时候发货"),
    ("小周", "支持一下"),
)
DANMAKU: tuple[str, ...] = ("主播好会讲", "已拍两瓶", "这个颜色好正", "冲冲冲")
CHAT_PERIOD = 2.5  # seconds between new chat lines
CHAT_VISIBLE = 5

AD_INK_FRAC = 0.036  # target ink height of 广告 / frame height (rule: ≥ 3 %, keep a margin)

# Colours (RGB for Pillow; converted to BGR when sprites are built).
AD_RED = (190, 18, 30)  # white on it: WCAG contrast ≈ 6:1
ROOM_ORANGE = (255, 106, 20)
STICKER_YELLOW = (255, 206, 26)


@dataclass(frozen=True, slots=True)
class SceneState:
    """What the overlays show at one moment (the timeline decides; the renderer only draws).

    ``ad_label``: "ok" (shown), "missing" (removed) or "occluded" (a sticker over its left half).
    """

    ad_label: str = "ok"
    banned_text: str | None = None
    qr_payload: str | None = None
    ai_label: bool = False


@dataclass(slots=True)
class Sprite:
    """A pre-rendered overlay: BGR pixels, alpha premultiplied, and where it sits in the frame."""

    x: int
    y: int
    bgr: np.ndarray  # (h, w, 3) uint8
    premul: np.ndarray | None = None  # (h, w, 3) uint16 = bgr * alpha; None when opaque
    inv_alpha: np.ndarray | None = None  # (h, w, 1) uint16 = 255 - alpha

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.bgr.shape[1], self.bgr.shape[0])

    @classmethod
    def from_rgba(cls, image: Image.Image, x: int, y: int) -> Sprite:
        arr = np.asarray(image.convert("RGBA"))
        bgr = np.ascontiguousarray(arr[:, :, 2::-1])
        alpha = arr[:, :, 3:4].astype(np.uint16)
        if bool((alpha == 255).all()):
            return cls(x, y, bgr)
        return cls(x, y, bgr, bgr.astype(np.uint16) * alpha, 255 - alpha)

    @classmethod
    def split(cls, image: Image.Image, x: int, y: int) -> list[Sprite]:
        """Cut a large, mostly opaque layer into bands: opaque rows are copied, not blended.

        Blending costs ~25 ns a pixel; the table layer alone took 9 ms a frame before the split.
        """
        arr = np.asarray(image.convert("RGBA"))
        alpha = arr[:, :, 3]
        kind = np.where((alpha == 255).all(axis=1), 2, np.where((alpha == 0).all(axis=1), 0, 1))
        out: list[Sprite] = []
        start = 0
        for row in range(1, len(kind) + 1):
            if row < len(kind) and kind[row] == kind[start]:
                continue
            if kind[start] != 0:
                band = arr[start:row]
                cols = np.nonzero((band[:, :, 3] > 0).any(axis=0))[0]
                c0, c1 = int(cols[0]), int(cols[-1]) + 1
                part = Image.fromarray(np.ascontiguousarray(band[:, c0:c1]), "RGBA")
                out.append(cls.from_rgba(part, x + c0, y + start))
            start = row
        return out

    def draw(self, frame: np.ndarray, x: int | None = None, y: int | None = None) -> None:
        """Blend into ``frame`` in place at ``(x, y)`` (default: its own place), clipped."""
        x = self.x if x is None else x
        y = self.y if y is None else y
        fh, fw = frame.shape[:2]
        h, w = self.bgr.shape[:2]
        x1, y1, x2, y2 = max(0, x), max(0, y), min(fw, x + w), min(fh, y + h)
        if x2 <= x1 or y2 <= y1:
            return
        sy, sx = slice(y1 - y, y2 - y), slice(x1 - x, x2 - x)
        roi = frame[y1:y2, x1:x2]
        if self.premul is None or self.inv_alpha is None:
            roi[:] = self.bgr[sy, sx]
            return
        # (fg*a + bg*(255-a) + 127) // 255 stays below 65536, so uint16 is exact and fast.
        mixed = roi.astype(np.uint16)
        mixed *= self.inv_alpha[sy, sx]
        mixed += self.premul[sy, sx]
        mixed += 127
        mixed //= 255
        roi[:] = mixed


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where things go, in pixels; derived from the frame size and orientation."""

    w: int
    h: int
    u: float  # text scale: 1.0 at 720 px on the short side
    margin: int
    chrome: tuple[int, int]
    danmaku_rows: tuple[int, int]
    banner_center: tuple[int, int]
    qr_origin: tuple[int, int]
    qr_module: int
    chat: Box
    product_card: Box
    head: tuple[int, int, int]  # centre x, centre y, radius
    table_y: int


def _layout(w: int, h: int) -> _Layout:
    if h > w:  # portrait, phone style (1080×1920)
        u = w / 720
        m = int(0.03 * w)
        return _Layout(
            w, h, u, m,
            chrome=(m, int(0.03 * h)),
            danmaku_rows=(int(0.155 * h), int(0.195 * h)),
            banner_center=(w // 2, int(0.265 * h)),
            qr_origin=(m, int(0.315 * h)),
            qr_module=max(3, round(6 * w / 1080)),
            chat=Box(m, int(0.64 * h), int(0.56 * w), int(0.165 * h)),
            product_card=Box(int(0.6 * w), int(0.64 * h), int(0.4 * w) - m, int(0.165 * h)),
            head=(w // 2, int(0.36 * h), int(0.085 * w)),
            table_y=int(0.56 * h),
        )
    u = h / 720
    m = int(0.016 * w)
    return _Layout(
        w, h, u, m,
        chrome=(m, int(0.022 * h)),
        danmaku_rows=(int(0.14 * h), int(0.205 * h)),
        banner_center=(w // 2, int(0.40 * h)),
        qr_origin=(m, int(0.28 * h)),
        qr_module=max(3, round(4 * h / 720)),
        chat=Box(m, int(0.585 * h), int(0.30 * w), int(0.27 * h)),
        product_card=Box(int(0.735 * w), int(0.62 * h), int(0.265 * w) - m, int(0.345 * h)),
        head=(w // 2, int(0.34 * h), int(0.075 * h)),
        table_y=int(0.76 * h),
    )


def _rgba(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    im = Image.new("RGBA", (max(1, size[0]), max(1, size[1])), (0, 0, 0, 0))
    return im, ImageDraw.Draw(im)


def _text_ink(font: ImageFont.FreeTypeFont, text: str, stroke: int = 0) -> tuple[int, ...]:
    """Ink bbox (l, t, r, b) relative to the drawing origin; text placement uses ink, not em."""
    return tuple(int(v) for v in font.getbbox(text, stroke_width=stroke))


def _size_for_ink(text: str, target_px: float, bold: bool = True) -> int:
    """Smallest font size whose rendered ink of ``text`` is at least ``target_px`` tall."""
    size = max(6, int(target_px))
    while True:
        box = cjk_font(size, bold).getmask(text).getbbox()
        if box is not None and box[3] - box[1] >= target_px:
            return size
        size += 1


def _pill(
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, ...],
    ink: tuple[int, int, int],
    pad: tuple[float, float] = (0.55, 0.32),
    radius: float | None = None,
    extra_left: int = 0,
    extra_right: int = 0,
) -> tuple[Image.Image, tuple[int, int]]:
    """Text centred on a rounded plate; returns the image and the text's ink origin in it."""
    x0, y0, x1, y1 = _text_ink(font, text)
    ih = y1 - y0
    px, py = int(pad[0] * ih), int(pad[1] * ih)
    w = (x1 - x0) + 2 * px + extra_left + extra_right
    h = ih + 2 * py
    im, d = _rgba((w, h))
    d.rounded_rectangle((0, 0, w - 1, h - 1), radius=h // 2 if radius is None else radius,
                        fill=fill)
    ox, oy = px + extra_left - x0, py - y0
    d.text((ox, oy), text, font=font, fill=ink)
    return im, (px + extra_left, py)


@dataclass(slots=True)
class DemoScene:
    """Renders frames of one size; static layers are built once in ``__init__`` (~0.2 s)."""

    size: tuple[int, int] = (1280, 720)
    boxes: dict[str, Box] = field(default_factory=dict)
    _lay: _Layout = field(init=False)
    _wall: np.ndarray = field(init=False)
    _table: list[Sprite] = field(init=False)
    _static: list[Sprite] = field(init=False)
    _ad: Sprite = field(init=False)
    _sticker: Sprite = field(init=False)
    _ai: Sprite = field(init=False)
    _danmaku: list[Sprite] = field(init=False)
    _chat_cache: dict[int, Sprite] = field(init=False)
    _banner_cache: dict[str, Sprite] = field(init=False)
    _qr_cache: dict[str, Sprite] = field(init=False)

    def __post_init__(self) -> None:
        w, h = self.size
        if w < 320 or h < 240:
            raise ValueError(f"demo frame {w}×{h} is too small (min 320×240)")
        self._lay = _layout(w, h)
        self._wall = self._build_wall()
        self._table = self._build_table()
        self._static = [self._build_chrome(), self._build_merchant(), *self._build_card()]
        self._ad = self._build_ad_label()
        self._sticker = self._build_sticker()
        self._ai = self._build_ai_label()
        self._danmaku = self._build_danmaku()
        self._chat_cache = {}
        self.boxes["chat"] = self._lay.chat
        self._banner_cache = {}
        self._qr_cache = {}

    # ------------------------------------------------------------------ static layers

    def _build_wall(self) -> np.ndarray:
        """Studio wall: warm vertical gradient, a soft key-light glow, panel seams and a shelf."""
        lay = self._lay
        w, h = lay.w, lay.h
        ys = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
        xs = np.linspace(-1.0, 1.0, w, dtype=np.float32)[None, :]
        top = np.array([238, 214, 206], np.float32)  # RGB
        bottom = np.array([196, 150, 146], np.float32)
        base = top[None, None, :] * (1 - ys[..., None]) + bottom[None, None, :] * ys[..., None]
        cx, cy = 0.0, 0.3
        glow = np.exp(-(((xs - cx) / 0.6) ** 2 + ((ys - cy) / 0.45) ** 2))[..., None]
        vignette = (1.0 - 0.18 * xs**2)[..., None]
        rgb = np.clip(base * vignette + 26.0 * glow, 0, 255).astype(np.uint8)
        im = Image.fromarray(rgb, "RGB")
        d = ImageDraw.Draw(im)
        # Panel seams and a shelf with a few jars, so the wall is not a flat gradient.
        for fx in (0.2, 0.4, 0.6, 0.8):
            x = int(fx * w)
            d.line((x, 0, x, lay.table_y), fill=(214, 186, 180), width=max(1, int(2 * lay.u)))
        shelf_y = int(lay.table_y * 0.62)
        for sx0, sx1 in ((0.06, 0.3), (0.7, 0.94)):
            x0, x1 = int(sx0 * w), int(sx1 * w)
            d.rectangle((x0, shelf_y, x1, shelf_y + int(8 * lay.u)), fill=(150, 104, 74))
            for i in range(4):
                jx = x0 + int((i + 0.5) * (x1 - x0) / 4)
                jw, jh = int(22 * lay.u), int(36 * lay.u)
                d.rounded_rectangle((jx - jw // 2, shelf_y - jh, jx + jw // 2, shelf_y),
                                    radius=int(5 * lay.u), fill=(226, 150, 40))
                d.rectangle((jx - jw // 2, shelf_y - jh - int(6 * lay.u), jx + jw // 2,
                             shelf_y - jh), fill=(90, 60, 40))
        return np.ascontiguousarray(np.asarray(im)[:, :, ::-1])

    def _build_table(self) -> list[Sprite]:
        """Table and the products on it, drawn over the host every frame (who stands behind)."""
        lay = self._lay
        w, h, u = lay.w, lay.h, lay.u
        top = lay.table_y - int(110 * u)
        im, d = _rgba((w, h - top))
        ty = lay.table_y - top
        for y in range(ty, h - top):
            k = (y - ty) / max(1, h - top - ty)
            c = (int(150 - 40 * k), int(100 - 30 * k), int(62 - 20 * k), 255)
            d.line((0, y, w, y), fill=c)
        d.rectangle((0, ty, w, ty + int(6 * u)), fill=(186, 132, 88, 255))
        # Product box: front, top and side faces, with the brand printed on it.
        bx, bw, bh = int(0.36 * w), int(0.09 * w), int(95 * u)
        d.polygon([(bx, ty - bh), (bx + bw, ty - bh),
                   (bx + bw + int(14 * u), ty - bh - int(12 * u)),
                   (bx + int(14 * u), ty - bh - int(12 * u))], fill=(250, 214, 120, 255))
        d.polygon([(bx + bw, ty - bh), (bx + bw + int(14 * u), ty - bh - int(12 * u)),
                   (bx + bw + int(14 * u), ty - int(12 * u)), (bx + bw, ty)],
                  fill=(196, 140, 40, 255))
        d.rectangle((bx, ty - bh, bx + bw, ty), fill=(240, 180, 50, 255))
        f = cjk_font(max(8, int(17 * u)), True)
        x0, y0, x1, y1 = _text_ink(f, "土蜂蜜")
        d.text((bx + (bw - (x1 - x0)) // 2 - x0, ty - bh // 2 - (y1 - y0) // 2 - y0), "土蜂蜜",
               font=f, fill=(120, 60, 10, 255))
        # A honey jar on the other side of the host.
        jx, jw, jh = int(0.6 * w), int(0.05 * w), int(80 * u)
        d.rounded_rectangle((jx, ty - jh, jx + jw, ty), radius=int(10 * u),
                            fill=(232, 150, 30, 255))
        d.rectangle((jx - int(2 * u), ty - jh - int(14 * u), jx + jw + int(2 * u),
                     ty - jh + int(4 * u)), fill=(110, 70, 40, 255))
        d.ellipse((jx + int(6 * u), ty - jh + int(14 * u), jx + int(16 * u), ty - int(20 * u)),
                  fill=(255, 220, 150, 160))
        return Sprite.split(im, 0, top)

    def _build_chrome(self) -> Sprite:
        """Top-left room chrome: avatar, room name and a viewer count, as platforms show it."""
        lay = self._lay
        u = lay.u
        fn, fs = cjk_font(max(8, int(19 * u)), True), cjk_font(max(8, int(14 * u)))
        hh = int(54 * u)
        name_w = int(fn.getlength(ROOM_NAME))
        w = hh + name_w + int(90 * u)
        im, d = _rgba((w, hh))
        d.rounded_rectangle((0, 0, w - 1, hh - 1), radius=hh // 2, fill=(0, 0, 0, 110))
        d.ellipse((int(4 * u), int(4 * u), hh - int(4 * u), hh - int(4 * u)),
                  fill=(255, 160, 60, 255))
        d.ellipse((int(16 * u), int(12 * u), hh - int(16 * u), hh - int(22 * u)),
                  fill=(255, 240, 220, 255))
        d.text((hh + int(6 * u), int(6 * u)), ROOM_NAME, font=fn, fill=(255, 255, 255, 255))
        d.text((hh + int(6 * u), int(31 * u)), "1.2万本场点赞", font=fs, fill=(235, 235, 235, 255))
        bx = hh + name_w + int(14 * u)
        d.rounded_rectangle((bx, int(12 * u), w - int(8 * u), hh - int(12 * u)), radius=int(15 * u),
                            fill=(*ROOM_ORANGE, 255))
        fb = cjk_font(max(8, int(15 * u)), True)
        d.text((bx + int(10 * u), int(17 * u)), "关注", font=fb, fill=(255, 255, 255, 255))
        sp = Sprite.from_rgba(im, *lay.chrome)
        self.boxes["room_name"] = sp.box
        return sp

    def _build_ad_label(self) -> Sprite:
        """广告 in white on a dark-red pill, top-right: ink ≥ 3 % of the frame height (V1)."""
        lay = self._lay
        size = _size_for_ink(AD_LABEL_TEXT, AD_INK_FRAC * lay.h)
        font = cjk_font(size, True)
        # No white rim: a rim is a thin bright stroke as tall as the pill, and a glyph-height
        # measure over the OCR box would take it for the text.
        im, _ = _pill(AD_LABEL_TEXT, font, (*AD_RED, 255), (255, 255, 255), pad=(0.8, 0.6))
        sp = Sprite.from_rgba(im, lay.w - lay.margin - im.width, int(0.025 * lay.h))
        self.boxes["ad_label"] = sp.box
        return sp

    def _build_sticker(self) -> Sprite:
        """A yellow emoji sticker over the left half of the ad label (the "covered" fault).

        It hides 广 and the left edge of 告. Placement was tuned against the real RapidOCR
        detector at 720p, 1080p and portrait: the remainder 告 must still be *read*, because a
        fragment of the label is what tells "covered" from "removed" (app/checker/elements.py).
        A sticker over the right part leaves a lone 广, and one reaching past ~55 % of the label
        leaves too little of 告; either way the detector then finds nothing and the checker can
        only say "missing". No dark outline and no features near its right edge for the same
        reason: they merge with 告 into one unreadable box.
        """
        ad = self.boxes["ad_label"]
        r = int(ad.h * 0.62)
        im, d = _rgba((2 * r + 2, 2 * r + 2))
        d.ellipse((1, 1, 2 * r, 2 * r), fill=(*STICKER_YELLOW, 255))
        d.ellipse((int(0.35 * r), int(0.3 * r), int(0.8 * r), int(0.62 * r)),
                  fill=(255, 240, 170, 255))  # glossy highlight
        e, brown = max(2, r // 8), (110, 60, 0, 255)
        for ex in (0.6, 1.05):
            d.ellipse((int(ex * r) - e, int(0.8 * r) - e, int(ex * r) + e, int(0.8 * r) + e),
                      fill=brown)
        d.arc((int(0.5 * r), int(0.8 * r), int(1.15 * r), int(1.45 * r)), 20, 160, fill=brown,
              width=max(2, r // 10))
        x = ad.x + int(0.5 * ad.w) - 2 * r  # right edge at the middle of the label
        y = int(ad.y + ad.h / 2 - r) + int(0.1 * ad.h)
        sp = Sprite.from_rgba(im, x, y)
        self.boxes["sticker"] = sp.box
        return sp

    def _build_ai_label(self) -> Sprite:
        """AI-avatar disclosure (V2): off in the default timeline, since the demo host is human."""
        lay = self._lay
        font = cjk_font(max(8, int(22 * lay.u)), True)
        im, _ = _pill(AI_LABEL_TEXT, font, (92, 44, 180, 235), (255, 255, 255))
        y = self.boxes["room_name"].y2 + int(10 * lay.u)
        sp = Sprite.from_rgba(im, lay.chrome[0], y)
        self.boxes["ai_label"] = sp.box
        return sp

    def _build_merchant(self) -> Sprite:
        """商家信息 entry (V3), bottom-left, with a shop icon and a chevron drawn as shapes."""
        lay = self._lay
        u = lay.u
        font = cjk_font(max(8, int(22 * u)), True)
        icon = int(34 * u)
        im, _ = _pill(MERCHANT_TEXT, font, (24, 24, 28, 215), (255, 255, 255),
                             pad=(0.5, 0.45), extra_left=icon, extra_right=int(22 * u))
        d = ImageDraw.Draw(im)
        h = im.height
        # Icon and chevron in the text's own white: a differently coloured shape on the plate
        # beside the text is what the checker's occlusion measure calls "covered".
        white = (255, 255, 255, 255)
        ix, iy, s = int(12 * u), (h - int(22 * u)) // 2, int(22 * u)
        d.rectangle((ix, iy + s // 3, ix + s, iy + s), outline=white, width=max(1, int(3 * u)))
        d.polygon([(ix - 2, iy + s // 3), (ix + s // 2, iy), (ix + s + 2, iy + s // 3)],
                  fill=white)
        cx = im.width - int(20 * u)
        d.line((cx, h // 2 - int(7 * u), cx + int(7 * u), h // 2, cx, h // 2 + int(7 * u)),
               fill=white, width=max(1, int(3 * u)))
        y = int(lay.h * (0.885 if lay.h < lay.w else 0.83))
        sp = Sprite.from_rgba(im, lay.margin, y)
        self.boxes["merchant_info"] = sp.box
        return sp

    def _build_card(self) -> list[Sprite]:
        """Product card with thumbnail, title and the price tag 到手价 ¥69.9 (V4, V5)."""
        lay = self._lay
        u = lay.u
        c = lay.product_card
        im, d = _rgba((c.w, c.h))
        d.rounded_rectangle((0, 0, c.w - 1, c.h - 1), radius=int(14 * u), fill=(255, 255, 255, 255))
        pad = int(12 * u)
        th = min(c.h - 2 * pad - int(90 * u), int(0.36 * c.w))
        d.rounded_rectangle((pad, pad, pad + th, pad + th), radius=int(8 * u),
                            fill=(255, 236, 200, 255))
        jx0, jx1 = pad + th // 4, pad + 3 * th // 4
        d.rounded_rectangle((jx0, pad + th // 3, jx1, pad + th - th // 10), radius=int(8 * u),
                            fill=(232, 150, 30, 255))
        d.rectangle((jx0 - 2, pad + th // 4, jx1 + 2, pad + th // 3 + 2), fill=(110, 70, 40, 255))
        fl = cjk_font(max(8, int(13 * u)), True)
        d.rounded_rectangle((pad, pad, pad + int(50 * u), pad + int(22 * u)), radius=int(6 * u),
                            fill=(*ROOM_ORANGE, 255))
        d.text((pad + int(6 * u), pad + int(3 * u)), "讲解中", font=fl, fill=(255, 255, 255, 255))
        tx = pad + th + int(12 * u)
        fsize = max(8, int(18 * u))
        while fsize > 8 and cjk_font(fsize, True).getlength(PRODUCT_TITLE) > c.w - tx - pad:
            fsize -= 1  # shrink rather than cut: V4 wants the whole product name on screen
        ft, fs = cjk_font(fsize, True), cjk_font(max(8, int(15 * u)))
        title = PRODUCT_TITLE
        d.text((tx, pad), title, font=ft, fill=(30, 30, 30, 255))
        d.text((tx, pad + int(30 * u)), PRODUCT_SUBTITLE, font=fs, fill=(110, 110, 110, 255))
        fp = cjk_font(max(8, int(26 * u)), True)
        py = c.h - pad - int(44 * u) - int(34 * u)
        d.text((pad, py), PRICE_TEXT, font=fp, fill=(214, 20, 30, 255))
        pl, pt, pr, pb = _text_ink(fp, PRICE_TEXT)
        self.boxes["price"] = Box(c.x + pad + pl, c.y + py + pt, pr - pl, pb - pt)
        fb = cjk_font(max(8, int(19 * u)), True)
        bh = int(40 * u)
        d.rounded_rectangle((pad, c.h - pad - bh, c.w - pad, c.h - pad), radius=bh // 2,
                            fill=(*ROOM_ORANGE, 255))
        bl, bt, br, bb = _text_ink(fb, "去购买")
        d.text(((c.w - (br - bl)) // 2 - bl, c.h - pad - bh // 2 - (bb - bt) // 2 - bt), "去购买",
               font=fb, fill=(255, 255, 255, 255))
        self.boxes["product_title"] = Box(c.x + tx, c.y + pad, int(ft.getlength(title)),
                                          int(22 * u))
        self.boxes["product_card"] = c
        return Sprite.split(im, c.x, c.y)

    def _build_danmaku(self) -> list[Sprite]:
        """Flying 弹幕: white text with a dark stroke, no plate, as platforms draw them."""
        font = cjk_font(max(8, int(24 * self._lay.u)), True)
        out = []
        for text in DANMAKU:
            x0, y0, x1, y1 = _text_ink(font, text, 2)
            im, d = _rgba((x1 - x0 + 4, y1 - y0 + 4))
            d.text((2 - x0, 2 - y0), text, font=font, fill=(255, 255, 255, 255), stroke_width=2,
                   stroke_fill=(40, 40, 40, 200))
            out.append(Sprite.from_rgba(im, 0, 0))
        return out

    # ------------------------------------------------------------------ per-state layers

    def _chat(self, k: int) -> Sprite:
        """The chat panel showing the 5 lines up to line ``k`` (cached: 12 distinct panels)."""
        k %= len(CHAT_LINES)
        sp = self._chat_cache.get(k)
        if sp is not None:
            return sp
        lay = self._lay
        u = lay.u
        c = lay.chat
        im, d = _rgba((c.w, c.h))
        d.rounded_rectangle((0, 0, c.w - 1, c.h - 1), radius=int(12 * u), fill=(0, 0, 0, 96))
        font = cjk_font(max(8, int(20 * u)), True)
        step = (c.h - int(12 * u)) / CHAT_VISIBLE
        for row in range(CHAT_VISIBLE):
            nick, msg = CHAT_LINES[(k - CHAT_VISIBLE + 1 + row) % len(CHAT_LINES)]
            y = int(8 * u + row * step)
            x = int(12 * u)
            d.text((x, y), f"{nick}：", font=font, fill=(150, 220, 255, 255), stroke_width=1,
                   stroke_fill=(0, 0, 0, 120))
            x += int(font.getlength(f"{nick}："))
            d.text((x, y), msg, font=font, fill=(255, 255, 255, 255), stroke_width=1,
                   stroke_fill=(0, 0, 0, 120))
        sp = Sprite.from_rgba(im, c.x, c.y)
        self._chat_cache[k] = sp
        return sp

    def banner(self, text: str) -> Sprite:
        """A promo banner in the room's own style (red plate, yellow bold text, white rim)."""
        sp = self._banner_cache.get(text)
        if sp is not None:
            return sp
        lay = self._lay
        font = cjk_font(max(8, int(34 * lay.u)), True)
        im, _ = _pill(text, font, (210, 28, 36, 245), (255, 230, 60), pad=(0.6, 0.4),
                      radius=int(14 * lay.u))
        ImageDraw.Draw(im).rounded_rectangle((0, 0, im.width - 1, im.height - 1),
                                             radius=int(14 * lay.u), outline=(255, 255, 255, 255),
                                             width=max(2, int(3 * lay.u)))
        cx, cy = lay.banner_center
        sp = Sprite.from_rgba(im, cx - im.width // 2, cy - im.height // 2)
        self._banner_cache[text] = sp
        return sp

    def qr_card(self, payload: str) -> Sprite:
        """A real, decodable QR code (OpenCV's encoder) on a white card with a caption."""
        sp = self._qr_cache.get(payload)
        if sp is not None:
            return sp
        lay = self._lay
        u = lay.u
        matrix = cv2.QRCodeEncoder.create().encode(payload)  # 255 light / 0 dark, 2-module margin
        if matrix is None or matrix.size == 0:
            raise ValueError(f"cannot encode {payload!r} as a QR code")
        code = cv2.resize(matrix, None, fx=lay.qr_module, fy=lay.qr_module,
                          interpolation=cv2.INTER_NEAREST)
        font = cjk_font(max(8, int(17 * u)), True)
        x0, y0, x1, y1 = _text_ink(font, QR_CAPTION)
        pad = int(10 * u)
        cw = max(code.shape[1], x1 - x0) + 2 * pad
        ch = code.shape[0] + (y1 - y0) + 3 * pad
        im, d = _rgba((cw, ch))
        d.rounded_rectangle((0, 0, cw - 1, ch - 1), radius=int(10 * u), fill=(255, 255, 255, 255))
        im.paste(Image.fromarray(code).convert("RGBA"), ((cw - code.shape[1]) // 2, pad))
        d.text(((cw - (x1 - x0)) // 2 - x0, pad * 2 + code.shape[0] - y0), QR_CAPTION, font=font,
               fill=(40, 40, 40, 255))
        sp = Sprite.from_rgba(im, *lay.qr_origin)
        self._qr_cache[payload] = sp
        return sp

    # ------------------------------------------------------------------ per frame

    def _draw_host(self, frame: np.ndarray, t: float) -> None:
        """A host who sways, bobs, talks and gestures: the camera area differs every frame."""
        hx, hy, r = self._lay.head
        tau = 2 * math.pi
        sway = r * (0.22 * math.sin(tau * t / 4.1) + 0.08 * math.sin(tau * t / 1.7))
        bob = r * 0.07 * math.sin(tau * t / 2.3)
        cx, cy = int(hx + sway), int(hy + bob)
        aa = cv2.LINE_AA
        shirt, skin, hair = (150, 110, 40), (160, 190, 228), (40, 32, 30)  # BGR
        sh_y = cy + int(1.45 * r)
        bottom = self._lay.table_y + int(0.2 * r)
        body = np.array([(cx - int(1.9 * r), sh_y + int(0.5 * r)), (cx - int(1.3 * r), sh_y),
                         (cx + int(1.3 * r), sh_y), (cx + int(1.9 * r), sh_y + int(0.5 * r)),
                         (cx + int(1.7 * r), bottom), (cx - int(1.7 * r), bottom)], np.int32)
        cv2.fillPoly(frame, [body], shirt, aa)
        cv2.rectangle(frame, (cx - int(0.32 * r), cy + int(0.7 * r)),
                      (cx + int(0.32 * r), sh_y + int(0.15 * r)), skin, -1)
        # Hair behind the head, the face, a fringe.
        cv2.ellipse(frame, (cx, cy - int(0.05 * r)), (int(1.08 * r), int(1.15 * r)), 0, 0, 360,
                    hair, -1, aa)
        cv2.ellipse(frame, (cx, cy + int(0.1 * r)), (int(0.84 * r), int(1.02 * r)), 0, 0, 360,
                    skin, -1, aa)
        cv2.ellipse(frame, (cx, cy - int(0.5 * r)), (int(0.92 * r), int(0.55 * r)), 0, 180, 360,
                    hair, -1, aa)
        blink = (t % 3.7) < 0.2
        for ex in (-0.35, 0.35):
            c = (cx + int(ex * r), cy + int(0.05 * r))
            if blink:
                cv2.line(frame, (c[0] - int(0.12 * r), c[1]), (c[0] + int(0.12 * r), c[1]),
                         (40, 30, 30), max(1, r // 20), aa)
            else:
                cv2.ellipse(frame, c, (int(0.09 * r), int(0.12 * r)), 0, 0, 360, (40, 30, 30), -1,
                            aa)
        mouth = 0.03 + 0.08 * abs(math.sin(tau * t * 1.9))  # talking
        cv2.ellipse(frame, (cx, cy + int(0.6 * r)), (int(0.17 * r), max(1, int(mouth * r))), 0, 0,
                    360, (80, 70, 180), -1, aa)
        # Arms: the left hand rests on the table, the right one gestures at the product.
        wave = 0.5 + 0.5 * math.sin(tau * t / 1.3)
        thick = max(2, int(0.42 * r))
        for side in (-1, 1):
            shoulder = (cx + side * int(1.5 * r), sh_y + int(0.3 * r))
            elbow = (cx + side * int(1.85 * r), sh_y + int(1.7 * r))
            if side < 0:
                hand = (cx - int(0.9 * r), sh_y + int(2.25 * r))
            else:
                hand = (cx + int((1.2 + 1.0 * wave) * r), sh_y + int((2.1 - 1.3 * wave) * r))
            cv2.line(frame, shoulder, elbow, shirt, thick, aa)
            cv2.line(frame, elbow, hand, skin, int(thick * 0.75), aa)
            cv2.circle(frame, hand, int(0.24 * r), skin, -1, aa)

    def render(self, t: float, state: SceneState) -> np.ndarray:
        """The BGR frame at scene time ``t`` showing ``state`` (a new array every call)."""
        lay = self._lay
        frame = self._wall.copy()
        self._draw_host(frame, t)
        for sp in self._table:
            sp.draw(frame)
        for sp in self._static:
            sp.draw(frame)
        self._chat(int(t // CHAT_PERIOD)).draw(frame)
        # 弹幕 fly right to left in two rows, below the top corners, above the banner.
        speed = 0.12 * lay.w
        # Two messages per row, half a lap apart: a lap is longer than the screen plus both
        # messages, so they never touch (OCR would read them as one line).
        for row, y in enumerate(lay.danmaku_rows):
            pair = [self._danmaku[(2 * row + j) % len(self._danmaku)] for j in range(2)]
            lap = lay.w + 2 * max(sp.bgr.shape[1] for sp in pair) + int(0.05 * lay.w)
            for j, sp in enumerate(pair):
                phase = (t * speed + j * lap / 2 + row * 0.3 * lay.w) % lap
                sp.draw(frame, int(lay.w - phase), y)
        if state.ai_label:
            self._ai.draw(frame)
        if state.ad_label != "missing":
            self._ad.draw(frame)
            if state.ad_label == "occluded":
                self._sticker.draw(frame)
        if state.banned_text:
            self.banner(state.banned_text).draw(frame)
        if state.qr_payload:
            self.qr_card(state.qr_payload).draw(frame)
        return frame
