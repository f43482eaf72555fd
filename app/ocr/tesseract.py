"""Tesseract 5 (chi_sim+eng) through pytesseract: the second engine, for comparison and fallback.

It is weaker on stylised overlays and slower per crop (a process per call); see bench/ for the
numbers on our frames. OMP_THREAD_LIMIT=1 keeps it on one core.
"""

from __future__ import annotations

import os
import re

import numpy as np

from app.geometry import Box
from app.ocr.base import OcrError, OcrLine, Reuse

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _join(words: list[str]) -> str:
    """Tesseract splits CJK into one 'word' per glyph; only put spaces between Latin words."""
    out = ""
    for w in words:
        if out and not (_CJK.search(out[-1]) or _CJK.search(w[0])):
            out += " "
        out += w
    return out


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim+eng") -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        try:
            import pytesseract
        except ImportError as exc:  # pragma: no cover - dependency is mandatory
            raise OcrError("pytesseract is not installed: pip install pytesseract") from exc
        self._tess = pytesseract
        try:
            langs = set(pytesseract.get_languages(config=""))
        except (pytesseract.TesseractNotFoundError, OSError) as exc:
            raise OcrError(
                "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim"
            ) from exc
        missing = [lg for lg in lang.split("+") if lg not in langs]
        if missing:
            raise OcrError(
                f"Tesseract language data missing: {', '.join(missing)} "
                "(apt-get install tesseract-ocr-chi-sim)"
            )
        self._lang = lang

    def _data(self, image: np.ndarray, psm: int) -> dict[str, list]:
        rgb = image[:, :, ::-1]
        return self._tess.image_to_data(
            rgb, lang=self._lang, config=f"--psm {psm}", output_type=self._tess.Output.DICT
        )

    def read(self, image: np.ndarray, reuse: Reuse | None = None) -> list[OcrLine]:
        # Tesseract detects and recognises in one call, so there is nothing to reuse.
        d = self._data(image, psm=11)
        groups: dict[tuple[int, int, int], list[int]] = {}
        for i, word in enumerate(d["text"]):
            if word.strip() and float(d["conf"][i]) >= 0:
                key = (d["block_num"][i], d["par_num"][i], d["line_num"][i])
                groups.setdefault(key, []).append(i)
        lines = []
        for idx in groups.values():
            box = Box(d["left"][idx[0]], d["top"][idx[0]], d["width"][idx[0]], d["height"][idx[0]])
            for i in idx[1:]:
                box = box.union(Box(d["left"][i], d["top"][i], d["width"][i], d["height"][i]))
            conf = sum(float(d["conf"][i]) for i in idx) / (100.0 * len(idx))
            lines.append(OcrLine(_join([d["text"][i].strip() for i in idx]), box, conf))
        return lines

    def recognize(self, image: np.ndarray, boxes: list[Box]) -> list[OcrLine]:
        h, w = image.shape[:2]
        out = []
        for b in boxes:
            c = b.clipped(w, h)
            if c.w < 4 or c.h < 4:
                out.append(OcrLine("", b, 0.0))
                continue
            d = self._data(np.ascontiguousarray(image[c.y : c.y2, c.x : c.x2]), psm=7)
            idx = [i for i, t in enumerate(d["text"]) if t.strip() and float(d["conf"][i]) >= 0]
            text = _join([d["text"][i].strip() for i in idx])
            conf = sum(float(d["conf"][i]) for i in idx) / (100.0 * len(idx)) if idx else 0.0
            out.append(OcrLine(text, b, conf))
        return out
