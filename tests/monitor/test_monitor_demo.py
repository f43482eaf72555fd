"""End to end on the real demo scene: real rendering, real OCR, real SQLite store.

The demo timeline (resources/demo/timeline.toml) removes the ad label, covers it, shows a
banned term and a QR code, with compliant stretches between; each must be exactly one start and
one end event, and nothing else may fire.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.capture.demo import DemoSource
from app.cli._session import build_checker
from app.monitor.events import MonitorEvent
from app.monitor.runner import MonitorRunner
from app.store import Store
from app.store.verify import verify
from tests.step_clock import StepClock

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_session(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[MonitorEvent], Path]:
    db = tmp_path_factory.mktemp("demo") / "store.db"
    store = Store.open(db)
    checker = build_checker("default", None)
    clock = StepClock(1000.0)
    source = DemoSource(fps=1.0, speed=1.0, loop=True, clock=clock)
    runner = MonitorRunner(source, checker, store, realtime=False, meta={"test": True})
    events: list[MonitorEvent] = []
    runner.subscribe(events.append)

    def advance(_update: object) -> None:
        clock.now += 1.0

    runner.on_sample(advance)
    runner.run(duration=72.0)
    store.close()
    return events, db


def _violations(events: list[MonitorEvent]) -> Counter[tuple[str, str, str]]:
    return Counter((e.type, e.element, e.detail.get("term") or e.detail.get("payload") or "")
                   for e in events if e.type.startswith("violation_"))


def test_each_demo_fault_is_one_start_and_one_end(demo_session) -> None:
    events, _ = demo_session
    v = _violations(events)
    starts = {k: n for k, n in v.items() if k[0] == "violation_start"}
    ends = {k: n for k, n in v.items() if k[0] == "violation_end"}
    # Label removed, then covered: two separate ad-label events.
    assert starts.pop(("violation_start", "ad_label", ""), 0) == 2, v
    assert ends.pop(("violation_end", "ad_label", ""), 0) == 2, v
    assert starts.pop(("violation_start", "banned_term", "全网最低价"), 0) == 1, v
    assert ends.pop(("violation_end", "banned_term", "全网最低价"), 0) == 1, v
    qr = "https://u.wechat.com/demo-private-account"
    assert starts.pop(("violation_start", "qr_code", qr), 0) == 1, v
    assert ends.pop(("violation_end", "qr_code", qr), 0) == 1, v
    assert not starts and not ends, f"unexpected events: {starts} {ends}"


def test_ad_label_events_say_missing_then_occluded(demo_session) -> None:
    events, _ = demo_session
    statuses = [e.status for e in events
                if e.type == "violation_start" and e.element == "ad_label"]
    assert statuses == ["missing", "occluded"]
    for e in events:
        if e.type == "violation_start":
            assert e.article and e.requirement and e.snapshot  # evidence for every start


def test_the_session_is_on_record_and_verifies(demo_session) -> None:
    events, db = demo_session
    assert verify(db).ok
    with Store.open(db, readonly=True) as store:
        sid = store.latest_session_id()
        kinds = Counter(r.kind for r in store.records(sid))
        starts = [r for r in store.records(sid, ["violation_start"])]
    n_starts = sum(1 for e in events if e.type == "violation_start")
    assert kinds["violation_start"] == n_starts == 4
    assert kinds["violation_end"] == n_starts
    assert kinds["sample"] >= 30  # about one per scene second
    assert kinds["session_start"] == kinds["session_end"] == 1
    assert all(r.snapshot for r in starts)
    assert all(r.snapshot_path(db).is_file() for r in starts)
