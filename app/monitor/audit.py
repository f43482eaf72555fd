"""Audit a recording on every core: stretches are read and judged in worker processes, one loop
keeps the debounce state and the evidence.

A serial audit keeps one core busy (the OCR runs single-threaded so a studio PC's cores stay
free for OBS during a show; after the show they are ours). The costly half of a sample — decode,
OCR, judging (``MonitorRunner.analyse``) — depends only on the frames of its own stretch, so the
recording is cut into stretches of a minute or more and each goes to a worker with a fresh
reader. The cheap half — debouncing into events, the store's hash chain, the subscribers
(``MonitorRunner.consume``) — must see every sample once and in order, so it stays in this
process and takes the workers' results in media-time order. A violation that spans a cut is
therefore still one event.

What a cut costs: the worker's first sample of a stretch is a full pass (it knows nothing yet),
i.e. one extra full pass per stretch, which is why stretches are not shorter than a minute.
Workers send back results, not frames; a JPEG only for samples that are not compliant, since a
violation can only start on one of those.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.capture.base import SourceEvent
from app.capture.file import FileSource
from app.checker.frame_checker import FrameChecker
from app.monitor.runner import Analysed, MonitorRunner, RunSummary, encode_snapshot
from app.rules.profile import Profile

MIN_STRETCH_S = 60.0
MAX_STRETCH_S = 300.0


def default_workers() -> int:
    """One worker per core the OS lets this process use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def stretches(duration: float, every: float, workers: int) -> list[tuple[float, float]]:
    """Cut ``[0, duration)`` into stretches on the sampling grid, a few per worker.

    Several per worker, not one, so a stretch full of changes does not leave the other cores
    idle at the end; never shorter than ``MIN_STRETCH_S`` (each cut costs a full pass).
    """
    if duration <= 0 or workers <= 1:
        return [(0.0, math.inf)]
    length = min(MAX_STRETCH_S, max(MIN_STRETCH_S, duration / (4 * workers)))
    length = max(every, round(length / every) * every)
    out = []
    start = 0.0
    while start < duration:
        out.append((start, start + length))
        start += length
    out[-1] = (out[-1][0], math.inf)  # the last runs to the end, whatever the container said
    return out


@dataclass(frozen=True, slots=True)
class _Stretch:
    path: str
    from_s: float
    until_s: float
    every: float


_CHECKER: FrameChecker | None = None


def _init_worker(profile: Profile, engine: str) -> None:
    """Each worker builds its own engine once (models are not shared across processes)."""
    from app.ocr.registry import create_engine

    global _CHECKER
    # Ctrl-C goes to the whole process group; the parent decides, the workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _CHECKER = FrameChecker(profile, create_engine(engine))


def _analyse_stretch(job: _Stretch) -> list[Analysed]:
    assert _CHECKER is not None, "worker not initialised"
    until = None if math.isinf(job.until_s) else job.until_s
    source = FileSource(job.path, mode="fast", interval=job.every, from_s=job.from_s,
                        until_s=until)
    runner = MonitorRunner(source, _CHECKER, None, sample_hz=1.0 / job.every, realtime=False)
    out: list[Analysed] = []
    source.start()
    try:
        while (frame := source.grab()) is not None:
            a = runner.analyse(frame.image, frame.t)
            if not a.result.compliant:
                a.snapshot = encode_snapshot(frame.image)
            out.append(a)
    finally:
        source.stop()
    return out


class ParallelAudit:
    """``livecomply audit`` with ``workers`` processes; same events and records as the serial
    ``MonitorRunner.run`` over a ``FileSource``."""

    def __init__(
        self,
        path: str | Path,
        checker: FrameChecker,
        store: Any,
        *,
        every: float = 1.0,
        workers: int | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.path = Path(path)
        self.every = every
        self.workers = workers or default_workers()
        self.checker = checker
        self.source = FileSource(self.path, mode="fast", interval=every)
        # Open the file before the session starts, so a recording that cannot be read is an
        # error for the user and not an empty session on record; "connected" is replayed.
        opened: list[SourceEvent] = []
        self.source.start(opened.append)
        self.runner = MonitorRunner(
            self.source, checker, store, realtime=False, sample_hz=1.0 / every,
            meta={**(meta or {}), "workers": self.workers},
        )
        for e in opened:
            self.runner.on_source_event(e)
        self.session = self.runner.session
        self.position = 0.0

    def subscribe(self, callback: Callable[..., None]) -> None:
        self.runner.subscribe(callback)

    def on_sample(self, callback: Callable[..., None]) -> None:
        self.runner.on_sample(callback)

    def stop(self) -> None:
        self.runner.stop()

    def progress(self) -> tuple[float, float | None]:
        return self.position, self.source.duration

    def run(self) -> RunSummary:
        duration = self.source.duration or 0.0
        jobs = [
            _Stretch(str(self.path), a, b, self.every)
            for a, b in stretches(duration, self.every, self.workers)
        ]
        if len(jobs) == 1 or self.workers <= 1:
            return self.runner.run()  # short recording: a worker would cost more than it saves
        profile = self.checker.profile
        engine = self.checker.engine.name
        pool = ProcessPoolExecutor(
            max_workers=min(self.workers, len(jobs)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(profile, engine),
        )
        try:
            return self.runner.consume(self._in_order(pool.map(_analyse_stretch, jobs)))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _in_order(self, batches: Iterator[list[Analysed]]) -> Iterator[Analysed]:
        for batch in batches:
            for a in batch:
                self.position = a.t
                yield a
        if self.source.duration:
            self.position = self.source.duration
