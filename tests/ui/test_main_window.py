"""The main window against the real core: demo room, real RapidOCR, real evidence store.

One scripted fault (the 广告 label removed from 3 s to 7 s of scene time) must turn the ad-label
light red with the reason in words, raise the banner, one sound and one tray notice, put a
violation with its snapshot in the event list — and recovery must clear all of it. Closing the
window must stop the worker and end the store session.

Zones drawn with the mouse on the live preview: Cancel leaves settings and session untouched;
Save keeps them in the settings file and the running monitor judges by them from a later sample
on (the demo's 广告 pill sits top-right, so a zone drawn top-left makes it "misplaced").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.checker.result import ELEMENTS, Status
from app.monitor.runner import STATUS_CODE
from app.store import Store
from tests.ui.conftest import SteppedDemo
from ui.main_window import MainWindow
from ui.session import MonitorConfig
from ui.settings import Settings
from ui.sound import AlarmSound
from ui.status import Level
from ui.zone_geometry import to_widget
from ui.zone_store import load_zones

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
        # `finished` re-enables "start", even if the thread is still a moment from exiting.
        qtbot.waitUntil(window.view.act_start.isEnabled, timeout=10_000)
        assert not window.worker.is_running()  # type: ignore[union-attr]
    finally:
        window.view.close()
    store.close()


def _drag(qtbot: QtBot, widget: Any, a: QPoint, b: QPoint) -> None:
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left, pos=a)
    qtbot.mouseMove(widget, (a + b) / 2)
    qtbot.mouseMove(widget, b)
    qtbot.mouseRelease(widget, left, pos=b)


def test_zones_drawn_on_the_preview_judge_the_running_session(
    qtbot: QtBot, tmp_path: Path
) -> None:
    quiet = tmp_path / "quiet.toml"  # a compliant room for ten minutes: only our zone can fail
    quiet.write_text("loop_seconds = 600.0\n", encoding="utf-8")
    db = tmp_path / "evidence.db"
    store = Store.open(db)
    window = MainWindow(
        Settings(), store, config=MonitorConfig(source="demo"),
        source_factory=lambda: SteppedDemo(quiet), realtime=False, sound=AlarmSound(),
    )
    qtbot.addWidget(window.view)
    window.show()
    view, preview = window.view, window.view.preview
    ad_status = lambda: window.board.result.elements["ad_label"].status  # noqa: E731
    try:
        assert not view.act_zones.isEnabled()  # no profile, no frame yet
        qtbot.waitUntil(lambda: window.board.result is not None and ad_status() is Status.OK,
                        timeout=60_000)
        assert view.act_zones.isEnabled() and view.act_zones.text() == "编辑期望区域"
        assert window.profile.zones == {}  # the default profile draws none

        def frame_point(fx: float, fy: float) -> QPoint:
            box = preview.letterbox()
            assert box is not None
            x, y, _, _ = to_widget(box, (fx, fy, 0.0, 0.0))
            return QPoint(round(x), round(y))

        # Cancel: nothing reaches the settings, the window or the monitor.
        view.act_zones.trigger()
        assert view.zone_bar.isVisible() and not view.act_zones.isEnabled()
        _drag(qtbot, preview, frame_point(0.1, 0.1), frame_point(0.4, 0.4))
        view.zone_bar.btn_cancel.click()
        assert not view.zone_bar.isVisible() and view.act_zones.isEnabled()
        assert Settings().get("profile_zones") == {}
        assert window.profile.zones == {} and preview.marks == []

        # Save: a zone around the top-left corner for the ad label (the one chosen first).
        view.act_zones.trigger()
        assert view.zone_bar.elements["ad_label"].isChecked()
        _drag(qtbot, preview, frame_point(0.0, 0.0) - QPoint(20, 20), frame_point(0.3, 0.2))
        view.zone_bar.btn_save.click()
        stored = load_zones(Settings(), "default")
        assert stored is not None and list(stored) == ["ad_label"]
        assert stored["ad_label"][0] == pytest.approx((0.0, 0.0, 0.3, 0.2), abs=0.005)
        assert [m.label for m in preview.marks] == ["广告标识"]
        assert "已保存" in view.statusBar().currentMessage()

        # No restart: the same session judges a later sample by the new zone.
        session = window.session
        qtbot.waitUntil(lambda: ad_status() is Status.MISPLACED, timeout=60_000)
        assert window.session == session
        assert window.worker is not None and window.worker.is_running()
    finally:
        view.close()
    store.close()

    with Store.open(db, readonly=True) as s:
        records = list(s.records(session))
    kinds = [r.kind for r in records]
    assert kinds.count("zones_changed") == 1
    at = kinds.index("zones_changed")
    assert records[at].payload["zones"]["ad_label"][0] == pytest.approx(
        list(stored["ad_label"][0]))
    ad = ELEMENTS.index("ad_label")
    before = [r.payload["s"][ad] for r in records[:at] if r.kind == "sample"]
    after = [r.payload["s"][ad] for r in records[at:] if r.kind == "sample"]
    assert before and set(before) == {STATUS_CODE[Status.OK]}
    assert STATUS_CODE[Status.MISPLACED] in after
