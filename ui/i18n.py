"""Load the UI language: compiled Qt Linguist catalogues and a pseudo-localisation switch.

Source strings in the code are English; ``resources/i18n/livecomply_zh_CN.ts`` translates them
to Chinese, the default language of the product. ``LIVECOMPLY_PSEUDO=1`` wraps every string in
brackets and stretches it by about 40 % (Vorta's ``TRANS_SCALE`` idea) so clipped labels show up
in screenshots before a real translation makes them longer. See ``resources/i18n/README.md``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.rules.paths import resources_dir

PSEUDO_ENV = "LIVECOMPLY_PSEUDO"
CATALOGUE = "livecomply"
SOURCE_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}|%\d")
_ACCENTED = str.maketrans("aeiouAEIOUcnyCNY", "áéîõüÅÉÎÕÜçñýÇÑÝ")


def i18n_dir() -> Path:
    """Where the .ts sources and compiled .qm catalogues live."""
    return resources_dir() / "i18n"


def placeholders(text: str) -> list[str]:
    """The ``{name}`` / ``%1`` placeholders in ``text``, sorted (for the translation test)."""
    return sorted(_PLACEHOLDER.findall(text))


def pseudo(text: str) -> str:
    """Stretch and accent ``text`` but keep its placeholders intact."""
    if not text:
        return text
    out, last = [], 0
    for m in _PLACEHOLDER.finditer(text):
        out.append(text[last:m.start()].translate(_ACCENTED))
        out.append(m.group(0))
        last = m.end()
    out.append(text[last:].translate(_ACCENTED))
    body = "".join(out)
    pad = "~" * max(1, round(len(text) * 0.4))
    return f"[{body}{pad}]"


class PseudoTranslator(QTranslator):
    """Translates through ``inner`` (if any), then stretches the result."""

    def __init__(self, inner: QTranslator | None = None) -> None:
        super().__init__()
        self._inner = inner

    def translate(  # Qt override
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        text = ""
        if self._inner is not None:
            text = self._inner.translate(context, source_text, disambiguation, n)
        return pseudo(text or source_text)

    def isEmpty(self) -> bool:  # Qt override
        return False


_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    """The compiled catalogue for ``language`` (``zh_CN``)."""
    return i18n_dir() / f"{CATALOGUE}_{language}.qm"


def install_language(language: str) -> bool:
    """Replace the application's translators with ``language``'s; True if a catalogue loaded.

    English needs no catalogue (it is the source language). Widgets must re-read their texts
    afterwards (``retranslate()``), as Qt only sends ``LanguageChange`` events.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    loaded = False
    translator: QTranslator | None = None
    if language != SOURCE_LANGUAGE:
        translator = QTranslator(app)
        loaded = translator.load(str(qm_path(language)))
        if not loaded:
            translator = None
    if os.environ.get(PSEUDO_ENV, "") not in ("", "0"):
        translator = PseudoTranslator(translator)
    if translator is not None:
        app.installTranslator(translator)
        _installed.append(translator)
    QLocale.setDefault(QLocale(language))
    return loaded or language == SOURCE_LANGUAGE
