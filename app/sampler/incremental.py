"""Read a stream's text without a full OCR pass every second.

Whole-frame OCR costs 1–2.5 s a frame on one core (OCR_FACTS.md), so at 1 Hz it cannot run every
sample beside a live encoder. What changes between two samples of a live room is small: the
camera area moves all the time, overlays appear, vanish or get covered now and then. So:

- every known text line keeps a tiny signature of its pixels; a line whose pixels did not change
  keeps its last reading, a line whose pixels changed is recognised again in its known box
  (recognition only, ~35 ms);
- the frame keeps a block grid; blocks that changed since they were last detected and have now
  settled (static again, as an overlay is once drawn) are detected again, in a crop around them;
  blocks that never settle (the camera picture) are left to the periodic full pass;
- a full pass runs on the first frame, on a scene change, when most of the frame changed at
  once, and every ``full_every_s`` seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from app.geometry import Box
from app.ocr.base import OcrEngine, OcrLine

_SIG_SIZE = (32, 8)


@dataclass(slots=True)
class ReadStats:
    """What one sample cost, for the benchmark and the status line."""

    mode: str  # "full", "partial" or "cached"
    recognized: int = 0  # lines re-recognised in their known boxes
    detected_regions: int = 0  # crops sent to detection
    detected_area: float = 0.0  # share of the frame sent to detection


@dataclass(slots=True)
class _Tracked:
    line: OcrLine
    sig: np.ndarray
    changes: int = 0  # consecutive samples whose pixels changed
    fine: np.ndarray | None = None  # finer signature when the line was read (see _reuser)


_FINE_THR = 24  # grey levels per 4×4 cell: above H.264 noise, below a changed stroke


def _fine_sig(gray: np.ndarray, box: Box) -> np.ndarray:
    """Mean grey of 4×4-pixel cells of the box (a changed digit shows in some cell)."""
    h, w = gray.shape
    b = box.clipped(w, h)
    if b.w < 4 or b.h < 4:
        return np.zeros((1, 1), np.int16)
    crop = gray[b.y : b.y2, b.x : b.x2]
    return cv2.resize(crop, (b.w // 4, b.h // 4), interpolation=cv2.INTER_AREA).astype(np.int16)


@dataclass(slots=True)
class IncrementalReader:
    engine: OcrEngine
    # Whole-frame read (default: engine.read); gets a ``reuse`` lookup for unchanged lines.
    full_read: Callable[..., list[OcrLine]] | None = None
    # Lines that are the audience's (chat, 弹幕): when they change they are not read again
    # until the next full pass (see _partial).
    is_viewer: Callable[[OcrLine], bool] | None = None
    full_every_s: float = 10.0
    block: int = 32
    change_thr: float = 10.0  # mean abs grey-level difference that counts as a change
    full_if_changed: float = 0.6  # share of blocks changed at once that means "new scene"
    _lines: list[_Tracked] = field(default_factory=list)
    _det_grid: np.ndarray | None = None  # block means at the time each block was last detected
    _prev_grid: np.ndarray | None = None
    _stable: np.ndarray | None = None  # consecutive samples each block stayed the same
    _churn: np.ndarray | None = None  # decaying count of recent changes per block
    _viewer: np.ndarray | None = None  # blocks of audience text that changed since the full pass
    max_detect_area: float = 0.2  # more new area than this waits for the periodic full pass
    _last_full: float = -1e18
    _shape: tuple[int, int] = (0, 0)

    def reset(self) -> None:
        """Forget everything (scene change, reconnect): the next read is a full pass."""
        self._lines.clear()
        self._det_grid = self._prev_grid = None

    @property
    def lines(self) -> list[OcrLine]:
        return [tr.line for tr in self._lines if tr.line.text]

    def _grid(self, gray: np.ndarray) -> np.ndarray:
        h, w = gray.shape
        gw, gh = max(1, w // self.block), max(1, h // self.block)
        return cv2.resize(gray, (gw, gh), interpolation=cv2.INTER_AREA).astype(np.int16)

    @staticmethod
    def _sig(gray: np.ndarray, box: Box) -> np.ndarray:
        h, w = gray.shape
        b = box.clipped(w, h)
        if b.w < 2 or b.h < 2:
            return np.zeros((_SIG_SIZE[1], _SIG_SIZE[0]), np.int16)
        crop = gray[b.y : b.y2, b.x : b.x2]
        return cv2.resize(crop, _SIG_SIZE, interpolation=cv2.INTER_AREA).astype(np.int16)

    def _track(self, gray: np.ndarray, line: OcrLine) -> _Tracked:
        return _Tracked(line, self._sig(gray, line.box), fine=_fine_sig(gray, line.box))

    def read(
        self, image: np.ndarray, t: float, force_full: bool = False
    ) -> tuple[list[OcrLine], ReadStats]:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        grid = self._grid(gray)
        shape = image.shape[:2]
        changed_now = None
        if self._prev_grid is not None and self._prev_grid.shape == grid.shape:
            changed_now = np.abs(grid - self._prev_grid) > self.change_thr
        need_full = (
            force_full
            or self._det_grid is None
            or shape != self._shape
            or t - self._last_full >= self.full_every_s
            or (changed_now is not None and changed_now.mean() > self.full_if_changed)
        )
        self._prev_grid = grid
        if changed_now is None or self._stable is None or self._stable.shape != grid.shape:
            self._stable = np.zeros(grid.shape, np.int32)
            self._churn = np.zeros(grid.shape, np.float32)
        else:
            self._stable = np.where(changed_now, 0, self._stable + 1)
            assert self._churn is not None
            self._churn = 0.5 * self._churn + changed_now
        if need_full:
            return self._full(image, gray, grid, t), ReadStats("full")
        return self._partial(image, gray, grid, changed_now)

    def _full(
        self, image: np.ndarray, gray: np.ndarray, grid: np.ndarray, t: float
    ) -> list[OcrLine]:
        lines = (self.full_read or self.engine.read)(image, reuse=self._reuser(gray))
        self._lines = [self._track(gray, ln) for ln in lines]
        self._det_grid = grid.copy()
        self._viewer = np.zeros(grid.shape, bool)
        self._last_full = t
        self._shape = image.shape[:2]
        return self.lines

    def _reuser(self, gray: np.ndarray) -> Callable[[Box], OcrLine | None]:
        """For a full pass: the line already read in (almost) the same box, if unchanged.

        Most of a periodic full pass re-reads overlays that have not moved or changed; detection
        must still run (new text anywhere), recognition need not. "Unchanged" is strict here —
        every cell of a fine signature within noise — so one changed digit of a price is read
        again.
        """
        known = [tr for tr in self._lines if tr.line.text and tr.fine is not None]
        if not known:
            return lambda _box: None

        def reuse(box: Box) -> OcrLine | None:
            for tr in known:
                old = tr.line.box
                inter = old.intersection(box)
                if inter is None or inter.area < 0.85 * max(old.area, box.area):
                    continue
                fine = _fine_sig(gray, old)
                if fine.shape == tr.fine.shape and int(np.abs(fine - tr.fine).max()) <= _FINE_THR:
                    return OcrLine(tr.line.text, box, tr.line.confidence)
            return None

        return reuse

    def _partial(
        self, image: np.ndarray, gray: np.ndarray, grid: np.ndarray, changed_now: np.ndarray | None
    ) -> tuple[list[OcrLine], ReadStats]:
        stats = ReadStats("cached")
        # 1. Known lines whose pixels changed: recognise again in the same box.
        # A line that changes sample after sample is moving text (弹幕, a ticker): re-reading it
        # in a box it has already left is wasted work; the periodic full pass finds it again.
        # Audience text that changed (the chat scrolled) is dropped and its blocks left to the
        # full pass: reading it costs ~40 ms a line every time the chat moves, and whatever it
        # says can neither satisfy nor break a rule.
        stale = []
        assert self._viewer is not None
        kept: list[_Tracked] = []
        for tr in self._lines:
            sig = self._sig(gray, tr.line.box)
            if float(np.abs(sig - tr.sig).mean()) > self.change_thr:
                if self.is_viewer is not None and self.is_viewer(tr.line):
                    self._viewer[self._blocks(tr.line.box)] = True
                    continue
                tr.changes += 1
                if tr.changes <= 2:
                    stale.append((len(kept), sig))
            else:
                tr.changes = 0
            kept.append(tr)
        self._lines = kept
        if stale:
            fresh = self.engine.recognize(image, [self._lines[i].line.box for i, _ in stale])
            for (i, sig), line in zip(stale, fresh, strict=True):
                self._lines[i] = _Tracked(
                    line, sig, self._lines[i].changes, _fine_sig(gray, line.box)
                )
            stats.mode, stats.recognized = "partial", len(stale)

        # 2. Blocks that changed since their last detection and have settled: new overlays.
        assert self._det_grid is not None
        differs = np.abs(grid - self._det_grid) > self.change_thr
        # Settled: unchanged since the last sample, as an overlay is once drawn, and not a block
        # that keeps changing (the camera picture pauses for a sample now and then).
        assert self._stable is not None and self._churn is not None
        settled = differs & (self._stable >= 1) & (self._churn < 0.9)
        if settled.any():
            tracked = np.zeros_like(settled)
            _bh, _bw = settled.shape
            for tr in self._lines:
                tracked[self._blocks(tr.line.box)] = True
            new = settled & ~tracked & ~self._viewer
            # Blocks inside tracked lines are handled by step 1; accept their new state.
            self._det_grid[settled & tracked] = grid[settled & tracked]
            h, w = image.shape[:2]
            if new.any() and new.mean() <= self.max_detect_area:
                regions = self._regions(new)
                for r in regions:
                    box = Box(
                        r.x * self.block, r.y * self.block, r.w * self.block, r.h * self.block
                    ).expanded(self.block, self.block // 2, w, h)
                    self._detect_region(image, gray, box)
                    stats.detected_regions += 1
                    stats.detected_area += box.area / float(w * h)
                    self._det_grid[r.y : r.y2, r.x : r.x2] = grid[r.y : r.y2, r.x : r.x2]
                stats.mode = "partial"
        return self.lines, stats

    def _blocks(self, b: Box) -> tuple[slice, slice]:
        """The grid cells a box covers."""
        return (
            slice(b.y // self.block, (b.y2 - 1) // self.block + 1),
            slice(b.x // self.block, (b.x2 - 1) // self.block + 1),
        )

    @staticmethod
    def _regions(mask: np.ndarray) -> list[Box]:
        n, _, st, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
        return [
            Box(int(st[i, 0]), int(st[i, 1]), int(st[i, 2]), int(st[i, 3])) for i in range(1, n)
        ]

    def _detect_region(self, image: np.ndarray, gray: np.ndarray, box: Box) -> None:
        crop = np.ascontiguousarray(image[box.y : box.y2, box.x : box.x2])
        found = [
            OcrLine(
                ln.text, Box(ln.box.x + box.x, ln.box.y + box.y, ln.box.w, ln.box.h), ln.confidence
            )
            for ln in self.engine.read(crop)
        ]
        # Lines mostly inside the re-detected region are replaced by what detection found now.
        kept = [tr for tr in self._lines if tr.line.box.overlap_fraction(box) < 0.6]
        kept.extend(self._track(gray, ln) for ln in found)
        self._lines = kept
