"""The CJK fonts a live room uses, and exact glyph-height measurement for the truth.

Legibility in the product is defined on the *ink* height of a CJK glyph (国) or, for text with
no CJK character, of a digit. So the generator never trusts a nominal point size: it measures
the rendered ink of the font at the chosen size and solves the size from a target ink height.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont

NOTO = Path("/usr/share/fonts/opentype/noto")
TRUETYPE = Path("/usr/share/fonts/truetype")
EMOJI_PATH = TRUETYPE / "noto" / "NotoColorEmoji.ttf"

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class FontSpec:
    """One face: file, collection index, and a family tag (sans/serif/kai/ming) for variety."""

    path: str
    index: int
    name: str
    family: str
    heavy: bool = False


def _candidates() -> list[FontSpec]:
    specs: list[FontSpec] = []
    # Noto CJK collections: index 2 is Simplified Chinese in every weight file.
    for weight in ("Thin", "Light", "DemiLight", "Regular", "Medium", "Bold", "Black"):
        specs.append(FontSpec(str(NOTO / f"NotoSansCJK-{weight}.ttc"), 2,
                              f"Noto Sans SC {weight}", "sans", weight in ("Bold", "Black")))
    for weight in ("ExtraLight", "Light", "Regular", "Medium", "SemiBold", "Bold", "Black"):
        specs.append(FontSpec(str(NOTO / f"NotoSerifCJK-{weight}.ttc"), 2,
                              f"Noto Serif SC {weight}", "serif", weight in ("Bold", "Black")))
    specs += [
        FontSpec(str(TRUETYPE / "wqy" / "wqy-zenhei.ttc"), 0, "WenQuanYi Zen Hei", "sans", True),
        FontSpec(str(TRUETYPE / "wqy" / "wqy-microhei.ttc"), 0, "WenQuanYi Micro Hei", "sans"),
        FontSpec(str(TRUETYPE / "arphic" / "ukai.ttc"), 0, "AR PL UKai CN", "kai"),
        FontSpec(str(TRUETYPE / "arphic" / "uming.ttc"), 0, "AR PL UMing CN", "ming"),
        FontSpec(str(TRUETYPE / "droid" / "DroidSansFallbackFull.ttf"), 0,
                 "Droid Sans Fallback", "sans"),
    ]
    return specs


@cache
def available_fonts() -> tuple[FontSpec, ...]:
    """Fonts present on this machine (the extra Noto weights come from fonts-noto-cjk-extra)."""
    found = tuple(s for s in _candidates() if Path(s.path).exists())
    if not found:
        raise RuntimeError("no CJK font found: apt-get install fonts-noto-cjk fonts-wqy-zenhei")
    return found


@cache
def font(spec: FontSpec, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(spec.path, size, index=spec.index)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@cache
def _ink_height(spec: FontSpec, size: int, probe: str) -> int:
    bbox = font(spec, size).getmask(probe).getbbox()
    return 0 if bbox is None else bbox[3] - bbox[1]


def glyph_px(spec: FontSpec, size: int, text: str) -> int:
    """Ink height the product's legibility rule looks at: 国 for CJK text, else the digit 8."""
    return _ink_height(spec, size, "国" if has_cjk(text) else "8")


def size_for_glyph(spec: FontSpec, target_px: float, text: str) -> tuple[int, int]:
    """Smallest-error font size whose measured glyph ink height is nearest ``target_px``.

    Returns (size, measured ink px). Ink height is nearly linear in size, so one estimate and a
    short local search is enough.
    """
    ref = max(1, glyph_px(spec, 200, text))
    guess = max(4, round(target_px * 200 / ref))
    best = (guess, glyph_px(spec, guess, text))
    for size in range(max(4, guess - 3), guess + 4):
        px = glyph_px(spec, size, text)
        if abs(px - target_px) < abs(best[1] - target_px):
            best = (size, px)
    return best


@cache
def emoji_font() -> ImageFont.FreeTypeFont | None:
    """Noto Color Emoji only renders at its bitmap size 109; callers scale the result."""
    if not EMOJI_PATH.exists():
        return None
    return ImageFont.truetype(str(EMOJI_PATH), 109)


@cache
def _cmap(spec: FontSpec) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(spec.path, fontNumber=spec.index, lazy=True).getBestCmap())


def covers(spec: FontSpec, text: str) -> bool:
    """True when the face has every character (Droid Sans Fallback has no Latin or digits, and
    a missing glyph would draw tofu boxes that no real room shows)."""
    cmap = _cmap(spec)
    return all(ord(c) in cmap for c in text if not c.isspace())


def fonts_for(text: str, family: str | None = None) -> list[FontSpec]:
    """Faces (optionally of one family) that can draw ``text`` without missing glyphs."""
    pool = [s for s in available_fonts() if family is None or s.family == family]
    return [s for s in pool if covers(s, text)] or [s for s in available_fonts()
                                                     if covers(s, text)]
