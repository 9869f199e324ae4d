"""Fixtures for integration tests on real SQLCipher workspaces (cheap KDF, no OS keyring)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.open_workspace import SqlOpenWorkspace
from storage.workspace import SqlCipherWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace


@dataclass
class NewWorkspace:
    workspace: SqlCipherWorkspace
    recovery_key: str

    @property
    def folder(self) -> Path:
        return self.workspace.folder

    def sign_in(
        self, username: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE
    ) -> SqlOpenWorkspace:
        return self.workspace.sign_in(username, passphrase)


@pytest.fixture
def new_workspace(tmp_path: Path) -> NewWorkspace:
    """A fresh workspace in ``tmp_path/ws`` with the administrator ADMIN (fail keyring)."""
    workspace, recovery_key = create_workspace(tmp_path / "ws")
    return NewWorkspace(workspace, recovery_key)


@pytest.fixture
def admin(new_workspace: NewWorkspace) -> Iterator[SqlOpenWorkspace]:
    """The administrator, signed in to ``new_workspace``; closed after the test."""
    opened = new_workspace.sign_in()
    try:
        yield opened
    finally:
        opened.close()
