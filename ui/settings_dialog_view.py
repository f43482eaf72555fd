"""Settings dialog layout: a "General" tab generated from the option registry, and a "Check
profile" tab with the profile picker and the profile's checks (required elements, legibility,
alarm timing) in the units a studio operator uses (% of the frame height, x : 1, seconds)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.rules.pack import ELEMENT_NAMES
from ui.profile_overrides import RANGES, REQUIRED_ELEMENTS
from ui.settings import REGISTRY, Option
from ui.status import light_name

# What the dialog edits, in order. OBS host/port live in the OBS dialog, prompter options on the
# prompter panel, window layout is saved on close.
GENERAL: tuple[str, ...] = (
    "language", "source", "alarm_sound", "alarm_volume", "tray_notifications", "compact_on_top",
    "db_path",
)
CHECKS: tuple[str, ...] = ("profile", "ai_host", "ad_label_follows_segments")
EDITED: tuple[str, ...] = GENERAL + CHECKS

CONTEXT = "SettingsDialogView"


@dataclass(frozen=True, slots=True)
class NumberField:
    """How one profile number is shown: the editor's value is the file's value × ``scale``."""

    key: str
    label: str  # untranslated, context "SettingsDialogView"
    scale: float
    decimals: int
    step: float
    suffix: str  # untranslated
    tip: str = ""  # untranslated

    def minimum(self) -> float:
        """The smallest value the editor allows (one step of its last decimal above an open
        lower bound: the loader refuses the bound itself)."""
        r = RANGES[self.key]
        lo = r.lo * self.scale
        return lo + 10 ** -self.decimals if r.lo_open else lo

    def maximum(self) -> float:
        """The largest value the editor allows."""
        return RANGES[self.key].hi * self.scale


GLYPH_TIP = QT_TRANSLATE_NOOP(
    "SettingsDialogView",
    "Text lower than this share of the frame height counts as not legible "
    "(1.5 % of a 1080 px tall frame is 16 px).")
LEGIBILITY: tuple[NumberField, ...] = (
    NumberField(
        "thresholds.glyph_min_frac_landscape",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Smallest text, landscape"),
        scale=100.0, decimals=2, step=0.05, suffix=" %", tip=GLYPH_TIP),
    NumberField(
        "thresholds.glyph_min_frac_portrait",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Smallest text, portrait"),
        scale=100.0, decimals=2, step=0.05, suffix=" %", tip=GLYPH_TIP),
    NumberField(
        "thresholds.min_contrast",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Minimum contrast"),
        scale=1.0, decimals=1, step=0.5, suffix=" : 1",
        tip=QT_TRANSLATE_NOOP("SettingsDialogView",
                              "Contrast between a label's text and its background "
                              "(WCAG ratio, 1 to 21; 4.5 : 1 reads easily).")),
    NumberField(
        "thresholds.max_occluded_frac",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Largest covered share"),
        scale=100.0, decimals=0, step=5.0, suffix=" %",
        tip=QT_TRANSLATE_NOOP("SettingsDialogView",
                              "A label covered more than this (by a sticker, a product, a "
                              "hand) counts as covered.")),
)
# Beside each text-height editor, what it means in pixels of a full-HD frame's height.
GLYPH_FRAMES: dict[str, int] = {
    "thresholds.glyph_min_frac_landscape": 1080,
    "thresholds.glyph_min_frac_portrait": 1920,
}
SECONDS = QT_TRANSLATE_NOOP("SettingsDialogView", " s")
# One per element, labelled with the element's name (the "Status" context's).
GRACE: tuple[NumberField, ...] = tuple(
    NumberField(f"monitor.grace_s.{e}", "", scale=1.0, decimals=1, step=0.5, suffix=SECONDS)
    for e in ELEMENT_NAMES)
TIMING: tuple[NumberField, ...] = (
    NumberField(
        "monitor.recover_s",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Clear the alarm after back for"),
        scale=1.0, decimals=1, step=0.5, suffix=SECONDS,
        tip=QT_TRANSLATE_NOOP("SettingsDialogView",
                              "Seconds an element must be back on screen before its alarm "
                              "clears.")),
    NumberField(
        "monitor.sample_hz",
        QT_TRANSLATE_NOOP("SettingsDialogView", "Frames checked per second"),
        scale=1.0, decimals=2, step=0.5, suffix="",
        tip=QT_TRANSLATE_NOOP("SettingsDialogView",
                              "More frames per second notice a change sooner and cost more "
                              "CPU.")),
)
NUMBER_FIELDS: tuple[NumberField, ...] = LEGIBILITY + GRACE + TIMING


def tr(text: str) -> str:
    """Translate a source string of this view's context."""
    return QCoreApplication.translate(CONTEXT, text) if text else ""


