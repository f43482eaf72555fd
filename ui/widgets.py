"""Small custom widgets: a status light, the annotated preview, the red alarm banner.

They only draw what they are told; the controllers decide colours and texts. The preview also
reports mouse and Delete input while the zone editor has made it interactive — it never decides
what a drag means (``ui/zone_editor.py`` does).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.rules.profile import Zone
from ui.status import Level
from ui.zone_geometry import Letterbox, fit, to_widget

LEVEL_COLOURS: dict[Level, str] = {
    Level.UNKNOWN: "#6b7280",
    Level.OFF: "#4b5563",
    Level.OK: "#16a34a",
    Level.WARN: "#f59e0b",
    Level.ALARM: "#dc2626",
}


class Lamp(QWidget):
    """A filled circle in the level's colour (readable at a glance from across a studio)."""

    def __init__(self, diameter: int = 28, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = Level.UNKNOWN
        self._diameter = diameter
        self.setFixedSize(diameter + 4, diameter + 4)

    @property
    def level(self) -> Level:
        """The current level."""
        return self._level

    def set_level(self, level: Level) -> None:
        """Change colour."""
        if level != self._level:
            self._level = level
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(LEVEL_COLOURS[self._level])
        p.setPen(QPen(colour.darker(150), 2))
        p.setBrush(colour)
        p.drawEllipse(2, 2, self._diameter, self._diameter)


class LightWidget(QWidget):
    """Lamp, element name and the reason in words beneath."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"light_{key}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.lamp = Lamp(26, self)
        self.name = QLabel(self)
        self.name.setObjectName("lightName")
        self.name.setWordWrap(True)  # "Merchant info" at 150 % on a narrow window
        self.reason = QLabel(self)
        self.reason.setObjectName("lightReason")
        self.reason.setWordWrap(True)
        self.reason.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.lamp)
        top.addWidget(self.name, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(self.reason)
        self.setMinimumWidth(150)

    @property
    def level(self) -> Level:
        """The lamp's level."""
        return self.lamp.level

    def set_state(self, level: Level, reason: str) -> None:
        """Show a level and its reason."""
        self.lamp.set_level(level)
        self.reason.setText(reason)
        self.reason.setToolTip(reason)
        self.setProperty("level", level.value)
        self.style().unpolish(self)
        self.style().polish(self)


def bgr_to_qimage(image: np.ndarray) -> QImage:
    """A deep-copied QImage of a BGR uint8 frame (the numpy buffer may be reused)."""
    arr = np.ascontiguousarray(image)
    h, w = arr.shape[:2]
    if arr.ndim == 2:
        return QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_Grayscale8).copy()
    return QImage(arr.data, w, h, arr.strides[0], QImage.Format.Format_BGR888).copy()


@dataclass(frozen=True, slots=True)
class Overlay:
    """A rectangle to draw on the preview, in frame pixels."""

    x: float
    y: float
    w: float
    h: float
    label: str
    kind: str  # "ok", "bad", "zone"


@dataclass(frozen=True, slots=True)
class ZoneMark:
    """An expected zone to draw, in frame fractions (so it stays put whatever frame comes).

    ``style``: "zone" (as configured, or the element being edited), "other" (another element's
    zone while editing), "selected" (picked in the editor), "drawing" (the drag in progress).
    """

    zone: Zone
    label: str
    style: str = "zone"


OVERLAY_COLOURS = {"ok": "#22c55e", "bad": "#ef4444", "zone": "#60a5fa", "other": "#9ca3af",
                   "selected": "#f59e0b", "drawing": "#f59e0b"}
_ZONE_STYLES = ("zone", "other", "selected", "drawing")


