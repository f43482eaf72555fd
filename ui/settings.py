"""Every user setting, declared once: name, type, default and the label the settings UI shows.

Why one registry (Picard's ``Option`` lesson): a scattered ``settings.value("obs/port")`` with a
default repeated at each call site drifts; here the type coerces what ``QSettings`` hands back
(INI files return strings) and a typo is a ``KeyError`` at once instead of a silent default.

Values live in an INI file under ``app.paths.config_dir()`` (so ``LIVECOMPLY_CONFIG_DIR`` moves
it for tests). Secrets never do: the OBS password is in the OS keyring (``app.secrets``).
A ``dict`` option is stored as one JSON string (INI has no nesting); what it holds is checked
by its reader (``ui.zone_store`` for the drawn zones, ``ui.profile_overrides`` for the adjusted
checks), as JSON alone says nothing of meaning.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings

from app.paths import config_dir

SETTINGS_FILENAME = "livecomply.ini"


@dataclass(frozen=True, slots=True)
class Option:
    """One setting. ``label`` is an untranslated source string in the "Settings" context."""

    name: str
    type: type
    default: Any
    label: str
    choices: tuple[Any, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def fresh_default(self) -> Any:
        """The default, copied when mutable (a caller editing it must not change the next one)."""
        return copy.deepcopy(self.default) if self.type is dict else self.default

    def coerce(self, raw: Any) -> Any:
        """Turn what QSettings returns (often a str from INI) into this option's type."""
        if raw is None:
            return self.fresh_default()
        try:
            if self.type is dict:
                value = json.loads(raw) if isinstance(raw, str) else copy.deepcopy(raw)
                if not isinstance(value, dict):
                    raise TypeError(f"{self.name}: not a JSON object")
            elif self.type is bool:
                value: Any = raw if isinstance(raw, bool) else str(raw).lower() in (
                    "1", "true", "yes", "on")
            elif self.type is bytes:
                value = bytes(raw.data()) if isinstance(raw, QByteArray) else bytes(raw)
            else:
                value = self.type(raw)
        except (TypeError, ValueError):
            return self.fresh_default()
        if self.choices and value not in self.choices:
            return self.default
        if self.minimum is not None and value < self.minimum:
            return self.minimum
        if self.maximum is not None and value > self.maximum:
            return self.maximum
        return value

    def translated_label(self) -> str:
        """The label in the UI language."""
        return QCoreApplication.translate("Settings", self.label)


LANGUAGES = ("zh_CN", "en")
SOURCE_KINDS = ("auto", "obs", "demo", "screen", "device", "file")

OPTIONS: tuple[Option, ...] = (
    Option("language", str, "zh_CN", QT_TRANSLATE_NOOP("Settings", "Language"), LANGUAGES),
    Option("source", str, "auto", QT_TRANSLATE_NOOP("Settings", "Video source")),
    Option("obs_host", str, "127.0.0.1", QT_TRANSLATE_NOOP("Settings", "OBS host")),
    Option("obs_port", int, 4455, QT_TRANSLATE_NOOP("Settings", "OBS port"),
           minimum=1, maximum=65535),
    Option("profile", str, "default", QT_TRANSLATE_NOOP("Settings", "Check profile")),
    Option("ai_host", bool, False, QT_TRANSLATE_NOOP("Settings", "The host is an AI avatar")),
    Option("ad_label_follows_segments", bool, False,
           QT_TRANSLATE_NOOP("Settings", "Require the ad label only inside ad segments")),
    Option("db_path", str, "", QT_TRANSLATE_NOOP("Settings", "Evidence database")),
    Option("alarm_sound", bool, True, QT_TRANSLATE_NOOP("Settings", "Alarm sound")),
    Option("alarm_volume", int, 80, QT_TRANSLATE_NOOP("Settings", "Alarm volume"),
           minimum=0, maximum=100),
    Option("tray_notifications", bool, True,
           QT_TRANSLATE_NOOP("Settings", "Tray notifications")),
    Option("prompter_font_pt", int, 28, QT_TRANSLATE_NOOP("Settings", "Teleprompter font size"),
           minimum=12, maximum=96),
    Option("prompter_mirror", bool, False, QT_TRANSLATE_NOOP("Settings", "Mirror teleprompter")),
    Option("prompter_dark", bool, True, QT_TRANSLATE_NOOP("Settings", "Dark teleprompter")),
    Option("compact_on_top", bool, True,
           QT_TRANSLATE_NOOP("Settings", "Keep the compact strip on top")),
    Option("window_geometry", bytes, b"", QT_TRANSLATE_NOOP("Settings", "Window geometry")),
    Option("window_state", bytes, b"", QT_TRANSLATE_NOOP("Settings", "Window layout")),
    # {profile: {element: [[x, y, w, h], …]}}: drawn in the zone editor, kept per PC, never in
    # the shipped profile files (see ui/zone_store.py).
    Option("profile_zones", dict, {},
           QT_TRANSLATE_NOOP("Settings", "Expected overlay zones per profile")),
    # {profile: {"required.price": false, "monitor.grace_s.ad_label": 5.0, …}}: the checks
    # adjusted in the settings dialog, only where they differ from the profile file
    # (see ui/profile_overrides.py).
    Option("profile_overrides", dict, {},
           QT_TRANSLATE_NOOP("Settings", "Adjusted checks per profile")),
)
REGISTRY: dict[str, Option] = {o.name: o for o in OPTIONS}


def settings_path() -> Path:
    """The INI file (created on first write)."""
    return config_dir() / SETTINGS_FILENAME


class Settings:
    """Typed access to the registry's options, persisted with ``QSettings`` (INI format)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, name: str) -> Any:
        """The stored value of ``name`` (its default if unset or unreadable)."""
        option = REGISTRY[name]
        return option.coerce(self._qs.value(name, None))

    def set(self, name: str, value: Any) -> None:
        """Store ``value`` after coercing it to the option's type."""
        option = REGISTRY[name]
        value = option.coerce(value)
        if option.type is bytes:
            value = QByteArray(value)
        elif option.type is dict:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        self._qs.setValue(name, value)

    def reset(self, name: str) -> None:
        """Forget a stored value so the default applies again."""
        REGISTRY[name]
        self._qs.remove(name)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._qs.sync()
