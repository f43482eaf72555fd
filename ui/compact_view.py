"""Compact mode: a small always-on-top strip of the five lights, for a host's corner of screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.status import LIGHTS, Level, LightState, light_name
from ui.widgets import Lamp


class CompactStrip(QWidget):
    """Five lamps with their names; the tooltip and a one-line caption give the reason.

    Double-click brings the main window back.
    """

    restore_requested = Signal()

    def __init__(self, on_top: bool = True) -> None:
        flags = (Qt.WindowType.Tool | Qt.WindowType.WindowTitleHint
                 | Qt.WindowType.WindowCloseButtonHint)
        if on_top:
            flags |= Qt.WindowType.WindowStaysOnTopHint
        super().__init__(None, flags)
        self.setObjectName("compactStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lamps: dict[str, Lamp] = {}
        self.names: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.setSpacing(14)
        for key in LIGHTS:
            lamp = Lamp(22, self)
            name = QLabel(self)
            name.setObjectName("compactName")
            cell = QHBoxLayout()
            cell.setSpacing(4)
            cell.addWidget(lamp)
            cell.addWidget(name)
            row.addLayout(cell)
            self.lamps[key] = lamp
            self.names[key] = name
        self.caption = QLabel(self)
        self.caption.setObjectName("compactCaption")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addLayout(row)
        box.addWidget(self.caption)
        self.retranslate()

    def retranslate(self) -> None:
        """Set texts in the current language."""
        self.setWindowTitle(self.tr("LiveComply lights"))
        for key, label in self.names.items():
            label.setText(light_name(key))
        self.setToolTip(self.tr("Double-click to open the main window"))

    def set_states(self, states: dict[str, LightState]) -> None:
        """Colour the lamps; the caption names the first light that is not green."""
        worst = ""
        for key, st in states.items():
            self.lamps[key].set_level(st.level)
            self.lamps[key].setToolTip(st.reason)
            if st.level is Level.ALARM and not worst:
                worst = st.reason
        self.caption.setText(worst or self.tr("All required elements on screen")
                             if any(s.level is not Level.UNKNOWN for s in states.values())
                             else self.tr("Waiting for the first frame"))
        self.caption.setProperty("alarm", bool(worst))
        self.caption.setStyleSheet("color: #f87171; font-weight: bold;" if worst
                                   else "color: #d1d5db;")

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # Qt override
        self.restore_requested.emit()
