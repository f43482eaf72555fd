"""Settings dialog behaviour: fill the generated editors from ``Settings`` and write them back.

The "Check profile" tab shows what the chosen profile file says (required elements,
legibility, alarm timing) plus the adjustments stored for it on this PC
(``ui/profile_overrides.py``). Switching the profile refills the editors from that profile;
edits made to each profile are kept while the dialog is open and written on OK, and only the
values that differ from the profile file are stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSlider, QSpinBox, QWidget

from app.rules.profile import Profile, ProfileError, list_profiles, load_profile
from ui.profile_overrides import (
    Overrides,
    effective,
    file_values,
    load_overrides,
    save_overrides,
)
from ui.settings import LANGUAGES, Settings
from ui.settings_dialog_view import EDITED, NUMBER_FIELDS, NumberField, SettingsDialogView
from ui.zone_store import profile_key

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}
SOURCE_CHOICES = ("auto", "obs", "demo", "screen")
# "profile_overrides" is reported when the chosen profile's adjustments changed.
RESTART_OPTIONS = frozenset({"source", "profile", "ai_host", "ad_label_follows_segments",
                             "db_path", "profile_overrides"})


def to_editor(f: NumberField, value: float) -> float:
    """A profile value in the editor's unit, rounded as the editor shows it."""
    return round(value * f.scale, f.decimals)


def from_editor(f: NumberField, shown: float) -> float:
    """The editor's value in the profile file's unit."""
    return round(shown / f.scale, f.decimals + 6)


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

        # The check-profile tab: profiles read once, edits kept per profile until OK.
        self._profiles: dict[str, Profile | None] = {}
        self._errors: dict[str, str] = {}
        self.pending: dict[str, Overrides] = {}
        self.shown = ""  # the profile key the check editors show
        self._ai_always = False  # the "AI label in every show" box while an AI host forces it
        ai_host: QCheckBox = e["ai_host"]  # type: ignore[assignment]
        ai_host.toggled.connect(self._ai_host_toggled)
        prof.currentIndexChanged.connect(self._profile_switched)
        self.view.reset_button.clicked.connect(self.reset_profile)
        for cb in self.view.required.values():
            cb.toggled.connect(self._edited)
        for spin in self.view.numbers.values():
            spin.valueChanged.connect(self._edited)
        self._ai_host_toggled(ai_host.isChecked())
        self.show_profile(self.selected_profile())

    # -- generic editors --------------------------------------------------------------------
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

    # -- check profile ----------------------------------------------------------------------
    def selected_profile(self) -> str:
        """The key of the profile chosen in the combo."""
        return profile_key(str(self._get(self.view.editors["profile"]) or ""))

    def profile(self, key: str) -> Profile | None:
        """The profile file ``key`` as loaded (None when it cannot be read), read once."""
        if key not in self._profiles:
            try:
                self._profiles[key] = load_profile(key)
            except ProfileError as exc:
                self._profiles[key] = None
                self._errors[key] = str(exc)
        return self._profiles[key]

    def overrides_of(self, key: str) -> Overrides:
        """The adjustments of ``key`` as this dialog has them (edited, else stored)."""
        if key == self.shown:
            return self.read_overrides()
        if key in self.pending:
            return dict(self.pending[key])
        profile = self.profile(key)
        return effective(profile, load_overrides(self.settings, key)) if profile else {}

    def show_profile(self, key: str) -> None:
        """Fill the check editors from profile ``key`` and its adjustments."""
        view = self.view
        profile = self.profile(key)
        overrides = self.overrides_of(key)
        self.shown = ""  # while filling, editor signals must not read half-filled values
        view.checks.setEnabled(profile is not None)
        if profile is None:
            view.description.setText(self._errors.get(key, ""))
            self.shown = key
            view.show_adjusted(set())
            return
        view.description.setText(profile.description)
        values = {**file_values(profile), **overrides}
        for element, cb in view.required.items():
            value = bool(values[f"required.{element}"])
            if element == "ai_disclosure" and self._ai_forced():
                self._ai_always = value
            else:
                cb.setChecked(value)
        for f in NUMBER_FIELDS:
            view.numbers[f.key].setValue(to_editor(f, float(values[f.key])))
        self.shown = key
        self._edited()

    def read_overrides(self) -> Overrides:
        """What the check editors show that differs from the shown profile's file."""
        profile = self.profile(self.shown) if self.shown else None
        if profile is None:
            return dict(self.pending.get(self.shown, {}))
        base = file_values(profile)
        out: Overrides = {}
        for element, cb in self.view.required.items():
            key = f"required.{element}"
            value = (self._ai_always if element == "ai_disclosure" and self._ai_forced()
                     else cb.isChecked())
            if value != base[key]:
                out[key] = value
        for f in NUMBER_FIELDS:
            shown = self.view.numbers[f.key].value()
            if shown != to_editor(f, base[f.key]):  # a value the editor cannot show is no edit
                out[f.key] = from_editor(f, shown)
        return out

    def reset_profile(self) -> None:
        """Forget the adjustments of the shown profile: its file's values apply again."""
        key = self.shown
        self.pending[key] = {}
        self.shown = ""
        self.show_profile(key)

    def _profile_switched(self) -> None:
        if self.shown:
            self.pending[self.shown] = self.read_overrides()
        self.show_profile(self.selected_profile())

    def _edited(self) -> None:
        if self.shown:
            self.view.show_adjusted(set(self.read_overrides()))

    def _ai_forced(self) -> bool:
        return self._get(self.view.editors["ai_host"]) is True

    def _ai_host_toggled(self, ai_host: bool) -> None:
        """An AI host requires the AI label (001 第三十条): the box shows it ticked and locked,
        and what it said comes back when the host is a person again."""
        cb = self.view.required["ai_disclosure"]
        if ai_host:
            self._ai_always = cb.isChecked() if cb.isEnabled() else self._ai_always
            cb.blockSignals(True)
            cb.setChecked(True)
            cb.blockSignals(False)
            cb.setEnabled(False)
        else:
            cb.setEnabled(True)
            cb.setChecked(self._ai_always)

    # -- result -----------------------------------------------------------------------------
    def apply(self) -> set[str]:
        """Write the editors' values; return the names that changed."""
        changed = set()
        for name in EDITED:
            value = self._get(self.view.editors[name])
            if value != self.before[name]:
                self.settings.set(name, value)
                changed.add(name)
        if self.shown:
            self.pending[self.shown] = self.read_overrides()
        chosen = self.selected_profile()
        for key, overrides in self.pending.items():
            profile = self.profile(key)
            if profile is None:
                continue
            if overrides != effective(profile, load_overrides(self.settings, key)):
                save_overrides(self.settings, key, overrides)
                if key == chosen:
                    changed.add("profile_overrides")
        self.settings.sync()
        return changed

    def exec(self) -> set[str]:
        """Run modally; the changed option names, or an empty set when cancelled."""
        if not self.view.exec():
            return set()
        return self.apply()


__all__ = ["RESTART_OPTIONS", "SettingsDialog"]
