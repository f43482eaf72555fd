"""Pieces every live source shares: the newest-frame slot and safe event delivery."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

import numpy as np

from app.capture.base import EventCallback, Frame, SourceEvent

log = logging.getLogger("app.capture")


class NewestFrame:
    """Holds only the newest frame; ``take`` hands each frame out at most once.

    Why: a live source captures faster or slower than the sampler reads, and the sampler wants
    what is on air now, never a queue of stale pictures.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: Frame | None = None
        self._handed = -1
        self._seq = 0

    def put(self, image: np.ndarray, t: float, wall: datetime | None = None,
            scene: str | None = None) -> Frame:
        with self._lock:
            frame = Frame(image=image, t=t, wall=wall or datetime.now(UTC), seq=self._seq,
                          scene=scene)
            self._seq += 1
            self._frame = frame
            return frame

    def take(self) -> Frame | None:
        with self._lock:
            frame = self._frame
            if frame is None or frame.seq <= self._handed:
                return None
            self._handed = frame.seq
            return frame


def emit(callback: EventCallback | None, source: str, kind: str, detail: str = "",
         **data: object) -> None:
    """Deliver an event; a listener that raises is logged, never allowed to stop the capture."""
    level = logging.WARNING if kind in ("error", "disconnected") else logging.INFO
    log.log(level, "%s: %s %s", source, kind, detail)
    if callback is None:
        return
    try:
        callback(SourceEvent(kind, datetime.now(UTC), detail, dict(data)))
    except Exception:
        log.exception("event listener failed on %s %s", source, kind)
