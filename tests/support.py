"""Helpers shared by tests."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from storage.keys import KdfParams

CHEAP_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend (priority 1) for tests."""

    priority: float = 1
    viable = False  # never picked by keyring's own backend discovery in other tests

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")
