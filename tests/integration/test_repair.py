"""Checking and restoring a workspace whose database is too damaged to sign in to."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.users import Role, User
from desktop.workspace import WorkspaceDamaged, WorkspaceError
from storage.open_workspace import SqlOpenWorkspace
from tests.integration.conftest import Cli, NewWorkspace
from tests.support import ADMIN, ADMIN_PASSPHRASE, case_numbers, register_case

MEMBER, MEMBER_PASSPHRASE = "baraka", "Member-passphrase-42"


def _damage_every_page(db: Path) -> None:
    """Flip one byte in every page after the first: no table can be read any more."""
    data = bytearray(db.read_bytes())
    for offset in range(4096 + 2000, len(data), 4096):
        data[offset] ^= 0x55
    db.write_bytes(bytes(data))


def _add_member(admin: SqlOpenWorkspace) -> None:
    admin.add_user(User(MEMBER, "Baraka Member", Role.MEMBER), MEMBER_PASSPHRASE)


def test_a_database_too_damaged_to_sign_in_is_checked_and_restored(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    first = register_case(admin).number
    backup = admin.backup()
    admin.close()
    _damage_every_page(new_workspace.workspace.db_path)
    with pytest.raises(WorkspaceDamaged):
        new_workspace.sign_in().close()

    problems = new_workspace.workspace.check(ADMIN, ADMIN_PASSPHRASE)
    assert problems and any("HMAC" in p or "damaged" in p for p in problems)

    new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, backup)
    assert new_workspace.workspace.check(ADMIN, ADMIN_PASSPHRASE) == []
    reopened = new_workspace.sign_in()
    try:
        assert case_numbers(reopened) == {first}
        with reopened.unit_of_work() as uow:
            assert "restore" in [event.action for event in uow.audit.all()]
    finally:
        reopened.close()
    assert len(list(new_workspace.folder.glob("suluhu.db.before-restore-*"))) == 1


def test_only_an_administrator_of_the_backup_may_restore_it(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _add_member(admin)
    register_case(admin)
    backup = admin.backup()
    admin.close()
    db = new_workspace.workspace.db_path
    inode = db.stat().st_ino
    with pytest.raises(PermissionDenied):
        new_workspace.workspace.restore(MEMBER, MEMBER_PASSPHRASE, backup)
    assert db.stat().st_ino == inode  # the file was not replaced
    assert not list(new_workspace.folder.glob("suluhu.db.before-restore*"))


def test_when_the_database_opens_it_decides_who_may_restore(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, tmp_path: Path
) -> None:
    """A member who crafted a backup naming himself administrator still may not restore it
    over a database that opens and says he is a member."""
    import shutil

    from storage import backup as backups

    _add_member(admin)
    crafted = admin.backup()
    key = admin._require_keys().database_key
    admin.close()
    connection = backups.connect(crafted, key)
    try:
        connection.execute("UPDATE users SET role = 'administrator' WHERE username = ?", (MEMBER,))
    finally:
        connection.close()
    shutil.copy(crafted, tmp_path / "crafted.db")
    with pytest.raises(PermissionDenied):
        new_workspace.workspace.restore(MEMBER, MEMBER_PASSPHRASE, tmp_path / "crafted.db")


def test_a_backup_from_before_a_rekey_restores_with_the_key_file_beside_it(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _add_member(admin)
    first = register_case(admin).number
    old_backup = admin.backup()
    admin.remove_user(MEMBER)  # re-keys the database: the backup is under the old key
    register_case(admin, name="Second Complainant")
    admin.close()

    new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, old_backup)
    reopened = new_workspace.sign_in()  # the restored copy opens with today's key
    try:
        assert case_numbers(reopened) == {first}
    finally:
        reopened.close()


def test_restore_refuses_a_missing_or_foreign_backup_and_changes_nothing(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, tmp_path: Path
) -> None:
    register_case(admin)
    admin.close()
    db = new_workspace.workspace.db_path
    before = db.read_bytes()
    with pytest.raises(WorkspaceError, match="no backup"):
        new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, tmp_path / "nope.db")
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"\0" * 8192)
    with pytest.raises(WorkspaceError, match="Nothing was replaced"):
        new_workspace.workspace.restore(ADMIN, ADMIN_PASSPHRASE, foreign)
    assert db.read_bytes() == before


def test_the_cli_checks_and_restores_a_damaged_workspace(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, cli: Cli
) -> None:
    register_case(admin)
    backup = admin.backup()
    admin.close()
    _damage_every_page(new_workspace.workspace.db_path)
    folder = new_workspace.folder
    checked = cli("check", workspace=folder)
    assert checked.code == 1 and checked.out.strip(), checked
    restored = cli("restore", "--from", str(backup), workspace=folder)
    assert restored.code == 0, restored.err
    assert cli("check", workspace=folder).code == 0
