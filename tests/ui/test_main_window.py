"""The main window against the real core: demo room, real RapidOCR, real evidence store.

One scripted fault (the 广告 label removed from 3 s to 7 s of scene time) must turn the ad-label
light red with the reason in words, raise the banner, one sound and one tray notice, put a
violation with its snapshot in the event list — and recovery must clear all of it. Closing the
window must stop the worker and end the store session.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Store
from tests.ui.conftest import SteppedDemo
from ui.main_window import MainWindow
from ui.session import MonitorConfig
from ui.settings import Settings
from ui.sound import AlarmSound
from ui.status import Level

pytestmark = pytest.mark.slow


def test_violation_turns_light_red_and_recovery_clears_it(
    qtbot: QtBot, tmp_path: Path, test_timeline: Path
) -> None:
    store = Store.open(tmp_path / "evidence.db")
    sound = AlarmSound()
    window = MainWindow(
        Settings(), store, config=MonitorConfig(source="demo"),
        source_factory=lambda: SteppedDemo(test_timeline), realtime=False, sound=sound,
    )
    qtbot.addWidget(window.view)
    window.show()
    try:
        ad = window.view.lights["ad_label"]
        # The light is green on the first compliant frame (after OCR has loaded).
        qtbot.waitUntil(lambda: ad.level is Level.OK, timeout=60_000)
        assert window.view.windowTitle() == "直播合规助手 LiveComply"
        assert window.session
        assert window.view.preview.has_frame()
        kinds = {o.kind for o in window.view.preview.overlays}
        assert {"zone", "ok"} <= kinds  # expected corner zones and found boxes are drawn

        with qtbot.waitSignal(window.alarm_raised, timeout=60_000):
            pass
        assert ad.level is Level.ALARM
        assert ad.reason.text().startswith("广告标识缺失"), ad.reason.text()
        assert ad.reason.text().endswith("秒")
        assert window.view.banner.isVisible()
        assert "广告标识缺失" in window.view.banner.text.text()
        assert sound.plays == 1
        assert len(window.notifications) == 1
        rows = window.view.events_model.rows
        start = next(r for r in rows if r.event.type == "violation_start")
        assert start.event.element == "ad_label"
        assert start.thumb is not None and not start.thumb.isNull()
        # Other lights stay green: one fault, one alarm.
        assert window.view.lights["merchant_info"].level is Level.OK

        with qtbot.waitSignal(window.alarm_cleared, timeout=60_000):
            pass
        assert ad.level is Level.OK
        assert not window.view.banner.isVisible()
        assert sound.plays == 1  # recovery makes no sound
        session = window.session
    finally:
        window.view.close()
    assert window.worker is not None and not window.worker.is_running()
    kinds = [r.kind for r in store.records(session)]
    assert kinds[0] == "session_start" and kinds[-1] == "session_end"
    assert kinds.count("violation_start") == 1 and kinds.count("violation_end") == 1
    store.close()


def test_worker_error_reaches_the_user_as_a_message_box(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "evidence.db")
    window = MainWindow(Settings(), store, config=MonitorConfig(source="file:/nonexistent.mp4"))
    qtbot.addWidget(window.view)
    try:
        qtbot.waitUntil(lambda: window.error_box is not None, timeout=30_000)
        assert window.error_box is not None and window.error_box.isVisible()
        assert "nonexistent.mp4" in window.error_box.text()
        # The thread ends first, then its queued `finished` re-enables "start".
        qtbot.waitUntil(window.view.act_start.isEnabled, timeout=10_000)
        assert not window.worker.is_running()  # type: ignore[union-attr]
    finally:
        window.view.close()
    store.close()
