"""OBS connection dialog: the password goes to the keyring (never the settings file), and
"测试连接" explains each failure in Chinese — against nothing listening and a real OBS."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.obs_harness import MemoryKeyring, ObsStudio, free_port, memory_keyring, obs_studio
from ui.obs_dialog import ObsDialog, split_bilingual
from ui.settings import Settings, settings_path

__all__ = ["memory_keyring", "obs_studio"]  # fixtures


def make_dialog(qtbot: QtBot, host: str, port: int, language: str = "zh_CN") -> ObsDialog:
    dialog = ObsDialog(Settings(), None, language)
    qtbot.addWidget(dialog.view)
    dialog.view.host.setText(host)
    dialog.view.port.setValue(port)
    return dialog


def test_split_bilingual() -> None:
    assert split_bilingual("OBS 未运行 (OBS not running (x): y)") == (
        "OBS 未运行", "OBS not running (x): y")
    assert split_bilingual("plain") == ("plain", "plain")
    assert split_bilingual("没有密钥库 (no keyring: fail (a.b)). On Linux install one.") == (
        "没有密钥库", "no keyring: fail (a.b). On Linux install one.")


def test_save_puts_the_password_in_the_keyring_only(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    dialog = make_dialog(qtbot, "192.168.1.20", 4460)
    dialog.view.password.setText("s3cret-pw")
    dialog.save()
    assert memory_keyring.store == {("LiveComply OBS WebSocket", "192.168.1.20:4460"): "s3cret-pw"}
    settings = Settings()
    assert settings.get("obs_host") == "192.168.1.20" and settings.get("obs_port") == 4460
    assert "s3cret-pw" not in settings_path().read_text(encoding="utf-8")
    assert dialog.view.password.text() == ""
    again = make_dialog(qtbot, "192.168.1.20", 4460)
    assert "已保存" in again.view.keyring_label.text()
    again.forget_password()
    assert memory_keyring.store == {}


def test_obs_not_running_is_explained_in_chinese(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    dialog = make_dialog(qtbot, "127.0.0.1", free_port())
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)
    assert dialog.view.result_title.text() == "OBS 未运行或 WebSocket 未开启"
    assert "开启 WebSocket 服务器" in dialog.view.result_detail.text()
    assert dialog.view.btn_test.isEnabled()


@pytest.mark.obs
def test_wrong_then_right_password_against_real_obs(
    qtbot: QtBot, memory_keyring: MemoryKeyring, obs_studio: ObsStudio
) -> None:
    dialog = make_dialog(qtbot, obs_studio.host, obs_studio.port)
    dialog.view.password.setText("wrong-password")
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.testing, timeout=20_000)
    assert dialog.view.result_title.text() == "OBS WebSocket 密码错误"
    assert "显示连接信息" in dialog.view.result_detail.text()
    dialog.view.password.setText(obs_studio.password)
    dialog.test_connection()
    qtbot.waitUntil(lambda: not dialog.testing, timeout=20_000)
    assert dialog.view.result_title.text().startswith("连接成功：OBS ")
    assert "节目场景：直播间" in dialog.view.result_detail.text()
    dialog.save()
    key = ("LiveComply OBS WebSocket", f"{obs_studio.host}:{obs_studio.port}")
    assert memory_keyring.store[key] == obs_studio.password
