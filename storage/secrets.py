"""The per-installation device secret, kept in the OS keyring and nowhere else.

Two states: ``available`` (a real OS keyring answers) and ``no_backend`` (keyring's fail or null
backend, an empty chainer, a backend below priority 1, a plaintext file backend, or any keyring
error). There is never a plaintext fallback: without a keyring the workspace runs on passphrases
alone. A chainer is replaced by the best acceptable backend it chains, so nothing is ever
written to a plaintext backend it may also hold.

The secret is 32 random bytes stored base64 under service "suluhu", user name = workspace id.
It is a convenience mixed into the user slots; the recovery key repairs its loss.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import secrets
from typing import Literal

from keyring.backend import KeyringBackend

SERVICE = "suluhu"
SECRET_BYTES = 32
State = Literal["available", "no_backend"]
# keyrings.alt's file backends are plaintext, or prompt on a console for a master password
_REJECTED_MARKERS = ("plaintext", "keyrings.alt.file", "keyrings.alt.pyfs")


class KeyringNoAnswer(Exception):
    """The OS keyring exists but did not answer; the message says what to do."""


class DeviceSecretStore:
    """``backend`` defaults to the keyring library's choice, looked up on first use."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._given = backend
        self._resolved: KeyringBackend | None = None
        self._looked_up = False

    def state(self) -> State:
        return "available" if self._backend() is not None else "no_backend"

    def get(self, workspace_id: str) -> bytes | None:
        """The secret, or None: no backend, nothing stored, or an entry that is not ours.
        KeyringNoAnswer when a keyring exists but fails (locked, timed out): that is not the
        same as a lost secret, and must never lead to replacing it."""
        backend = self._backend()
        if backend is None:
            return None
        try:
            stored = backend.get_password(SERVICE, _check_id(workspace_id))
        except Exception:
            raise KeyringNoAnswer(
                "The computer's password store did not answer. Unlock it (or restart the "
                "computer) and try again."
            ) from None
        return _decode(stored)

    def create(self, workspace_id: str) -> bytes | None:
        """Store a new random secret (replacing any old one) and return it, or None when no
        keyring can hold it. The secret is read back before it is returned."""
        backend = self._backend()
        if backend is None:
            return None
        secret = secrets.token_bytes(SECRET_BYTES)
        encoded = base64.b64encode(secret).decode("ascii")
        try:
            backend.set_password(SERVICE, _check_id(workspace_id), encoded)
            stored = backend.get_password(SERVICE, workspace_id)
        except Exception:
            return None
        return secret if _decode(stored) == secret else None

    def delete(self, workspace_id: str) -> None:
        backend = self._backend()
        if backend is None:
            return
        with contextlib.suppress(Exception):  # absent already, or no keyring: nothing to delete
            backend.delete_password(SERVICE, _check_id(workspace_id))

    def _backend(self) -> KeyringBackend | None:
        if not self._looked_up:
            given = self._given
            self._resolved = _acceptable(given if given is not None else _default_backend())
            self._looked_up = True
        return self._resolved


def _default_backend() -> KeyringBackend | None:
    try:
        import keyring

        return keyring.get_keyring()
    except Exception:
        return None


def _acceptable(backend: KeyringBackend | None) -> KeyringBackend | None:
    """``backend`` if it is a real OS keyring; for a chainer, the best such backend in it."""
    from keyring.backends.chainer import ChainerBackend
    from keyring.backends.fail import Keyring as FailKeyring

    if backend is None or isinstance(backend, FailKeyring):
        return None
    if isinstance(backend, ChainerBackend):
        try:
            chained: list[KeyringBackend] = list(backend.backends)
        except Exception:
            return None
        for candidate in chained:  # already sorted, highest priority first
            if not isinstance(candidate, ChainerBackend) and _acceptable(candidate) is not None:
                return candidate
        return None
    name = f"{type(backend).__module__}.{type(backend).__qualname__}".casefold()
    if any(marker in name for marker in _REJECTED_MARKERS):
        return None
    try:
        priority = float(backend.priority)
    except Exception:
        return None
    return backend if priority >= 1 else None


def _check_id(workspace_id: str) -> str:
    if not workspace_id or not workspace_id.isprintable():
        raise ValueError("a workspace id must be printable text")
    return workspace_id


def _decode(stored: str | None) -> bytes | None:
    if stored is None:
        return None
    try:
        secret = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None
    return secret if len(secret) == SECRET_BYTES else None
