"""Screenshots of the main window, zone editing, compact mode and the OBS dialog, for review.

    .venv/bin/python tools/screenshots.py OUT_DIR [--langs zh_CN,en] [--scales 1,1.5] [--pseudo]

Starts its own Xvfb (unless ``DISPLAY`` is set, or ``--offscreen``), then one child process per
(language, scale), because ``QT_SCALE_FACTOR`` must be set before Qt starts. Each child runs the
real window on a scripted demo room whose ad label disappears, waits until the alarm shows (real
OCR), imports the rundown template into the teleprompter and goes live, then saves
``main_<lang>_<scale>.png``, ``zones_<lang>_<scale>.png`` (zone-editing mode with a merchant-info
zone drawn by real mouse events and an ad-label zone mid-drag), ``compact_<lang>_<scale>.png``,
``obs_<lang>_<scale>.png`` (the OBS dialog after a failed "test connection" against a port
where nothing listens), ``settings_<lang>_<scale>.png`` (the settings dialog's check-profile tab
with two checks adjusted, shown in bold) and ``settings_general_<lang>_<scale>.png``.
The PNGs are for people to look at; they are not committed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMELINE = """
loop_seconds = 600.0
[[segment]]
name = "ad_label_removed"
start = 3.0
end = 590.0
ad_label = "missing"
note = "screenshot: ad label removed"
"""


@contextlib.contextmanager
def xvfb(size: str = "2880x1800x24") -> Iterator[str]:
    """An Xvfb display of our own, stopped (by its PID) on the way out."""
    binary = shutil.which("Xvfb")
    if binary is None:
        raise SystemExit("Xvfb not found: apt-get install xvfb, or run with --offscreen")
    for n in range(90, 130):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    display = f":{n}"
    proc = subprocess.Popen([binary, display, "-screen", "0", size, "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"Xvfb {display} did not start")
            time.sleep(0.05)
        yield display
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child(out: Path, lang: str, scale: str) -> int:
    """One language at one scale: run the window, wait for the alarm, save three PNGs."""
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.capture.demo import DemoSource
    from app.rules.paths import resources_dir
    from app.store import Store
    from ui import i18n, theme
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.obs_dialog import ObsDialog
    from ui.session import MonitorConfig
    from ui.settings import Settings
    from ui.settings_dialog import SettingsDialog

    class SteppedDemo(DemoSource):
        """Frame n+1 is made only after frame n was taken: the same pictures on any PC."""

        def __init__(self, timeline: Path) -> None:
            self._now = 0.0
            self._lock = threading.Lock()
            super().__init__(fps=1.0, clock=self._clock, timeline=timeline)

        def _clock(self) -> float:
            with self._lock:
                return self._now

        def grab(self):  # type: ignore[no-untyped-def]
            frame = super().grab()
            if frame is not None:
                with self._lock:
                    self._now += 1.0
            return frame

    tmp = Path(tempfile.mkdtemp(prefix="livecomply-shots-"))
    os.environ["LIVECOMPLY_CONFIG_DIR"] = str(tmp / "config")
    timeline = tmp / "timeline.toml"
    timeline.write_text(TIMELINE, encoding="utf-8")
    app = make_application()
    settings = Settings()
    settings.set("language", lang)
    i18n.install_language(lang)
    theme.apply(app, lang)
    store = Store.open(tmp / "evidence.db")
    window = MainWindow(settings, store, config=MonitorConfig(source="demo"),
                        source_factory=lambda: SteppedDemo(timeline), realtime=False)
    window.view.resize(1440, 900)
    window.show()
    window.prompter.import_rundown(resources_dir() / "templates" / "rundown_template.csv",
                                   blocking=True)
    tag = f"{lang}_{scale.replace('.', '')}"
    state = {"done": False}

    def shoot() -> None:
        if state["done"]:
            return
        state["done"] = True
        QTimer.singleShot(1500, finish)  # let the banner's seconds tick once

    def shoot_zones() -> None:
        """Zone editing as a user does it: real mouse events on the live preview."""
        window.edit_zones()
        bar, preview = window.view.zone_bar, window.view.preview
        box = preview.letterbox()
        if box is None:
            return

        def at(fx: float, fy: float) -> QPoint:
            return QPoint(round(box.x0 + fx * box.w), round(box.y0 + fy * box.h))

        left = Qt.MouseButton.LeftButton
        bar.elements["merchant_info"].click()
        QTest.mousePress(preview, left, pos=at(0.02, 0.80))
        QTest.mouseMove(preview, at(0.25, 0.9))
        QTest.mouseRelease(preview, left, pos=at(0.45, 0.97))
        bar.elements["ad_label"].click()
        QTest.mousePress(preview, left, pos=at(0.70, 0.02))
        QTest.mouseMove(preview, at(0.98, 0.16))  # still held: the zone shows as it is drawn
        app.processEvents()
        window.view.grab().save(str(out / f"zones_{tag}.png"))
        QTest.mouseRelease(preview, left, pos=at(0.98, 0.16))
        bar.btn_cancel.click()
        app.processEvents()

    def shoot_settings() -> None:
        """The settings dialog as opened from the menu, a price and a grace time adjusted."""
        dialog = SettingsDialog(settings, window.view)
        view = dialog.view
        view.show()
        view.tabs.setCurrentIndex(0)
        view.adjustSize()
        app.processEvents()
        view.grab().save(str(out / f"settings_general_{tag}.png"))
        view.tabs.setCurrentIndex(1)
        view.required["price"].setChecked(False)
        view.numbers["monitor.grace_s.ad_label"].setValue(5.0)
        view.adjustSize()
        app.processEvents()
        view.grab().save(str(out / f"settings_{tag}.png"))
        view.reject()

    def finish() -> None:
        window.prompter.go_live()
        window.prompter.tick_next()
        app.processEvents()
        window.view.grab().save(str(out / f"main_{tag}.png"))
        shoot_zones()
        window.set_compact(True)
        window.compact.adjustSize()
        app.processEvents()
        window.compact.grab().save(str(out / f"compact_{tag}.png"))
        window.set_compact(False)
        dialog = ObsDialog(settings, window.view, lang)
        dialog.view.port.setValue(free_port())
        dialog.view.show()
        dialog.test_connection()

        def dialog_done() -> None:
            if dialog.testing:
                QTimer.singleShot(100, dialog_done)
                return
            app.processEvents()
            dialog.view.adjustSize()
            app.processEvents()
            dialog.view.grab().save(str(out / f"obs_{tag}.png"))
            dialog.view.close()
            shoot_settings()
            window.view.close()
            app.quit()

        dialog_done()

    window.alarm_raised.connect(shoot)
    QTimer.singleShot(150_000, shoot)  # never hang: shoot whatever is there
    app.exec()
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"saved {tag}")
    return 0 if QApplication.instance() is not None else 1


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder for the PNGs (created)")
    p.add_argument("--langs", default="zh_CN,en")
    p.add_argument("--scales", default="1,1.5")
    p.add_argument("--pseudo", action="store_true", help="pseudo-localised strings")
    p.add_argument("--offscreen", action="store_true", help="no X server: Qt offscreen")
    p.add_argument("--child", nargs=2, metavar=("LANG", "SCALE"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return child(args.out.resolve(), *args.child)

    def run_all(env: dict[str, str]) -> int:
        failures = 0
        for lang in args.langs.split(","):
            for scale in args.scales.split(","):
                child_env = dict(env, QT_SCALE_FACTOR=scale)
                if args.pseudo:
                    child_env["LIVECOMPLY_PSEUDO"] = "1"
                proc = subprocess.run([sys.executable, __file__, str(args.out), "--child",
                                       lang, scale], env=child_env, cwd=REPO, timeout=300)
                failures += proc.returncode != 0
        return 1 if failures else 0

    env = dict(os.environ)
    if args.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
        return run_all(env)
    if env.get("DISPLAY"):
        return run_all(env)
    with xvfb() as display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        return run_all(env)


if __name__ == "__main__":
    sys.exit(main())
