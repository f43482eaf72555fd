"""Frames drawn here with known geometry and colours, and one real OCR engine per session."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from app.checker.images import read_image
from app.geometry import Box
from app.ocr.rapid import RapidOcrEngine

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")


@pytest.fixture(scope="session")
def rapid() -> RapidOcrEngine:
    return RapidOcrEngine()


def font(size: int) -> ImageFont.FreeTypeFont:
    if not FONT.exists():  # pragma: no cover - the set-up script installs fonts-noto-cjk
        pytest.skip("fonts-noto-cjk is not installed")
    return ImageFont.truetype(str(FONT), size)


def draw_label(img: Image.Image, xy: tuple[int, int], text: str, size: int,
               fg: tuple[int, int, int], plate: tuple[int, int, int] | None = None) -> tuple:
    """Draw ``text`` at ``xy`` (on a plate if given); returns the ink box (x, y, w, h)."""
    d = ImageDraw.Draw(img)
    f = font(size)
    x, y = xy
    bbox = d.textbbox((x, y), text, font=f)
    if plate is not None:
        pad = size // 3
        d.rounded_rectangle((bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad),
                            radius=pad, fill=plate)
    d.text((x, y), text, font=f, fill=fg)
    return (bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1])


def to_bgr(img: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.array(img), cv2.COLOR_RGB2BGR)


def studio_background(w: int, h: int, seed: int = 0) -> Image.Image:
    """A smooth, not flat, background: gradient plus soft blobs, like a blurred studio."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.stack([60 + 80 * xx / w, 70 + 60 * yy / h, 90 + 40 * (xx + yy) / (w + h)], -1)
    for _ in range(6):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(80, 300)
        blob = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r))[..., None]
        base += blob * rng.uniform(-50, 50, 3)
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))


def card_over_top(text: str, hidden: float) -> tuple[np.ndarray, Box]:
    """``text`` on a dark plate with a light product card over the upper ``hidden`` of its
    glyphs, on a 1280×720 studio frame; and the label's own box."""
    img = studio_background(1280, 720, seed=8)
    x, y, w, h = draw_label(img, (420, 60), text, 44, (255, 255, 255), (30, 30, 30))
    ImageDraw.Draw(img).rounded_rectangle(
        (x - 40, y - 120, x + w + 40, y + round(h * hidden)), 10, fill=(235, 235, 235)
    )
    return to_bgr(img), Box(x, y, w, h)


def generated_frame(seed: int, index: int) -> tuple[np.ndarray, dict]:
    """Frame ``index`` (from 0) of our generator's set ``seed``, as ``tools.framegen`` writes
    it (H.264 round trip and JPEG included), and its truth record."""
    pytest.importorskip("skimage")
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    from tools.framegen.__main__ import DEFAULT_SIZES, render_one

    with tempfile.TemporaryDirectory() as out:
        rec = render_one((index, seed, DEFAULT_SIZES, out))
        return read_image(Path(out) / rec["image"]), rec
