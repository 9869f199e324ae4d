"""Checking and restoring a workspace whose database may be too damaged to sign in to.

Both start from the key slots alone (the passphrase proves the user holds a slot), never from
the database: a power cut that damaged the pages sign-in reads must not also lock the committee
out of its own backups. Who may restore is read from the backup, which is verified first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import PermissionDenied
from desktop.domain.model.users import Role
from desktop.domain.services.permissions import require
from desktop.workspace import WorkspaceDamaged, WorkspaceError
from storage import backup as backups
from storage.engine import WrongKey, cipher_check
from storage.lock import acquire_lock, release_lock

if TYPE_CHECKING:
    from storage.workspace import SqlCipherWorkspace, Unlocked


def check_workspace(workspace: SqlCipherWorkspace, username: str, passphrase: str) -> list[str]:
    """Cipher (page MACs), SQL integrity and audit chain. An administrator gets the full check;
    any user holding a slot learns whether the file is damaged."""
    unlocked = workspace.unlock(username, passphrase)
    problems = _cipher_problems(workspace, unlocked)
    if problems:
        return problems
    opened = workspace.sign_in(username, passphrase)
    try:
        return opened.check()
    finally:
        opened.close()


def _cipher_problems(workspace: SqlCipherWorkspace, unlocked: Unlocked) -> list[str]:
    if not workspace.db_path.is_file():
        return [f"The database {workspace.db_path.name} is missing. Restore it from a backup."]
    last: list[str] = []
    for key in unlocked.keys.candidates():
        try:
            last = cipher_check(workspace.db_path, key)
        except WrongKey:
            last = ["The database does not open with this workspace's keys: it is damaged."]
            continue
        return last
    return last


def restore_workspace(
    workspace: SqlCipherWorkspace, username: str, passphrase: str, backup: Path
) -> None:
    """Replace the database with a verified backup made by this workspace. The backup may be
    older than a re-key: then the key file saved beside it opens it with the same passphrase,
    and the restored copy is encrypted with today's key. Who may restore is read from the
    current database, or from the verified backup when the current one is too damaged."""
    unlocked = workspace.unlock(username, passphrase)
    if not backup.is_file():
        raise WorkspaceError(f"There is no backup at {backup}.")
    current = unlocked.keys.database_key
    backup_key = _backup_key(backup, unlocked, username, passphrase)
    acquire_lock(workspace.folder)  # no window or command may write while the file is replaced
    try:
        backups.verify_backup(backup, backup_key)
        if not _administrator_of_current(workspace, username, passphrase):
            # The current database is too damaged to say who is who: the backup says it.
            _require_administrator(backup, backup_key, username)
        backups.restore(backup, workspace.db_path, backup_key, target_key=current)
    except backups.BackupError as error:
        raise WorkspaceError(f"{error} Nothing was replaced.") from None
    finally:
        release_lock(workspace.folder)
    opened = workspace.sign_in(username, passphrase)
    try:
        opened.audit_restore(backup.name)
    finally:
        opened.close()


def _administrator_of_current(
    workspace: SqlCipherWorkspace, username: str, passphrase: str
) -> bool:
    """True when the current database opens and says ``username`` may restore; False when it
    is too damaged to say; PermissionDenied when it says no."""
    try:
        opened = workspace.sign_in(username, passphrase)
    except WorkspaceDamaged:
        return False
    try:
        require(opened.actor, "restore")
    finally:
        opened.close()
    return True


def _backup_key(backup: Path, unlocked: Unlocked, username: str, passphrase: str) -> bytes:
    from storage.keys import KeyFile, KeyFileError

    for key in unlocked.keys.candidates():
        try:
            backups.connect(backup, key).close()
            return key
        except Exception:  # noqa: S112 - the next candidate, then the saved key file
            continue
    beside = backups.keys_beside(backup)
    if beside.is_file():
        try:
            old = KeyFile.load(beside).unlock(username, passphrase, unlocked.device_secret)
        except KeyFileError:
            raise WorkspaceError(
                f"The backup {backup.name} was made before a key change, and your passphrase "
                "of that time is needed to restore it."
            ) from None
        return old.database_key
    return unlocked.keys.database_key  # verify_backup then says why it does not open


def _require_administrator(backup: Path, key: bytes, username: str) -> None:
    connection = backups.connect(backup, key)
    try:
        row = connection.execute(
            "SELECT role, active FROM users WHERE username = ? COLLATE NOCASE", (username,)
        ).fetchone()
    finally:
        connection.close()
    if row is None or row[0] != Role.ADMINISTRATOR.value or not row[1]:
        raise PermissionDenied("Only an administrator can restore a backup.")
