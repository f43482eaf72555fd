"""PP-OCR through RapidOCR's ONNX models, which ship inside the PyPI wheel (works offline).

Measured (OCR_FACTS.md and bench/): it reads stylised CJK overlays far better than Tesseract,
and recognition of a known box costs ~35 ms, which is what makes a 1 Hz monitor affordable.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

import numpy as np

from app.geometry import Box
from app.ocr.base import OcrError, OcrLine, Reuse
from app.ocr.ctc import PhraseSet, phrase_scores

log = logging.getLogger(__name__)


def _threads() -> int:
    """One intra-op thread unless told otherwise: the studio PC's cores belong to OBS."""
    try:
        return max(1, int(os.environ.get("LIVECOMPLY_OCR_THREADS", "1")))
    except ValueError:
        return 1


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(
        self, threads: int | None = None, min_score: float = 0.45, floor: float = 0.2
    ) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - dependency is mandatory
            raise OcrError("RapidOCR is not installed: pip install rapidocr onnxruntime") from exc
        n = threads or _threads()
        # RapidOCR logs every call, and warns on every crop with no text; keep an 8 h log readable.
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        params = {
            "Global.log_level": "error",
            "Global.text_score": floor,
            # A label half under a sticker scores below the detector's default box threshold
            # (0.5); at 0.35 its visible part is still found, and what is found is only
            # believed through the rule pack's phrase matching.
            "Det.box_thresh": float(os.environ.get("LIVECOMPLY_DET_BOX_THRESH", "0.35")),
            "Global.max_side_len": 2000,
            "EngineConfig.onnxruntime.intra_op_num_threads": n,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        self._ocr = RapidOCR(params=params)
        # Readings below ``min_score`` are hesitant (see base.py): a 7 px 虚拟主播 reads 虚标主要
        # at 0.36, nothing a rule knows, but the recogniser still fits it to its label best.
        # Below ``floor`` they are noise.
        self.believe_from = min_score
        self._floor = floor
        # Whole frames are detected at this short side (0: as they come); see _detect_locked.
        self._det_short_side = int(os.environ.get("LIVECOMPLY_DET_SHORT_SIDE", "720"))
        self._lock = threading.Lock()  # the ONNX sessions are not shared across threads safely
        self._warm = False
        self._phrase_sets: dict[tuple[str, ...], tuple[PhraseSet, list[int]]] = {}

    def _warm_up(self) -> None:
        """Load all three models before the first timed call (OCR_FACTS: 'Warm it up')."""
        if self._warm:
            return
        img = np.full((48, 160, 3), 255, np.uint8)
        import cv2

        cv2.putText(img, "AD 88", (8, 36), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (0, 0, 0), 2)
        self._ocr(img, use_det=True, use_cls=False, use_rec=True)
        self._warm = True

    def read(self, image: np.ndarray, reuse: Reuse | None = None) -> list[OcrLine]:
        with self._lock:
            self._warm_up()
            boxes = self._detect_locked(image)
        lines: list[OcrLine] = []
        todo: list[Box] = []
        for b in boxes:
            old = reuse(b) if reuse is not None else None
            if old is not None:
                lines.append(old)
            else:
                todo.append(b)
        lines.extend(
            ln
            for ln in self.recognize(image, todo)
            if ln.text.strip() and ln.confidence >= self._floor
        )
        lines.sort(key=lambda ln: (ln.box.y, ln.box.x))
        return lines

    def detect(self, image: np.ndarray) -> list[Box]:
        """Where text lines are (no recognition)."""
        with self._lock:
            self._warm_up()
            return self._detect_locked(image)

    def read_fine(self, image: np.ndarray, known: list[Box]) -> list[OcrLine] | None:
        """Detect at full resolution; recognise what ``known`` does not hold (FineReader)."""
        if not self._downscales(image):
            return None
        with self._lock:
            self._warm_up()
            boxes = self._detect_locked(image, native=True)
        new = [
            b
            for b in boxes
            if not any(b.overlap_fraction(k) > 0.5 or k.overlap_fraction(b) > 0.5 for k in known)
        ]
        lines = [
            ln
            for ln in self.recognize(image, new)
            if ln.text.strip() and ln.confidence >= self._floor
        ]
        lines.sort(key=lambda ln: (ln.box.y, ln.box.x))
        return lines

    def _downscales(self, image: np.ndarray) -> bool:
        return bool(self._det_short_side) and min(image.shape[:2]) > self._det_short_side * 1.1

    def _detect_locked(self, image: np.ndarray, native: bool = False) -> list[Box]:
        import cv2

        h, w = image.shape[:2]
        scale = 1.0
        if not native and self._downscales(image):
            # Text on a 1080p frame is 1.5× the size it is at 720p and the detector finds it as
            # well there, for 45 % of the work; boxes are scaled back and read at full size.
            scale = self._det_short_side / min(h, w)
            small = cv2.resize(
                image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA
            )
        else:
            small = image
        det = self._ocr._load_det_model()
        saved = (det.limit_type, det.limit_side_len)
        if min(small.shape[:2]) < saved[1]:
            # A crop (the monitor re-detecting a changed region): detect it at its own scale, as
            # the whole frame is. The default would enlarge a 100 px crop to 736 px first and
            # spend the time of a whole-frame pass on a corner of it.
            det.limit_type, det.limit_side_len = "max", max(small.shape[:2]) + 32
        try:
            out = self._ocr(small, use_det=True, use_cls=False, use_rec=False)
        finally:
            det.limit_type, det.limit_side_len = saved
        polys = getattr(out, "boxes", None)
        if polys is None:
            return []
        # The detector's boxes are already generous (it grows each text kernel by its unclip
        # ratio), so scaling them back needs no extra margin.
        return [Box.from_points(np.asarray(poly, np.float32) / scale) for poly in polys]

    def recognize(self, image: np.ndarray, boxes: list[Box]) -> list[OcrLine]:
        if not boxes:
            return []
        h, w = image.shape[:2]
        crops, kept = [], []
        for b in boxes:
            c = b.clipped(w, h)
            if c.w < 4 or c.h < 4:
                continue
            crops.append(np.ascontiguousarray(image[c.y : c.y2, c.x : c.x2]))
            kept.append(b)
        results: dict[Box, OcrLine] = {}
        if crops:
            with self._lock:
                self._warm_up()
                rec = self._ocr.recognize_txt(crops)
            for b, text, score in zip(kept, rec.txts or (), rec.scores or (), strict=False):
                results[b] = OcrLine(text=text, box=b, confidence=float(score))
        return [results.get(b, OcrLine(text="", box=b, confidence=0.0)) for b in boxes]

    def phrase_scores(
        self, image: np.ndarray, boxes: list[Box], phrases: list[str]
    ) -> list[list[float]]:
        """How well each box's text fits each phrase (app/ocr/ctc.py), from the recogniser's
        column probabilities. Each box is recognised on its own, at the size ``recognize``
        would give it alone; a phrase with a character the model cannot write scores -inf."""
        if not boxes:
            return []
        h, w = image.shape[:2]
        with self._lock:
            self._warm_up()
            rec = self._ocr._load_rec_model()
            compiled, known = self._compiled(rec, phrases)
            _, rec_h, rec_w = rec.rec_image_shape[:3]
            out = []
            for b in boxes:
                scores = [float("-inf")] * len(phrases)
                c = b.clipped(w, h)
                if c.w >= 4 and c.h >= 4 and known:
                    crop = np.ascontiguousarray(image[c.y : c.y2, c.x : c.x2])
                    ratio = max(rec_w / rec_h, crop.shape[1] / crop.shape[0])
                    batch = rec.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32)
                    probs = rec.session(batch)[0]
                    for i, s in zip(known, phrase_scores(probs, compiled), strict=True):
                        scores[i] = float(s)
                out.append(scores)
        return out

    def text_extents(self, image: np.ndarray, boxes: list[Box]) -> list[Box | None]:
        """Where in each box the characters the recogniser reads stand (TextLocator)."""
        h, w = image.shape[:2]
        out: list[Box | None] = []
        with self._lock:
            self._warm_up()
            rec = self._ocr._load_rec_model()
            _, rec_h, rec_w = rec.rec_image_shape[:3]
            for b in boxes:
                c = b.clipped(w, h)
                if c.w < 4 or c.h < 4:
                    out.append(None)
                    continue
                crop = np.ascontiguousarray(image[c.y : c.y2, c.x : c.x2])
                ratio = max(rec_w / rec_h, crop.shape[1] / crop.shape[0])
                batch = rec.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32)
                probs = rec.session(batch)[0]
                out.append(_columns_to_box(probs, c, int(rec_h * ratio), rec_h))
        return out

    def _compiled(self, rec: Any, phrases: list[str]) -> tuple[PhraseSet, list[int]]:
        """The phrases the model can write, compiled once per phrase list (the rule pack's)."""
        key = tuple(phrases)
        hit = self._phrase_sets.get(key)
        if hit is None:
            index = rec.postprocess_op.dict
            paths, known = [], []
            for i, p in enumerate(phrases):
                path = [index.get(ch) for ch in p if not ch.isspace()]
                if path and all(k is not None and k > 0 for k in path):
                    paths.append(path)
                    known.append(i)
            if len(self._phrase_sets) >= 64:
                self._phrase_sets.clear()  # callers pass a few fixed lists; keep it bounded
            hit = self._phrase_sets[key] = (PhraseSet.compile(paths), known)
        return hit


def _columns_to_box(probs: np.ndarray, crop: Box, padded_w: int, rec_h: int) -> Box | None:
    """The span of ``crop`` between the first and the last column the recogniser writes a
    character in, half a line height wider on each side (a CTC column fires near a glyph's
    middle, not at its edges)."""
    written = np.flatnonzero(probs.argmax(axis=1) != 0)
    if written.size == 0:
        return None
    stride = padded_w / probs.shape[0]  # input pixels per output column
    resized_w = min(padded_w, int(np.ceil(rec_h * crop.w / crop.h)))
    scale = crop.w / resized_w  # crop pixels per input pixel
    x1 = crop.x + written[0] * stride * scale - 0.5 * crop.h
    x2 = crop.x + (written[-1] + 1) * stride * scale + 0.5 * crop.h
    x1, x2 = max(crop.x, round(x1)), min(crop.x2, round(x2))
    return Box(x1, crop.y, max(1, x2 - x1), crop.h)
