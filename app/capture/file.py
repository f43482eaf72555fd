"""A recording (mp4/flv/mkv/...) as a source, for audits after the show and for rehearsals.

Two modes:

* ``fast`` (audit): decode as fast as the PC allows and hand out one frame every ``interval``
  seconds of media time. ``grab()`` decodes on demand on the caller's thread (a finite source
  has nothing to wait for), so the audit runs at full speed with no frames dropped.
* ``realtime`` (live-like): a thread paces decoding to media time and keeps the newest frame, so
  a monitor sees the recording as it would see the show; ``interval=0`` keeps every frame.

How samples are reached, measured on a 30 s 1920×1080 25 fps H.264 file on a 2-core PC
(OpenCV 5 / FFmpeg): for 1 sample/s, ``grab()`` to skip frames (decode, but no colour
conversion) then ``retrieve()`` the sample gave 17 samples/s with x264's default 250-frame GOP
and 19/s with a 2 s GOP, while seeking gave 3.6/s and 16/s (each seek decodes again from the
previous keyframe). For 10 s steps seeking won (3 samples in 0.17 s vs 1.2 s with a 2 s GOP).
So ``strategy="auto"`` skips with ``grab()`` below ``SEEK_FROM_S`` and seeks above it.

Frames carry media time in ``t`` (from the container's timestamps, so variable-frame-rate
recordings are right) and ``progress()`` gives (position, duration) for a progress bar.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cv2

from app.capture._common import emit
from app.capture.base import EventCallback, Frame, SourceError

SEEK_FROM_S = 4.0
MODES = ("fast", "realtime")
STRATEGIES = ("auto", "grab", "seek")


class FileSource:
    """Frames from a video file; see the module docstring for the modes.

    ``start_wall`` is when the recording started (if known), so frames get a real wall time
    (``start_wall + t``); otherwise ``wall`` is when the frame was decoded.
    """

    def __init__(
        self,
        path: str | Path,
        mode: str = "fast",
        interval: float | None = None,
        *,
        strategy: str = "auto",
        start_wall: datetime | None = None,
        from_s: float = 0.0,
        until_s: float | None = None,
    ) -> None:
        if mode not in MODES:
            raise SourceError(f"文件模式无效 (file mode must be one of {MODES}, not {mode!r})")
        if strategy not in STRATEGIES:
            raise SourceError(f"strategy must be one of {STRATEGIES}, not {strategy!r}")
        self.path = Path(path)
        self.name = f"file:{self.path}"
        self.mode = mode
        self.interval = float(interval if interval is not None else (1.0 if mode == "fast" else 0))
        if self.interval < 0:
            raise SourceError("interval must be >= 0 seconds")
        self.strategy = strategy
        if strategy == "auto":
            self.strategy = "seek" if self.interval >= SEEK_FROM_S else "grab"
        self.start_wall = start_wall
        # Fast mode only: the stretch [from_s, until_s) of media time, for an audit split across
        # processes. Samples stay on the same grid (from_s is a multiple of the interval).
        if from_s < 0 or (until_s is not None and until_s <= from_s):
            raise SourceError(f"bad stretch of the recording: {from_s}–{until_s} s")
        self.from_s, self.until_s = float(from_s), until_s
        self.fps = 0.0
        self.duration: float | None = None
        self.size: tuple[int, int] = (0, 0)
        self._cap: cv2.VideoCapture | None = None
        self._lock = threading.Lock()
        self._seq = 0
        self._index = 0  # frames grabbed so far (fallback clock when timestamps are missing)
        self._next_t = self.from_s
        self._position = self.from_s
        self._eof = False
        self._frame: Frame | None = None  # realtime: newest frame not handed out yet
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._on_event: EventCallback | None = None

    # -- Source interface ------------------------------------------------------------------------

    def start(self, on_event: EventCallback | None = None) -> None:
        if self._cap is not None:
            return
        if not self.path.is_file():
            raise SourceError(f"文件不存在 (recording not found: {self.path})")
        cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        if not cap.isOpened():
            raise SourceError(
                f"无法打开录像 (cannot decode {self.path}: not a video OpenCV/FFmpeg can read; "
                "try remuxing it to mp4 in OBS: File → Remux Recordings)"
            )
        self._cap = cap
        self._on_event = on_event
        self.fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        count = float(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0.0)
        self.duration = count / self.fps if self.fps > 0 and count > 0 else None
        w, h = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        self.size = (w, h)
        self._emit("connected", f"{self.path.name}: {w}×{h} @ {self.fps:g} fps",
                   duration=self.duration, fps=self.fps)
        if self.from_s > 0:
            # OpenCV seeks to the keyframe before and decodes up to the frame asked for.
            cap.set(cv2.CAP_PROP_POS_MSEC, self.from_s * 1000.0)
            if self.fps > 0:
                self._index = round(self.from_s * self.fps)
        if self.mode == "realtime":
            self._thread = threading.Thread(target=self._realtime_main, name=f"capture-{self.name}",
                                            daemon=True)
            self._thread.start()

    def grab(self) -> Frame | None:
        if self.mode == "realtime":
            with self._lock:
                frame, self._frame = self._frame, None
                return frame
        with self._lock:
            return self._next_sample()

    @property
    def finished(self) -> bool:
        with self._lock:
            return self._eof and self._frame is None

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(5)
        with self._lock:
            if self._cap is not None:
                self._cap.release()
            self._eof = True

    # -- progress --------------------------------------------------------------------------------

    @property
    def position(self) -> float:
        """Media time (s) reached so far."""
        return self._position

    def progress(self) -> tuple[float, float | None]:
        """(position, duration) in seconds; duration is None when the container does not say."""
        return self._position, self.duration

    # -- internals -------------------------------------------------------------------------------

    def _emit(self, kind: str, detail: str = "", **data: object) -> None:
        emit(self._on_event, self.name, kind, detail, **data)

    def _media_time(self, cap: cv2.VideoCapture) -> float:
        msec = float(cap.get(cv2.CAP_PROP_POS_MSEC))
        if msec > 0 or self._index == 0 or self.fps <= 0:
            return msec / 1000.0
        return self._index / self.fps

    def _make_frame(self, cap: cv2.VideoCapture, t: float) -> Frame | None:
        ok, image = cap.retrieve()
        if not ok or image is None:
            return None
        wall = self.start_wall + timedelta(seconds=t) if self.start_wall else datetime.now(UTC)
        frame = Frame(image=image, t=t, wall=wall, seq=self._seq)
        self._seq += 1
        return frame

    def _advance(self, cap: cv2.VideoCapture) -> float | None:
        """Grab (decode without converting) the next frame; its media time, or None at the end."""
        if not cap.grab():
            return None
        t = self._media_time(cap)
        self._index += 1
        self._position = t
        return t

    def _next_grid_time(self, t: float, half_frame: float) -> float:
        """The next sample time on the 0, interval, 2·interval… grid after media time ``t``.

        A grid, not ``t + interval``: frame times are quantised, so stepping from the frame we
        got would drift (0, 0.52, 1.04… at 25 fps).
        """
        if self.interval <= 0:
            return t + half_frame  # every frame
        nxt = self._next_t
        while nxt <= t + half_frame:
            nxt += self.interval
        return nxt

    def _next_sample(self) -> Frame | None:
        """Fast mode: the next frame at or after the next sample time (caller holds the lock)."""
        cap = self._cap
        if cap is None or self._eof:
            return None
        half_frame = 0.5 / self.fps if self.fps > 0 else 0.001
        if self.strategy == "seek" and self._index > 0:
            cap.set(cv2.CAP_PROP_POS_MSEC, self._next_t * 1000.0)
            if self.fps > 0:
                self._index = round(self._next_t * self.fps)
        while True:
            t = self._advance(cap)
            if t is None:
                self._eof = True
                if self.duration is not None:
                    self._position = max(self._position, self.duration)
                return None
            if self.until_s is not None and t + half_frame >= self.until_s:
                self._eof = True
                return None
            if t + half_frame >= self._next_t:
                frame = self._make_frame(cap, t)
                if frame is None:
                    continue
                self._next_t = self._next_grid_time(t, half_frame)
                return frame

    def _realtime_main(self) -> None:
        cap = self._cap
        assert cap is not None
        started = time.monotonic()
        first_t: float | None = None
        half_frame = 0.5 / self.fps if self.fps > 0 else 0.001
        try:
            while not self._stopping.is_set():
                with self._lock:
                    t = self._advance(cap)
                if t is None:
                    break
                if first_t is None:
                    first_t = t
                delay = (t - first_t) - (time.monotonic() - started)
                if delay > 0 and self._stopping.wait(delay):
                    break
                if t + half_frame >= self._next_t:
                    with self._lock:
                        frame = self._make_frame(cap, t)
                        if frame is not None:
                            self._frame = frame
                    self._next_t = self._next_grid_time(t, half_frame)
        except Exception as exc:  # the UI must hear about it
            self._emit("error", f"录像解码出错 (decoding failed: {exc})")
        finally:
            with self._lock:
                self._eof = True
