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
import queue
import signal
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.capture.base import SourceError, SourceEvent
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
    index: int
    path: str
    from_s: float
    until_s: float
    every: float


class AuditWorkerError(SourceError):
    """A worker could not read its stretch (or died); the message says why, for the user."""


def _analyse_stretch(checker: FrameChecker, job: _Stretch) -> Iterator[Analysed]:
    until = None if math.isinf(job.until_s) else job.until_s
    source = FileSource(job.path, mode="fast", interval=job.every, from_s=job.from_s,
                        until_s=until)
    runner = MonitorRunner(source, checker, None, sample_hz=1.0 / job.every, realtime=False)
    source.start()
    try:
        while (frame := source.grab()) is not None:
            a = runner.analyse(frame.image, frame.t)
            if not a.result.compliant:
                a.snapshot = encode_snapshot(frame.image)
            yield a
    finally:
        source.stop()


def _worker_main(profile: Profile, engine: str, tasks: Any, results: Any) -> None:
    """One worker process: build the engine once, then read stretches until told to stop.

    Samples go back one by one as they are judged, so the recording loop (and the progress bar)
    moves while a stretch is read, and an interrupted audit keeps everything read in order.
    """
    # Ctrl-C reaches the whole process group; the parent decides, the workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from app.ocr.registry import create_engine

    try:
        checker = FrameChecker(profile, create_engine(engine))
    except Exception as exc:  # reported to the parent, which tells the user
        results.put(("error", -1, f"{type(exc).__name__}: {exc}"))
        return
    while (job := tasks.get()) is not None:
        try:
            for a in _analyse_stretch(checker, job):
                results.put(("sample", job.index, a))
        except Exception as exc:
            results.put(("error", job.index, f"{type(exc).__name__}: {exc}"))
            return
        results.put(("done", job.index, None))


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
            _Stretch(i, str(self.path), a, b, self.every)
            for i, (a, b) in enumerate(stretches(duration, self.every, self.workers))
        ]
        if len(jobs) == 1 or self.workers <= 1:
            return self.runner.run()  # short recording: a worker would cost more than it saves
        return self.runner.consume(self._from_workers(jobs))

    def _from_workers(self, jobs: list[_Stretch]) -> Iterator[Analysed]:
        """The workers' samples in media-time order, as they arrive.

        Samples of later stretches wait here until every earlier stretch is complete (at most
        about one stretch per worker). Whatever ends this generator — the end, Ctrl-C, an
        error — the workers are stopped before it returns.
        """
        ctx = multiprocessing.get_context("spawn")
        tasks, results = ctx.Queue(), ctx.Queue()
        n = min(self.workers, len(jobs))
        for job in jobs:
            tasks.put(job)
        for _ in range(n):
            tasks.put(None)
        args = (self.checker.profile, self.checker.engine.name, tasks, results)
        procs = [ctx.Process(target=_worker_main, args=args, name=f"audit-worker-{i}",
                             daemon=True) for i in range(n)]
        for p in procs:
            p.start()
        waiting: dict[int, deque[Analysed]] = defaultdict(deque)
        done: set[int] = set()
        current = 0
        try:
            while current < len(jobs):
                while waiting[current]:
                    a = waiting[current].popleft()
                    self.position = a.t
                    yield a
                if current in done:
                    del waiting[current]
                    current += 1
                    continue
                try:
                    kind, index, payload = results.get(timeout=1.0)
                except queue.Empty:
                    dead = [p for p in procs if p.exitcode not in (None, 0)]
                    if dead:
                        raise AuditWorkerError(
                            f"审核进程意外退出 (an audit worker stopped unexpectedly, exit code "
                            f"{dead[0].exitcode}; try again with --workers 1)"
                        ) from None
                    continue
                if kind == "sample":
                    waiting[index].append(payload)
                elif kind == "done":
                    done.add(index)
                else:
                    where = (f" at {jobs[index].from_s:g} s" if index >= 0 else "")
                    raise AuditWorkerError(f"录像读取失败{where} (reading the recording failed"
                                           f"{where}: {payload})")
        finally:
            for p in procs:
                if p.is_alive():
                    p.terminate()
            for p in procs:
                p.join(5)
            tasks.cancel_join_thread()
            results.cancel_join_thread()
        if self.source.duration:
            self.position = self.source.duration
