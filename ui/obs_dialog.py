"""OBS connection dialog behaviour: test the connection off the GUI thread with a clear Chinese
message for each failure, and keep the password only in the OS keyring (``app.secrets``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QLineEdit, QWidget

from app.capture.obs import ObsProbe, probe_obs
from app.secrets import (
    SecretStoreError,
    backend_name,
    delete_obs_password,
    get_obs_password,
    set_obs_password,
)
from ui.obs_dialog_view import ObsDialogView
from ui.settings import Settings
from ui.workers import run_job

# Chinese advice for the core's failure headlines (the core's detail is in English).
ADVICE: dict[str, str] = {
    "OBS 未运行或 WebSocket 未开启": QT_TRANSLATE_NOOP(
        "ObsDialog", "Start OBS, then in Tools → WebSocket Server Settings tick “Enable "
        "WebSocket server” and check that the port matches."),
    "OBS WebSocket 密码错误": QT_TRANSLATE_NOOP(
        "ObsDialog", "Copy the password from Tools → WebSocket Server Settings → Show Connect "
        "Info, paste it above and test again."),
    "OBS 需要 WebSocket 密码": QT_TRANSLATE_NOOP(
        "ObsDialog", "This OBS requires a password: type it above (Tools → WebSocket Server "
        "Settings → Show Connect Info)."),
    "OBS 无应答": QT_TRANSLATE_NOOP(
        "ObsDialog", "Check the host and port, and the firewall on the OBS PC."),
    "无法连接到 OBS": QT_TRANSLATE_NOOP(
        "ObsDialog", "Check the host and port, and the firewall on the OBS PC."),
    "端口上不是 OBS WebSocket 5": QT_TRANSLATE_NOOP(
        "ObsDialog", "Another program uses this port, or OBS is older than 28: check the port "
        "in OBS's WebSocket Server Settings."),
    "OBS WebSocket 版本不兼容": QT_TRANSLATE_NOOP("ObsDialog", "Update OBS to version 28 or "
                                                  "newer."),
}


def split_bilingual(message: str) -> tuple[str, str]:
    """The core's ``"中文 (English detail) more"`` messages as (Chinese headline, English).

    The English part may itself contain parentheses, and text may follow the closing one.
    """
    text = message.strip()
    start = text.find("(")
    if start <= 0:
        return text, text
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            inner = text[start + 1:i].strip()
            rest = text[i + 1:].strip()
            joiner = " " if rest and rest[0].isalnum() else ""
            return text[:start].strip(), f"{inner}{joiner}{rest}".strip()
    return text[:start].strip(), text[start + 1:].strip()


class ObsDialog(QObject):
    """Owns an ``ObsDialogView``; ``exec()`` returns True when the settings were saved."""

    def __init__(self, settings: Settings, parent: QWidget | None = None,
                 language: str = "zh_CN") -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = language
        self.view = ObsDialogView(parent)
        self.testing = False
        self.last_result: str = ""
        v = self.view
        v.host.setText(str(settings.get("obs_host")))
        v.port.setValue(int(settings.get("obs_port")))
        v.show_password.toggled.connect(self._toggle_echo)
        v.btn_test.clicked.connect(self.test_connection)
        v.btn_delete.clicked.connect(self.forget_password)
        v.buttons.accepted.connect(self.save)
        v.buttons.rejected.connect(v.reject)
        v.host.editingFinished.connect(self._update_keyring_label)
        v.port.valueChanged.connect(self._update_keyring_label)
        self._update_keyring_label()

    def _target(self) -> tuple[str, int]:
        return self.view.host.text().strip() or "127.0.0.1", int(self.view.port.value())

    def _toggle_echo(self, show: bool) -> None:
        self.view.password.setEchoMode(QLineEdit.EchoMode.Normal if show
                                       else QLineEdit.EchoMode.Password)

    def _update_keyring_label(self) -> None:
        host, port = self._target()
        try:
            stored = get_obs_password(host, port) is not None
            where = backend_name()
        except SecretStoreError as exc:
            self.view.keyring_label.setText(self._pick(str(exc)))
            return
        if stored:
            self.view.keyring_label.setText(
                self.tr("A password is stored in {backend}; leave the field empty to keep it.")
                .format(backend=where))
        else:
            self.view.keyring_label.setText(
                self.tr("No password stored. It will be kept in {backend}, never in a file.")
                .format(backend=where))

    def _pick(self, message: str) -> str:
        zh, en = split_bilingual(message)
        return zh if self.language.startswith("zh") else en

    def _password(self) -> str | None:
        typed = self.view.password.text()
        if typed:
            return typed
        host, port = self._target()
        try:
            return get_obs_password(host, port)
        except SecretStoreError:
            return None

    def _show(self, ok: bool, title: str, detail: str) -> None:
        colour = "#4ade80" if ok else "#f87171"
        self.view.result_title.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.view.result_title.setText(title)
        self.view.result_detail.setText(detail)
        self.last_result = title

    def test_connection(self) -> None:
        """测试连接: connect once, take one screenshot; never blocks the window."""
        if self.testing:
            return
        host, port = self._target()
        password = self._password()
        self.testing = True
        self.view.btn_test.setEnabled(False)
        self._show(True, self.tr("Connecting to {host}:{port}…").format(host=host, port=port),
                   "")
        self.view.result_title.setStyleSheet("color: #93c5fd;")
        run_job(lambda: probe_obs(host, port, password, samples=1),
                self._test_ok, self._test_failed)

    def _test_ok(self, probe: ObsProbe) -> None:
        self.testing = False
        self.view.btn_test.setEnabled(True)
        self._show(True, self.tr("Connected: OBS {version}").format(version=probe.obs_version),
                   self.tr("Program scene: {scene}; screenshot {ms} ms").format(
                       scene=probe.program_scene, ms=round(probe.median_ms)))

    def _test_failed(self, message: str) -> None:
        self.testing = False
        self.view.btn_test.setEnabled(True)
        zh, en = split_bilingual(message)
        advice = ADVICE.get(zh)
        if self.language.startswith("zh"):
            self._show(False, zh, self.tr(advice) if advice else en)
        else:
            self._show(False, en.split(": ")[0], en)

    def save(self) -> None:
        """Save host and port in settings and a typed password in the keyring; then close."""
        host, port = self._target()
        typed = self.view.password.text()
        if typed:
            try:
                where = set_obs_password(host, port, typed)
            except SecretStoreError as exc:
                self._show(False, self.tr("Password not saved"), self._pick(str(exc)))
                return
            self.last_result = self.tr("Password saved in {backend}").format(backend=where)
        self.settings.set("obs_host", host)
        self.settings.set("obs_port", port)
        self.settings.sync()
        self.view.password.clear()
        self.view.accept()

    def forget_password(self) -> None:
        """Remove the stored password for this host and port."""
        host, port = self._target()
        try:
            removed = delete_obs_password(host, port)
        except SecretStoreError as exc:
            self._show(False, self.tr("Keyring error"), self._pick(str(exc)))
            return
        self._show(True, self.tr("Stored password removed") if removed
                   else self.tr("No password was stored"), "")
        self._update_keyring_label()

    def exec(self) -> bool:
        """Run modally; True when saved."""
        return bool(self.view.exec())
