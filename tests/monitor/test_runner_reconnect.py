"""A source that reconnects says so and delivers its first frame in the same grab(): the runner
must apply "connected" before judging the frame, or a stepped source never moves again.

Real demo scene, real OCR; the source wrapper only scripts the connection events, as a real
source's reconnect does (OBS's first screenshot after the websocket is back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.capture.base import EventCallback, Frame, SourceEvent
from app.capture.demo import DemoSource
from app.cli._session import build_checker
from app.monitor.runner import MonitorRunner, SampleUpdate
from tests.step_clock import StepClock


@dataclass
class FlakySource:
    """Demo frames; drops the connection at scene second 3 and is back with the frame of 5."""

    inner: DemoSource
    clock: StepClock
    name: str = "demo"
    _cb: EventCallback | None = None
    state: str = "up"
    grabs_down: int = field(default=0)

    def start(self, on_event: EventCallback | None = None) -> None:
        self._cb = on_event
        self.inner.start(on_event)

    def _emit(self, kind: str) -> None:
        assert self._cb is not None
        self._cb(SourceEvent(kind, datetime.now(UTC), f"test {kind}", {}))

    def grab(self) -> Frame | None:
        if self.state == "up" and self.clock.now >= 3.0:
            self.state = "down"
            self._emit("disconnected")
        if self.state == "down":
            self.grabs_down += 1
            if self.grabs_down < 5:
                return None
            self.clock.now = 5.0  # time passed while it was away
            frame = None
            while frame is None or frame.t < 5.0:  # the first frame after the reconnection…
                frame = self.inner.grab()
            self.state = "back"
            self._emit("connected")  # …arrives in the same call that says so
            return frame
        return self.inner.grab()

    @property
    def finished(self) -> bool:
        return self.inner.finished

    def stop(self) -> None:
        self.inner.stop()


def test_the_first_frame_after_a_reconnection_is_judged() -> None:
    clock = StepClock()
    source = FlakySource(DemoSource(fps=1.0, clock=clock), clock)
    runner = MonitorRunner(source, build_checker("default", None), None, realtime=False,
                           stall_timeout_s=5.0)
    seen: list[float] = []

    def step(u: SampleUpdate) -> None:
        seen.append(u.t)
        clock.now += 1.0

    runner.on_sample(step)
    summary = runner.run(duration=8.0)
    assert seen[:3] == [0.0, 1.0, 2.0]
    assert 5.0 in seen and seen[-1] >= 8.0  # went on after the gap instead of stalling
    assert summary.events["error"] == 0  # no "source stalled"
    assert summary.events["disconnected"] == 1 and summary.events["connected"] >= 1
