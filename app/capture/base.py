"""The Source interface: where frames come from (OBS, a capture device, the screen, a file, demo).

A live source captures on its own thread and ``grab`` hands back the newest frame at once, so a
slow OBS screenshot (100 ms–3 s on a busy PC) never blocks the sampling loop. A finite source
(a recording read for an audit) decodes on demand and says ``finished`` at its end.
Connection changes reach the caller as ``SourceEvent``s through the ``on_event`` callback, which
may be called from the source's own thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

import numpy as np


@dataclass(frozen=True, slots=True)
class Frame:
    """One captured picture. ``image`` is BGR uint8 (OpenCV order)."""

    image: np.ndarray
    t: float  # seconds on the source's clock: monotonic for live sources, media time for files
    wall: datetime  # wall-clock time the frame was captured (UTC, tz-aware)
    seq: int  # increases by one per captured frame
    scene: str | None = None  # program scene name, where the source knows it


@dataclass(frozen=True, slots=True)
class SourceEvent:
    """``kind``: connected, disconnected, reconnecting, scene_changed, error."""

    kind: str
    wall: datetime
    detail: str = ""
    data: dict[str, object] = field(default_factory=dict)


EventCallback = Callable[[SourceEvent], None]


class SourceError(RuntimeError):
    """A source cannot start; the message says what to do (in English and Chinese)."""


@runtime_checkable
class Source(Protocol):
    name: str  # e.g. "obs", "device:0", "screen:0,0,1920,1080", "file:/path.mp4", "demo"

    def start(self, on_event: EventCallback | None = None) -> None:
        """Begin capturing. Raises ``SourceError`` only for errors retrying cannot fix."""
        ...

    def grab(self) -> Frame | None:
        """The newest frame not handed out before, or ``None`` if there is none yet."""
        ...

    @property
    def finished(self) -> bool:
        """True once a finite source has delivered its last frame (always False when live)."""
        ...

    def stop(self) -> None:
        """Stop capturing and release the device/connection; safe to call twice."""
        ...
