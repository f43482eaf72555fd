"""A second, deliberately different frame generator: a check on how the checker generalises.

The checker is judged on frames from a generator nobody on the team has seen. Every rule in it
was tuned on ``tools.framegen``'s frames, so a rule that fits framegen's habits rather than
stream frames would not show there. This generator was written from the issue's text alone,
without framegen's code, and makes other choices on purpose:

- styles framegen has not got: semi-transparent dark "glass" boxes, drop-shadowed text, PIL's
  own stroke outline, pills in the saturated reds and blues of real price tags (WCAG 3–5:1
  against white, where framegen's labels are all above 4.5:1);
- its own layout (one slot per element, chat at the lower left), other label wordings,
  WenQuanYi and AR PL fonts as well as Noto;
- covers drawn as discs with a highlight, stars, and photo tiles, over the start, the middle or
  the end of the text;
- 30 % of frames skip H.264 and are stored as JPEG only.

Truth is what was drawn: status, text, ink box, glyph height (国's for text with CJK, a digit's
for the rest, as the issue defines it) and, for text on a plate, the designed WCAG contrast.

usage: ``python -m tools.altgen --out DIR --count N --seed S``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tools.framegen.encode import h264_roundtrip

PHOTOS = Path("/usr/share/backgrounds/mate/nature")
FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
TEXTS = {
    "ad_label": ("广告", "广告", "广告 AD", "此为广告", "【广告】", "商业广告"),
    "ai_disclosure": (
        "AI生成", "虚拟主播", "本场主播为AI数字人", "数字人直播", "AI虚拟主播",
        "该主播为人工智能生成",
    ),
    "merchant_info": (
        "商家信息", "营业执照", "经营者：杭州云拓电子商务有限公司", "查看商家资质",
        "店铺主体信息 >", "经营者信息",
    ),
    "price": ("¥59.9", "到手价 ¥39", "券后价￥128", "直播价 79元", "¥ 299", "秒杀 ¥19.9"),
}
CHAT = (
    "小鱼儿：主播好美", "阿强：多少钱", "用户8821：广告太多了", "橙子：有营业执照吗",
    "momo：到手价多少", "Lily：来了来了",
)
PILLS = ((255, 80, 60), (255, 255, 255), (255, 210, 0), (30, 30, 30), (0, 150, 255), (230, 0, 18))
# Where each element goes: (top of its band as a share of the frame's height).
BANDS = {"ad_label": 0.03, "ai_disclosure": 0.14, "merchant_info": 0.45, "price": 0.60}
STATES = ("ok", "missing", "small", "faint", "occluded", "misplaced")


def luminance(rgb: tuple[float, ...]) -> float:
    def ch(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(rgb[0]) + 0.7152 * ch(rgb[1]) + 0.0722 * ch(rgb[2])


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    lo, hi = sorted((luminance(a), luminance(b)))
    return (hi + 0.05) / (lo + 0.05)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def glyph_px(font: ImageFont.FreeTypeFont, text: str) -> int:
    """The issue's glyph height: a CJK glyph such as 国, or a digit for Latin-only text."""
    b = font.getbbox("国" if has_cjk(text) else "8")
    return int(b[3] - b[1])


