"""OBS connection dialog layout: host, port, password (kept in the OS keyring), test, save."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ObsDialogView(QDialog):
    """Widgets only; ``obs_dialog.ObsDialog`` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("obsDialog")
        self.setMinimumWidth(560)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self)
        pw_row = QHBoxLayout()
        pw_row.addWidget(self.password, 1)
        pw_row.addWidget(self.show_password)
        self.keyring_label = QLabel(self)
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setObjectName("keyringLabel")
        self.host_label, self.port_label, self.password_label = QLabel(self), QLabel(self), QLabel(
            self)
        form = QFormLayout()
        form.addRow(self.host_label, self.host)
        form.addRow(self.port_label, self.port)
        form.addRow(self.password_label, pw_row)
        form.addRow("", self.keyring_label)

        self.btn_test = QPushButton(self)
        self.btn_test.setObjectName("testButton")
        self.btn_delete = QPushButton(self)
        actions = QHBoxLayout()
        actions.addWidget(self.btn_test)
        actions.addWidget(self.btn_delete)
        actions.addStretch(1)

        self.result_title = QLabel(self)
        self.result_title.setObjectName("resultTitle")
        self.result_title.setWordWrap(True)
        self.result_detail = QLabel(self)
        self.result_detail.setObjectName("resultDetail")
        self.result_detail.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)

        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(form)
        box.addLayout(actions)
        box.addWidget(self.result_title)
        box.addWidget(self.result_detail)
        box.addStretch(1)
        box.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.setWindowTitle(self.tr("OBS connection"))
        self.intro.setText(self.tr(
            "In OBS: Tools → WebSocket Server Settings → tick “Enable WebSocket server”, then "
            "“Show Connect Info” for the port and password."))
        self.host_label.setText(self.tr("Host"))
        self.port_label.setText(self.tr("Port"))
        self.password_label.setText(self.tr("Password"))
        self.show_password.setText(self.tr("Show"))
        self.btn_test.setText(self.tr("Test connection"))
        self.btn_delete.setText(self.tr("Forget stored password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
