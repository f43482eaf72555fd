"""The app's look: Fusion with a dark palette (a studio PC sits in a dim room beside OBS, which
is dark too) and one style sheet, so colours are decided in one place."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from app.rules.paths import resources_dir

STYLE_SHEET = """
QWidget#lightsBar { background: #111827; border-radius: 8px; }
LightWidget { border-radius: 8px; background: #1f2937; }
LightWidget[level="alarm"] { background: #7f1d1d; }
LightWidget[level="warn"] { background: #78350f; }
QLabel#lightName { font-size: 13pt; font-weight: bold; color: #f9fafb; }
QLabel#lightReason { font-size: 10.5pt; color: #e5e7eb; }
QWidget#alarmBanner { background: #dc2626; border-radius: 6px; }
QLabel#alarmText { color: white; font-size: 20pt; font-weight: bold; }
QPushButton#alarmMute { color: white; background: #991b1b; border: 1px solid #fecaca;
    padding: 6px 12px; font-size: 11pt; }
QPushButton#alarmMute:checked { background: #450a0a; }
QLabel#connState[state="connected"] { color: #4ade80; font-weight: bold; }
QLabel#connState[state="disconnected"] { color: #f87171; font-weight: bold; }
QLabel#connState[state="reconnecting"] { color: #fbbf24; font-weight: bold; }
QLabel#connState[state="starting"] { color: #93c5fd; font-weight: bold; }
QLabel#productName { font-size: 20pt; font-weight: bold; }
QLabel#productPrice { font-size: 16pt; color: #fbbf24; font-weight: bold; }
QLabel#nextProduct { color: #9ca3af; font-size: 12pt; }
QLabel#adState[active="true"] { background: #b91c1c; color: white; padding: 4px 8px;
    border-radius: 4px; font-weight: bold; }
QPushButton#adStart, QPushButton#adEnd { font-size: 12pt; padding: 6px 10px; }
QLabel#noteLabel { color: #fbbf24; }
QLabel#errorLabel { color: #f87171; }
CompactStrip { background: #111827; }
QWidget#zoneEditorBar { background: #1e293b; border: 1px solid #f59e0b; border-radius: 6px; }
QLabel#zoneEditorTitle { color: #fbbf24; font-weight: bold; }
QWidget#zoneEditorBar QPushButton:checked { background: #2563eb; color: white;
    border: 1px solid #93c5fd; border-radius: 3px; padding: 3px 10px; font-weight: bold; }
"""


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style."""
    p = QPalette()
    base, alt, text = QColor("#1f2937"), QColor("#111827"), QColor("#f3f4f6")
    p.setColor(QPalette.ColorRole.Window, QColor("#0f172a"))
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, alt)
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#374151"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, QColor("#273449"))
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2563eb"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9ca3af"))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7280"))
    return p


def app_icon() -> QIcon:
    """The window and tray icon."""
    return QIcon(str(resources_dir() / "icons" / "livecomply.svg"))


CJK_FAMILIES = ["Microsoft YaHei UI", "Noto Sans CJK SC", "PingFang SC", "Source Han Sans SC"]
LATIN_FAMILIES = ["Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans"]


def apply_font(app: QApplication, language: str) -> None:
    """UI font for ``language``: the script's own font first, the other as glyph fallback.

    Order matters for shared punctuation: with a CJK font first, English text gets full-width
    curly quotes ("“Go live”" with wide gaps); with a Latin font first, Chinese would get narrow
    ones. Product and script text (Chinese) still render through the CJK fallback.
    """
    font = QFont(app.font())
    cjk_first = language.startswith("zh")
    font.setFamilies(CJK_FAMILIES + LATIN_FAMILIES if cjk_first
                     else LATIN_FAMILIES + CJK_FAMILIES)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)


def apply(app: QApplication, language: str = "zh_CN") -> None:
    """Style the whole application."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(app_icon())
    apply_font(app, language)
