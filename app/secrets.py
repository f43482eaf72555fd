"""The OBS websocket password, kept in the OS keyring and nowhere else.

Why a keyring: the password lets anyone on the studio LAN drive OBS (obs-websocket 5.1 listens
on every interface), so it must not sit in a settings file. If no secure backend is available we
refuse rather than fall back to plaintext, and we tell the user which backend holds the secret
so they can find or remove it. The password is never logged or put in an exception message.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "LiveComply OBS WebSocket"

# Backends that store secrets in the clear (keyrings.alt) or store nothing at all.
_INSECURE_BACKENDS = ("PlaintextKeyring", "fail.Keyring", "null.Keyring")


class SecretStoreError(RuntimeError):
    """The keyring cannot be used; the message says what to do (English and Chinese)."""


def _account(host: str, port: int) -> str:
    return f"{host}:{port}"


def _backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    qualname = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(qualname.endswith(name) for name in _INSECURE_BACKENDS):
        raise SecretStoreError(
            "没有可用的安全密钥存储 (no secure keyring available: "
            f"{backend_name(backend)}). On Windows/macOS the system store is used; on Linux "
            "install and unlock a Secret Service (GNOME Keyring/KWallet). Passwords are never "
            "stored in plaintext."
        )
    return backend


def backend_name(backend: KeyringBackend | None = None) -> str:
    """A human name for the keyring backend, e.g. 'Windows WinVaultKeyring (priority 5)'."""
    backend = backend or keyring.get_keyring()
    name = getattr(backend, "name", None) or type(backend).__name__
    return f"{name} ({type(backend).__module__}.{type(backend).__name__})"


def _wrap(zh: str, en: str, exc: Exception) -> SecretStoreError:
    # Only the exception's type: its text could, with some backends, echo what was stored.
    return SecretStoreError(
        f"密钥存储{zh}失败 (keyring {en} failed in {backend_name()}: "
        f"{type(exc).__name__}). Unlock the system keyring and try again."
    )


def get_obs_password(host: str, port: int) -> str | None:
    """The stored password for the OBS at host:port, or None if none is stored."""
    backend = _backend()
    try:
        return backend.get_password(SERVICE, _account(host, port))
    except keyring.errors.KeyringError as exc:
        raise _wrap("读取", "read", exc) from None


def set_obs_password(host: str, port: int, password: str) -> str:
    """Store the password; returns the backend name so the caller can tell the user where."""
    if not password:
        raise ValueError("empty password")
    backend = _backend()
    try:
        backend.set_password(SERVICE, _account(host, port), password)
    except keyring.errors.KeyringError as exc:
        raise _wrap("写入", "write", exc) from None
    return backend_name(backend)


def delete_obs_password(host: str, port: int) -> bool:
    """Remove the stored password; False if there was none."""
    backend = _backend()
    try:
        backend.delete_password(SERVICE, _account(host, port))
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise _wrap("删除", "delete", exc) from None
    return True
