"""End to end with a real OBS: hide the 广告 text over the websocket, show it, kill OBS, restart it.

Debian's obs-studio runs headless under Xvfb (``tests.obs_harness``: throw-away config, the
white 广告 on a red plate in the top-right corner of a 1280×720 canvas). The real
``MonitorRunner`` watches it through ``ObsSource`` (password from an in-memory keyring), with
real RapidOCR, a profile that requires only the ad label, and a real SQLite store.

The issue asks that the violation arrive "within grace + 3 s". Wall-clock bounds flake on a
shared CI machine (an OCR pass that takes 1 s alone takes 3–5 s at a load of 8 on 2 cores), so
the test asserts the load-independent form of that promise, on the monitor's own sample clock:
the first sample taken after the change already sees it, and the event fires on the first
sample at least ``grace`` (or ``recover``) later. With samples 1 s apart that is grace + 1 s
plus one screenshot. The wall-clock latencies from the websocket call to the event are printed
(``-s``) and attached to the test report as user properties, for the benchmark notes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.capture.obs import ObsSource
from app.checker.frame_checker import FrameChecker
from app.checker.result import Status
from app.monitor.events import MonitorEvent
from app.monitor.runner import MonitorRunner, SampleUpdate
from app.ocr.registry import create_engine
from app.rules.profile import load_profile
from app.secrets import set_obs_password
from app.store import Store
from app.store.verify import verify
from tests.obs_harness import MemoryKeyring, ObsStudio, memory_keyring, obs_studio

__all__ = ["memory_keyring", "obs_studio"]  # fixtures used by name below

pytestmark = [pytest.mark.obs, pytest.mark.slow]

GRACE_S = 2.0
RECOVER_S = 2.0
# Generous waits: they only bound how long a broken build hangs, they are not the assertion.
WAIT_S = 45.0

PROFILE_TOML = f"""\
name = "obs-e2e"
description = "test: only the ad label is required (the harness scene shows nothing else)"
ai_host = false

[required]
ad_label = true
merchant_info = false
price = false

[monitor]
sample_hz = 1.0
recover_s = {RECOVER_S}
full_detect_every_s = 10.0

