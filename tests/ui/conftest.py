"""UI test fixtures: one QApplication (pytest-qt's), Chinese by default, and a guard that fails
any test leaving a monitor thread or a pool job running (napari's leak fixtures)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from app.capture.demo import DemoSource
from tests.step_clock import StepClock

TEST_TIMELINE = """
loop_seconds = 60.0
[[segment]]
name = "ad_label_removed"
start = 3.0
end = 7.0
ad_label = "missing"
note = "test: ad label removed for 4 s"
"""


@pytest.fixture(autouse=True)
def _no_leftover_threads(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a monitor worker, a pool job or a source thread running."""
    from ui import i18n, workers

    i18n.install_language("zh_CN")
    before = {t.ident for t in threading.enumerate()}
    yield
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (workers.live_workers() or workers.pending_jobs()):
        qapp.processEvents()
        time.sleep(0.02)
    leaked = workers.live_workers()
    jobs = workers.pending_jobs()
    pool_idle = QThreadPool.globalInstance().waitForDone(2000)
    for w in leaked:
        w.stop(5000)
    extra = [t.name for t in threading.enumerate()
             if t.ident not in before and t.is_alive()
             and t.name.startswith(("demo-source", "capture-"))]
    assert not leaked, f"test left {len(leaked)} monitor worker(s) running"
    assert not jobs, f"test left {jobs} background job(s) pending"
    assert pool_idle, "test left QThreadPool work running"
    assert not extra, f"test left source threads running: {extra}"


class SteppedDemo(DemoSource):
    """The real demo room, but frame n+1 is rendered only after the monitor took frame n.

    So every scene second is checked exactly once whatever the OCR speed on this PC, and the
    test's timing cannot flake under load.
    """

    def __init__(self, timeline: Path, fps: float = 1.0) -> None:
        self.step = StepClock()
        super().__init__(fps=fps, speed=1.0, loop=True, clock=self.step, timeline=timeline)

    def grab(self):  # type: ignore[no-untyped-def]
        frame = super().grab()
        if frame is not None:
            self.step.advance(1.0 / self.fps)
        return frame


@pytest.fixture
def test_timeline(tmp_path: Path) -> Path:
    """A short demo script: compliant, ad label removed from 3 s to 7 s, compliant again."""
    path = tmp_path / "timeline.toml"
    path.write_text(TEST_TIMELINE, encoding="utf-8")
    return path
