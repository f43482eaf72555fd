"""The demo source: a scripted live room, so the app shows what it does on a PC without OBS.

It is the default source and the subject of the monitor's end-to-end tests. A looping timeline
(``resources/demo/timeline.toml``, ~70 s) removes the ad label, covers it with a sticker, shows a
banned term and a QR code, with compliant stretches between, and ``demo_scene`` draws each frame.

Why it behaves like a live source rather than a file: the monitor must meet the same contract
it meets with OBS — frames made on another thread, ``grab`` never blocking and returning only
the newest frame (frames the caller was too slow for are dropped, as with a real capture), a
``connected`` event at start. ``speed`` runs the scene faster than real time for tests without
changing what is on screen at a given scene time; ``clock`` makes the pacing deterministic.

Frame times: ``Frame.t`` is *scene* seconds since start (frame ``n`` is at ``n / fps``, so at
``speed`` 10 a 75 s scene takes 7.5 s), and it keeps growing across loops; ``demo_expected_at``
folds it into the loop. ``Frame.wall`` is the real time the frame was made.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from app.capture.base import EventCallback, Frame, SourceError, SourceEvent
from app.capture.demo_scene import (
    MERCHANT_TEXT,
    PRICE_TEXT,
    PRODUCT_TITLE,
    DemoScene,
    SceneState,
)
from app.fonts import FontNotFoundError
from app.rules.paths import resources_dir

log = logging.getLogger(__name__)

NAME = "demo"
DEFAULT_SIZE = (1280, 720)
PORTRAIT_SIZE = (1080, 1920)
AD_LABEL_STATES = ("ok", "missing", "occluded")
_SEGMENT_KEYS = {"name", "start", "end", "ad_label", "banned_text", "banned_term", "qr",
                 "ai_label", "note"}


def default_timeline_path() -> Path:
    return resources_dir() / "demo" / "timeline.toml"


@dataclass(frozen=True, slots=True)
class Segment:
    """One scripted fault, active for loop time ``start <= t < end``."""

    name: str
    start: float
    end: float
    ad_label: str = "ok"
    banned_text: str | None = None
    banned_term: str | None = None
    qr: str | None = None
    ai_label: bool = False
    note: str = ""

    @property
    def state(self) -> SceneState:
        return SceneState(self.ad_label, self.banned_text, self.qr, self.ai_label)


@dataclass(frozen=True, slots=True)
class Timeline:
    """The looping script; segments are sorted and never overlap (one fault at a time)."""

    loop_seconds: float
    segments: tuple[Segment, ...]

    def loop_time(self, t: float) -> float:
        return t % self.loop_seconds

    def segment_at(self, t: float) -> Segment | None:
        """The segment on screen at scene time ``t`` (folded into the loop), or None if quiet."""
        lt = self.loop_time(t)
        for seg in self.segments:
            if seg.start <= lt < seg.end:
                return seg
        return None

    def state_at(self, t: float) -> SceneState:
        seg = self.segment_at(t)
        return SceneState() if seg is None else seg.state

    def next_change(self, t: float) -> tuple[float, Segment | None]:
        """Seconds until the picture next changes state, and the segment that then begins
        (None when the change is back to compliance)."""
        lt = self.loop_time(t)
        for seg in self.segments:
            if lt < seg.start:
                return seg.start - lt, seg
            if lt < seg.end:
                return seg.end - lt, None
        first = self.segments[0] if self.segments else None
        start = first.start if first else 0.0
        return self.loop_seconds - lt + start, first


def _parse_timeline(data: dict[str, Any], origin: str) -> Timeline:
    def bad(msg: str) -> ValueError:
        return ValueError(f"{origin}: {msg}")

    loop = float(data.get("loop_seconds", 0))
    if loop <= 0:
        raise bad("loop_seconds must be > 0")
    segs = []
    for i, raw in enumerate(data.get("segment", [])):
        unknown = set(raw) - _SEGMENT_KEYS
        if unknown:
            raise bad(f"segment {i}: unknown keys {sorted(unknown)}")
        try:
            seg = Segment(
                name=str(raw["name"]),
                start=float(raw["start"]),
                end=float(raw["end"]),
                ad_label=str(raw.get("ad_label", "ok")),
                banned_text=raw.get("banned_text"),
                banned_term=raw.get("banned_term"),
                qr=raw.get("qr"),
                ai_label=bool(raw.get("ai_label", False)),
                note=str(raw.get("note", "")),
            )
        except KeyError as exc:
            raise bad(f"segment {i}: missing {exc.args[0]!r}") from exc
        if not 0 <= seg.start < seg.end <= loop:
            raise bad(f"segment {seg.name!r}: need 0 <= start < end <= loop_seconds")
        if seg.ad_label not in AD_LABEL_STATES:
            raise bad(f"segment {seg.name!r}: ad_label must be one of {AD_LABEL_STATES}")
        if seg.banned_term and (not seg.banned_text or seg.banned_term not in seg.banned_text):
            raise bad(f"segment {seg.name!r}: banned_term must be part of banned_text")
        segs.append(seg)
    segs.sort(key=lambda s: s.start)
    for a, b in itertools.pairwise(segs):
        if b.start < a.end:
            raise bad(f"segments {a.name!r} and {b.name!r} overlap")
    return Timeline(loop, tuple(segs))


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> Timeline:
    with open(path, "rb") as fh:
        return _parse_timeline(tomllib.load(fh), path)


def load_timeline(path: Path | None = None) -> Timeline:
    """The timeline in ``path`` (default: the shipped one); cached until the file changes."""
    p = Path(path) if path is not None else default_timeline_path()
    try:
        mtime = p.stat().st_mtime
    except OSError as exc:
        raise SourceError(
            f"演示脚本缺失 (demo timeline not found at {p}: reinstall LiveComply or set "
            "LIVECOMPLY_RESOURCES to the resources folder)"
        ) from exc
    return _load(str(p), mtime)


@lru_cache(maxsize=4)
def demo_scene(size: tuple[int, int] = DEFAULT_SIZE) -> DemoScene:
    """One renderer per frame size, shared: building its static layers takes ~0.3 s."""
    return DemoScene(tuple(size))  # type: ignore[arg-type]


def demo_frame_at(t: float, size: tuple[int, int] = DEFAULT_SIZE) -> np.ndarray:
    """The BGR frame the demo shows at scene time ``t`` (deterministic; for tests and previews)."""
    return demo_scene(tuple(size)).render(t, load_timeline().state_at(t))  # type: ignore[arg-type]


def demo_expected_at(t: float) -> dict[str, Any]:
    """What is on screen at scene time ``t``: the truth for tests and the UI's hint text.

    Keys: ``segment`` (name or "quiet"), ``ad_label`` ("ok" / "missing" / "occluded"),
    ``banned_term`` and ``banned_text`` (None when none shows), ``qr`` (payload or None),
    ``ai_label``, ``merchant_info``, ``price``, ``product``, ``note``, ``loop_t``, and
    ``next_in`` / ``next_segment`` (seconds until the next change and what it brings).
    """
    tl = load_timeline()
    seg = tl.segment_at(t)
    state = tl.state_at(t)
    next_in, nxt = tl.next_change(t)
    return {
        "segment": seg.name if seg else "quiet",
        "ad_label": state.ad_label,
        "banned_term": seg.banned_term if seg else None,
        "banned_text": state.banned_text,
        "qr": state.qr_payload,
        "ai_label": state.ai_label,
        "merchant_info": MERCHANT_TEXT,
        "price": PRICE_TEXT,
        "product": PRODUCT_TITLE,
        "note": seg.note if seg else "全部合规：广告标识、商家信息、价格均在画面上",
        "loop_t": tl.loop_time(t),
        "next_in": next_in,
        "next_segment": nxt.name if nxt else "quiet",
    }


class DemoSource:
    """The scripted live room as a ``Source`` (name "demo").

    ``fps`` is frames per *scene* second; they arrive at ``fps × speed`` per real second.
    With ``loop`` the script repeats forever; without it the source is ``finished`` after the
    last frame of one lap. ``duration`` (scene seconds) ends it earlier or, with ``loop``,
    after several laps. ``clock`` replaces ``time.monotonic`` for deterministic tests (the
    thread then polls it every 5 ms instead of sleeping until the next frame is due).
    """

    name = NAME

    def __init__(
        self,
        fps: float = 2.0,
        speed: float = 1.0,
        loop: bool = True,
        duration: float | None = None,
        size: tuple[int, int] = DEFAULT_SIZE,
        clock: Callable[[], float] | None = None,
        timeline: Path | None = None,
    ) -> None:
        if fps <= 0 or speed <= 0:
            raise ValueError("fps and speed must be > 0")
        if duration is not None and duration <= 0:
            raise ValueError("duration must be > 0 scene seconds")
        self.fps = float(fps)
        self.speed = float(speed)
        self.loop = loop
        self.duration = duration
        self.size = (int(size[0]), int(size[1]))
        self._clock = clock or time.monotonic
        self._poll = clock is not None
        self._timeline_path = timeline
        self.timeline: Timeline | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending: Frame | None = None
        self._ended = False
        self._on_event: EventCallback | None = None

    @property
    def end_time(self) -> float | None:
        """Scene time at which the source ends (None: never)."""
        ends = [] if self.timeline is None or self.loop else [self.timeline.loop_seconds]
        if self.duration is not None:
            ends.append(self.duration)
        return min(ends) if ends else None

    def start(self, on_event: EventCallback | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("DemoSource.start() called twice")
        self._on_event = on_event
        self.timeline = load_timeline(self._timeline_path)
        try:
            scene = demo_scene(self.size)  # builds the static layers here, so errors surface now
        except FontNotFoundError as exc:
            raise SourceError(str(exc)) from exc
        except ValueError as exc:
            raise SourceError(f"演示画面尺寸无效 (invalid demo frame size: {exc})") from exc
        self._stop.clear()
        t0 = self._clock()
        self._thread = threading.Thread(target=self._run, args=(scene, self.timeline, t0),
                                        name="demo-source", daemon=True)
        self._thread.start()
        w, h = self.size
        self._emit("connected", f"演示直播间 demo scene {w}×{h}, {self.fps:g} fps, "
                   f"{self.timeline.loop_seconds:g} s loop",
                   {"size": [w, h], "fps": self.fps, "speed": self.speed,
                    "loop_seconds": self.timeline.loop_seconds})

    def _emit(self, kind: str, detail: str = "", data: dict[str, object] | None = None) -> None:
        cb = self._on_event
        if cb is None:
            return
        try:
            cb(SourceEvent(kind, datetime.now(UTC), detail, data or {}))
        except Exception:  # a faulty listener must not stop the capture
            log.exception("demo source event callback failed")

    def _run(self, scene: DemoScene, timeline: Timeline, t0: float) -> None:
        """Render frame ``n`` (scene time ``n / fps``) when it is due; skip the ones we missed."""
        end = self.end_time
        last = None if end is None else max(0, math.ceil(end * self.fps) - 1)
        rate = self.fps * self.speed  # frames per real second
        n = 0
        seq = 0
        try:
            while not self._stop.is_set():
                due = math.floor((self._clock() - t0) * rate + 1e-9)
                if due >= n:
                    idx = due if last is None else min(due, last)
                    t = idx / self.fps
                    image = scene.render(t, timeline.state_at(t))
                    frame = Frame(image=image, t=t, wall=datetime.now(UTC), seq=seq, scene=NAME)
                    seq += 1
                    with self._lock:
                        self._pending = frame
                    n = idx + 1
                    if last is not None and idx >= last:
                        with self._lock:
                            self._ended = True
                        return
                wait = t0 + n / rate - self._clock()
                self._stop.wait(min(max(wait, 0.0), 0.005) if self._poll else max(wait, 0.0))
        except Exception as exc:  # tell the UI; a silent dead thread would look like a frozen room
            log.exception("demo source failed")
            self._emit("error", f"演示画面渲染失败 (demo renderer failed: {exc})")

    def grab(self) -> Frame | None:
        with self._lock:
            frame, self._pending = self._pending, None
        return frame

    @property
    def finished(self) -> bool:
        with self._lock:
            return self._ended and self._pending is None

    def stop(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5.0)
            if thread.is_alive():  # pragma: no cover - render never takes this long
                log.warning("demo source thread did not stop within 5 s")