[monitor.grace_s]
ad_label = {GRACE_S}
"""


@dataclass(frozen=True, slots=True)
class Sample:
    at: float  # time.monotonic() when the loop finished the sample
    t: float  # frame time: ObsSource stamps time.monotonic() when it asked for the screenshot
    ad_label: Status
    mode: str
    elapsed_ms: float


class Watch:
    """Events and samples from the runner's thread, with their arrival times."""

    def __init__(self) -> None:
        self.events: list[tuple[float, MonitorEvent]] = []
        self.samples: list[Sample] = []
        self.loop_error: BaseException | None = None
        self._cond = threading.Condition()

    def loop_failed(self, exc: BaseException) -> None:
        """The monitor loop died: wake every waiter so the test fails with the real cause."""
        with self._cond:
            self.loop_error = exc
            self._cond.notify_all()

    def on_event(self, e: MonitorEvent) -> None:
        with self._cond:
            self.events.append((time.monotonic(), e))
            self._cond.notify_all()

    def on_sample(self, u: SampleUpdate) -> None:
        s = Sample(time.monotonic(), u.t, u.result.elements["ad_label"].status, u.stats.mode,
                   u.elapsed_ms)
        with self._cond:
            self.samples.append(s)
            self._cond.notify_all()

    def _wait(self, find: Callable[[], Any], what: str, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = find()
                if found is not None:
                    return found
                if self.loop_error is not None:
                    raise AssertionError(f"the monitor loop failed while waiting for {what}") \
                        from self.loop_error
                left = deadline - time.monotonic()
                if left <= 0:
                    kinds = [(e.type, e.element, e.status) for _, e in self.events]
                    raise AssertionError(f"no {what} within {timeout:.0f} s; events: {kinds}")
                self._cond.wait(left)

    def event(
        self, type_: str, after: float, element: str = "", timeout: float = WAIT_S
    ) -> tuple[float, MonitorEvent]:
        def find() -> tuple[float, MonitorEvent] | None:
            for at, e in self.events:
                if at >= after and e.type == type_ and (not element or e.element == element):
                    return at, e
            return None

        return self._wait(find, f"{type_} {element}".strip(), timeout)

    def ok_samples(self, n: int, after: float, timeout: float = WAIT_S) -> Sample:
        """Wait for ``n`` samples in a row, taken after ``after``, that see the label ok."""

        def find() -> Sample | None:
            run = 0
            for s in self.samples:
                if s.t < after:
                    continue
                run = run + 1 if s.ad_label is Status.OK else 0
                if run >= n:
                    return s
            return None

        return self._wait(find, f"{n} ok samples", timeout)

    def samples_between(self, lo: float, hi: float) -> list[Sample]:
        with self._cond:
            return [s for s in self.samples if lo <= s.t <= hi]

    def first_sample_after(self, t: float) -> Sample:
        with self._cond:
            return next(s for s in self.samples if s.t >= t)


def _toggle(studio: ObsStudio, enabled: bool) -> tuple[float, float]:
    """Show/hide the 广告 text; returns (monotonic before the call, after its reply)."""
    before = time.monotonic()
    studio.set_item_enabled(studio.TEXT_ITEM, enabled)
    return before, time.monotonic()


def _assert_decided_on_time(
    watch: Watch, e: MonitorEvent, changed: tuple[float, float], begin: float, wait_s: float
) -> None:
    """``begin`` (sample time the new state began) is the first sample after the change, and
    ``e`` fired on the first sample at least ``wait_s`` after ``begin``."""
    before, after = changed
    # ``begin`` may come back rounded (end events carry duration_s to the ms): snap it to the
    # sample it names.
    near = [s.t for s in watch.samples_between(begin - 0.01, begin + 0.01)]
    assert near, f"no sample at t={begin:.3f}"
    begin = near[0]
    assert begin >= before, "the monitor saw the change before it was made"
    first = watch.first_sample_after(after)
    assert begin <= first.t, (
        f"the first sample after the change (t={first.t:.2f}) did not see it; it began at "
        f"{begin:.2f}"
    )
    assert e.t - begin >= wait_s
    between = watch.samples_between(begin, e.t)
    assert [s.t for s in between if s.t - begin >= wait_s] == [e.t], (
        "the event did not fire on the first sample past the wait"
    )


@pytest.fixture
def ad_label_checker(tmp_path: Path) -> FrameChecker:
    path = tmp_path / "obs-e2e.toml"
    path.write_text(PROFILE_TOML, encoding="utf-8")
    return FrameChecker(load_profile(path), create_engine(None))


def test_monitor_against_real_obs_hide_show_kill_restart(
    obs_studio: ObsStudio,
    memory_keyring: MemoryKeyring,
    ad_label_checker: FrameChecker,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    test_started = time.monotonic()
    threads_before = set(threading.enumerate())
    set_obs_password(obs_studio.host, obs_studio.port, obs_studio.password)
    db = tmp_path / "evidence.db"
    store = Store.open(db)
    source = ObsSource(obs_studio.host, obs_studio.port, None)  # None: read the keyring
    runner = MonitorRunner(source, ad_label_checker, store, meta={"test": "obs-e2e"})
    watch = Watch()
    runner.subscribe(watch.on_event)
    runner.on_sample(watch.on_sample)
    def run() -> None:
        try:
            runner.run()
        except BaseException as exc:  # surfaced in the main thread through the watch
            watch.loop_failed(exc)

    loop = threading.Thread(target=run, name="monitor-under-test")
    loop.start()
    latencies: dict[str, float] = {}
    try:
        watch.event("connected", test_started)
        watch.ok_samples(2, test_started)

        # 1. Hide the text: one ad-label violation, decided by grace on the sample clock.
        hidden = _toggle(obs_studio, False)
        at, start = watch.event("violation_start", hidden[0], "ad_label")
        latencies["hide → violation_start"] = at - hidden[0]
        assert start.status in ("missing", "occluded"), start
        assert start.snapshot, "a violation must carry its evidence snapshot"
        assert start.since is not None
        _assert_decided_on_time(watch, start, hidden, start.since, GRACE_S)

        # 2. Show it again: the violation ends after recover_s of ok samples.
        shown = _toggle(obs_studio, True)
        at, end = watch.event("violation_end", shown[0], "ad_label")
        latencies["show → violation_end"] = at - shown[0]
        assert end.status == "recovered"
        good_since = start.since + float(end.detail["duration_s"])
        _assert_decided_on_time(watch, end, shown, good_since, RECOVER_S)

        # 3. Kill OBS: 'disconnected' at once; restart it: 'connected' with the gap.
        killed = time.monotonic()
        obs_studio.kill()
        at, _ = watch.event("disconnected", killed)
        latencies["kill → disconnected"] = at - killed
        restarting = time.monotonic()
        obs_studio.start()
        at, back = watch.event("connected", killed)
        latencies["restart → connected"] = at - restarting
        assert isinstance(back.detail.get("gap_s"), float) and back.detail["gap_s"] > 0
        resumed = watch.ok_samples(2, at)
        latencies["restart → monitoring ok again"] = resumed.at - restarting
    finally:
        runner.stop()
        loop.join(30)
        if obs_studio.running:  # leave the scene as the harness made it
            obs_studio.set_item_enabled(obs_studio.TEXT_ITEM, True)
        store.close()
    assert not loop.is_alive(), "the monitor loop did not stop"
    assert watch.loop_error is None, watch.loop_error
    leftover = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert not leftover, f"threads left running: {leftover}"

    took = time.monotonic() - test_started
    print(f"\nad label hidden → {start.status}: {start.detail.get('reason')}")
    print("alarm latencies (wall clock, from the websocket call):")
    for what, s in latencies.items():
        print(f"  {what:32s} {s:6.2f} s")
        record_property(f"latency_s: {what}", round(s, 2))
    slow = [s.elapsed_ms for s in watch.samples]
    print(f"  {len(slow)} samples, modes {sorted({s.mode for s in watch.samples})}, "
          f"median {sorted(slow)[len(slow) // 2]:.0f} ms/sample; test body {took:.1f} s")

    # Every change was reported once and nothing else fired.
    types = [e.type for _, e in watch.events if e.type.startswith("violation_")]
    assert types == ["violation_start", "violation_end"], types
    assert all(e.element == "ad_label" for _, e in watch.events if e.element)

    # The evidence store has the violation, the gap and an intact chain.
    assert verify(db).ok
    with Store.open(db, readonly=True) as ro:
        sid = ro.latest_session_id()
        assert sid == runner.session
        records = list(ro.records(sid))
    kinds = [r.kind for r in records]
    for kind in ("session_start", "connected", "violation_start", "violation_end",
                 "disconnected", "reconnected", "session_end"):
        assert kinds.count(kind) == 1, (kind, kinds.count(kind))
    assert (kinds.index("violation_start") < kinds.index("violation_end")
            < kinds.index("disconnected") < kinds.index("reconnected"))
    v = next(r for r in records if r.kind == "violation_start")
    assert v.payload["element"] == "ad_label" and v.snapshot
    assert v.snapshot_path(db).is_file()
    gap = next(r for r in records if r.kind == "reconnected")
    assert float(gap.payload["data"]["gap_s"]) > 0
    # Nothing was sampled while OBS was gone.
    t_disc = next(r.t for r in records if r.kind == "disconnected")
    t_reco = gap.t
    assert not [r for r in records if r.kind == "sample" and t_disc < r.t < t_reco]
