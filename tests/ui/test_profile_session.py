"""Checks adjusted in the settings dialog reach the session the window builds: the checker
judges by them, the monitor times its alarms by them, and the evidence store records them in the
session's start record (real demo room, real OCR engine, real SQLite file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Store
from tests.ui.conftest import SteppedDemo
from ui.main_window import MainWindow
from ui.session import MonitorConfig
from ui.settings import Settings
from ui.settings_dialog import SettingsDialog
from ui.sound import AlarmSound

pytestmark = pytest.mark.slow


def test_adjusted_checks_judge_the_session_and_are_recorded(
    qtbot: QtBot, tmp_path: Path, test_timeline: Path
) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    dialog.view.required["price"].setChecked(False)
    dialog.view.numbers["monitor.grace_s.ad_label"].setValue(5.0)
    dialog.view.numbers["thresholds.min_contrast"].setValue(4.5)
    assert dialog.apply() == {"profile_overrides"}

    db = tmp_path / "evidence.db"
    store = Store.open(db)
    window = MainWindow(
        Settings(), store, config=MonitorConfig(source="demo"),
        source_factory=lambda: SteppedDemo(test_timeline), realtime=False, sound=AlarmSound(),
    )
    qtbot.addWidget(window.view)
    try:
        qtbot.waitUntil(lambda: bool(window.session), timeout=60_000)
        runner = window.worker.runner  # type: ignore[union-attr]
        assert runner is not None
        profile = runner.checker.profile
        assert profile.required == {"ad_label": True, "ai_disclosure": False,
                                    "merchant_info": True, "price": False}
        assert profile.thresholds.min_contrast == 4.5
        assert runner.monitor.settings.grace_s["ad_label"] == 5.0
        assert runner.monitor.settings.grace_s["price"] == 2.0
        assert window.profile is profile
        session = window.session
    finally:
        window.view.close()
    store.close()

    with Store.open(db, readonly=True) as s:
        start = next(iter(s.records(session)))
    assert start.kind == "session_start"
    assert start.payload["profile"] == "default"
    assert start.payload["meta"]["profile_overrides"] == {
        "required.price": False, "monitor.grace_s.ad_label": 5.0,
        "thresholds.min_contrast": 4.5}
