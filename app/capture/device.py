"""A capture card or the OBS Virtual Camera, read with OpenCV on its own thread.

Why a thread: ``VideoCapture.read()`` blocks until the device delivers the next frame, and a
capture card that loses its HDMI signal can block for seconds. The thread keeps only the newest
frame, so ``grab()`` never waits. If the device stops delivering (unplugged, taken by another
program) we emit ``disconnected`` and reopen it with backoff, like the OBS source does.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import cv2

from app.capture._common import CaptureThread
from app.capture.base import SourceError

Opener = Callable[[], cv2.VideoCapture]


def default_backend() -> int:
    """DirectShow on Windows (MSMF takes seconds to open a card), V4L2 on Linux."""
    if sys.platform == "win32":
        return int(cv2.CAP_DSHOW)
    if sys.platform.startswith("linux"):
        return int(cv2.CAP_V4L2)
    if sys.platform == "darwin":
        return int(cv2.CAP_AVFOUNDATION)
    return int(cv2.CAP_ANY)


def not_found_message(index: int) -> str:
    return (
        f"采集设备 {index} 不存在或被占用 (capture device {index} not found or in use: check the "
        "card is plugged in and no other program (OBS preview, Zoom…) has it open; for the OBS "
        "Virtual Camera click Start Virtual Camera in OBS first; try device:0, device:1, …)"
    )


class DeviceSource(CaptureThread):
    """Frames from ``cv2.VideoCapture(index)``.

    ``width``/``height``/``fps`` ask the device for a mode (it may pick the nearest).
    ``stall_timeout`` is how long without a frame counts as a lost device. ``opener`` replaces
    how the capture is opened (tests use a video file in place of hardware).
    """

    def __init__(
        self,
        index: int = 0,
        *,
        width: int | None = None,
        height: int | None = None,
        fps: float | None = None,
        backend: int | None = None,
        stall_timeout: float = 3.0,
        max_backoff: float = 5.0,
        opener: Opener | None = None,
    ) -> None:
        self.index = int(index)
        self.name = f"device:{self.index}"
        self.width, self.height, self.fps = width, height, fps
        self.backend = default_backend() if backend is None else backend
        self.stall_timeout = stall_timeout
        self.max_backoff = max_backoff
        self._opener = opener
        super().__init__()

    # -- internals -------------------------------------------------------------------------------

    def _open(self) -> cv2.VideoCapture | None:
        if self._opener is not None:
            cap = self._opener()
        else:
            cap = cv2.VideoCapture(self.index, self.backend)
            if self.width:
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            if self.height:
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            if self.fps:
                cap.set(cv2.CAP_PROP_FPS, self.fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # newest frame, not a queue of old ones
        if not cap.isOpened():
            cap.release()
            return None
        return cap

    def _read_until_stalled(self, cap: cv2.VideoCapture) -> str | None:
        """Read frames until the device fails; the reason, or None when stop() was called."""
        last_ok = time.monotonic()
        while not self._stopping.is_set():
            ok, image = cap.read()
            now = time.monotonic()
            if ok and image is not None:
                last_ok = now
                self._newest.put(image, now)
                continue
            if now - last_ok > self.stall_timeout or not cap.isOpened():
                return f"采集设备无画面 (device {self.index} stopped delivering frames)"
            time.sleep(0.05)
        return None

    def _main(self) -> None:
        cap = self._open()
        if cap is None:
            self._started(SourceError(not_found_message(self.index)))
            return
        self._started()
        self._emit("connected", f"device {self.index}")
        backoff = 0.5
        lost_at = 0.0
        while True:
            try:
                reason = self._read_until_stalled(cap)
            finally:
                cap.release()
            if reason is None:
                return
            lost_at = time.monotonic()
            self._emit("disconnected", reason)
            while True:
                self._emit("reconnecting", f"retry in {backoff:.1f} s", delay=backoff)
                if self._stopping.wait(backoff):
                    return
                reopened = self._open()
                if reopened is not None:
                    cap = reopened
                    break
                backoff = min(backoff * 2, self.max_backoff)
            backoff = 0.5
            self._emit("connected", f"device {self.index}",
                       gap_s=round(time.monotonic() - lost_at, 3))