class Frame:
    def __init__(self, rng: random.Random, fonts: list[str], photos: list[Path]) -> None:
        self.rng, self.fonts, self.photos = rng, fonts, photos
        self.w, self.h = rng.choice([(1080, 1920), (1080, 1920), (1920, 1080), (1280, 720)])
        self.threshold = (0.0085 if self.h > self.w else 0.015) * self.h
        self.im = self._background()
        self.taken: list[tuple[int, int, int, int]] = []

    def _background(self) -> Image.Image:
        im = Image.open(self.rng.choice(self.photos)).convert("RGB")
        s = max(self.w / im.width, self.h / im.height) * self.rng.uniform(1.0, 1.6)
        im = im.resize((int(im.width * s) + 1, int(im.height * s) + 1))
        x = self.rng.randint(0, im.width - self.w)
        y = self.rng.randint(0, im.height - self.h)
        im = im.crop((x, y, x + self.w, y + self.h))
        if self.rng.random() < 0.5:
            im = im.filter(ImageFilter.GaussianBlur(self.rng.uniform(2, 8)))
        return im

    def chat(self) -> None:
        d = ImageDraw.Draw(self.im)
        f = ImageFont.truetype(self.fonts[0], int(max(self.threshold * 1.3, 14)))
        y = int(self.h * 0.72)
        for line in self.rng.sample(CHAT, 4):
            d.text((int(self.w * 0.03), y), line, font=f, fill=(255, 255, 255), stroke_width=1,
                   stroke_fill=(0, 0, 0))
            y += int(f.size * 1.6)

    def label(self, element: str) -> tuple[dict[str, Any], tuple[int, int, int] | None]:
        """Draw one element as the dice say; its truth and, if covered, where the cover goes."""
        rng = self.rng
        weights = [55, 10, 10, 7, 13, 5 if element == "ad_label" else 0]
        state = rng.choices(STATES, weights)[0]
        if state == "missing":
            return {"status": "missing"}, None
        text = rng.choice(TEXTS[element])
        font_file = rng.choice(self.fonts)
        probe = ImageFont.truetype(font_file, 100)
        per_px = glyph_px(probe, text) / 100
        scale = rng.uniform(0.45, 0.8) if state == "small" else rng.uniform(1.3, 3.5)
        font = ImageFont.truetype(font_file, max(6, round(scale * self.threshold / per_px)))
        size = font.size
        d = ImageDraw.Draw(self.im, "RGBA")
        tw = int(d.textlength(text, font=font))
        if tw + 3 * size > self.w:
            return {"status": "missing"}, None  # no room for it at this size
        x, y = self._place(element, state, tw, size)
        tb = d.textbbox((x, y), text, font=font)
        style = rng.choice(["glass", "pill", "shadow", "stroke"])
        ground, fg = self._draw(d, text, font, (x, y), tb, style, faint=state == "faint")
        truth: dict[str, Any] = {
            "status": {"small": "illegible", "faint": "illegible"}.get(state, state),
            "text": text,
            "bbox": [tb[0], tb[1], tb[2] - tb[0], tb[3] - tb[1]],
            "glyph_px": glyph_px(font, text),
            "style": style,
        }
        if ground is not None:
            truth["contrast"] = round(contrast(fg, ground), 2)
            if state == "ok" and truth["contrast"] < 3.0:
                truth["status"] = "illegible"  # the style's own colours are too close
        self.taken.append((tb[0] - size, tb[1] - size, tb[2] + size, tb[3] + size))
        cover = None
        if state == "occluded":
            width = tb[2] - tb[0]
            r = max(int(0.6 * (tb[3] - tb[1])), int(rng.uniform(0.3, 0.6) * width / 2))
            r = min(r, int(0.35 * width))
            cx = rng.choice([tb[0] + r, (tb[0] + tb[2]) // 2, tb[2] - r])
            cover = (cx, (tb[1] + tb[3]) // 2, r)
        return truth, cover

    def _place(self, element: str, state: str, tw: int, size: int) -> tuple[int, int]:
        rng = self.rng
        if state == "misplaced":
            return int(self.w * 0.4), int(self.h * 0.35)
        if element == "ad_label":
            left = rng.random() < 0.5
            x = int(self.w * 0.02) + size if left else int(self.w * 0.98 - tw - size)
            return x, int(self.h * BANDS[element]) + size
        y = int(self.h * BANDS[element]) + rng.randint(0, int(self.h * 0.05))
        # Below whatever an earlier label took in this band.
        for _x1, y1, _x2, y2 in self.taken:
            if y1 - size <= y <= y2:
                y = y2 + size
        x = int(rng.uniform(0.05, 0.6) * self.w)
        return max(size, min(x, self.w - tw - 2 * size)), y

    def _draw(
        self,
        d: ImageDraw.ImageDraw,
        text: str,
        font: ImageFont.FreeTypeFont,
        xy: tuple[int, int],
        tb: tuple[int, int, int, int],
        style: str,
        faint: bool,
    ) -> tuple[tuple[float, ...] | None, tuple[int, ...]]:
        """Draw ``text`` in ``style``; the plate's colour (None without one) and the text's."""
        size = font.size
        plate = (tb[0] - size // 2, tb[1] - int(size * 0.3), tb[2] + size // 2,
                 tb[3] + int(size * 0.3))
        if faint:
            ground = tuple(self.rng.randint(60, 200) for _ in range(3))
            target = self.rng.uniform(1.2, 2.3)
            fg = min(
                (tuple(max(0, min(255, v + sign * k)) for v in ground)
                 for k in range(0, 256, 2) for sign in (1, -1)),
                key=lambda c: abs(contrast(c, ground) - target),
            )
            d.rounded_rectangle(plate, radius=int(size * 0.4), fill=ground)
            d.text(xy, text, font=font, fill=fg)
            return ground, fg
        if style == "glass":
            d.rounded_rectangle(plate, radius=int(size * 0.3),
                                fill=(0, 0, 0, self.rng.randint(110, 170)))
            ground = tuple(np.percentile(np.asarray(self.im.crop(tb)).reshape(-1, 3), 90, axis=0))
            d.text(xy, text, font=font, fill=(255, 255, 255))
            return ground, (255, 255, 255)
        if style == "pill":
            ground = self.rng.choice(PILLS)
            fg = (255, 255, 255) if luminance(ground) < 0.4 else (20, 20, 20)
            d.rounded_rectangle(plate, radius=(plate[3] - plate[1]) // 2, fill=ground)
            d.text(xy, text, font=font, fill=fg)
            return ground, fg
        behind = tuple(np.asarray(self.im.crop(tb)).reshape(-1, 3).mean(axis=0))
        if style == "shadow" and contrast((255, 255, 255), behind) >= 4.5:
            o = max(1, size // 12)
            d.text((xy[0] + o, xy[1] + o), text, font=font, fill=(0, 0, 0, 200))
            d.text(xy, text, font=font, fill=(255, 255, 255))
            return None, (255, 255, 255)
        fg = self.rng.choice([(255, 255, 255), (255, 230, 0)])
        d.text(xy, text, font=font, fill=fg, stroke_width=max(1, size // 10),
               stroke_fill=(0, 0, 0))
        return None, fg

    def cover(self, cx: int, cy: int, r: int) -> None:
        rng = self.rng
        d = ImageDraw.Draw(self.im, "RGBA")
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        kind = rng.random()
        if kind < 0.4:
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour, outline=(255, 255, 255),
                      width=max(1, r // 8))
            d.ellipse((cx - r // 3, cy - r // 2, cx, cy - r // 5), fill=(255, 255, 255))
        elif kind < 0.7:
            tile = Image.open(rng.choice(self.photos)).convert("RGB").resize((2 * r, 2 * r))
            mask = Image.new("L", (2 * r, 2 * r), 0)
            ImageDraw.Draw(mask).rounded_rectangle((0, 0, 2 * r - 1, 2 * r - 1), radius=r // 3,
                                                   fill=255)
            self.im.paste(tile, (cx - r, cy - r), mask)
        else:
            points = []
            for i in range(10):
                a = np.pi / 2 + i * np.pi / 5
                rr = r if i % 2 == 0 else r * 0.45
                points.append((cx + rr * np.cos(a), cy - rr * np.sin(a)))
            d.polygon(points, fill=colour)


def render(index: int, seed: int, fonts: list[str], photos: list[Path]) -> tuple[Image.Image, dict]:
    rng = random.Random(seed * 100_003 + index)
    f = Frame(rng, fonts, photos)
    f.chat()
    elements: dict[str, Any] = {}
    covers = []
    for element in BANDS:
        elements[element], cover = f.label(element)
        if cover is not None:
            covers.append(cover)
    for c in covers:
        f.cover(*c)
    image = f.im
    if rng.random() < 0.7:
        image = h264_roundtrip(image, rng.randint(20, 32))
    record = {
        "width": f.w, "height": f.h, "elements": elements, "banned_terms": [], "qr_codes": [],
        "price_comparison": [], "jpeg_quality": rng.randint(80, 95),
    }
    return image, record


def generate(out: Path, count: int, seed: int) -> list[dict]:
    fonts = [p for p in FONT_FILES if Path(p).exists()]
    photos = sorted(PHOTOS.glob("*.jpg"))
    if not fonts or not photos:
        raise SystemExit(
            "altgen needs CJK fonts and photos: apt-get install fonts-wqy-zenhei "
            "fonts-noto-cjk mate-backgrounds"
        )
    (out / "frames").mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(count):
        image, record = render(i, seed, fonts, photos)
        name = f"frames/f{i + 1:04d}.jpg"
        image.save(out / name, "JPEG", quality=record.pop("jpeg_quality"))
        records.append({"image": name, **record})
    with open(out / "truth.jsonl", "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    generate(args.out, args.count, args.seed)
    print(f"{args.count} frames in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
