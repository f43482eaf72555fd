"""The monitoring loop: Source → IncrementalReader → FrameChecker → Monitor → Store, subscribers.

One thread runs the loop (the CLI's main thread, or a worker the UI starts); sources capture on
their own threads and hand events over through a queue, so only this loop writes the store.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import cv2
import numpy as np

from app.capture.base import Frame, Source, SourceEvent
from app.checker.frame_checker import FrameChecker
from app.checker.result import ELEMENTS, FrameResult, Status
from app.monitor import events as ev
from app.monitor.anchors import ElementAnchors
from app.monitor.events import MonitorEvent
from app.monitor.monitor import Monitor
from app.rules.profile import Zone
from app.sampler.incremental import IncrementalReader, ReadStats

log = logging.getLogger(__name__)

STATUS_CODE = {
    Status.OK: "o",
    Status.MISSING: "m",
    Status.ILLEGIBLE: "i",
    Status.OCCLUDED: "c",
    Status.MISPLACED: "p",
    Status.NOT_REQUIRED: "-",
}


@dataclass(slots=True)
class SampleUpdate:
    """One processed sample, for a status line or the UI's preview."""

    t: float
    wall: datetime
    frame: Frame | None  # None when the sample was analysed in another process (audit)
    result: FrameResult
    stats: ReadStats
    elapsed_ms: float


@dataclass(slots=True)
class Analysed:
    """One frame read and judged; what crosses from an audit worker to the recording loop."""

    t: float
    result: FrameResult
    stats: ReadStats
    elapsed_ms: float
    snapshot: bytes | None = None  # JPEG of the frame, sent along when it was not compliant

    def jpeg(self) -> bytes | None:
        """The evidence snapshot, asked for when a violation starts on this sample (which is
        never a compliant one, so a worker that sends JPEGs for non-compliant samples only
        never leaves a violation without its picture)."""
        return self.snapshot


@dataclass(slots=True)
class RunSummary:
    session: str
    samples: int = 0
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended: datetime | None = None
    events: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    elapsed_ms_total: float = 0.0
    gaps: int = 0

    def to_json(self) -> dict[str, Any]:
        dur = ((self.ended or datetime.now(UTC)) - self.started).total_seconds()
        return {
            "session": self.session,
            "samples": self.samples,
            "duration_s": round(dur, 1),
            "violations": self.events.get(ev.VIOLATION_START, 0),
            "events": dict(self.events),
            "modes": dict(self.modes),
            "gaps": self.gaps,
            "mean_ms": round(self.elapsed_ms_total / max(1, self.samples), 1),
        }


def _libc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


_MALLOC_TRIM = _libc_trim()


