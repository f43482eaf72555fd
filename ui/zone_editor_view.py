"""The zone editor's bar above the preview: which element, delete / clear / reset, Save and
Cancel, and a one-line how-to. Layout only; ``ui/zone_editor.py`` drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.pack import ELEMENT_NAMES
from ui.status import light_name


class ZoneEditorBar(QWidget):
    """Title and how-to, the element to draw for, then the edit and Save/Cancel buttons;
    hidden until editing starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zoneEditorBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # the amber frame
        self.title = QLabel(self)
        self.title.setObjectName("zoneEditorTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("zoneHint")
        self.hint.setWordWrap(True)
        self.element_caption = QLabel(self)
        self.elements: dict[str, QPushButton] = {}
        self.element_group = QButtonGroup(self)
        self.element_group.setExclusive(True)
        for element in ELEMENT_NAMES:
            btn = QPushButton(self)
            btn.setObjectName(f"zoneElement_{element}")
            btn.setCheckable(True)
            self.element_group.addButton(btn)
            self.elements[element] = btn
        self.btn_delete = QPushButton(self)
        self.btn_delete.setObjectName("zoneDelete")
        self.btn_clear = QPushButton(self)
        self.btn_clear.setObjectName("zoneClear")
        self.btn_reset = QPushButton(self)
        self.btn_reset.setObjectName("zoneReset")
        self.btn_cancel = QPushButton(self)
        self.btn_cancel.setObjectName("zoneCancel")
        self.btn_save = QPushButton(self)
        self.btn_save.setObjectName("zoneSave")
        self.btn_save.setDefault(True)

        # Three short rows rather than one long one: a longer translation (or 150 % scaling)
        # must wrap the how-to, never squeeze a button's text away.
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.hint, 1)
        pick = QHBoxLayout()
        pick.addWidget(self.element_caption)
        for btn in self.elements.values():
            pick.addWidget(btn)
        pick.addStretch(1)
        act = QHBoxLayout()
        for btn in (self.btn_delete, self.btn_clear, self.btn_reset):
            act.addWidget(btn)
        act.addStretch(1)
        act.addWidget(self.btn_cancel)
        act.addWidget(self.btn_save)

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(4)
        for row in (head, pick, act):
            row.setContentsMargins(0, 0, 0, 0)
            box.addLayout(row)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.title.setText(self.tr("Edit expected zones"))
        self.element_caption.setText(self.tr("Element:"))
        for element, btn in self.elements.items():
            btn.setText(light_name(element))
        self.btn_cancel.setText(self.tr("Cancel"))
        self.btn_save.setText(self.tr("Save"))
        self.btn_delete.setText(self.tr("Delete zone"))
        self.btn_delete.setToolTip(self.tr("Delete the selected zone (Delete key)"))
        self.btn_clear.setText(self.tr("Clear this element"))
        self.btn_clear.setToolTip(self.tr("Remove every zone of the selected element"))
        self.btn_reset.setText(self.tr("Reset to the profile's zones"))
        self.btn_reset.setToolTip(self.tr(
            "Forget the zones drawn on this PC and use those in the profile file"))
        self.hint.setText(self.tr(
            "Drag on the preview to draw where the element is expected; click a zone to "
            "select it. A found element whose centre is outside all its zones is misplaced."))
