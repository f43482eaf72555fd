"""Settings dialog behaviour: fill the generated editors from ``Settings`` and write them back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSlider, QSpinBox, QWidget

from app.rules.profile import list_profiles
from ui.settings import LANGUAGES, Settings
from ui.settings_dialog_view import EDITED, SettingsDialogView

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
SOURCE_CHOICES = ("auto", "obs", "demo", "screen")
RESTART_OPTIONS = frozenset({"source", "profile", "ai_host", "ad_label_follows_segments",
                             "db_path"})


class SettingsDialog(QObject):
    """``exec()`` returns the names of the options that changed (empty when cancelled)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.view = SettingsDialogView(parent)
        e = self.view.editors
        lang: QComboBox = e["language"]  # type: ignore[assignment]
        for code in LANGUAGES:
            lang.addItem(LANGUAGE_NAMES[code], code)
        prof: QComboBox = e["profile"]  # type: ignore[assignment]
        for name in list_profiles():
            prof.addItem(name, name)
        src: QComboBox = e["source"]  # type: ignore[assignment]
        for spec in SOURCE_CHOICES:
            src.addItem(spec, spec)
        self.view.buttons.accepted.connect(self.view.accept)
        self.view.buttons.rejected.connect(self.view.reject)
        self.before = {name: settings.get(name) for name in EDITED}
        for name in EDITED:
            self._put(e[name], self.before[name])

    @staticmethod
    def _put(editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            i = editor.findData(value)
            if i < 0 and editor.isEditable():
                editor.setEditText(str(value))
            else:
                editor.setCurrentIndex(max(0, i))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSlider | QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    @staticmethod
    def _get(editor: QWidget) -> Any:
        if isinstance(editor, QComboBox):
            if editor.isEditable():
                text = editor.currentText().strip()
                i = editor.findText(text)
                return editor.itemData(i) if i >= 0 else text
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSlider | QSpinBox):
            return editor.value()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        return None

    def apply(self) -> set[str]:
        """Write the editors' values; return the names that changed."""
        changed = set()
        for name in EDITED:
            value = self._get(self.view.editors[name])
            if value != self.before[name]:
                self.settings.set(name, value)
                changed.add(name)
        self.settings.sync()
        return changed

    def exec(self) -> set[str]:
        """Run modally; the changed option names, or an empty set when cancelled."""
        if not self.view.exec():
            return set()
        return self.apply()
