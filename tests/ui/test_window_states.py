"""Window behaviour that needs no OCR: compact strip, language switch, connection countdown,
alarm banner lifecycle from events (the real-core run is in test_main_window.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from app.monitor.events import MonitorEvent
from app.rules.profile import load_profile
from app.store import Store
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.sound import AlarmSound
from ui.status import Level
from ui.zone_store import load_zones


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Any:
    store = Store.open(tmp_path / "evidence.db")
    w = MainWindow(Settings(), store, autostart=False, sound=AlarmSound())
    qtbot.addWidget(w.view)
    w.show()
    yield w
    w.view.close()
    store.close()


def ev(kind: str, **kw: Any) -> MonitorEvent:
    return MonitorEvent(kind, datetime.now(UTC), "s", **kw)


def test_compact_strip_is_small_and_on_top(window: Any) -> None:
    window.view.act_compact.setChecked(True)
    strip = window.compact
    assert strip.isVisible()
    assert strip.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert strip.sizeHint().height() < 120
    assert [n.text() for n in strip.names.values()] == [
        "广告标识", "AI标识", "商家信息", "价格", "违禁词"]
    window.restore_main()
    assert not strip.isVisible()


def test_language_switch_retranslates_without_restart(window: Any) -> None:
    assert window.view.act_start.text() == "开始监看"
    window.set_language("en")
    assert window.view.act_start.text() == "Start monitoring"
    assert window.view.lights["ad_label"].name.text() == "Ad label"
    assert window.view.teleprompter.btn_ad_start.text() == "Ad start"
    assert Settings().get("language") == "en"
    window.set_language("zh_CN")
    assert window.view.teleprompter.btn_ad_start.text() == "广告开始"


def test_reconnecting_countdown_and_connection_states(window: Any) -> None:
    window.source_name = "obs"
    window._on_event(ev("disconnected", detail={"detail": "OBS closed"}))
    assert window.view.conn_state.text() == "OBS 未连接"
    window._on_event(ev("reconnecting", detail={"delay": 4.0}))
    assert window.view.conn_state.text() in ("OBS 4 秒后重连", "OBS 3 秒后重连")
    window._on_event(ev("connected", detail={"detail": "OBS 30"}))
    assert window.view.conn_state.text() == "OBS 已连接"
    assert len(window.view.events_model.rows) == 3


def test_one_alarm_per_violation_cleared_on_recovery(window: Any) -> None:
    start = ev("violation_start", element="merchant_info", requirement="V3", status="missing",
               article="001 第二十三条", t=5.0, since=3.0)
    window._on_event(start)
    assert window.view.lights["merchant_info"].level is Level.ALARM
    assert window.view.banner.isVisible()
    assert "商家信息缺失" in window.view.banner.text.text()
    assert window.sound.plays == 1 and len(window.notifications) == 1
    window._on_event(ev("violation_end", element="merchant_info", requirement="V3",
                        status="recovered", t=9.0, since=3.0))
    assert not window.view.banner.isVisible()
    assert window.sound.plays == 1
    # Mute: the next alarm shows but makes no sound.
    window.view.banner.mute.click()
    window._on_event(start)
    assert window.sound.plays == 1 and window.view.banner.isVisible()
    assert Settings().get("alarm_sound") is False


def test_recording_needs_a_running_session(window: Any) -> None:
    from app.teleprompter import TeleprompterError

    with pytest.raises(TeleprompterError, match="监看未运行"):
        window.record_evidence("correction", {})


def test_zones_saved_while_stopped_wait_for_the_next_start_and_reset_forgets_them(
    window: Any, qtbot: QtBot
) -> None:
    """No monitor runs here: Save keeps the zones for the next session, and saving the profile
    file's own zones (Reset) drops the stored entry instead of copying them."""
    file_zones = {"price": ((0.6, 0.55, 0.4, 0.25),)}
    assert not window.view.act_zones.isEnabled()  # no session has told us the profile yet
    window.profile = replace(load_profile("default"), zones=file_zones)
    window.profile_key, window.profile_zones = "default", file_zones
    window._update_actions()
    image = QImage(1280, 720, QImage.Format.Format_RGB888)
    image.fill(QColor("#222222"))
    preview = window.view.preview
    preview.set_frame(image, [])
    window.show_zones()
    assert [m.zone for m in preview.marks] == [(0.6, 0.55, 0.4, 0.25)]

    window.view.act_zones.trigger()
    window.view.zone_bar.elements["price"].click()
    window.view.zone_bar.btn_clear.click()
    box = preview.letterbox()
    assert box is not None
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(preview, left, pos=QPoint(round(box.x0 + box.w * 0.7),
                                               round(box.y0 + box.h * 0.7)))
    qtbot.mouseRelease(preview, left, pos=QPoint(round(box.x0 + box.w * 0.9),
                                                 round(box.y0 + box.h * 0.9)))
    window.view.zone_bar.btn_save.click()
    stored = load_zones(Settings(), "default")
    assert stored is not None and len(stored["price"]) == 1
    assert stored["price"][0] != file_zones["price"][0]
    assert window.profile.zones == stored
    assert "开始监看时生效" in window.view.statusBar().currentMessage()

    window.view.act_zones.trigger()
    window.view.zone_bar.btn_reset.click()
    window.view.zone_bar.btn_save.click()
    assert load_zones(Settings(), "default") is None
    assert window.profile.zones == file_zones
