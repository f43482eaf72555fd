"""Settings dialog layout, generated from the option registry (one editor per option)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.settings import REGISTRY, Option

# What the dialog edits, in order. OBS host/port live in the OBS dialog, prompter options on the
# prompter panel, window layout is saved on close.
EDITED: tuple[str, ...] = (
    "language", "source", "profile", "ai_host", "ad_label_follows_segments", "alarm_sound",
    "alarm_volume", "tray_notifications", "compact_on_top", "db_path",
)


class SettingsDialogView(QDialog):
    """A form with one editor per option in ``EDITED``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(520)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in EDITED:
            option = REGISTRY[name]
            editor = self._editor(option)
            editor.setObjectName(f"edit_{name}")
            label = QLabel(self)
            self.editors[name] = editor
            self.labels[name] = label
            form.addRow(label, editor)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("noteLabel")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.hint)
        box.addWidget(self.buttons)
        self.retranslate()

    def _editor(self, option: Option) -> QWidget:
        if option.name in ("language", "profile", "source"):
            combo = QComboBox(self)
            combo.setEditable(option.name == "source")
            return combo
        if option.type is bool:
            return QCheckBox(self)
        if option.name == "alarm_volume":
            slider = QSlider(Qt.Orientation.Horizontal, self)
            slider.setRange(option.minimum or 0, option.maximum or 100)
            return slider
        if option.type is int:
            spin = QSpinBox(self)
            spin.setRange(option.minimum or 0, option.maximum or 1_000_000)
            return spin
        return QLineEdit(self)

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Settings"))
        for name, label in self.labels.items():
            label.setText(REGISTRY[name].translated_label())
        self.hint.setText(self.tr(
            "Source: auto uses OBS when it answers and the demo room otherwise; or write obs, "
            "obs:HOST:PORT, screen, screen:x,y,w,h, device:N, file:PATH, demo. "
            "Changing source or profile restarts monitoring (a new evidence session)."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
