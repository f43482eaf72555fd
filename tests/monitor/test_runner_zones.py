"""Zones redrawn during a session: recorded, and the very next sample is judged by them.

Real demo scene, real OCR, real SQLite store; the demo's 广告 pill sits top-right, so a zone
drawn top-left makes it "misplaced" from the next sample on, even when nothing on screen moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.capture.demo import DemoSource
from app.cli._session import build_checker
from app.monitor.events import MonitorEvent
from app.monitor.runner import MonitorRunner, SampleUpdate
from app.store import Store
from app.store.verify import verify
from tests.step_clock import StepClock

pytestmark = pytest.mark.slow


def test_zones_redrawn_mid_session_are_recorded_and_applied(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = Store.open(db)
    clock = StepClock(1000.0)
    source = DemoSource(fps=1.0, speed=1.0, loop=True, clock=clock)
    runner = MonitorRunner(source, build_checker("default", None), store, realtime=False)
    events: list[MonitorEvent] = []
    runner.subscribe(events.append)
    samples: list[SampleUpdate] = []

    def on_sample(update: SampleUpdate) -> None:
        samples.append(update)
        if len(samples) == 3:
            runner.set_zones({"ad_label": [(0.0, 0.0, 0.3, 0.2)], "price": []})
        clock.now += 1.0

    runner.on_sample(on_sample)
    runner.run(duration=8.0)  # the demo's first fault starts at 10 s
    store.close()

    statuses = [u.result.elements["ad_label"].status.value for u in samples]
    assert statuses[:3] == ["ok"] * 3
    assert set(statuses[3:]) == {"misplaced"}
    starts = [e for e in events if e.type == "violation_start"]
    assert [(e.element, e.status) for e in starts] == [("ad_label", "misplaced")]

    with Store.open(db, readonly=True) as s:
        recs = list(s.records(runner.session, kinds=["zones_changed"]))
    assert len(recs) == 1
    assert recs[0].payload == {"zones": {"ad_label": [[0.0, 0.0, 0.3, 0.2]]}}
    assert verify(db).ok
