"""Start the desktop app: QApplication, language, theme, store, main window.

Called by ``livecomply gui`` (``ui/cmd_gui.py``), which imports this module only when the
command runs, so the Qt-free core never loads PySide6.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.store import Store
from app.store.errors import StoreError
from ui import i18n, theme
from ui.main_window import MainWindow
from ui.session import MonitorConfig
from ui.settings import Settings


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (reused when it exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("LiveComply")
    QCoreApplication.setApplicationName("LiveComply")
    app.setApplicationDisplayName("直播合规助手 LiveComply")
    return app  # type: ignore[return-value]


def run(
    *,
    source: str | None = None,
    db: Path | None = None,
    profile: str | None = None,
    ai_host: bool | None = None,
    language: str | None = None,
) -> int:
    """Run the GUI until the window closes; flags override the saved settings for this run."""
    app = make_application()
    settings = Settings()
    if language:
        settings.set("language", language)
    i18n.install_language(str(settings.get("language")))
    theme.apply(app, str(settings.get("language")))
    config = MainWindow.config_from_settings(settings)
    config = MonitorConfig(
        source=source or config.source,
        obs_host=config.obs_host,
        obs_port=config.obs_port,
        profile=profile or config.profile,
        ai_host=config.ai_host if ai_host is None else ai_host,
        ad_label_follows_segments=config.ad_label_follows_segments,
    )
    db_path = db or (Path(str(settings.get("db_path"))).expanduser()
                     if settings.get("db_path") else None)
    try:
        store = Store.open(db_path)
    except StoreError as exc:
        QMessageBox.critical(None, "直播合规助手 LiveComply", str(exc))
        return 2
    try:
        window = MainWindow(settings, store, config=config)
        window.show()
        code = app.exec()
        window.shutdown()
    finally:
        store.close()
    return int(code)
