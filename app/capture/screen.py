"""A region of the screen (e.g. OBS's program preview or a projector window), read with mss.

Why mss: it is a thin ctypes layer over the platform's own screen grab (GDI BitBlt, XGetImage,
CoreGraphics), with no Qt and no native build. An mss instance is tied to the thread that made
it (on X11 it holds a display connection), so the capture thread makes its own.
"""

from __future__ import annotations

import time
from typing import Any

import mss
import mss.exception
import numpy as np

from app.capture._common import CaptureThread
from app.capture.base import SourceError

Region = tuple[int, int, int, int]


def _screen_error(exc: Exception) -> SourceError:
    return SourceError(
        f"无法截取屏幕 (cannot capture the screen: {exc}; on Linux a running X display is needed "
        "($DISPLAY); Wayland sessions block screen capture — use the OBS source instead)"
    )


class ScreenSource(CaptureThread):
    """Frames of a screen region (x, y, w, h in virtual-screen pixels), ``fps`` times a second.

    ``region=None`` captures monitor ``monitor`` (1 = the primary; 0 = all monitors together).
    """

    open_timeout_s = 10.0

    def __init__(
        self, region: Region | None = None, *, monitor: int = 1, fps: float = 2.0
    ) -> None:
        if region is not None:
            x, y, w, h = (int(v) for v in region)
            if w <= 0 or h <= 0:
                raise SourceError(f"屏幕区域无效 (screen region needs w, h > 0, got {region})")
            region = (x, y, w, h)
        if fps <= 0:
            raise SourceError("fps must be > 0")
        self.region = region
        self.monitor = monitor
        self.fps = fps
        self.name = "screen" if region is None else "screen:{},{},{},{}".format(*region)
        super().__init__()

    # -- internals -------------------------------------------------------------------------------

    def _area(self, sct: Any) -> dict[str, int]:
        monitors = sct.monitors
        if self.region is None:
            if not 0 <= self.monitor < len(monitors):
                raise SourceError(
                    f"显示器 {self.monitor} 不存在 (no monitor {self.monitor}; "
                    f"this PC has {len(monitors) - 1})"
                )
            return dict(monitors[self.monitor])
        x, y, w, h = self.region
        whole = monitors[0]  # the virtual screen spanning every monitor
        if (x < whole["left"] or y < whole["top"] or x + w > whole["left"] + whole["width"]
                or y + h > whole["top"] + whole["height"]):
            raise SourceError(
                f"屏幕区域超出屏幕 (region {x},{y},{w},{h} is outside the screen "
                f"{whole['left']},{whole['top']},{whole['width']},{whole['height']})"
            )
        return {"left": x, "top": y, "width": w, "height": h}

    def _main(self) -> None:
        try:
            # mss 10.2 renamed the factory to MSS and deprecated mss.mss; pyproject allows 9.x.
            factory = getattr(mss, "MSS", None) or mss.mss
            sct = factory()
        except Exception as exc:
            self._started(_screen_error(exc))
            return
        try:
            try:
                area = self._area(sct)
                sct.grab(area)  # fail in start(), not later
            except SourceError as exc:
                self._started(exc)
                return
            except Exception as exc:
                self._started(_screen_error(exc))
                return
            self._started()
            self._emit("connected", self.name, area=area)
            period = 1.0 / self.fps
            failing = False
            while not self._stopping.is_set():
                started = time.monotonic()
                try:
                    shot = sct.grab(area)
                except mss.exception.ScreenShotError as exc:
                    if not failing:  # e.g. a locked Windows session: report once, keep trying
                        self._emit("error", f"截屏失败 (screen capture failed: {exc})")
                        failing = True
                else:
                    failing = False
                    image = np.ascontiguousarray(np.asarray(shot)[:, :, :3])  # BGRA → BGR
                    self._newest.put(image, started)
                self._stopping.wait(max(0.0, period - (time.monotonic() - started)))
        finally:
            sct.close()
