"""Pieces every live source shares: the newest-frame slot and safe event delivery."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

import numpy as np

from app.capture.base import EventCallback, Frame, SourceError, SourceEvent

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


class CaptureThread:
    """A live source that captures on its own thread into a ``NewestFrame`` slot.

    Subclasses set ``name`` and implement ``_main``, which opens the device and then must call
    ``_started(error)`` once: ``start`` waits for it, so a device that cannot be opened is an
    error for the caller at once instead of a silent, empty source.
    """

    name: str
    open_timeout_s = 15.0

    def __init__(self) -> None:
        self._newest = NewestFrame()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._start_error: SourceError | None = None
        self._on_event: EventCallback | None = None

    @property
    def finished(self) -> bool:
        return False  # a live source never ends by itself

    def start(self, on_event: EventCallback | None = None) -> None:
        if self._thread is not None:
            return
        self._on_event = on_event
        # Open on the capture thread: some backends (DirectShow) want the thread that reads.
        self._thread = threading.Thread(target=self._main, name=f"capture-{self.name}",
                                        daemon=True)
        self._thread.start()
        self._ready.wait(self.open_timeout_s)
        if self._start_error is not None:
            self._thread.join(5)
            raise self._start_error

    def grab(self) -> Frame | None:
        return self._newest.take()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)

    def _started(self, error: SourceError | None = None) -> None:
        """Called once by ``_main`` when the device is open (or could not be opened)."""
        self._start_error = error
        self._ready.set()

    def _emit(self, kind: str, detail: str = "", **data: object) -> None:
        emit(self._on_event, self.name, kind, detail, **data)

    def _main(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
