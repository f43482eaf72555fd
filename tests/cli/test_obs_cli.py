"""``livecomply obs``: password storage through the (in-memory) keyring, and ``obs test``
against nothing, a wrong password and a real headless OBS."""

from __future__ import annotations

import io

import pytest

from app.cli.main import main
from app.secrets import SERVICE
from tests.obs_harness import MemoryKeyring, ObsStudio, free_port, memory_keyring, obs_studio

__all__ = ["memory_keyring", "obs_studio"]  # fixtures used by name below


def test_set_password_from_stdin(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-密码\n"))
    assert main(["obs", "set-password", "--port", "4460"]) == 0
    assert memory_keyring.store == {(SERVICE, "127.0.0.1:4460"): "s3cret-密码"}
    out = capsys.readouterr().out
    assert "MemoryKeyring" in out and "s3cret" not in out


def test_empty_password_is_refused(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert main(["obs", "set-password"]) == 2
    assert "empty password" in capsys.readouterr().err
    assert memory_keyring.store == {}


def test_delete_password(memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    memory_keyring.store[(SERVICE, "127.0.0.1:4455")] = "x"
    assert main(["obs", "delete-password"]) == 0
    assert memory_keyring.store == {}
    assert main(["obs", "delete-password"]) == 0
    assert "no password stored" in capsys.readouterr().out


def test_no_secure_keyring_is_an_error_not_a_plaintext_fallback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
        assert main(["obs", "set-password"]) == 2
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert "no secure keyring" in err and "plaintext" in err


def test_obs_test_when_obs_is_not_running(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["obs", "test", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.startswith("livecomply: error: OBS 未运行或 WebSocket 未开启")
    assert len(err.strip().splitlines()) == 1


def test_bad_port_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["obs", "test", "--port", "70000"])
    assert info.value.code == 2


@pytest.mark.obs
def test_obs_test_against_real_obs(
    obs_studio: ObsStudio, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = str(obs_studio.port)
    assert main(["obs", "test", "--port", port]) == 2  # nothing stored yet
    assert "set-password" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert main(["obs", "set-password", "--port", port]) == 0
    assert main(["obs", "test", "--port", port]) == 2
    assert "密码错误" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO(obs_studio.password + "\n"))
    assert main(["obs", "set-password", "--port", port]) == 0
    assert main(["obs", "test", "--port", port, "--samples", "3"]) == 0
    out = capsys.readouterr().out
    print(out)
    assert "OBS 29." in out or "OBS 3" in out
    assert "program scene: 直播间" in out
    assert "1280×720 JPG" in out
    assert obs_studio.password not in out
