"""The device secret store: a real keyring or nothing, never a plaintext fallback."""

from __future__ import annotations

import base64

import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyring.errors import KeyringLocked

from storage.secrets import SERVICE, DeviceSecretStore, KeyringNoAnswer
from tests.support import MemoryKeyring


class LowPriorityKeyring(MemoryKeyring):
    priority = 0.5


class PlaintextKeyring(MemoryKeyring):  # the name keyrings.alt gives its plaintext file backend
    priority = 5


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the user dismissed the unlock prompt")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the user dismissed the unlock prompt")


class ForgetfulKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        pass  # claims success, stores nothing


def test_memory_backend_round_trip() -> None:
    backend = MemoryKeyring()
    store = DeviceSecretStore(backend)
    assert store.state() == "available"
    assert store.get("ws-1") is None
    secret = store.create("ws-1")
    assert secret is not None and len(secret) == 32
    assert backend.entries == {(SERVICE, "ws-1"): base64.b64encode(secret).decode()}
    assert DeviceSecretStore(backend).get("ws-1") == secret
    assert store.get("ws-2") is None
    store.delete("ws-1")
    store.delete("ws-1")  # deleting twice is fine
    assert store.get("ws-1") is None and backend.entries == {}


def test_create_replaces_an_old_secret() -> None:
    store = DeviceSecretStore(MemoryKeyring())
    first, second = store.create("ws"), store.create("ws")
    assert first != second and store.get("ws") == second


def test_fail_backend_means_no_backend() -> None:
    store = DeviceSecretStore(FailKeyring())  # type: ignore[no-untyped-call]
    assert store.state() == "no_backend"
    assert store.get("ws") is None
    assert store.create("ws") is None
    store.delete("ws")


def test_low_priority_and_plaintext_backends_are_refused() -> None:
    for backend in (LowPriorityKeyring(), PlaintextKeyring()):
        store = DeviceSecretStore(backend)
        assert store.state() == "no_backend"
        assert store.create("ws") is None
        assert backend.entries == {}  # nothing was written


def test_chainer_uses_only_an_acceptable_backend() -> None:
    plaintext, real = PlaintextKeyring(), MemoryKeyring()

    class Chain(ChainerBackend):
        backends = [plaintext, real]
        viable = False  # keep it out of keyring's own discovery

    store = DeviceSecretStore(Chain())  # type: ignore[no-untyped-call]
    assert store.state() == "available"
    secret = store.create("ws")
    assert secret is not None and plaintext.entries == {} and len(real.entries) == 1

    class EmptyChain(ChainerBackend):
        backends: list[KeyringBackend] = []
        viable = False

    assert DeviceSecretStore(EmptyChain()).state() == "no_backend"  # type: ignore[no-untyped-call]


def test_a_keyring_that_does_not_answer_is_not_a_missing_secret() -> None:
    store = DeviceSecretStore(LockedKeyring())
    with pytest.raises(KeyringNoAnswer, match="did not answer"):
        store.get("ws")  # a caller must never take this as "lost" and replace the secret
    assert store.create("ws") is None


def test_a_secret_that_was_not_stored_is_not_returned() -> None:
    assert DeviceSecretStore(ForgetfulKeyring()).create("ws") is None


def test_garbage_in_the_keyring_reads_as_missing() -> None:
    backend = MemoryKeyring()
    backend.entries[(SERVICE, "ws")] = "not base64 at all!"
    backend.entries[(SERVICE, "short")] = base64.b64encode(b"abc").decode()
    store = DeviceSecretStore(backend)
    assert store.get("ws") is None and store.get("short") is None
