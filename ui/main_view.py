"""The main window's layout: connection bar, alarm banner, five lights, preview (with the zone
editor's bar above it, hidden until used), event list and the docked teleprompter. No behaviour
here; ``main_window.py`` drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.events_model import THUMB_WIDTH, EventsModel
from ui.status import LIGHTS, light_name
from ui.teleprompter_view import TeleprompterView
from ui.widgets import Banner, LightWidget, PreviewWidget
from ui.zone_editor_view import ZoneEditorBar

APP_TITLE = "直播合规助手 LiveComply"


class MainWindowView(QMainWindow):
    """Widgets and actions only."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.resize(1440, 900)

        self.act_start = QAction(self)
        self.act_stop = QAction(self)
        self.act_compact = QAction(self)
        self.act_compact.setCheckable(True)
        self.act_obs = QAction(self)
        self.act_zones = QAction(self)
        self.act_zones.setObjectName("actEditZones")
        self.act_settings = QAction(self)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut("Ctrl+Q")
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        for act in (self.act_start, self.act_stop, self.act_compact, self.act_obs,
                    self.act_zones, self.act_settings):
            self.toolbar.addAction(act)
        self.addToolBar(self.toolbar)
        self.addAction(self.act_quit)

        central = QWidget(self)
        self.setCentralWidget(central)

        self.source_caption = QLabel(central)
        self.source_label = QLabel(central)
        self.source_label.setObjectName("sourceLabel")
        self.conn_state = QLabel(central)
        self.conn_state.setObjectName("connState")
        self.session_label = QLabel(central)
        self.session_label.setObjectName("sessionLabel")
        self.session_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(self.source_caption)
        bar.addWidget(self.source_label)
        bar.addSpacing(12)
        bar.addWidget(self.conn_state)
        bar.addStretch(1)
        bar.addWidget(self.session_label)

        self.note = QLabel(central)
        self.note.setObjectName("noteLabel")
        self.note.setWordWrap(True)
        self.note.hide()

        self.banner = Banner(central)

        self.lights_bar = QWidget(central)
        self.lights_bar.setObjectName("lightsBar")
        self.lights: dict[str, LightWidget] = {}
        lights_row = QHBoxLayout(self.lights_bar)
        lights_row.setContentsMargins(6, 6, 6, 6)
        for key in LIGHTS:
            w = LightWidget(key, self.lights_bar)
            self.lights[key] = w
            lights_row.addWidget(w, 1)

        # The preview and, above it while editing zones, the zone editor's bar.
        self.preview_box = QWidget(central)
        self.zone_bar = ZoneEditorBar(self.preview_box)
        self.preview = PreviewWidget(self.preview_box)
        preview_col = QVBoxLayout(self.preview_box)
        preview_col.setContentsMargins(0, 0, 0, 0)
        preview_col.setSpacing(4)
        preview_col.addWidget(self.zone_bar)
        preview_col.addWidget(self.preview, 1)
        self.events_model = EventsModel(self)
        self.events = QTableView(central)
        self.events.setObjectName("eventsTable")
        self.events.setModel(self.events_model)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.verticalHeader().hide()
        self.events.verticalHeader().setDefaultSectionSize(40)
        self.events.setWordWrap(False)
        header = self.events.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.events.fontMetrics()
        self.events.setColumnWidth(0, metrics.horizontalAdvance("00:00:00") + 24)
        self.events.setColumnWidth(1, metrics.horizontalAdvance("Ad segment start") + 24)
        self.events.setColumnWidth(3, metrics.horizontalAdvance("000 第二十五条4; 000") + 24)
        self.events.setColumnWidth(4, THUMB_WIDTH + 12)

        self.splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.splitter.addWidget(self.preview_box)
        self.splitter.addWidget(self.events)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        box = QVBoxLayout(central)
        box.setContentsMargins(8, 6, 8, 6)
        box.addLayout(bar)
        box.addWidget(self.note)
        box.addWidget(self.banner)
        box.addWidget(self.lights_bar)
        box.addWidget(self.splitter, 1)

        self.teleprompter = TeleprompterView()
        self.dock = QDockWidget(self)
        self.dock.setObjectName("teleprompterDock")
        self.dock.setWidget(self.teleprompter)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [520], Qt.Orientation.Horizontal)

        self.perf_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.perf_label)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(APP_TITLE)
        self.act_start.setText(self.tr("Start monitoring"))
        self.act_stop.setText(self.tr("Stop"))
        self.act_compact.setText(self.tr("Compact mode"))
        self.act_obs.setText(self.tr("OBS connection…"))
        self.act_zones.setText(self.tr("Edit expected zones"))
        self.act_zones.setToolTip(self.tr(
            "Draw on the preview where each overlay is expected in this room"))
        self.act_settings.setText(self.tr("Settings…"))
        self.act_quit.setText(self.tr("Quit"))
        self.source_caption.setText(self.tr("Source:"))
        self.dock.setWindowTitle(self.tr("Teleprompter"))
        self.banner.mute.setText(self.tr("Mute"))
        self.preview.set_placeholder(self.tr("Starting… loading OCR and connecting the source"))
        for key, light in self.lights.items():
            light.name.setText(light_name(key))
        self.teleprompter.retranslate()
        self.zone_bar.retranslate()
        self.events_model.retranslate()
