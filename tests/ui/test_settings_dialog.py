"""The settings dialog is generated from the registry and writes typed values back."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QSlider
from pytestqt.qtbot import QtBot

from ui.settings import Settings
from ui.settings_dialog import SettingsDialog
from ui.settings_dialog_view import EDITED


def test_dialog_edits_and_reports_what_changed(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    e = dialog.view.editors
    assert set(e) == set(EDITED)
    assert dialog.view.labels["ai_host"].text() == "主播为数字人/虚拟主播"
    profile: QComboBox = e["profile"]  # type: ignore[assignment]
    assert {profile.itemText(i) for i in range(profile.count())} >= {"default", "all-required"}
    source: QComboBox = e["source"]  # type: ignore[assignment]
    source.setEditText("screen:0,0,1280,720")
    ai: QCheckBox = e["ai_host"]  # type: ignore[assignment]
    ai.setChecked(True)
    volume: QSlider = e["alarm_volume"]  # type: ignore[assignment]
    volume.setValue(35)
    changed = dialog.apply()
    assert changed == {"source", "ai_host", "alarm_volume"}
    fresh = Settings()
    assert fresh.get("source") == "screen:0,0,1280,720"
    assert fresh.get("ai_host") is True and fresh.get("alarm_volume") == 35