class PreviewWidget(QWidget):
    """The checked frame, scaled to fit, with found boxes and expected zones on top.

    Two layers: ``overlays`` come with each sample (frame pixels: what was found), ``marks``
    stay until replaced (fractions: where things are expected, or the zones being edited).
    """

    #: Widget coordinates of mouse input, emitted only while interactive (zone editing).
    pointer_pressed = Signal(float, float)
    pointer_moved = Signal(float, float)
    pointer_released = Signal(float, float)
    #: Delete / Backspace while interactive.
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self._image: QImage | None = None
        self._overlays: list[Overlay] = []
        self._marks: list[ZoneMark] = []
        self._placeholder = ""
        self._interactive = False
        self._dragging = False
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(640, 360)

    def set_placeholder(self, text: str) -> None:
        """Text shown while there is no frame yet."""
        self._placeholder = text
        self.update()

    def set_frame(self, image: QImage, overlays: list[Overlay]) -> None:
        """Show a frame and its overlays."""
        self._image = image
        self._overlays = overlays
        self.update()

    def clear(self) -> None:
        """Back to the placeholder."""
        self._image = None
        self._overlays = []
        self.update()

    def set_marks(self, marks: list[ZoneMark]) -> None:
        """Replace the expected zones drawn over every frame."""
        self._marks = list(marks)
        self.update()

    @property
    def overlays(self) -> list[Overlay]:
        """What is drawn now (for tests)."""
        return list(self._overlays)

    @property
    def marks(self) -> list[ZoneMark]:
        """The expected zones drawn now."""
        return list(self._marks)

    def has_frame(self) -> bool:
        """True once a frame is shown."""
        return self._image is not None

    def letterbox(self) -> Letterbox | None:
        """Where the frame is drawn in this widget now (None without a frame)."""
        img = self._image
        if img is None or img.isNull():
            return None
        return fit(self.width(), self.height(), img.width(), img.height())

    # -- zone editing input ------------------------------------------------------------------
    @property
    def interactive(self) -> bool:
        """True while the zone editor takes the mouse."""
        return self._interactive

    def set_interactive(self, on: bool) -> None:
        """Report mouse and Delete input (zone editing) or ignore it (normal preview)."""
        self._interactive = on
        self._dragging = False
        if on:
            self.setCursor(Qt.CursorShape.CrossCursor)
            self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        else:
            self.unsetCursor()
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.clearFocus()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        if not self._interactive or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._dragging = True
        pos = event.position()
        self.pointer_pressed.emit(pos.x(), pos.y())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # Qt override
        if not (self._interactive and self._dragging):
            super().mouseMoveEvent(event)
            return
        pos = event.position()
        self.pointer_moved.emit(pos.x(), pos.y())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if not (self._interactive and self._dragging) \
                or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        pos = event.position()
        self.pointer_released.emit(pos.x(), pos.y())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if self._interactive and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- drawing -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#111827"))
        img = self._image
        box = self.letterbox()
        if img is None or box is None:
            p.setPen(QColor("#9ca3af"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self._placeholder)
            return
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(QRectF(box.x0, box.y0, box.w, box.h), img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() * 0.9))
        p.setFont(font)
        scale = box.scale
        for o in self._overlays:
            rect = QRectF(box.x0 + o.x * scale, box.y0 + o.y * scale, o.w * scale, o.h * scale)
            self._draw_box(p, rect, o.label, o.kind, box.y0)
        for m in self._marks:  # on top: while editing, the zones are what the user works on
            self._draw_box(p, QRectF(*to_widget(box, m.zone)), m.label, m.style, box.y0)

    @staticmethod
    def _draw_box(p: QPainter, rect: QRectF, label: str, kind: str, top: float) -> None:
        """One rectangle with its name tag: zones dashed and tinted with the tag inside at the
        bottom, found boxes solid with the tag above (below when there is no room)."""
        colour = QColor(OVERLAY_COLOURS.get(kind, "#ffffff"))
        zone = kind in _ZONE_STYLES
        width = {"zone": 1.5, "other": 1.5, "selected": 3.0, "drawing": 2.0}.get(kind, 2.5)
        pen = QPen(colour, width)
        if zone:
            pen.setStyle(Qt.PenStyle.SolidLine if kind == "selected" else Qt.PenStyle.DashLine)
            fill = QColor(colour)
            fill.setAlpha(60 if kind in ("selected", "drawing") else 28)
            p.fillRect(rect, fill)
        p.setPen(pen)
        p.drawRect(rect)
        if not label:
            return
        metrics = p.fontMetrics()
        tw = metrics.horizontalAdvance(label) + 8
        th = metrics.height() + 2
        ty = rect.bottom() - th if zone else (
            rect.top() - th if rect.top() - th >= top else rect.bottom())
        tag = QRectF(rect.left(), ty, tw, th)
        bg = QColor(colour)
        bg.setAlpha(200)
        p.fillRect(tag, bg)
        p.setPen(QColor("#000000") if kind != "bad" else QColor("#ffffff"))
        p.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)


class Banner(QWidget):
    """The red alarm banner: large white text a host can read from the camera position."""

    mute_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alarmBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel(self)
        self.text.setObjectName("alarmText")
        self.text.setWordWrap(True)
        self.mute = QPushButton(self)
        self.mute.setObjectName("alarmMute")
        self.mute.setCheckable(True)
        self.mute.clicked.connect(self.mute_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 10, 16, 10)
        row.addWidget(self.text, 1)
        row.addWidget(self.mute)
        self.hide()

    def show_lines(self, lines: list[str]) -> None:
        """Show the open alarms (one per line) or hide the banner when there are none."""
        if not lines:
            self.text.clear()
            self.hide()
            return
        self.text.setText("\n".join(lines))
        self.show()
