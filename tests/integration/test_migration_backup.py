"""An existing workspace is backed up, and the backup verified, before any migration runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop.workspace import WorkspaceError
from storage import backup as backups
from storage import open_workspace, schema
from tests.support import ADMIN, ADMIN_PASSPHRASE, create_workspace, register_case


def test_a_verified_backup_exists_before_the_upgrade_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = create_workspace(tmp_path / "ws")
    opened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    number = register_case(opened).number
    key = opened._require_keys().database_key
    opened.close()

    seen: list[Path] = []

    def upgrade(engine: Engine) -> None:
        found = sorted((workspace.folder / "backups").glob("suluhu-*.db"))
        assert len(found) == 1, "no backup before the migration"
        backups.verify_backup(found[0], key)  # raises if it is not a sound copy
        seen.append(found[0])

    monkeypatch.setattr(schema, "needs_upgrade", lambda engine: True)
    monkeypatch.setattr(schema, "upgrade", upgrade)
    reopened = workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    reopened.close()
    assert len(seen) == 1
    assert open_workspace.backups.keys_beside(seen[0]).is_file()
    # the backup holds the data as it was before the migration
    monkeypatch.undo()
    restored = tmp_path / "check.db"
    backups.restore(seen[0], restored, key)
    connection = backups.connect(restored, key)
    try:
        rows = connection.execute("SELECT number FROM disputes").fetchall()
    finally:
        connection.close()
    assert rows == [(number,)]


def test_a_failed_backup_stops_the_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = create_workspace(tmp_path / "ws")
    ran: list[bool] = []

    def broken_backup(*args: object, **kwargs: object) -> Path:
        raise backups.BackupFailed("The disk is full.")

    monkeypatch.setattr(schema, "needs_upgrade", lambda engine: True)
    monkeypatch.setattr(schema, "upgrade", lambda engine: ran.append(True))
    monkeypatch.setattr(backups, "backup_database", broken_backup)
    with pytest.raises(WorkspaceError, match="disk is full"):
        workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    assert ran == []