class SettingsDialogView(QDialog):
    """Two tabs: general options, and the check profile with its adjustable checks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(640)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.tabs = QTabWidget(self)

        general = QWidget(self.tabs)
        form = QFormLayout()
        for name in GENERAL:
            self._add_option(form, name)
        self.hint = QLabel(general)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("noteLabel")
        box = QVBoxLayout(general)
        box.addLayout(form)
        box.addWidget(self.hint)
        box.addStretch(1)
        self.tabs.addTab(general, "")

        self.checks_tab = QWidget(self.tabs)
        self.checks_tab.setObjectName("checksTab")
        self._build_checks(self.checks_tab)
        self.tabs.addTab(self.checks_tab, "")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        outer.addWidget(self.buttons)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------
    def _add_option(self, form: QFormLayout, name: str) -> None:
        option = REGISTRY[name]
        editor = self._editor(option)
        editor.setObjectName(f"edit_{name}")
        label = QLabel(self)
        self.editors[name] = editor
        self.labels[name] = label
        form.addRow(label, editor)

    def _build_checks(self, tab: QWidget) -> None:
        top = QFormLayout()
        for name in CHECKS:
            self._add_option(top, name)
        self.description = QLabel(tab)
        self.description.setWordWrap(True)
        self.description.setObjectName("noteLabel")

        # Everything below follows the chosen profile; disabled when it cannot be read.
        self.checks = QWidget(tab)
        self.grp_required = QGroupBox(self.checks)
        grid = QGridLayout(self.grp_required)
        self.required: dict[str, QCheckBox] = {}
        for i, element in enumerate(REQUIRED_ELEMENTS):
            cb = QCheckBox(self.grp_required)
            cb.setObjectName(f"required_{element}")
            self.required[element] = cb
            grid.addWidget(cb, i // 2, i % 2)
        self.ai_note = QLabel(self.grp_required)
        self.ai_note.setWordWrap(True)
        self.ai_note.setObjectName("noteLabel")
        grid.addWidget(self.ai_note, 2, 0, 1, 2)

        self.numbers: dict[str, QDoubleSpinBox] = {}
        self.number_labels: dict[str, QLabel] = {}
        self.grp_legibility = QGroupBox(self.checks)
        leg = QFormLayout(self.grp_legibility)
        leg.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        leg.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.glyph_px: dict[str, QLabel] = {}
        for f in LEGIBILITY:
            spin = self._spin(f, self.grp_legibility)
            if f.key in GLYPH_FRAMES:
                px = QLabel(self.grp_legibility)
                px.setObjectName("noteLabel")
                self.glyph_px[f.key] = px
                cell = QWidget(self.grp_legibility)
                row = QHBoxLayout(cell)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(spin)
                row.addWidget(px, 1)
                leg.addRow(self.number_labels[f.key], cell)
                spin.valueChanged.connect(self.update_glyph_px)
            else:
                leg.addRow(self.number_labels[f.key], spin)

        self.grp_timing = QGroupBox(self.checks)
        timing = QFormLayout(self.grp_timing)
        timing.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        timing.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.grace_heading = QLabel(self.grp_timing)
        self.grace_heading.setWordWrap(True)
        timing.addRow(self.grace_heading)
        for f in GRACE + TIMING:
            spin = self._spin(f, self.grp_timing)
            timing.addRow(self.number_labels[f.key], spin)

        self.reset_button = QPushButton(self.checks)
        self.reset_button.setObjectName("resetProfileButton")
        self.checks_note = QLabel(self.checks)
        self.checks_note.setWordWrap(True)
        self.checks_note.setObjectName("noteLabel")
        bottom = QHBoxLayout()
        bottom.addWidget(self.checks_note, 1)
        bottom.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignTop)

        columns = QHBoxLayout()
        columns.addWidget(self.grp_legibility, 1)
        columns.addWidget(self.grp_timing, 1)
        inner = QVBoxLayout(self.checks)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.grp_required)
        inner.addLayout(columns)
        inner.addLayout(bottom)

        box = QVBoxLayout(tab)
        box.addLayout(top)
        box.addWidget(self.description)
        box.addWidget(self.checks)
        box.addStretch(1)

    def _spin(self, f: NumberField, parent: QWidget) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(parent)
        spin.setObjectName(f"number_{f.key}")
        spin.setDecimals(f.decimals)
        spin.setRange(f.minimum(), f.maximum())
        spin.setSingleStep(f.step)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.numbers[f.key] = spin
        self.number_labels[f.key] = QLabel(parent)
        return spin

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

    def show_adjusted(self, keys: set[str]) -> None:
        """Bold the checks whose value differs from the profile file (kept as adjustments)."""
        for element, cb in self.required.items():
            font = cb.font()
            font.setBold(f"required.{element}" in keys)
            cb.setFont(font)
        for key, label in self.number_labels.items():
            font = label.font()
            font.setBold(key in keys)
            label.setFont(font)

    # -- texts ------------------------------------------------------------------------------
    def update_glyph_px(self) -> None:
        """Say what each minimum text height is in pixels of a full-HD frame."""
        for key, height in GLYPH_FRAMES.items():
            px = self.numbers[key].value() / 100.0 * height
            self.glyph_px[key].setText(self.tr("≈ {px} of {height} px").format(
                px=f"{px:.0f}", height=height))

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("General"))
        self.tabs.setTabText(1, self.tr("Check profile"))
        for name, label in self.labels.items():
            label.setText(REGISTRY[name].translated_label())
        self.hint.setText(self.tr(
            "Source: auto uses OBS when it answers and the demo room otherwise; or write obs, "
            "obs:HOST:PORT, screen, screen:x,y,w,h, device:N, file:PATH, demo. "
            "Changing source or profile restarts monitoring (a new evidence session)."))
        self.grp_required.setTitle(self.tr("Required on screen"))
        for element, cb in self.required.items():
            cb.setText(light_name(element) if element != "ai_disclosure"
                       else self.tr("AI label in every show"))
        ai_tip = self.tr("The AI label is also required whenever “The host is an AI avatar” is "
                         "ticked (001 第三十条), whatever this box says.")
        self.required["ai_disclosure"].setToolTip(ai_tip)
        self.ai_note.setText(ai_tip)
        self.grp_legibility.setTitle(self.tr("Legibility"))
        self.grp_timing.setTitle(self.tr("Alarm timing"))
        self.grace_heading.setText(self.tr("Alarm when missing for longer than:"))
        for f in NUMBER_FIELDS:
            spin, label = self.numbers[f.key], self.number_labels[f.key]
            element = f.key.rsplit(".", 1)[1]
            label.setText(tr(f.label) if f.label else light_name(element))
            spin.setSuffix(tr(f.suffix) if f.suffix == SECONDS else f.suffix)  # " %", " : 1"
            spin.setToolTip(tr(f.tip))
            label.setToolTip(tr(f.tip))
        self.update_glyph_px()
        self.reset_button.setText(self.tr("Reset to the profile's values"))
        self.checks_note.setText(self.tr(
            "Adjustments are kept on this PC for the chosen profile (the profile file is not "
            "changed) and recorded with each session. Changing them restarts monitoring."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
