"""The main window's behaviour: run the monitor on a worker, turn its samples and events into
lights, preview, event list and alarms, and stop it cleanly when the window closes.

Threading: ``MonitorWorker`` emits from the monitor thread; every slot here is a method of a
QObject on the GUI thread, so Qt queues those calls. Nothing here blocks for more than a store
append (teleprompter records) — loading OCR, probing OBS and capture all run on the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QSystemTrayIcon,
    QVBoxLayout,
)

from app.capture.base import Source
from app.monitor import events as ev
from app.monitor.events import MonitorEvent
from app.monitor.runner import SampleUpdate
from app.teleprompter import TeleprompterError
from app.teleprompter.price_watch import PriceWatch
from ui import i18n, status, theme
from ui.compact_view import CompactStrip
from ui.main_view import MainWindowView
from ui.profile_overrides import load_overrides
from ui.session import MonitorConfig, build_setup
from ui.settings import Settings
from ui.sound import AlarmSound
from ui.status import LIGHTS, LightBoard, describe_violation, light_name
from ui.teleprompter import TeleprompterController
from ui.theme import app_icon
from ui.widgets import Overlay, ZoneMark, bgr_to_qimage
from ui.workers import MonitorWorker, RunnerSetup
from ui.zone_editor import ZoneEditor
from ui.zone_store import Zones, forget_zones, load_zones, save_zones

log = logging.getLogger(__name__)

#: How a test (or ``--source`` on the command line) replaces the configured source.
SourceFactory = Callable[[], Source]


class _CloseWatcher(QObject):
    """Calls ``on_close`` synchronously when the view is about to close."""

    def __init__(self, on_close: Callable[[], None]) -> None:
        super().__init__()
        self._on_close = on_close

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Close and isinstance(event, QCloseEvent):
            self._on_close()
        return False


class MainWindow(QObject):
    """Controller of ``MainWindowView`` (``.view``)."""

    session_started = Signal(str)
    session_finished = Signal(object)
    alarm_raised = Signal(str)
    alarm_cleared = Signal(str)

    def __init__(
        self,
        settings: Settings,
        store: Any,
        *,
        config: MonitorConfig | None = None,
        source_factory: SourceFactory | None = None,
        realtime: bool = True,
        sound: AlarmSound | None = None,
        autostart: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.store = store
        self.config = config or self.config_from_settings(settings)
        self.source_factory = source_factory
        self.realtime = realtime
        self.view = MainWindowView()
        self.board = LightBoard()
        self.worker: MonitorWorker | None = None
        self.session = ""
        self.source_name = ""
        self.profile: Any = None
        self.profile_key = ""  # the running profile's key in the zone store
        self.profile_zones: Zones = {}  # that profile file's own zones ("reset" goes back to)
        self.connection = "starting"
        self._reconnect_at: float | None = None
        self.last_error = ""
        self.error_box: QMessageBox | None = None
        self.notifications: list[tuple[str, str]] = []
        self._closing = False

        self.sound = sound or AlarmSound(volume=int(settings.get("alarm_volume")))
        self.sound.volume = int(settings.get("alarm_volume"))
        self.sound.muted = not settings.get("alarm_sound")
        self.tray = QSystemTrayIcon(app_icon(), self)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()
        self.compact = CompactStrip(bool(settings.get("compact_on_top")))
        self.compact.restore_requested.connect(self.restore_main)

        self.prompter = TeleprompterController(
            self.view.teleprompter, settings, self.record_evidence,
            ai_host=lambda: self.config.ai_host, key_host=self.view)
        self.prompter.ad_segment_changed.connect(self.set_ad_segment)
        self.prompter.error.connect(self.show_error)
        self.price_watch = PriceWatch(self.record_evidence)
        self.zone_editor = ZoneEditor(self.view.zone_bar, self.view.preview)
        self.zone_editor.saved.connect(self.apply_zones)
        self.zone_editor.finished.connect(self._zone_editing_finished)

        v = self.view
        v.act_start.triggered.connect(self.start)
        v.act_stop.triggered.connect(self.stop)
        v.act_compact.toggled.connect(self.set_compact)
        v.act_obs.triggered.connect(self.open_obs_dialog)
        v.act_zones.triggered.connect(self.edit_zones)
        v.act_settings.triggered.connect(self.open_settings)
        v.act_quit.triggered.connect(v.close)
        v.banner.mute_clicked.connect(self._mute_clicked)
        v.banner.mute.setChecked(self.sound.muted)
        v.events.doubleClicked.connect(self._open_snapshot)
        self._close_watcher = _CloseWatcher(self.shutdown)
        v.installEventFilter(self._close_watcher)

        geometry = settings.get("window_geometry")
        if geometry:
            v.restoreGeometry(geometry)
        state = settings.get("window_state")
        if state:
            v.restoreState(state)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._set_connection("starting")
        self.refresh_lights()
        self._update_actions()
        if autostart:
            self.start()

    # -- configuration ----------------------------------------------------------------------
    @staticmethod
    def config_from_settings(settings: Settings) -> MonitorConfig:
        """The monitor configuration the settings describe."""
        return MonitorConfig(
            source=str(settings.get("source")),
            obs_host=str(settings.get("obs_host")),
            obs_port=int(settings.get("obs_port")),
            profile=str(settings.get("profile")),
            ai_host=bool(settings.get("ai_host")),
            ad_label_follows_segments=bool(settings.get("ad_label_follows_segments")),
        )

    @property
    def language(self) -> str:
        """The UI language code."""
        return str(self.settings.get("language"))

    # -- monitor lifecycle ------------------------------------------------------------------
    def start(self) -> None:
        """Build and run the monitor on its worker thread (no-op while one runs)."""
        if self.worker is not None and self.worker.is_running():
            if not self.worker.done:
                return
            self.worker.stop()  # its session is over; the thread is a moment from exiting
        config, store, realtime = self.config, self.store, self.realtime
        factory = self.source_factory
        # Read here, on the GUI thread: the settings object is not shared with the worker.
        zones = load_zones(self.settings, config.profile)
        overrides = load_overrides(self.settings, config.profile)

        def build() -> RunnerSetup:
            source = factory() if factory is not None else None
            return build_setup(config, store, source=source, realtime=realtime, zones=zones,
                               overrides=overrides)

        # Zones being drawn belong to the session that ends (the profile may change with it).
        self.zone_editor.cancel()
        self.profile = None
        self.board.reset()
        self.board.ad_segment_ignored = (config.ad_label_follows_segments
                                         and not self.prompter.ad_active)
        self.view.events_model.clear()
        self.view.preview.clear()
        self.view.note.hide()
        self.session = ""
        self._set_connection("starting")
        worker = MonitorWorker(build)
        worker.ready.connect(self._on_ready)
        worker.event.connect(self._on_event)
        worker.sample_ready.connect(self._on_sample_ready)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self.worker = worker
        self._update_actions()
        worker.start()

    def stop(self) -> None:
        """Stop the monitor and wait for it (the runner ends the store session)."""
        worker = self.worker
        if worker is None:
            return
        worker.stop()
        QApplication.processEvents()  # deliver the last queued events and `finished`
        self._update_actions()

    def restart(self) -> None:
        """Stop and start again with the current configuration."""
        self.stop()
        self.start()

    def shutdown(self) -> None:
        """The window closes: stop the runner, save the layout, release sound and tray."""
        if self._closing:
            return
        self._closing = True
        self.timer.stop()
        self.zone_editor.cancel()
        self.settings.set("window_geometry", bytes(self.view.saveGeometry().data()))
        self.settings.set("window_state", bytes(self.view.saveState().data()))
        self.settings.sync()
        self.stop()
        self.prompter.close()
        self.compact.close()
        self.tray.hide()
        self.sound.close()

    def _update_actions(self) -> None:
        running = self.worker is not None and self.worker.is_running() and not self.worker.done
        self.view.act_start.setEnabled(not running)
        self.view.act_stop.setEnabled(running)
        # Zones are drawn on a frame of a known profile: from the first session being ready.
        self.view.act_zones.setEnabled(self.profile is not None and not self.zone_editor.active)

    # -- worker signals ---------------------------------------------------------------------
    def _on_ready(self, setup: RunnerSetup) -> None:
        runner = setup.runner
        self.session = runner.session
        self.source_name = runner.source.name
        self.profile = runner.checker.profile
        self.profile_key = setup.profile_key
        self.profile_zones = dict(setup.profile_zones)
        self.show_zones()
        self.view.source_label.setText(self.source_name)
        self.view.session_label.setText(self.tr("Session {id}").format(id=self.session)
                                        if self.session else "")
        if setup.note:
            self.view.note.setText(setup.note)
            self.view.note.show()
        self.view.preview.set_placeholder(self.tr("Waiting for the first frame…"))
        self._update_actions()
        self.session_started.emit(self.session)

    def _on_sample_ready(self) -> None:
        worker = self.sender()
        if not isinstance(worker, MonitorWorker) or worker is not self.worker:
            return
        update = worker.take_sample()
        if update is not None:
            self.show_sample(update)

    def show_sample(self, update: SampleUpdate) -> None:
        """Preview with boxes and zones, lights, and the OCR timing in the status bar."""
        self.board.on_sample(update.result)
        image = bgr_to_qimage(update.frame.image)
        self.view.preview.set_frame(image, self.overlays(update))
        self.view.perf_label.setText(self.tr("OCR {mode} {ms} ms").format(
            mode=update.stats.mode, ms=round(update.elapsed_ms)))
        if self.connection == "starting":
            self._set_connection("connected")
        self.refresh_lights()
        self._check_price(update)

    def _check_price(self, update: SampleUpdate) -> None:
        """The on-screen price against the live product's rundown price (000 第二十七条5)."""
        model = self.prompter.model
        if model is None or not model.live:
            return
        price = update.result.elements.get("price")
        text = price.text if price is not None and price.status.value == "ok" else None
        try:
            change = self.price_watch.update(update.t, text, model.current)
        except TeleprompterError as exc:
            self.show_error(str(exc))
            return
        if change == "start":
            self.view.perf_label.setText(self.tr("Price on screen differs from the rundown"))

    def overlays(self, update: SampleUpdate) -> list[Overlay]:
        """The ad label's corner zones (dashed blue, red when it is missing), found elements
        (green/red), banned terms and QR (red). The profile's zones are marks (``show_zones``):
        they do not change with each frame, and the zone editor replaces them while editing."""
        result = update.result
        h, w = update.frame.image.shape[:2]
        out: list[Overlay] = []
        profile = self.profile
        if profile is not None:
            th = profile.thresholds
            zw, zh = w * th.ad_corner_width_frac, h * th.ad_corner_height_frac
            ad = result.elements.get("ad_label")
            ad_bad = ad is not None and ad.status.value not in ("ok", "not_required")
            zone_label = self.tr("ad label zone")
            # A missing label has no box of its own: the zone it should be in turns red.
            kind = "bad" if ad_bad and (ad.box is None) else "zone"  # type: ignore[union-attr]
            label = self.tr("ad label missing") if kind == "bad" else zone_label
            out.append(Overlay(0, 0, zw, zh, label, kind))
            out.append(Overlay(w - zw, 0, zw, zh, label, kind))
        for name, f in result.elements.items():
            if f.box is None:
                continue
            ok = f.status.value in ("ok", "not_required")
            out.append(Overlay(f.box.x, f.box.y, f.box.w, f.box.h, light_name(name),
                               "ok" if ok else "bad"))
        for b in result.banned_terms:
            out.append(Overlay(b.box.x, b.box.y, b.box.w, b.box.h, b.term, "bad"))
        for q in result.qr_codes:
            out.append(Overlay(q.box.x, q.box.y, q.box.w, q.box.h, light_name("qr_code"), "bad"))
        for c in result.price_comparison:
            if c.missing:
                out.append(Overlay(c.box.x, c.box.y, c.box.w, c.box.h,
                                   light_name("price_comparison"), "bad"))
        return out

    # -- expected zones ---------------------------------------------------------------------
    def show_zones(self) -> None:
        """Draw the profile's zones in force on the preview (unless the editor is drawing)."""
        if self.zone_editor.active:
            return
        zones = self.profile.zones if self.profile is not None else {}
        self.view.preview.set_marks([ZoneMark(z, light_name(e)) for e, zs in zones.items()
                                     for z in zs])

    def edit_zones(self) -> None:
        """Enter zone-editing mode on the live preview (monitoring carries on meanwhile)."""
        if self.profile is None or self.zone_editor.active:
            return
        self.zone_editor.begin(self.profile.zones, self.profile_zones)
        self._update_actions()

    def apply_zones(self, zones: Zones) -> None:
        """Keep the drawn zones for this profile and give them to the running monitor at once.

        Zones equal to the profile file's are not stored but forgotten, so later edits of the
        file apply again. The runner applies them between samples and records the change.
        """
        if self.profile is None:
            return
        if zones == self.profile_zones:
            forget_zones(self.settings, self.profile_key)
        else:
            save_zones(self.settings, self.profile_key, zones)
        if zones == self.profile.zones:
            return  # nothing changed: no record, no re-judging
        self.profile = replace(self.profile, zones=dict(zones))
        self.show_zones()
        applied = self.worker is not None and self.worker.is_running() \
            and self.worker.set_zones(zones)
        self.view.statusBar().showMessage(
            self.tr("Expected zones saved and applied to the running check.") if applied
            else self.tr("Expected zones saved; they apply when monitoring starts."), 8000)

    def _zone_editing_finished(self) -> None:
        self.show_zones()
        self._update_actions()

    def _on_event(self, e: MonitorEvent) -> None:
        self.view.events_model.add(e)
        if e.type in (ev.VIOLATION_START, ev.VIOLATION_END, ev.VIOLATION_REMINDER):
            self.board.on_event(e)
            self._alarm(e)
        elif e.type == ev.CONNECTED:
            self._set_connection("connected")
        elif e.type == ev.DISCONNECTED:
            self._set_connection("disconnected")
        elif e.type == ev.RECONNECTING:
            delay = e.detail.get("delay")
            self._reconnect_at = (datetime.now(UTC).timestamp() + float(delay)
                                  if isinstance(delay, int | float) else None)
            self._set_connection("reconnecting")
        elif e.type == ev.SOURCE_ERROR:
            detail = str(e.detail.get("detail", ""))
            self.view.note.setText(detail)
            self.view.note.show()
        self.refresh_lights()

    def _on_failed(self, message: str) -> None:
        self.last_error = message
        self._set_connection("disconnected")
        self.show_error(message)

    def show_error(self, message: str) -> None:
        """A message box the user must see (non-blocking, window-modal)."""
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("LiveComply"), message,
                          QMessageBox.StandardButton.Ok, self.view)
        box.setObjectName("errorBox")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.error_box = box
        box.open()

    def _on_finished(self, summary: Any) -> None:
        worker = self.sender()
        if worker is self.worker:
            if self.connection != "disconnected" or not self.last_error:
                self._set_connection("stopped")
            self.board.open.clear()
            self.refresh_lights()
        self._update_actions()
        self.session_finished.emit(summary)

    # -- alarms -----------------------------------------------------------------------------
    def _alarm(self, e: MonitorEvent) -> None:
        """One alarm per violation: sound and tray when it starts (and at reminders)."""
        key = "|".join(status.event_key(e))
        if e.type == ev.VIOLATION_END:
            self.alarm_cleared.emit(key)
            return
        text = describe_violation(e, 0 if e.since is None else e.t - e.since)
        if e.article:
            text += f" [{e.requirement} {e.article}]"
        self.sound.play()
        if self.settings.get("tray_notifications"):
            title = self.tr("Compliance alarm: {what}").format(what=light_name(e.element))
            self.notifications.append((title, text))
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Critical, 8000)
        if e.type == ev.VIOLATION_START:
            self.alarm_raised.emit(key)

    def banner_lines(self) -> list[str]:
        """One line per open violation, with how long it has lasted."""
        now = datetime.now(UTC)
        return [describe_violation(v.event, (now - v.began).total_seconds())
                for v in sorted(self.board.open.values(), key=lambda v: v.began)]

    def _mute_clicked(self) -> None:
        self.sound.muted = self.view.banner.mute.isChecked()
        self.settings.set("alarm_sound", not self.sound.muted)

    # -- periodic refresh -------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: durations in reasons and banner, reconnect countdown."""
        self.refresh_lights()
        if self.connection == "reconnecting":
            self._set_connection("reconnecting")

    def refresh_lights(self) -> None:
        """Lights, banner and compact strip from the board."""
        states = self.board.states()
        for key in LIGHTS:
            st = states[key]
            self.view.lights[key].set_state(st.level, st.reason)
        self.view.banner.show_lines(self.banner_lines())
        self.compact.set_states(states)

    def _set_connection(self, state: str) -> None:
        self.connection = state
        label = self.view.conn_state
        is_obs = self.source_name.startswith("obs")
        who = "OBS " if is_obs else ""
        if state == "connected":
            text = who + self.tr("connected")
        elif state == "disconnected":
            text = who + self.tr("not connected")
        elif state == "reconnecting":
            left = None
            if self._reconnect_at is not None:
                left = max(0, round(self._reconnect_at - datetime.now(UTC).timestamp()))
            text = who + (self.tr("reconnecting in {s} s").format(s=left) if left is not None
                          else self.tr("reconnecting…"))
        elif state == "stopped":
            text = self.tr("stopped")
        else:
            text = self.tr("starting…")
        label.setText(text)
        label.setProperty("state", state if state != "stopped" else "disconnected")
        label.style().unpolish(label)
        label.style().polish(label)

    # -- ad segments and records ------------------------------------------------------------
    def set_ad_segment(self, active: bool) -> None:
        """广告开始/广告结束 from the prompter: tell the runner (thread-safe)."""
        if self.worker is not None:
            self.worker.set_ad_segment(active)
        if self.config.ad_label_follows_segments:
            self.board.ad_segment_ignored = not active
        self.refresh_lights()

    def record_evidence(self, kind: str, payload: dict[str, object]) -> None:
        """The teleprompter's recorder: append to the running monitor session."""
        if self.store is None or not self.session or self.worker is None \
                or not self.worker.is_running():
            raise TeleprompterError(self.tr(
                "Monitoring is not running, so nothing can be recorded: start monitoring first."))
        self.store.append(self.session, kind, dict(payload))

    # -- other windows ----------------------------------------------------------------------
    def set_compact(self, on: bool) -> None:
        """Show or hide the always-on-top strip of lights."""
        if on:
            self.compact.show()
            self.compact.raise_()
        else:
            self.compact.hide()

    def restore_main(self) -> None:
        """Bring the main window back from compact mode."""
        self.view.showNormal()
        self.view.raise_()
        self.view.activateWindow()
        self.view.act_compact.setChecked(False)

    def open_obs_dialog(self) -> None:
        """OBS host, port and password; restarts an OBS/auto monitor after a save."""
        from ui.obs_dialog import ObsDialog

        dialog = ObsDialog(self.settings, self.view, self.language)
        if dialog.exec():
            self.config = self.config_from_settings(self.settings)
            if self.source_factory is None and self.config.source in ("auto", "obs"):
                self.restart()

    def open_settings(self) -> None:
        """The settings dialog; language applies at once, source/profile restart the monitor."""
        from ui.settings_dialog import RESTART_OPTIONS, SettingsDialog

        changed = SettingsDialog(self.settings, self.view).exec()
        if not changed:
            return
        if "language" in changed:
            self.set_language(self.language)
        self.sound.volume = int(self.settings.get("alarm_volume"))
        self.sound.muted = not self.settings.get("alarm_sound")
        self.view.banner.mute.setChecked(self.sound.muted)
        self.config = self.config_from_settings(self.settings)
        if changed & RESTART_OPTIONS:
            answer = QMessageBox.question(
                self.view, self.tr("Restart monitoring"),
                self.tr("Restart monitoring with the new settings now? "
                        "The current evidence session ends."))
            if answer == QMessageBox.StandardButton.Yes:
                self.restart()

    def set_language(self, language: str) -> None:
        """Switch the UI language without a restart."""
        self.settings.set("language", language)
        i18n.install_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_font(app, language)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read every text."""
        self.view.retranslate()
        self.prompter.retranslate()
        self.compact.retranslate()
        self.zone_editor.retranslate()
        self.show_zones()
        self._set_connection(self.connection)
        if self.session:
            self.view.session_label.setText(self.tr("Session {id}").format(id=self.session))
        self.refresh_lights()

    def _open_snapshot(self, index: Any) -> None:
        row = self.view.events_model.rows[index.row()]
        if not row.event.snapshot:
            return
        img = QImage.fromData(row.event.snapshot)
        dialog = QDialog(self.view)
        dialog.setWindowTitle(self.tr("Evidence snapshot"))
        label = QLabel(dialog)
        label.setPixmap(QPixmap.fromImage(img).scaledToWidth(
            min(1280, img.width()), Qt.TransformationMode.SmoothTransformation))
        box = QVBoxLayout(dialog)
        box.addWidget(label)
        box.addWidget(QLabel(self.view.events_model.what(row.event), dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show(self) -> None:
        """Show the window."""
        self.view.show()


def default_db(path: str) -> Path | None:
    """The configured database path, or None for the per-user default."""
    return Path(path).expanduser() if path else None


__all__ = ["MainWindow", "default_db"]
