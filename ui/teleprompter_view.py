"""Teleprompter layout: current product, script in large type, the reminder checklist, the next
product, ad-segment buttons and the correction box. Behaviour is in ``teleprompter.py``."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class PrompterText(QWidget):
    """Rich text in large type that can be mirrored (for a beam-splitter prompter glass)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prompterText")
        self._doc = QTextDocument(self)
        self._mirror = False
        self._dark = True
        self._pt = 28
        self._html = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)
        self._apply_font()

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(420, 240)

    def _apply_font(self) -> None:
        font = QFont(self.font())
        font.setPointSize(self._pt)
        self._doc.setDefaultFont(font)
        self.update()

    def set_html(self, html: str) -> None:
        """What to show."""
        self._html = html
        self._rebuild()

    def _rebuild(self) -> None:
        # The default style sheet only applies to HTML set after it.
        self._doc.setDefaultStyleSheet(
            f"body {{ color: {'#ffffff' if self._dark else '#111111'}; }}"
            " .todo { color: #fbbf24; } .done { color: #6b7280; } .muted { color: #9ca3af; }")
        self._doc.setHtml(self._html)
        self._apply_font()

    def plain_text(self) -> str:
        """The shown text without markup (tests, accessibility)."""
        return self._doc.toPlainText()

    def set_point_size(self, pt: int) -> None:
        """Type size in points."""
        self._pt = pt
        self._apply_font()

    def point_size(self) -> int:
        """Type size in points."""
        return self._pt

    def set_mirror(self, mirror: bool) -> None:
        """Flip left-right."""
        self._mirror = mirror
        self.update()

    def is_mirrored(self) -> bool:
        """True when flipped."""
        return self._mirror

    def set_dark(self, dark: bool) -> None:
        """White on black (dark) or black on white."""
        self._dark = dark
        self._rebuild()

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000" if self._dark else "#fafafa"))
        margin = 12
        self._doc.setTextWidth(max(10, self.width() - 2 * margin))
        if self._mirror:
            p.translate(self.width(), 0)
            p.scale(-1, 1)
        p.translate(margin, margin)
        self._doc.drawContents(p, QRectF(0, 0, self.width() - 2 * margin,
                                         self.height() - 2 * margin))


class TeleprompterView(QWidget):
    """The docked panel. Pedal keys arrive as ``key_pressed`` from the full-screen window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teleprompter")
        self.rundown_label = QLabel(self)
        self.rundown_label.setWordWrap(True)
        self.rundown_label.setObjectName("rundownLabel")
        self.btn_import = QPushButton(self)
        self.btn_go_live = QPushButton(self)
        top = QHBoxLayout()
        top.addWidget(self.rundown_label, 1)
        top.addWidget(self.btn_import)
        top.addWidget(self.btn_go_live)

        self.product_name = QLabel(self)
        self.product_name.setObjectName("productName")
        self.product_name.setWordWrap(True)
        self.product_price = QLabel(self)
        self.product_price.setObjectName("productPrice")
        self.ad_state = QLabel(self)
        self.ad_state.setObjectName("adState")
        head = QHBoxLayout()
        head.addWidget(self.product_name, 1)
        head.addWidget(self.ad_state)
        head.addWidget(self.product_price)

        self.script = PrompterText(self)

        self.checklist_box = QGroupBox(self)
        self.checklist = QListWidget(self.checklist_box)
        self.checklist.setObjectName("checklist")
        self.checklist.setWordWrap(True)
        self.checklist.setMinimumHeight(140)
        cl = QVBoxLayout(self.checklist_box)
        cl.addWidget(self.checklist)

        self.next_label = QLabel(self)
        self.next_label.setObjectName("nextProduct")
        self.next_label.setWordWrap(True)

        self.btn_prev = QPushButton(self)
        self.btn_next = QPushButton(self)
        self.btn_ad_start = QPushButton(self)
        self.btn_ad_start.setObjectName("adStart")
        self.btn_ad_end = QPushButton(self)
        self.btn_ad_end.setObjectName("adEnd")
        self.btn_fullscreen = QPushButton(self)
        nav = QHBoxLayout()
        for b in (self.btn_prev, self.btn_next, self.btn_ad_start, self.btn_ad_end):
            nav.addWidget(b)

        self.font_size = QSpinBox(self)
        self.font_size.setRange(12, 96)
        self.mirror = QCheckBox(self)
        self.dark = QCheckBox(self)
        self.font_label = QLabel(self)
        opts = QHBoxLayout()
        opts.addWidget(self.font_label)
        opts.addWidget(self.font_size)
        opts.addWidget(self.mirror)
        opts.addWidget(self.dark)
        opts.addStretch(1)
        opts.addWidget(self.btn_fullscreen)

        self.correction_box = QGroupBox(self)
        self.wrong_edit = QLineEdit(self.correction_box)
        self.right_edit = QLineEdit(self.correction_box)
        self.btn_correct = QPushButton(self.correction_box)
        self.wrong_label = QLabel(self.correction_box)
        self.right_label = QLabel(self.correction_box)
        form = QFormLayout(self.correction_box)
        form.addRow(self.wrong_label, self.wrong_edit)
        form.addRow(self.right_label, self.right_edit)
        form.addRow("", self.btn_correct)

        self.message = QLabel(self)
        self.message.setObjectName("noteLabel")
        self.message.setWordWrap(True)

        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(head)
        box.addWidget(self.script, 3)
        box.addWidget(self.checklist_box, 2)
        box.addWidget(self.next_label)
        box.addLayout(nav)
        box.addLayout(opts)
        box.addWidget(self.correction_box)
        box.addWidget(self.message)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.btn_import.setText(self.tr("Import rundown…"))
        self.btn_go_live.setText(self.tr("Go live"))
        self.checklist_box.setTitle(self.tr("Say and tick (Space ticks the next one)"))
        self.btn_prev.setText(self.tr("◀ Previous"))
        self.btn_next.setText(self.tr("Next ▶"))
        self.btn_ad_start.setText(self.tr("Ad start"))
        self.btn_ad_end.setText(self.tr("Ad end"))
        self.btn_fullscreen.setText(self.tr("Full screen"))
        self.font_label.setText(self.tr("Type size"))
        self.mirror.setText(self.tr("Mirror"))
        self.dark.setText(self.tr("Dark"))
        self.correction_box.setTitle(self.tr("Correction (R1, 001 art. 35)"))
        self.wrong_label.setText(self.tr("Said wrongly"))
        self.right_label.setText(self.tr("Corrected to"))
        self.btn_correct.setText(self.tr("Record correction"))
        self.wrong_edit.setPlaceholderText(self.tr("e.g. price 59"))
        self.right_edit.setPlaceholderText(self.tr("e.g. price 69"))


class PrompterWindow(QWidget):
    """The full-screen prompter for a second monitor; keys go back to the controller."""

    key_pressed = Signal(int)
    closed = Signal()

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("prompterWindow")
        self.text = PrompterText(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        self.key_pressed.emit(int(event.key()))

    def closeEvent(self, event) -> None:  # Qt override
        self.closed.emit()
        super().closeEvent(event)