def _release_freed_memory() -> None:
    """Hand freed heap back to the OS (glibc only) every few minutes of an 8 h show.

    Crops of every size come and go each second; glibc keeps the freed pieces in its arenas,
    which reads as steady RSS growth over hours although nothing is leaked.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def encode_snapshot(image: np.ndarray, max_width: int = 1280, quality: int = 80) -> bytes:
    h, w = image.shape[:2]
    if w > max_width:
        image = cv2.resize(
            image, (max_width, round(h * max_width / w)), interpolation=cv2.INTER_AREA
        )
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - imencode of a valid array does not fail
        raise ValueError("could not encode snapshot")
    return buf.tobytes()


class MonitorRunner:
    def __init__(
        self,
        source: Source,
        checker: FrameChecker,
        store: Any | None = None,
        *,
        sample_hz: float | None = None,
        realtime: bool = True,
        meta: dict[str, Any] | None = None,
        ad_label_follows_segments: bool = False,
        clock: Callable[[], float] = time.monotonic,
        stall_timeout_s: float = 120.0,
        full_every_s: float | None = None,
    ) -> None:
        self.source = source
        self.stall_timeout_s = stall_timeout_s
        self.checker = checker
        self.store = store
        settings = checker.profile.monitor
        self.sample_hz = sample_hz or settings.sample_hz
        self.realtime = realtime
        self.reader = IncrementalReader(
            checker.engine,
            full_read=checker.read_lines,
            is_viewer=checker.is_viewer_line,
            full_every_s=full_every_s or settings.full_detect_every_s,
        )
        self.session = ""
        if store is not None:
            meta = {
                "rule_pack_version": checker.pack.version,
                "engine": checker.engine.name,
                "sample_hz": self.sample_hz,
                **(meta or {}),
            }
            self.session = store.start_session(source.name, checker.profile.name, meta)
        self._start_seq: dict[str, int] = {}
        self.monitor = Monitor(settings, self.session, ad_label_follows_segments)
        self.anchors = ElementAnchors()
        self.summary = RunSummary(self.session)
        self._clock = clock
        self._stop = threading.Event()
        self._inbox: queue.Queue[SourceEvent | tuple[str, Any]] = queue.Queue()
        self._event_subs: list[Callable[[MonitorEvent], None]] = []
        self._sample_subs: list[Callable[[SampleUpdate], None]] = []
        self._connected = True
        self._gap_started: float | None = None
        self._force_full = True
        self._rejudge = False
        self._last_analysed: FrameResult | None = None

    # -- wiring ---------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[MonitorEvent], None]) -> None:
        """``callback`` gets every event, on the loop's thread; it must not block."""
        self._event_subs.append(callback)

    def on_sample(self, callback: Callable[[SampleUpdate], None]) -> None:
        self._sample_subs.append(callback)

    def stop(self) -> None:
        """Ask the loop to end after the sample in flight (thread-safe)."""
        self._stop.set()

    def set_ad_segment(self, active: bool, record: bool = True) -> None:
        """Ad segment marker from the host panel or a key (thread-safe).

        ``record=False`` when the caller records the marker itself (the teleprompter does), so
        the session holds each marker once.
        """
        self._inbox.put(("ad_segment", (active, record)))

    def set_zones(self, zones: Mapping[str, Sequence[Zone]]) -> None:
        """Expected overlay zones redrawn by the studio (thread-safe; applies from the next sample).

        The change is recorded (``zones_changed``) so a report shows why an element judged ok
        before became "misplaced" after, or the other way round.
        """
        clean = {e: tuple(tuple(float(v) for v in z) for z in zs) for e, zs in zones.items() if zs}
        self._inbox.put(("zones", clean))

    def on_source_event(self, e: SourceEvent) -> None:
        """What the source reports (connected, disconnected…); thread-safe, handled in order
        on the loop's thread."""
        self._inbox.put(e)

    # -- loop -----------------------------------------------------------------------------
    def run(self, duration: float | None = None) -> RunSummary:
        """Run until ``duration`` seconds of samples, the source ends, or ``stop()``."""
        self.source.start(self.on_source_event)
        period = 1.0 / self.sample_hz
        t_start = self._clock()
        next_tick = t_start
        first_t: float | None = None
        last_seq = -1
        last_t = 0.0
        last_frame_at = time.monotonic()
        try:
            while not self._stop.is_set():
                self._drain_inbox(last_t)
                frame = self.source.grab()
                if frame is not None and not self._connected:
                    # The source may have said "connected" inside this very grab(): apply it
                    # before deciding, or the first frame after a reconnection is dropped.
                    self._drain_inbox(last_t)
                if frame is not None and frame.seq != last_seq and self._connected:
                    last_frame_at = time.monotonic()
                    last_seq = frame.seq
                    first_t = frame.t if first_t is None else first_t
                    last_t = frame.t
                    self._process(frame)
                    if not self.realtime and duration is not None and frame.t - first_t >= duration:
                        break
                elif self.source.finished:
                    break
                # Live sources run for wall-clock time, so a slow sample cannot stretch the show.
                if self.realtime and duration is not None and self._clock() - t_start >= duration:
                    break
                if self.realtime:
                    next_tick += period
                    delay = next_tick - self._clock()
                    if delay < -period:  # fell behind (slow OCR): skip, don't burst
                        next_tick = self._clock()
                    elif delay > 0:
                        self._stop.wait(delay)
                elif frame is None:
                    # An audit must end even if its source stops delivering without saying so.
                    if time.monotonic() - last_frame_at > self.stall_timeout_s:
                        self._emit(
                            MonitorEvent(
                                ev.SOURCE_ERROR,
                                datetime.now(UTC),
                                self.session,
                                t=last_t,
                                detail={"detail": "source stalled"},
                            )
                        )
                        break
                    self._stop.wait(0.005)
        finally:
            self._drain_inbox(last_t)
            self._finish(last_t)
        return self.summary

    def _drain_inbox(self, t: float) -> None:
        while True:
            try:
                item = self._inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, SourceEvent):
                self._handle_source_event(item, t)
            elif item[0] == "ad_segment":
                active, record = item[1]
                for e in self.monitor.set_ad_segment(bool(active), t):
                    self._emit(e, record=record)
            elif item[0] == "zones":
                zones = item[1]
                self.checker.use_profile(replace(self.checker.profile, zones=zones))
                # Cached samples reuse the last result, which was judged by the old zones.
                self._rejudge = True
                if self.store is not None:
                    self.store.append(
                        self.session,
                        "zones_changed",
                        {"zones": {e: [list(z) for z in zs] for e, zs in zones.items()}},
                    )

    def _handle_source_event(self, e: SourceEvent, t: float) -> None:
        kind = e.kind
        detail: dict[str, Any] = {"detail": e.detail, **{k: v for k, v in e.data.items()}}
        store_kind = {
            "connected": "connected",
            "disconnected": "disconnected",
            "scene_changed": "scene_changed",
            "error": "source_error",
        }.get(kind)
        if kind == "disconnected":
            if not self._connected:
                return
            self._connected = False
            self._gap_started = time.monotonic()
            self.summary.gaps += 1
        elif kind == "connected":
            if self._gap_started is not None:
                store_kind = "reconnected"
                detail["gap_s"] = round(time.monotonic() - self._gap_started, 3)
                self._gap_started = None
            self._connected = True
            self._force_full = True
        elif kind == "scene_changed":
            self._force_full = True
            self.anchors.reset()
        if self.store is not None and store_kind is not None:
            self.store.source_event(
                self.session,
                store_kind,
                detail=e.detail,
                data={k: v for k, v in detail.items() if k != "detail"},
                t=e.wall,
            )
        self._emit(MonitorEvent(kind, e.wall, self.session, t=t, detail=detail))

    def _process(self, frame: Frame) -> None:
        image = frame.image
        analysed = self.analyse(image, frame.t)
        self._account(
            analysed, frame.wall, frame, snapshot=lambda: encode_snapshot(image)
        )

    def analyse(self, image: np.ndarray, t: float) -> Analysed:
        """Read and judge one frame (the costly half of a sample; no events, no store)."""
        t0 = time.perf_counter()
        lines, stats = self.reader.read(image, t, force_full=self._force_full)
        self._force_full = False
        previous = self._last_analysed
        if stats.mode == "cached" and previous is not None and not self._rejudge:
            # Nothing on screen changed: the last judgement stands (this is the steady state of
            # a long show, so it must cost next to nothing).
            result = dataclasses.replace(previous)
        else:
            analysis = self.checker.evaluate(image, lines, qr=True)
            result = self.anchors.apply(image, analysis.result, t)
        self._rejudge = False
        self._last_analysed = result
        elapsed = (time.perf_counter() - t0) * 1000.0
        result.elapsed_ms = elapsed
        return Analysed(t, result, stats, elapsed)

    def consume(self, samples: Iterable[Analysed], duration: float | None = None) -> RunSummary:
        """The events-and-evidence half of the loop over samples analysed elsewhere.

        A parallel audit analyses stretches of a recording in worker processes and hands the
        results here in media-time order, so one debounce state and one hash chain see the
        whole recording as the serial loop would.
        """
        last_t = 0.0
        first_t: float | None = None
        try:
            for a in samples:
                self._drain_inbox(last_t)
                if self._stop.is_set():
                    break
                first_t = a.t if first_t is None else first_t
                last_t = a.t
                self._account(a, datetime.now(UTC), None, snapshot=a.jpeg)
                if duration is not None and a.t - first_t >= duration:
                    break
        finally:
            close = getattr(samples, "close", None)
            if close is not None:  # a generator stopped early: let it stop its producers now
                close()
            self._drain_inbox(last_t)
            self._finish(last_t)
        return self.summary

    def _account(
        self,
        a: Analysed,
        wall: datetime,
        frame: Frame | None,
        snapshot: Callable[[], bytes | None] | None,
    ) -> None:
        result, stats, elapsed = a.result, a.stats, a.elapsed_ms
        events = self.monitor.process(a.t, result, wall, snapshot=snapshot)
        self.summary.samples += 1
        if self.summary.samples % 300 == 0:
            _release_freed_memory()
        self.summary.modes[stats.mode] += 1
        self.summary.elapsed_ms_total += elapsed
        if self.store is not None:
            statuses = "".join(STATUS_CODE[result.elements[e].status] for e in ELEMENTS)
            self.store.sample(
                self.session,
                statuses=statuses,
                banned=len(result.banned_terms),
                elapsed_ms=int(elapsed),
                t=wall,
                mode=stats.mode,
                qr=len(result.qr_codes),
                media_t=round(a.t, 3),
            )
        for e in events:
            self._emit(e)
        update = SampleUpdate(a.t, wall, frame, result, stats, elapsed)
        for cb in self._sample_subs:
            try:
                cb(update)
            except Exception:  # a broken preview must not stop the evidence loop
                log.exception("sample subscriber failed")

    def _emit(self, e: MonitorEvent, record: bool = True) -> None:
        self.summary.events[e.type] += 1
        if self.store is not None and e.type in (
            ev.VIOLATION_START,
            ev.VIOLATION_END,
            ev.VIOLATION_REMINDER,
        ):
            self._store_violation(e)
        elif (
            record and self.store is not None and e.type in (ev.AD_SEGMENT_START, ev.AD_SEGMENT_END)
        ):
            self.store.append(self.session, e.type, dict(e.detail), t=e.wall)
        for cb in self._event_subs:
            try:
                cb(e)
            except Exception:  # a broken subscriber must not stop the evidence loop
                log.exception("event subscriber failed")

    def _store_violation(self, e: MonitorEvent) -> None:
        assert self.store is not None
        key = str(e.detail.get("key", ""))
        extra = {k: v for k, v in e.detail.items() if k not in ("duration_s", "confidence", "key")}
        if e.type == ev.VIOLATION_START:
            rec = self.store.violation_start(
                self.session,
                element=e.element,
                requirement=e.requirement,
                rule=e.requirement,
                article=e.article,
                status=e.status,
                confidence=float(e.detail.get("confidence", 0.0) or 0.0),
                snapshot=e.snapshot,
                t=e.wall,
                **extra,
            )
            self._start_seq[key] = rec.seq
        elif e.type == ev.VIOLATION_END:
            ends = {k: v for k, v in extra.items() if k in ("term", "payload", "text", "closed")}
            start_seq = self._start_seq.pop(key, None)
            if start_seq is not None:
                ends["start_seq"] = start_seq
            self.store.violation_end(
                self.session,
                element=e.element,
                requirement=e.requirement,
                duration_s=float(e.detail.get("duration_s", 0.0)),
                t=e.wall,
                status=e.status,
                **ends,
            )
        else:
            self.store.append(
                self.session,
                "violation_reminder",
                {
                    "element": e.element,
                    "requirement": e.requirement,
                    "rule": e.requirement,
                    "article": e.article,
                    "elapsed_s": round(e.t - (e.since or e.t), 1),
                    "message": e.detail.get("reason", ""),
                    "start_seq": self._start_seq.get(key),
                },
                t=e.wall,
            )

    def _finish(self, t: float) -> None:
        for e in self.monitor.close(t):
            self._emit(e)
        self.summary.ended = datetime.now(UTC)
        try:
            self.source.stop()
        finally:
            if self.store is not None:
                self.store.end_session(self.session, self.summary.to_json())
