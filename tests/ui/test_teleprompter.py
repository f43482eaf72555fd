"""The teleprompter panel: import, go live, tick by click and by pedal key, confirm unsaid,
ad segment buttons, corrections — every step recorded, against the real rundown template and
(for one test) the real evidence store."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.rules.paths import resources_dir
from app.store import Store
from ui.settings import Settings
from ui.teleprompter import TeleprompterController
from ui.teleprompter_view import TeleprompterView

TEMPLATE = resources_dir() / "templates" / "rundown_template.csv"


@pytest.fixture
def panel(qtbot: QtBot) -> tuple[TeleprompterController, list[tuple[str, dict[str, Any]]]]:
    records: list[tuple[str, dict[str, Any]]] = []
    view = TeleprompterView()
    qtbot.addWidget(view)
    ctl = TeleprompterController(view, Settings(), lambda k, p: records.append((k, p)))
    ctl.import_rundown(TEMPLATE, blocking=True)
    view.show()
    return ctl, records


def test_import_go_live_and_tick_by_click(panel: Any) -> None:
    ctl, records = panel
    v = ctl.view
    assert ctl.model is not None and v.btn_go_live.isEnabled()
    v.btn_go_live.click()
    assert v.product_name.text() == "云南高山土蜂蜜"
    assert v.product_price.text() == "¥69"
    assert "下一个：" in v.next_label.text()
    assert "产地云南红河" in v.script.plain_text()
    assert v.checklist.count() == len(ctl.model.checklist) > 0
    first = v.checklist.item(0)
    first.setCheckState(Qt.CheckState.Checked)
    assert ctl.model.checklist[0].ticked
    assert records[-1][0] == "reminder_ticked"
    assert records[-1][1]["reminder"] == first.data(Qt.ItemDataRole.UserRole + 1)
    # Taking a tick back is recorded too.
    v.checklist.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not ctl.model.checklist[0].ticked
    assert records[-1][0] == "reminder_unticked"


def test_pedal_keys_tick_and_move(qtbot: QtBot, panel: Any, monkeypatch: Any) -> None:
    ctl, records = panel
    ctl.go_live()
    v = ctl.view
    v.activateWindow()
    qtbot.waitUntil(lambda: v.isActiveWindow(), timeout=2000)
    qtbot.keyClick(v, Qt.Key.Key_Space)
    assert ctl.model.checklist[0].ticked
    assert v.checklist.item(0).checkState() == Qt.CheckState.Checked
    # PageDown with mandatory reminders unsaid asks first; "No" keeps the product.
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    first = ctl.model.current
    qtbot.keyClick(v, Qt.Key.Key_PageDown)
    assert ctl.model.current == first
    qtbot.keyClick(v, Qt.Key.Key_PageDown)
    assert ctl.model.current != first
    unsaid = [p for k, p in records if k == "reminder_unsaid"]
    assert unsaid and all(p["row"] == first.row for p in unsaid)
    assert records[-1][0] == "product_changed"
    # Full-screen window keys drive the same controller.
    ctl.handle_key(int(Qt.Key.Key_Space))
    assert ctl.model.checklist[0].ticked


def test_ad_buttons_and_correction(qtbot: QtBot, panel: Any) -> None:
    ctl, records = panel
    ctl.go_live()
    v = ctl.view
    with qtbot.waitSignal(ctl.ad_segment_changed) as blocker:
        v.btn_ad_start.click()
    assert blocker.args == [True]
    assert records[-1][0] == "ad_segment_start"
    assert "以下为广告内容" in v.message.text()
    assert v.ad_state.text() == "广告中" and not v.btn_ad_start.isEnabled()
    with qtbot.waitSignal(ctl.ad_segment_changed) as blocker:
        v.btn_ad_end.click()
    assert blocker.args == [False]
    assert records[-1][0] == "ad_segment_end" and records[-1][1]["spoken"] is True
    v.wrong_edit.setText("价格 59 元")
    v.right_edit.setText("价格 69 元")
    v.btn_correct.click()
    assert records[-1][0] == "correction"
    assert records[-1][1]["wrong"] == "价格 59 元" and records[-1][1]["article"] == "001 第三十五条"
    assert v.wrong_edit.text() == ""
    # An empty correction is refused with the model's own words, nothing recorded.
    n = len(records)
    v.btn_correct.click()
    assert len(records) == n and "纠错记录须同时填写" in v.message.text()


def test_display_options_persist(panel: Any) -> None:
    ctl, _ = panel
    v = ctl.view
    v.font_size.setValue(40)
    v.mirror.setChecked(True)
    v.dark.setChecked(False)
    assert v.script.point_size() == 40 and v.script.is_mirrored()
    fresh = Settings()
    assert fresh.get("prompter_font_pt") == 40
    assert fresh.get("prompter_mirror") is True
    assert fresh.get("prompter_dark") is False


def test_rundown_errors_name_row_and_column(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    text = TEMPLATE.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index("售价")] = "六十九"
    bad.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8-sig")
    view = TeleprompterView()
    qtbot.addWidget(view)
    ctl = TeleprompterController(view, Settings(), lambda k, p: None)
    ctl.import_rundown(bad, blocking=True)
    assert ctl.model is None
    assert any(e.startswith("第2行【售价】") for e in ctl.last_errors), ctl.last_errors
    assert "第2行【售价】" in view.message.text()
    box = view.findChild(QMessageBox, "rundownErrors")
    assert box is not None and box.isVisible()
    box.close()


def test_import_runs_off_the_gui_thread(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "rundown.csv"
    shutil.copy(TEMPLATE, path)
    view = TeleprompterView()
    qtbot.addWidget(view)
    ctl = TeleprompterController(view, Settings(), lambda k, p: None)
    ctl.import_rundown(path)
    qtbot.waitUntil(lambda: ctl.model is not None, timeout=10_000)
    assert "3" in view.message.text()


def test_ticks_reach_the_evidence_store_and_a_failed_write_is_shown(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "evidence.db")
    session = store.start_session("demo", "default")
    fail = {"on": False}

    def record(kind: str, payload: dict[str, Any]) -> None:
        if fail["on"]:
            raise OSError("disk full")
        store.append(session, kind, payload)

    view = TeleprompterView()
    qtbot.addWidget(view)
    ctl = TeleprompterController(view, Settings(), record)
    ctl.import_rundown(TEMPLATE, blocking=True)
    ctl.go_live()
    ctl.tick_next()
    kinds = [r.kind for r in store.records(session)]
    assert kinds[-2:] == ["product_changed", "reminder_ticked"]
    fail["on"] = True
    with qtbot.waitSignal(ctl.error) as blocker:
        ctl.tick_next()
    assert "disk full" in blocker.args[0]
    # The screen stays honest: the second reminder is not shown as said.
    assert not ctl.model.checklist[1].ticked
    assert view.checklist.item(1).checkState() == Qt.CheckState.Unchecked
    store.end_session(session)
    store.close()


def test_full_screen_prompter_mirrors_and_takes_pedal_keys(qtbot: QtBot, panel: Any) -> None:
    ctl, records = panel
    ctl.go_live()
    ctl.view.mirror.setChecked(True)
    ctl.toggle_fullscreen()
    win = ctl.fullscreen
    assert win is not None
    qtbot.waitExposed(win)
    assert win.isFullScreen() and win.text.is_mirrored()
    assert win.text.point_size() >= 48
    assert "云南高山土蜂蜜" in win.text.plain_text()
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert records[-1][0] == "reminder_ticked"
    assert "✓" in win.text.plain_text()
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert ctl.fullscreen is None
