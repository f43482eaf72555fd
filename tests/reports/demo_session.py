"""Fill a store with a REAL demo-source session: real scene, real OCR, real monitor, real store.

Plus what a real show adds around the monitor: an OBS-style disconnection (a gap), and the
teleprompter walking the template rundown (product changes, ticked and unsaid reminders, an ad
segment, a correction) with the R2 and R3 records — all through the real classes, into the
same session, so the report sees what a studio's store holds.

Pacing: the demo source runs on a stepped clock that advances one scene second per processed
sample, so every run judges exactly the frames at scene seconds 0, 1, 2, … 75 however slow the
OCR is on the test machine (at ``speed=4`` a slow CPU skips frames and may miss the 5 s QR
fault). Record times are real wall-clock times, as in a live session.

Run directly to make a store for looking at reports: ``python -m tests.reports.demo_session DB``.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.capture.base import EventCallback, Frame, SourceEvent
from app.capture.demo import DemoSource
from app.cli._session import build_checker, open_store
from app.monitor.runner import MonitorRunner, SampleUpdate
from app.showplan import PreshowChecklist, SelectionReview, load_rundown
from app.teleprompter import TeleprompterModel
from tests.step_clock import StepClock as SteppedClock

REPO = Path(__file__).resolve().parents[2]
RUNDOWN = REPO / "resources" / "templates" / "rundown_template.csv"
DURATION_S = 75.0
GAP = (24.0, 28.0)  # scene seconds with the source disconnected (a quiet stretch of the demo)
#: The faults the demo timeline scripts in its first 75 s: (element, requirement).
EXPECTED_FAULTS = {
    ("ad_label", "V1"),  # removed 10–20 s and covered 30–38 s
    ("banned_term", "B3"),  # 全网最低价 47–53 s
    ("qr_code", "B5"),  # private WeChat QR 62–67 s
}


@dataclass
class GappySource:
    """The demo source with an OBS-like disconnection between two scene times."""

    inner: DemoSource
    clock: SteppedClock
    gap: tuple[float, float] = GAP
    name: str = "demo"
    _cb: EventCallback | None = None
    _down: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, on_event: EventCallback | None = None) -> None:
        """Start the scene; remember the runner's callback to report the gap."""
        self._cb = on_event
        self.inner.start(on_event)

    def _emit(self, kind: str, detail: str) -> None:
        if self._cb is not None:
            self._cb(SourceEvent(kind, datetime.now(UTC), detail, {}))

    def grab(self) -> Frame | None:
        """Nothing while disconnected; time passes (really) so the gap shows in the report."""
        if self.gap[0] <= self.clock.now < self.gap[1]:
            if not self._down:
                self._down = True
                self._emit("disconnected", "OBS 连接断开 (test gap)")
            self.inner.grab()
            time.sleep(0.25)
            self.clock.now += 0.5
            return None
        if self._down:
            self._down = False
            self._emit("connected", "OBS 已重连 (test gap)")
        return self.inner.grab()

    @property
    def finished(self) -> bool:
        """Never: the demo loops."""
        return self.inner.finished

    def stop(self) -> None:
        """Stop the scene thread."""
        self.inner.stop()


def make_demo_session(db: Path, duration: float = DURATION_S) -> str:
    """Record one real demo session (with teleprompter records) in ``db``; return its id."""
    plan_result = load_rundown(RUNDOWN)
    assert plan_result.plan is not None, plan_result.errors
    plan = plan_result.plan
    checker = build_checker(None, None)
    store = open_store(db)
    clock = SteppedClock()
    source = GappySource(DemoSource(fps=1.0, clock=clock), clock)
    runner = MonitorRunner(
        source,
        checker,
        store,
        realtime=False,
        meta={"command": "test", "room": "演示直播间", "host": "小林"},
    )
    session = runner.session

    def record(kind: str, payload: dict[str, object]) -> None:
        store.append(session, kind, payload)

    tp = TeleprompterModel(plan, record)
    done: set[str] = set()

    def once(key: str) -> bool:
        if key in done:
            return False
        done.add(key)
        return True

    errors: list[BaseException] = []

    def script(u: SampleUpdate) -> None:
        try:
            _script(u)
        except BaseException as exc:  # the runner only logs subscriber errors; re-raised below
            errors.append(exc)
        finally:
            clock.now += 1.0  # always: a failing step must fail the test, not stall the demo

    def _script(u: SampleUpdate) -> None:
        t = u.t
        if once("pre"):
            for product in plan.products:
                SelectionReview.for_product(
                    product,
                    "审核员王芳",
                    [*_selection_items()],
                    approved=True,
                    quality_certificates="检验报告 2025-0312",
                ).record_to(record)
            PreshowChecklist.create("运营李雷", [*_preshow_items()], hosts=["小林"]).record_to(
                record
            )
            tp.start()
        if t >= 3 and once("S4"):
            tp.tick("S4")
        if t >= 6 and once("S1"):
            tp.tick("S1")
        if t >= 40 and once("next1"):
            tp.next(confirm=True)  # honey: S2 S3 S7 S8 left unsaid
            tp.tick("S4")
            tp.start_ad_segment("积雪草品牌方")
        if t >= 44 and once("corr"):
            tp.correct("保质期5年", "保质期3年")
        if t >= 55 and once("adend"):
            tp.end_ad_segment()
            for rid in ("S1", "S2", "S3", "S6"):
                tp.tick(rid)
        if t >= 60 and once("next2"):
            tp.next(confirm=True)
            tp.tick("S1")
        if t >= 74 and once("finish"):
            tp.finish(confirm=True)  # the cup's S2 S4 S7 left unsaid

    runner.on_sample(script)
    try:
        runner.run(duration=duration)
    finally:
        store.close()
    if errors:
        raise errors[0]
    return session


def _selection_items() -> tuple[str, ...]:
    from app.showplan.reviews import SELECTION_ITEMS

    return SELECTION_ITEMS


def _preshow_items() -> tuple[str, ...]:
    from app.showplan.reviews import PRESHOW_ITEMS

    return PRESHOW_ITEMS


if __name__ == "__main__":
    started = time.perf_counter()
    sid = make_demo_session(Path(sys.argv[1]))
    print(sid, f"{time.perf_counter() - started:.1f} s")
