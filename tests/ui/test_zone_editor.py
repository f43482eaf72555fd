"""The zone editor on a bare preview and bar, driven by real mouse and key events: a drag adds
the fraction box under the mouse (through the letterbox), a tiny drag does not, a click selects,
Delete removes, Save hands the zones over, Cancel hands over nothing. No OCR needed here; the
real monitor's side is in test_main_window.py."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.rules.profile import Zone
from ui.widgets import PreviewWidget
from ui.zone_editor import ZoneEditor
from ui.zone_editor_view import ZoneEditorBar
from ui.zone_geometry import to_widget

PROFILE = {"price": ((0.6, 0.55, 0.4, 0.25),)}
LEFT = Qt.MouseButton.LeftButton


class Rig:
    """A window holding the bar above a 900×600 preview showing a 1280×720 frame (so there are
    black bars above and below, and widget pixels are not frame pixels)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.bar = ZoneEditorBar(self.window)
        self.preview = PreviewWidget(self.window)
        box = QVBoxLayout(self.window)
        box.addWidget(self.bar)
        box.addWidget(self.preview, 1)
        self.editor = ZoneEditor(self.bar, self.preview)
        self.saved: list[Any] = []
        self.editor.saved.connect(self.saved.append)
        image = QImage(1280, 720, QImage.Format.Format_RGB888)
        image.fill(QColor("#335577"))
        self.preview.set_frame(image, [])
        self.window.show()
        qtbot.waitExposed(self.window)
        self.preview.setFixedSize(900, 600)
        qtbot.waitUntil(lambda: self.preview.size().width() == 900)

    def point(self, fx: float, fy: float) -> QPoint:
        """The widget pixel showing frame point (fx, fy)."""
        box = self.preview.letterbox()
        assert box is not None
        x, y, _, _ = to_widget(box, (fx, fy, 0.0, 0.0))
        return QPoint(round(x), round(y))

    def drag(self, qtbot: QtBot, a: QPoint, b: QPoint) -> None:
        qtbot.mousePress(self.preview, LEFT, pos=a)
        mid = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
        qtbot.mouseMove(self.preview, mid)
        qtbot.mouseMove(self.preview, b)
        qtbot.mouseRelease(self.preview, LEFT, pos=b)


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    return Rig(qtbot)


def approx_zone(zone: Zone, tol: float = 0.004) -> Any:
    return pytest.approx(zone, abs=tol)  # ±1 widget pixel at this scale


def test_not_editing_the_preview_ignores_the_mouse(qtbot: QtBot, rig: Rig) -> None:
    assert not rig.bar.isVisible() and not rig.preview.interactive
    rig.drag(qtbot, rig.point(0.1, 0.1), rig.point(0.5, 0.5))
    assert rig.preview.marks == [] and rig.saved == []


def test_drag_draws_a_zone_in_frame_fractions_and_save_hands_it_over(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.editor.begin(PROFILE, PROFILE)
    assert rig.bar.isVisible() and rig.preview.interactive
    assert [m.style for m in rig.preview.marks] == ["other"]  # price, while ad_label is chosen
    a, b = rig.point(0.02, 0.03), rig.point(0.32, 0.23)
    qtbot.mousePress(rig.preview, LEFT, pos=a)
    qtbot.mouseMove(rig.preview, rig.point(0.2, 0.1))
    drawing = [m for m in rig.preview.marks if m.style == "drawing"]
    assert len(drawing) == 1  # the zone shows while the mouse moves
    assert drawing[0].zone == approx_zone((0.02, 0.03, 0.18, 0.07))
    qtbot.mouseMove(rig.preview, b)
    qtbot.mouseRelease(rig.preview, LEFT, pos=b)
    draft = rig.editor.draft
    assert draft is not None
    assert draft.zones["ad_label"] == [approx_zone((0.02, 0.03, 0.3, 0.2))]
    assert draft.selected == ("ad_label", 0)
    assert not any(m.style == "drawing" for m in rig.preview.marks)

    rig.bar.btn_save.click()
    assert len(rig.saved) == 1
    assert rig.saved[0]["price"] == PROFILE["price"]
    assert rig.saved[0]["ad_label"] == (approx_zone((0.02, 0.03, 0.3, 0.2)),)
    assert not rig.bar.isVisible() and not rig.preview.interactive
    assert rig.preview.marks == []  # the owner draws its zones again


def test_a_drag_over_the_black_bars_is_clamped_to_the_frame(qtbot: QtBot, rig: Rig) -> None:
    rig.editor.begin({}, {})
    rig.bar.elements["price"].click()
    box = rig.preview.letterbox()
    assert box is not None and box.y0 > 40  # bars above and below the 16:9 frame
    rig.drag(qtbot, rig.point(0.7, 0.6), QPoint(rig.preview.width() - 1, rig.preview.height() - 1))
    assert rig.editor.draft is not None
    assert rig.editor.draft.zones["price"] == [approx_zone((0.7, 0.6, 0.3, 0.4))]


def test_tiny_drag_is_ignored_click_selects_and_delete_key_removes(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.editor.begin(PROFILE, PROFILE)
    draft = rig.editor.draft
    assert draft is not None
    p = rig.point(0.3, 0.3)
    rig.drag(qtbot, p, p + QPoint(3, 3))  # an accidental twitch
    assert draft.result() == PROFILE
    assert not rig.bar.btn_delete.isEnabled()

    qtbot.mouseClick(rig.preview, LEFT, pos=rig.point(0.8, 0.7))
    assert draft.selected == ("price", 0)
    assert rig.bar.elements["price"].isChecked()  # the element follows the selection
    assert [m.style for m in rig.preview.marks] == ["selected"]
    assert rig.bar.btn_delete.isEnabled()
    qtbot.keyClick(rig.preview, Qt.Key.Key_Delete)
    assert draft.result() == {}
    assert rig.preview.marks == []


def test_delete_button_clear_and_reset(qtbot: QtBot, rig: Rig) -> None:
    rig.editor.begin({}, PROFILE)  # drawn zones in force: none; the profile file has price
    rig.bar.elements["merchant_info"].click()
    rig.drag(qtbot, rig.point(0.0, 0.8), rig.point(0.4, 1.0))
    rig.drag(qtbot, rig.point(0.5, 0.8), rig.point(0.6, 0.9))
    draft = rig.editor.draft
    assert draft is not None and len(draft.zones["merchant_info"]) == 2
    rig.bar.btn_delete.click()  # the last drawn is selected
    assert draft.zones["merchant_info"] == [approx_zone((0.0, 0.8, 0.4, 0.2))]
    rig.bar.btn_clear.click()
    assert draft.zones["merchant_info"] == []
    assert rig.bar.btn_reset.isEnabled()
    rig.bar.btn_reset.click()
    assert draft.result() == PROFILE and not rig.bar.btn_reset.isEnabled()


def test_cancel_hands_over_nothing(qtbot: QtBot, rig: Rig) -> None:
    rig.editor.begin(PROFILE, PROFILE)
    rig.drag(qtbot, rig.point(0.1, 0.1), rig.point(0.3, 0.3))
    rig.bar.btn_cancel.click()
    assert rig.saved == [] and not rig.editor.active
    assert not rig.preview.interactive and rig.preview.marks == []
