"""Long work off the GUI thread: the monitor loop on a QThread, one-off jobs on the pool.

Why this shape (STYLE.md "Long work"): the core hands events to plain callbacks on *its* thread;
here they become Qt signals, which Qt queues to the GUI thread because the receivers live there.
Every exception is caught in the worker and reaches the window as ``failed(message)``: a dead
thread that only logged would look like a frozen, silently compliant room.

Samples are coalesced: if the GUI has not yet taken the last frame, a newer one replaces it
instead of queueing more 1280×720 images behind a busy event loop.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from app.monitor.events import MonitorEvent
from app.monitor.runner import MonitorRunner, SampleUpdate
from app.rules.profile import Zone

log = logging.getLogger(__name__)

_live_workers: weakref.WeakSet[MonitorWorker] = weakref.WeakSet()
_pending_jobs: set[Job] = set()


def error_text(exc: BaseException) -> str:
    """The message a user sees: the core's own bilingual text, or the type for a bug."""
    text = str(exc).strip()
    return text if text else type(exc).__name__


@dataclass(slots=True)
class RunnerSetup:
    """What a build function returns: the runner and anything to tell the user about it."""

    runner: MonitorRunner
    note: str = ""  # e.g. "OBS not reachable: running the demo source"
    cleanup: list[Callable[[], None]] = field(default_factory=list)
    # Which profile the session checks by (the key its drawn zones are stored under) and that
    # profile file's own zones, which the zone editor's "reset" goes back to.
    profile_key: str = ""
    profile_zones: dict[str, tuple[Zone, ...]] = field(default_factory=dict)


class MonitorWorker(QObject):
    """Builds a ``MonitorRunner`` (loads OCR, maybe probes OBS) and runs it on its own QThread."""

    ready = Signal(object)  # RunnerSetup, once the runner exists (session id known)
    event = Signal(object)  # MonitorEvent
    sample_ready = Signal()  # take the newest sample with take_sample()
    failed = Signal(str)
    finished = Signal(object)  # RunSummary or None

    def __init__(self, build: Callable[[], RunnerSetup], duration: float | None = None) -> None:
        super().__init__()
        self._build = build
        self._duration = duration
        self._thread = QThread()
        self._thread.setObjectName("livecomply-monitor")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        self._lock = threading.Lock()
        self._latest: SampleUpdate | None = None
        self._notified = False
        self._stop_requested = False
        self._done = threading.Event()  # the work is over (the thread may still be exiting)
        self.setup: RunnerSetup | None = None

    # -- GUI-thread API --------------------------------------------------------------------
    def start(self) -> None:
        """Start the thread; the build runs there, so loading OCR never freezes the window."""
        _live_workers.add(self)
        self._thread.start()

    @property
    def runner(self) -> MonitorRunner | None:
        """The running runner, once ``ready`` was emitted."""
        return self.setup.runner if self.setup is not None else None

    def is_running(self) -> bool:
        """True while the thread lives."""
        return self._thread.isRunning()

    @property
    def done(self) -> bool:
        """The session is over. Set before ``finished`` is emitted, so the GUI can re-enable
        "start" in its ``finished`` slot even if the thread is still a moment from exiting."""
        return self._done.is_set()

    def stop(self, wait_ms: int = 15000) -> bool:
        """Ask the runner to stop and wait for the thread; True if it ended in time."""
        with self._lock:
            self._stop_requested = True
            runner = self.runner
        if runner is not None:
            runner.stop()
        if not self._thread.isRunning():
            return True
        ok = self._thread.wait(wait_ms)
        if not ok:
            log.error("monitor thread did not stop within %d ms", wait_ms)
        return bool(ok)

    def set_ad_segment(self, active: bool) -> bool:
        """Forward the host's ad-segment marker (thread-safe); False before the runner exists."""
        runner = self.runner
        if runner is None:
            return False
        runner.set_ad_segment(active, record=False)  # the teleprompter records it
        return True

    def set_zones(self, zones: Mapping[str, Sequence[Zone]]) -> bool:
        """Redrawn expected zones for the running monitor (thread-safe: the runner applies them
        between samples and records the change); False before the runner exists."""
        runner = self.runner
        if runner is None:
            return False
        runner.set_zones(zones)
        return True

    def take_sample(self) -> SampleUpdate | None:
        """The newest sample not yet taken."""
        with self._lock:
            update, self._latest = self._latest, None
            self._notified = False
        return update

    # -- worker thread ---------------------------------------------------------------------
    def _on_sample(self, update: SampleUpdate) -> None:
        with self._lock:
            self._latest = update
            notify = not self._notified
            self._notified = True
        if notify:
            self.sample_ready.emit()

    def _on_event(self, event: MonitorEvent) -> None:
        self.event.emit(event)

    def _run(self) -> None:
        summary: Any = None
        try:
            setup = self._build()
            with self._lock:
                self.setup = setup
                stop_now = self._stop_requested
            setup.runner.subscribe(self._on_event)
            setup.runner.on_sample(self._on_sample)
            self.ready.emit(setup)
            if stop_now:
                setup.runner.stop()
            summary = setup.runner.run(duration=self._duration)
        except Exception as exc:
            log.exception("monitor worker failed")
            self.failed.emit(error_text(exc))
        finally:
            for fn in self.setup.cleanup if self.setup is not None else []:
                try:
                    fn()
                except Exception:
                    log.exception("cleanup after the monitor failed")
            self._done.set()
            self.finished.emit(summary)
            self._thread.quit()


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """A one-off blocking call (test OBS connection, import a rundown) on the global pool.

    ``on_done(result)`` or ``on_failed(text)`` runs on the GUI thread afterwards: the signals
    object and this runnable's relay both live there, so Qt queues the call across threads (a
    signal connected straight to a lambda would have no receiver thread to queue to).
    """

    def __init__(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.fn = fn
        self._on_done = on_done
        self._on_failed = on_failed
        self.signals = _JobSignals()
        self.relay = _Relay(self)
        self.signals.done.connect(self.relay.done)
        self.signals.failed.connect(self.relay.failed)
        self.setAutoDelete(False)  # Python owns it, kept in _pending_jobs until delivered

    def run(self) -> None:  # QRunnable override
        try:
            result = self.fn()
        except Exception as exc:
            log.info("background job failed: %s", exc)
            self.signals.failed.emit(error_text(exc))
        else:
            self.signals.done.emit(result)


class _Relay(QObject):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job

    def done(self, result: Any) -> None:
        _pending_jobs.discard(self._job)
        self._job._on_done(result)

    def failed(self, message: str) -> None:
        _pending_jobs.discard(self._job)
        self._job._on_failed(message)


def run_job(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
) -> Job:
    """Run ``fn`` on the pool; ``on_done``/``on_failed`` are called on the GUI thread."""
    job = Job(fn, on_done, on_failed)
    _pending_jobs.add(job)
    QThreadPool.globalInstance().start(job)
    return job


def live_workers() -> list[MonitorWorker]:
    """Monitor workers whose thread is still running (tests fail if any is left)."""
    return [w for w in list(_live_workers) if w.is_running()]


def pending_jobs() -> int:
    """Pool jobs not finished yet."""
    return len(_pending_jobs)
