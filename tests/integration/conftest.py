"""Fixtures for integration tests on real SQLCipher workspaces (cheap KDF, no OS keyring)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.open_workspace import SqlOpenWorkspace
from storage.workspace import SqlCipherWorkspace
from tests.hub_backends import hub, hub_backend, make_hub  # noqa: F401 (hub fixtures)
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


# -- the command line, run in-process ----------------------------------------------------------


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def failed_with(self, code: int = 1) -> str:
        """Assert the command failed with ``code`` and ONE line on stderr starting "suluhu:";
        return that line."""
        assert self.code == code, (self.code, self.out, self.err)
        lines = self.err.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("suluhu: "), lines[0]
        return lines[0]


class Cli:
    """``cli("users", "list", user="admin")`` runs desktop.cli.run in-process, with the workspace
    made by tests.support.make_workspace (cheap KDF, no OS keyring)."""

    def __init__(
        self, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.folder = folder
        self._monkeypatch = monkeypatch
        self._capsys = capsys

    def __call__(
        self,
        *argv: str,
        user: str | None = ADMIN,
        passphrase: str | None = ADMIN_PASSPHRASE,
        new_passphrase: str | None = None,
        workspace: Path | None = None,
    ) -> CliResult:
        from desktop import cli

        env = {
            "SULUHU_PASSPHRASE": passphrase,
            "SULUHU_NEW_PASSPHRASE": new_passphrase,
        }
        for name, value in env.items():
            if value is None:
                self._monkeypatch.delenv(name, raising=False)
            else:
                self._monkeypatch.setenv(name, value)
        args = [*argv, "--workspace", str(workspace or self.folder)]
        if user is not None:
            args += ["--user", user]
        self._capsys.readouterr()
        code = cli.run(args)
        captured = self._capsys.readouterr()
        return CliResult(code, captured.out, captured.err)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    import io
    import sys

    from desktop import bootstrap
    from tests.support import make_workspace

    monkeypatch.setattr(bootstrap, "make_workspace", lambda folder=None: make_workspace(folder))
    # never the real per-user workspace, never a prompt
    monkeypatch.setenv("SULUHU_WORKSPACE", str(tmp_path / "default-workspace"))
    monkeypatch.delenv("SULUHU_USER", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return Cli(tmp_path / "ws", monkeypatch, capsys)
