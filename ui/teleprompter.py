"""Teleprompter behaviour: drives ``TeleprompterModel`` from the panel, the pedal keys and the
full-screen window, and records through the evidence store (the model writes before it changes
state, so a failed write leaves the screen honest)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QMessageBox, QWidget

from app.showplan import ImportResult, ShowOptions, load_rundown
from app.showplan.prices import format_price
from app.teleprompter import MoveResult, TeleprompterError, TeleprompterModel
from ui.settings import Settings
from ui.teleprompter_view import PrompterWindow, TeleprompterView
from ui.workers import run_job

NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown)
PREV_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp)
TICK_KEYS = (Qt.Key.Key_Space,)
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 1


class TeleprompterController(QObject):
    """One show's prompter. ``record`` is the evidence store's ``(kind, payload)`` writer."""

    ad_segment_changed = Signal(bool)  # the main window forwards it to the runner
    error = Signal(str)  # evidence could not be written: the main window shows a message box

    def __init__(
        self,
        view: TeleprompterView,
        settings: Settings,
        record: Callable[[str, dict[str, object]], None],
        *,
        ai_host: Callable[[], bool] = lambda: False,
        key_host: QWidget | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.settings = settings
        self._record = record
        self._ai_host = ai_host
        self.model: TeleprompterModel | None = None
        self.rundown_path: Path | None = None
        self.fullscreen: PrompterWindow | None = None
        self._ad_active = False
        self._syncing = False

        v = view
        v.btn_import.clicked.connect(self.choose_rundown)
        v.btn_go_live.clicked.connect(self.go_live)
        v.btn_next.clicked.connect(self.next_product)
        v.btn_prev.clicked.connect(self.previous_product)
        v.btn_ad_start.clicked.connect(self.start_ad)
        v.btn_ad_end.clicked.connect(self.end_ad)
        v.btn_correct.clicked.connect(self.record_correction)
        v.btn_fullscreen.clicked.connect(self.toggle_fullscreen)
        v.checklist.itemChanged.connect(self._item_changed)
        v.font_size.setValue(int(settings.get("prompter_font_pt")))
        v.mirror.setChecked(bool(settings.get("prompter_mirror")))
        v.dark.setChecked(bool(settings.get("prompter_dark")))
        v.font_size.valueChanged.connect(self._font_changed)
        v.mirror.toggled.connect(self._mirror_changed)
        v.dark.toggled.connect(self._dark_changed)
        self._apply_display()

        # Foot pedals send Space / arrows / PageUp / PageDown. Window-wide shortcuts, so they
        # work whatever has focus; text fields still get their own keys (ShortcutOverride).
        self.shortcuts: list[QShortcut] = []
        host = key_host or view
        for keys, slot in ((TICK_KEYS, self.tick_next), (NEXT_KEYS, self.next_product),
                           (PREV_KEYS, self.previous_product)):
            for key in keys:
                sc = QShortcut(QKeySequence(key), host)
                sc.setContext(Qt.ShortcutContext.WindowShortcut)
                sc.activated.connect(slot)
                self.shortcuts.append(sc)
        self.refresh()

    def _tr(self, text: str) -> str:
        return self.tr(text)

    # -- rundown ----------------------------------------------------------------------------
    def choose_rundown(self) -> None:
        """Ask for a rundown file and import it off the GUI thread."""
        path, _ = QFileDialog.getOpenFileName(
            self.view, self.tr("Import rundown"), "",
            self.tr("Rundown (*.xlsx *.csv);;All files (*)"))
        if path:
            self.import_rundown(Path(path))

    def import_rundown(self, path: Path, *, blocking: bool = False) -> None:
        """Load ``path``; errors are shown in Chinese with their row and column."""
        options = ShowOptions(ai_host=self._ai_host())
        self.view.message.setText(self.tr("Reading {name}…").format(name=path.name))
        if blocking:
            self._imported(path, load_rundown(path, options))
            return
        run_job(lambda: load_rundown(path, options),
                lambda result: self._imported(path, result),
                lambda msg: self._import_failed(path, msg))

    def _import_failed(self, path: Path, message: str) -> None:
        self.view.message.setText(message)
        QMessageBox.warning(self.view, self.tr("Import rundown"), message)

    def _imported(self, path: Path, result: ImportResult) -> None:
        if not result.ok or result.plan is None:
            lines = [str(e) for e in result.errors]
            text = self.tr("{name} has {n} problem(s); nothing was imported:").format(
                name=path.name, n=len(lines))
            self.view.message.setText(text + "\n" + "\n".join(lines[:5]))
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import rundown"), text,
                              QMessageBox.StandardButton.Ok, self.view)
            box.setInformativeText("\n".join(lines[:12]))
            box.setDetailedText("\n".join(lines))
            box.setObjectName("rundownErrors")
            box.open()
            self.last_errors = lines
            return
        self.last_errors = []
        self.model = TeleprompterModel(result.plan, self._record_checked)
        self.model.subscribe(self._model_changed)
        self.rundown_path = path
        findings = result.plan.blocking_findings
        msg = self.tr("{n} products loaded from {name}.").format(
            n=len(result.plan.products), name=path.name)
        if findings:
            msg += "\n" + self.tr("Negative list (000 art. 6) — remove or justify before going "
                                  "live:") + "\n" + "\n".join(
                f"第{f.row}行 {f.product_name}: {f.message}" for f in findings)
        self.view.message.setText(msg)
        self.refresh()

    # -- recording --------------------------------------------------------------------------
    def _record_checked(self, kind: str, payload: dict[str, object]) -> None:
        try:
            self._record(kind, payload)
        except TeleprompterError:
            raise
        except Exception as exc:
            self.error.emit(self.tr("Could not record “{kind}”: {error}").format(
                kind=kind, error=str(exc)))
            raise TeleprompterError(str(exc)) from exc

    def _model_changed(self, kind: str, payload: dict[str, Any]) -> None:
        self.refresh()

    def _run(self, fn: Callable[[], Any]) -> Any:
        """Call a model action; its refusal is shown, not raised. Redraw afterwards: the model
        notifies *before* it changes state (record first), so its callback sees the old one."""
        try:
            return fn()
        except TeleprompterError as exc:
            self.view.message.setText(str(exc))
            return None
        finally:
            self.refresh()

    # -- actions ----------------------------------------------------------------------------
    def go_live(self) -> None:
        """Start the show on the first product."""
        if self.model is None:
            self.view.message.setText(self.tr("Import a rundown first."))
            return
        if self._run(self.model.start) is not None:
            self.view.message.setText("")

    def _move(self, move: Callable[..., MoveResult]) -> None:
        if self.model is None or not self.model.live:
            return
        result = self._run(move)
        if result is None or result.status != "confirm":
            return
        lines = [f"{r.id} {r.text}" for r in result.unsaid]
        if result.ad_segment_open:
            lines.append(self.tr("The ad segment has no end cue yet."))
        answer = QMessageBox.question(
            self.view, self.tr("Not said yet"),
            self.tr("These were not ticked as said:") + "\n" + "\n".join(lines) + "\n\n"
            + self.tr("Move on and record them as unsaid?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: move(confirm=True))

    def next_product(self) -> None:
        """Pedal/arrow: next product (asks first if mandatory reminders are unticked)."""
        if self.model is not None:
            self._move(self.model.next)

    def previous_product(self) -> None:
        """Pedal/arrow: previous product."""
        if self.model is not None:
            self._move(self.model.previous)

    def tick_next(self) -> None:
        """Pedal/Space: tick the first reminder not yet ticked."""
        if self.model is None or not self.model.live:
            return
        for item in self.model.checklist:
            if not item.ticked:
                self._run(lambda rid=item.reminder.id: self.model.tick(rid))  # type: ignore
                return

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing or self.model is None:
            return
        rid = item.data(REMINDER_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self._run(lambda: self.model.tick(rid))  # type: ignore[union-attr]
        else:
            self._run(lambda: self.model.untick(rid))  # type: ignore[union-attr]
        self.refresh()  # put the box back if the model refused

    def start_ad(self) -> None:
        """广告开始: say the start cue; the monitor requires the ad label from now."""
        if self._ad_active:
            return
        cue = "以下为广告内容"
        if self.model is not None and self.model.live:
            cue = self._run(self.model.start_ad_segment)
            if cue is None:
                return
        self._ad_active = True
        self.ad_segment_changed.emit(True)
        self.view.message.setText(self.tr("Say: “{cue}”").format(cue=cue))
        self.refresh()

    def end_ad(self) -> None:
        """广告结束: say the end cue."""
        if not self._ad_active:
            return
        cue = "广告内容结束"
        if self.model is not None and self.model.ad_segment_open:
            cue = self._run(self.model.end_ad_segment)
            if cue is None:
                return
        self._ad_active = False
        self.ad_segment_changed.emit(False)
        self.view.message.setText(self.tr("Say: “{cue}”").format(cue=cue))
        self.refresh()

    @property
    def ad_active(self) -> bool:
        """An ad segment is open."""
        return self._ad_active

    def record_correction(self) -> None:
        """纠错: record what was said wrongly and the correction (R1)."""
        if self.model is None:
            self.view.message.setText(self.tr("Import a rundown first."))
            return
        wrong, right = self.view.wrong_edit.text(), self.view.right_edit.text()
        if self._run(lambda: self.model.correct(wrong, right)) is not None:  # type: ignore
            self.view.wrong_edit.clear()
            self.view.right_edit.clear()
            self.view.message.setText(self.tr("Correction recorded."))

    # -- keys from the full-screen window ---------------------------------------------------
    def handle_key(self, key: int) -> None:
        """A key pressed in the full-screen prompter."""
        if key in [int(k) for k in TICK_KEYS]:
            self.tick_next()
        elif key in [int(k) for k in NEXT_KEYS]:
            self.next_product()
        elif key in [int(k) for k in PREV_KEYS]:
            self.previous_product()

    def toggle_fullscreen(self) -> None:
        """Full screen on the second monitor if there is one, else on this one."""
        if self.fullscreen is not None:
            self.fullscreen.close()
            return
        win = PrompterWindow()
        win.setWindowTitle(self.tr("Teleprompter"))
        win.key_pressed.connect(self.handle_key)
        win.closed.connect(self._fullscreen_closed)
        screens = QGuiApplication.screens()
        here = self.view.screen()
        others = [s for s in screens if s is not here]
        target = others[0] if others else here
        win.setScreen(target)
        win.setGeometry(target.geometry())
        self.fullscreen = win
        self._apply_display()
        self.refresh()
        win.showFullScreen()

    def _fullscreen_closed(self) -> None:
        self.fullscreen = None

    # -- display ----------------------------------------------------------------------------
    def _font_changed(self, pt: int) -> None:
        self.settings.set("prompter_font_pt", pt)
        self._apply_display()

    def _mirror_changed(self, on: bool) -> None:
        self.settings.set("prompter_mirror", on)
        self._apply_display()

    def _dark_changed(self, on: bool) -> None:
        self.settings.set("prompter_dark", on)
        self._apply_display()

    def _apply_display(self) -> None:
        pt = self.view.font_size.value()
        targets = [self.view.script] + ([self.fullscreen.text] if self.fullscreen else [])
        for t in targets:
            t.set_point_size(pt if t is self.view.script else max(pt, 48))
            t.set_mirror(self.view.mirror.isChecked())
            t.set_dark(self.view.dark.isChecked())

    def _script_html(self, full: bool) -> str:
        m = self.model
        if m is None or m.current is None:
            hint = (self.tr("Import a rundown, then press \"Go live\".") if m is None
                    else self.tr("Ready: press \"Go live\" to start on the first product."))
            return f"<p class='muted'>{html.escape(hint)}</p>"
        p = m.current
        parts = []
        if full:
            parts.append(f"<h2>{html.escape(p.name)} · ¥{format_price(p.price)}</h2>")
        parts.append(f"<p>{html.escape(p.script or '')}</p>")
        if full:
            for item in m.checklist:
                cls = "done" if item.ticked else "todo"
                mark = "✓" if item.ticked else "□"
                parts.append(f"<p class='{cls}'>{mark} {html.escape(item.reminder.sentence)}</p>")
        return "".join(parts)

    def refresh(self) -> None:
        """Redraw the panel (and the full-screen window) from the model."""
        v, m = self.view, self.model
        live = m is not None and m.live
        product = m.current if m is not None else None
        v.product_name.setText(product.name if product else self.tr("No product on air"))
        v.product_price.setText(f"¥{format_price(product.price)}" if product else "")
        v.ad_state.setText(self.tr("AD") if self._ad_active else "")
        v.ad_state.setProperty("active", "true" if self._ad_active else "false")
        v.ad_state.style().unpolish(v.ad_state)
        v.ad_state.style().polish(v.ad_state)
        nxt = m.next_product if m is not None else None
        v.next_label.setText(self.tr("Next: {name}").format(name=nxt.name) if nxt
                             else (self.tr("Last product") if live else ""))
        v.rundown_label.setText(self.rundown_path.name if self.rundown_path
                                else self.tr("No rundown loaded"))
        v.script.set_html(self._script_html(False))
        if self.fullscreen is not None:
            self.fullscreen.text.set_html(self._script_html(True))
        self._syncing = True
        try:
            self._sync_checklist(m.checklist if m is not None else [])
        finally:
            self._syncing = False
        v.btn_go_live.setEnabled(m is not None and not live)
        for b in (v.btn_next, v.btn_prev):
            b.setEnabled(live)
        v.btn_ad_start.setEnabled(not self._ad_active)
        v.btn_ad_end.setEnabled(self._ad_active)

    def _sync_checklist(self, items: list[Any]) -> None:
        """Update the check boxes in place; rebuild only when the reminders differ.

        (Rebuilding inside ``itemChanged`` would delete the item Qt is still delivering.)
        """
        lst = self.view.checklist
        ids = [item.reminder.id for item in items]
        shown = [lst.item(i).data(REMINDER_ROLE) for i in range(lst.count())]
        if ids != shown:
            lst.clear()
            for item in items:
                r = item.reminder
                mark = "" if r.mandatory else self.tr(" (optional)")
                li = QListWidgetItem(f"{r.id} {r.text}{mark}")
                li.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                li.setData(REMINDER_ROLE, r.id)
                li.setToolTip(f"{r.sentence}\n{r.article}")
                lst.addItem(li)
        for i, item in enumerate(items):
            state = Qt.CheckState.Checked if item.ticked else Qt.CheckState.Unchecked
            if lst.item(i).checkState() != state:
                lst.item(i).setCheckState(state)

    def retranslate(self) -> None:
        """Re-read texts after a language switch."""
        self.view.retranslate()
        self.view.checklist.clear()  # rebuilt with the new language's "(optional)"
        self.refresh()

    def close(self) -> None:
        """Close the full-screen window, if open."""
        if self.fullscreen is not None:
            self.fullscreen.close()
