"""app.secrets: keyring only, never plaintext, never the password in a message."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from app import secrets
from tests.obs_harness import MemoryKeyring, memory_keyring

__all__ = ["memory_keyring"]


def test_round_trip(memory_keyring: MemoryKeyring) -> None:
    assert secrets.get_obs_password("127.0.0.1", 4455) is None
    where = secrets.set_obs_password("127.0.0.1", 4455, "pw-1")
    assert "MemoryKeyring" in where
    assert secrets.get_obs_password("127.0.0.1", 4455) == "pw-1"
    assert secrets.get_obs_password("127.0.0.1", 4460) is None  # per host:port
    assert secrets.delete_obs_password("127.0.0.1", 4455) is True
    assert secrets.delete_obs_password("127.0.0.1", 4455) is False
    assert memory_keyring.store == {}


def test_refuses_when_no_secure_backend() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(secrets.SecretStoreError, match="never stored in plaintext"):
            secrets.set_obs_password("h", 1, "pw")
        with pytest.raises(secrets.SecretStoreError):
            secrets.get_obs_password("h", 1)
    finally:
        keyring.set_keyring(previous)


def test_plaintext_backend_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):  # the name keyrings.alt uses for its file backend
        pass

    previous = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        with pytest.raises(secrets.SecretStoreError):
            secrets.set_obs_password("h", 1, "pw")
    finally:
        keyring.set_keyring(previous)


def test_backend_errors_do_not_leak_the_password(memory_keyring: MemoryKeyring,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise keyring.errors.KeyringLocked("locked while storing hunter2")

    monkeypatch.setattr(memory_keyring, "set_password", broken)
    with pytest.raises(secrets.SecretStoreError) as info:
        secrets.set_obs_password("h", 1, "hunter2")
    assert "hunter2" not in str(info.value) and "KeyringLocked" in str(info.value)
