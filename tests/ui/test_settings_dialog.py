"""The settings dialog is generated from the registry and writes typed values back; its check
profile tab shows what the chosen profile says and stores only what the user changed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSlider
from pytestqt.qtbot import QtBot

from ui.profile_overrides import check, load_overrides, save_overrides
from ui.settings import Settings
from ui.settings_dialog import RESTART_OPTIONS, SettingsDialog, from_editor
from ui.settings_dialog_view import EDITED, NUMBER_FIELDS, NumberField


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


# -- the check profile's adjustable checks ----------------------------------------------------


def _spin(dialog: SettingsDialog, key: str) -> QDoubleSpinBox:
    return dialog.view.numbers[key]


def test_check_editors_show_the_chosen_profile(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    v = dialog.view
    assert v.tabs.tabText(1) == "检查方案"
    assert {e: cb.text() for e, cb in v.required.items()} == {
        "ad_label": "广告标识", "merchant_info": "商家信息", "price": "价格",
        "ai_disclosure": "每场都要求AI标识"}
    assert "001 第三十条" in v.required["ai_disclosure"].toolTip()
    assert {e: cb.isChecked() for e, cb in v.required.items()} == {
        "ad_label": True, "merchant_info": True, "price": True, "ai_disclosure": False}
    shown = {k: s.value() for k, s in v.numbers.items()}
    assert shown == {
        "thresholds.glyph_min_frac_landscape": 1.5, "thresholds.glyph_min_frac_portrait": 0.85,
        "thresholds.min_contrast": 3.0, "thresholds.max_occluded_frac": 10.0,
        "monitor.grace_s.ad_label": 2.0, "monitor.grace_s.ai_disclosure": 2.0,
        "monitor.grace_s.merchant_info": 2.0, "monitor.grace_s.price": 2.0,
        "monitor.recover_s": 2.0, "monitor.sample_hz": 1.0}
    assert _spin(dialog, "thresholds.glyph_min_frac_landscape").suffix() == " %"
    assert _spin(dialog, "monitor.grace_s.price").suffix() == " 秒"
    assert v.number_labels["monitor.grace_s.price"].text() == "价格"
    assert v.glyph_px["thresholds.glyph_min_frac_landscape"].text() == "≈ 1080 像素中的 16 像素"
    assert v.description.text().startswith("广告标识")
    assert dialog.apply() == set()  # opening and OK changes nothing
    assert Settings().get("profile_overrides") == {}


def test_only_the_differences_are_stored_and_restart_the_session(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    v = dialog.view
    v.required["price"].setChecked(False)
    _spin(dialog, "monitor.grace_s.ad_label").setValue(5.0)
    _spin(dialog, "thresholds.glyph_min_frac_portrait").setValue(1.2)
    _spin(dialog, "thresholds.min_contrast").setValue(4.0)
    _spin(dialog, "thresholds.min_contrast").setValue(3.0)  # and back: no adjustment
    assert v.required["price"].font().bold()
    assert v.number_labels["monitor.grace_s.ad_label"].font().bold()
    assert not v.number_labels["thresholds.min_contrast"].font().bold()
    changed = dialog.apply()
    assert changed == {"profile_overrides"} and changed <= RESTART_OPTIONS
    assert Settings().get("profile_overrides") == {"default": {
        "required.price": False, "monitor.grace_s.ad_label": 5.0,
        "thresholds.glyph_min_frac_portrait": 0.012}}

    again = SettingsDialog(Settings())  # the next opening shows the stored adjustments
    qtbot.addWidget(again.view)
    assert not again.view.required["price"].isChecked()
    assert _spin(again, "monitor.grace_s.ad_label").value() == 5.0
    assert again.view.required["price"].font().bold()
    assert again.apply() == set()


def test_reset_goes_back_to_the_profile_file(qtbot: QtBot) -> None:
    save_overrides(Settings(), "default", {"required.price": False, "monitor.recover_s": 9.0})
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    v = dialog.view
    assert not v.required["price"].isChecked() and _spin(dialog, "monitor.recover_s").value() == 9
    v.reset_button.click()
    assert v.required["price"].isChecked() and _spin(dialog, "monitor.recover_s").value() == 2
    assert not v.required["price"].font().bold()
    assert dialog.apply() == {"profile_overrides"}
    assert Settings().get("profile_overrides") == {}


def test_switching_profiles_refills_and_keeps_each_profiles_edits(qtbot: QtBot) -> None:
    save_overrides(Settings(), "all-required", {"monitor.grace_s.price": 8.0})
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    v = dialog.view
    combo: QComboBox = v.editors["profile"]  # type: ignore[assignment]
    _spin(dialog, "monitor.grace_s.ad_label").setValue(4.0)  # an edit of "default"
    combo.setCurrentIndex(combo.findData("all-required"))
    assert v.required["ai_disclosure"].isChecked()  # that file requires it in every show
    assert _spin(dialog, "monitor.grace_s.ad_label").value() == 2.0
    assert _spin(dialog, "monitor.grace_s.price").value() == 8.0  # its stored adjustment
    assert v.description.text().startswith("四项全部必须在屏")
    v.required["ai_disclosure"].setChecked(False)
    combo.setCurrentIndex(combo.findData("default"))
    assert _spin(dialog, "monitor.grace_s.ad_label").value() == 4.0  # the edit was kept
    assert not v.required["ai_disclosure"].isChecked()
    assert _spin(dialog, "monitor.grace_s.price").value() == 2.0
    # The chosen profile's adjustments changed; the other's are saved without a restart.
    assert dialog.apply() == {"profile_overrides"}
    assert Settings().get("profile_overrides") == {
        "default": {"monitor.grace_s.ad_label": 4.0},
        "all-required": {"monitor.grace_s.price": 8.0, "required.ai_disclosure": False}}


def test_an_ai_host_locks_the_ai_label_on(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    ai_host: QCheckBox = dialog.view.editors["ai_host"]  # type: ignore[assignment]
    ai = dialog.view.required["ai_disclosure"]
    ai_host.setChecked(True)
    assert ai.isChecked() and not ai.isEnabled()
    assert dialog.read_overrides() == {}  # required by the host, not adjusted in the profile
    ai_host.setChecked(False)
    assert not ai.isChecked() and ai.isEnabled()
    ai.setChecked(True)
    ai_host.setChecked(True)
    ai_host.setChecked(False)
    assert ai.isChecked()
    assert dialog.apply() == {"profile_overrides"}
    assert load_overrides(Settings(), "default") == {"required.ai_disclosure": True}


@pytest.mark.parametrize("field", NUMBER_FIELDS, ids=lambda f: f.key)
def test_numbers_outside_the_loaders_range_cannot_be_entered(
    qtbot: QtBot, field: NumberField
) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog.view)
    spin = _spin(dialog, field.key)
    # The editor's extremes are values the profile loader accepts…
    check(field.key, from_editor(field, spin.minimum()))
    check(field.key, from_editor(field, spin.maximum()))
    # …and nothing beyond them gets in, set or typed.
    spin.setValue(spin.maximum() * 10 + 1)
    assert spin.value() == spin.maximum()
    spin.setValue(-5)
    assert spin.value() == spin.minimum()
    spin.selectAll()
    qtbot.keyClicks(spin, "-")
    assert spin.value() >= spin.minimum()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "999999")
    spin.interpretText()
    assert spin.minimum() <= spin.value() <= spin.maximum()
    check(field.key, from_editor(field, spin.value()))
