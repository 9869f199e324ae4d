"""A signed-in workspace: the database engine, the unwrapped keys, and key-slot changes.

Key-slot changes go with database changes in an order that survives a crash at any step: a user
row is written before its slot (a row without a slot is repaired by a passphrase reset), a slot
is removed before the database is re-keyed (begin, swap, finish: the opener tries the new key,
then the old one).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain import rules
from desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Actor, Role, User
from desktop.domain.services import users as user_service
from desktop.domain.services.audit import detail_of, record, verify_audit
from desktop.domain.services.permissions import require
from desktop.workspace import WorkspaceDamaged, WorkspaceError, WrongPassphrase
from storage import backup as backups
from storage import schema
from storage.engine import DatabaseMissing, WrongKey, cipher_check, open_engine
from storage.keys import KeyFile, Keys
from storage.keys import WrongPassphrase as SlotWrongPassphrase
from storage.lock import acquire_lock, release_lock
from storage.recovery import format_recovery_key
from storage.sealing import Sealer
from storage.unit_of_work import SqlUnitOfWork

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from storage.bulk import BulkLoader
    from storage.export_file import ExportFile
    from storage.workspace import SqlCipherWorkspace

BACKUPS_KEPT = 10


class SqlOpenWorkspace:
    """The one implementation of desktop.workspace.OpenWorkspace."""

    def __init__(
        self,
        workspace: SqlCipherWorkspace,
        keyfile: KeyFile,
        keys: Keys,
        engine: Engine,
        user: User,
        device_secret: bytes | None,
    ) -> None:
        self._workspace = workspace
        self._keyfile = keyfile
        self._keys: Keys | None = keys
        self._engine: Engine | None = engine
        self._closed = False
        self._device = device_secret
        self.user = user
        self.actor = Actor.of(user)
        self.folder = workspace.folder
        self.clock = workspace.clock
        self.taxonomy = workspace.taxonomy()

    # -- opening ----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        workspace: SqlCipherWorkspace,
        keyfile: KeyFile,
        keys: Keys,
        username: str,
        device_secret: bytes | None,
        recovering: bool = False,
    ) -> SqlOpenWorkspace:
        acquire_lock(workspace.folder)
        try:
            keys, engine = _open_database(workspace.db_path, keyfile, keys)
        except BaseException:
            release_lock(workspace.folder)
            raise
        try:
            try:
                _migrate(workspace.db_path, engine, keys, keyfile.path)
                with SqlUnitOfWork(engine, Sealer(keys.restricted_key)) as uow:
                    user = uow.users.by_username(username)
            except Exception as error:
                damaged = damaged_error(error)
                if damaged is None:
                    raise
                raise damaged from None
            if user is None or not user.active:
                raise WorkspaceError(
                    "This account is not active in this workspace. Ask the administrator."
                )
            if recovering and user.role is not Role.ADMINISTRATOR:
                raise WorkspaceError(
                    "Only an administrator can use the recovery key. Other members get a new "
                    "passphrase from the administrator."
                )
            if keys.restricted_key is not None and not user.restricted_access and not recovering:
                keys = Keys(keys.database_key, None)
            return cls(workspace, keyfile, keys, engine, user, device_secret)
        except BaseException:
            engine.dispose()
            release_lock(workspace.folder)
            raise

    def audit_sign_in(self, failures: list[float], damaged_throttle: bool) -> None:
        with self.unit_of_work() as uow:
            for _ in failures:
                record(uow, self.clock, self.actor, "sign_in_failed", detail_of(before_this=1))
            if damaged_throttle:
                record(uow, self.clock, self.actor, "throttle_file_damaged")
            record(uow, self.clock, self.actor, "sign_in", detail_of(failures=len(failures)))
            uow.commit()

    def enrol_after_recovery(self, new_passphrase: str, device_secret: bytes | None) -> None:
        self._device = device_secret
        keys = self._require_keys()
        username = self.actor.username
        if self._keyfile.has_user(username):
            self._keyfile.set_passphrase(keys, username, new_passphrase, self._device)
        else:
            self._keyfile.add_user(keys, username, new_passphrase, self._device, True)
        with self.unit_of_work() as uow:
            record(uow, self.clock, self.actor, "recover_with_recovery_key")
            uow.commit()

    # -- the protocol -----------------------------------------------------------------------

    def unit_of_work(self) -> SqlUnitOfWork:
        engine, keys = self._require_engine(), self._require_keys()
        return SqlUnitOfWork(engine, Sealer(keys.restricted_key))

    def case_loader(self) -> BulkLoader:
        from storage.bulk import BulkLoader

        keys = self._require_keys()
        return BulkLoader(self._require_engine(), Sealer(keys.restricted_key))

    def committee(self) -> Committee:
        with self.unit_of_work() as uow:
            return uow.committee.get()

    def export_writer(self, path: Path) -> ExportFile:
        from storage.export_file import ExportFile

        return ExportFile(path)

    def change_passphrase(self, old: str, new: str) -> None:
        username = self.actor.username
        try:
            self._keyfile.unlock(username, old, self._device)
        except SlotWrongPassphrase:
            raise WrongPassphrase("The current passphrase is wrong; nothing was changed.") from None
        _check_passphrase(new, username)
        self._keyfile.set_passphrase(self._require_keys(), username, new, self._device)
        self._set_must_change(username, False, "change_passphrase")

    def add_user(self, user: User, passphrase: str) -> User:
        _check_passphrase(passphrase, user.username)
        cmd = user_service.AddUser(
            user.username,
            user.display_name,
            user.role,
            restricted_access=user.restricted_access,
            must_change_passphrase=user.must_change_passphrase,
        )
        keys = self._full_keys(user.restricted_access)  # before anything is written
        added = user_service.add_user(self.unit_of_work(), self.actor, self.clock, cmd)
        assert added.id is not None
        try:
            if self._keyfile.has_user(added.username):  # a slot left by a crash: replace it
                self._keyfile.remove_user(added.username)
            self._keyfile.add_user(
                keys, added.username, passphrase, self._device, added.restricted_access
            )
        except BaseException:
            # No slot, no account: the row goes inactive so the name can be added again.
            user_service.deactivate_user(self.unit_of_work(), self.actor, self.clock, added.id)
            raise
        return added

    def remove_user(self, username: str) -> None:
        require(self.actor, "remove_user")
        if username.casefold() == self.actor.username.casefold():
            raise ValidationError("username", "You cannot remove yourself.")
        with self.unit_of_work() as uow:
            user = uow.users.by_username(username)
        if user is None or user.id is None:
            raise NotFound("There is no such user.")
        if user.active:
            user_service.deactivate_user(self.unit_of_work(), self.actor, self.clock, user.id)
        # Removing again (after a failed or interrupted re-key) re-keys again: always safe.
        self._rekey(drop=username)

    def reset_passphrase(self, username: str, new_passphrase: str) -> None:
        require(self.actor, "reset_passphrase")
        _check_passphrase(new_passphrase, username)
        with self.unit_of_work() as uow:
            user = uow.users.by_username(username)
        if user is None or not user.active:
            raise NotFound("There is no such active user.")
        # The slot, not the database row (which any member could edit), says who holds the
        # restricted-case key: a reset keeps that grant as it is, and never creates one.
        granted = self._keyfile.has_restricted(username)
        keys = self._full_keys(granted)
        if self._keyfile.has_user(username):
            self._keyfile.set_passphrase(keys, username, new_passphrase, self._device)
        else:
            self._keyfile.add_user(keys, username, new_passphrase, self._device, False)
        self._set_must_change(username, True, "reset_passphrase", restricted_access=granted)
        self._workspace.mark_needing_reset([username], False)

    def new_recovery_key(self) -> str:
        require(self.actor, "new_recovery_key")
        keys = self._full_keys(True)
        with self.unit_of_work() as uow:
            record(uow, self.clock, self.actor, "new_recovery_key")
            uow.commit()
        # Nothing may fail between saving the slot and handing back the key.
        return format_recovery_key(self._keyfile.new_recovery(keys))

    def backup(self, to: Path | None = None) -> Path:
        require(self.actor, "backup")
        folder = self.folder / "backups"
        if to is None:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        keys = self._require_keys()
        if to is not None and _inside(to, self.folder) and not _inside(to, folder):
            raise WorkspaceError(
                "A backup cannot be written inside the workspace folder (it could replace the "
                "workspace's own files). Choose another folder, or leave the place empty."
            )
        try:
            path = backups.backup_database(
                self._workspace.db_path, keys.database_key, to or folder, self._keyfile.path
            )
        except backups.BackupError as error:
            raise WorkspaceError(str(error)) from None
        if to is None:
            backups.rotate(folder, BACKUPS_KEPT, spare=path)
        with self.unit_of_work() as uow:
            record(uow, self.clock, self.actor, "backup")
            uow.commit()
        return path

    def restore(self, backup: Path) -> None:
        require(self.actor, "restore")
        keys = self._require_keys()
        if not backup.is_file():
            raise WorkspaceError(f"There is no backup at {backup}.")
        self._require_engine().dispose()
        self._engine = None
        try:
            backups.restore(backup, self._workspace.db_path, keys.database_key)
        except backups.BackupError as error:
            raise WorkspaceError(str(error)) from None
        finally:
            self._reopen(self._workspace.db_path, keys.database_key, keys.restricted_key)
        self.audit_restore(backup.name)
        self.close()

    def audit_restore(self, backup_name: str) -> None:
        with self.unit_of_work() as uow:
            record(uow, self.clock, self.actor, "restore", detail_of(file=backup_name))
            uow.commit()

    def check(self) -> list[str]:
        require(self.actor, "check_workspace")
        keys = self._require_keys()
        problems = cipher_check(self._workspace.db_path, keys.database_key)
        if problems:
            return problems
        broken = verify_audit(self.unit_of_work(), self.actor)
        if broken is not None:
            problems.append(f"The audit log was altered at event {broken}.")
        return problems

    def close(self) -> None:
        self._closed = True
        if self._engine is not None:
            self._engine.dispose()
        self._engine = None
        self._keys = None
        release_lock(self.folder)

    def _reopen(self, db_path: Path, key: bytes, restricted_key: bytes | None) -> None:
        """After a swap: the engine and keys again, unless the workspace was locked meanwhile."""
        if self._closed:
            raise WorkspaceError("The workspace was locked during the change. Sign in again.")
        self._keys = Keys(key, restricted_key)
        self._engine = open_engine(db_path, key)

    # -- helpers ----------------------------------------------------------------------------

    def _require_engine(self) -> Engine:
        if self._engine is None:
            raise WorkspaceError("The workspace is locked. Sign in again.")
        return self._engine

    def _require_keys(self) -> Keys:
        if self._keys is None:
            raise WorkspaceError("The workspace is locked. Sign in again.")
        return self._keys

    def _full_keys(self, need_restricted: bool) -> Keys:
        keys = self._require_keys()
        if need_restricted and keys.restricted_key is None:
            raise PermissionDenied(
                "Only a user with access to restricted cases can give that access."
            )
        return keys

    def _set_must_change(
        self, username: str, value: bool, action: str, restricted_access: bool | None = None
    ) -> None:
        with self.unit_of_work() as uow:
            user = uow.users.by_username(username)
            if user is None:
                raise NotFound("There is no such user.")
            user.must_change_passphrase = value
            if restricted_access is not None:
                user.restricted_access = restricted_access
            uow.users.update(user)
            record(uow, self.clock, self.actor, action, f"user:{user.id}")
            uow.commit()

    def _rekey(self, drop: str | None = None) -> None:
        """Give the database a new key, so a removed user's old copy of it opens nothing new;
        ``drop``'s slot is removed in the same write that adds the new key."""
        keys = self._require_keys()
        new_key = os.urandom(32)
        db_path = self._workspace.db_path
        try:
            copy = backups.rekey_copy(db_path, keys.database_key, new_key)
        except (OSError, backups.BackupError) as error:
            raise WorkspaceError(
                f"The user is deactivated, but the database could not be given a new key "
                f"({error}). Free some disk space (the copy needs as much as the database), "
                "then remove the user again."
            ) from None
        try:
            self._keyfile.rekey_begin(keys, new_key, drop=drop)
        except BaseException:
            backups.remove_with_side_files(copy)
            raise
        self._require_engine().dispose()
        self._engine = None
        backups.swap_database(copy, db_path)
        self._keyfile.rekey_finish()
        self._reopen(db_path, new_key, keys.restricted_key)
        with self.unit_of_work() as uow:
            record(uow, self.clock, self.actor, "rekey_database")
            uow.commit()


_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def damaged_error(error: Exception) -> WorkspaceDamaged | None:
    """A WorkspaceDamaged to raise instead of ``error`` when SQLite says the file is damaged
    (a page fails its HMAC, a truncated or malformed file); None for any other error."""
    cause = getattr(error, "orig", None) or error
    code = getattr(cause, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return WorkspaceDamaged(
            "The database file is damaged: part of it cannot be read. Nothing was changed; "
            "restore the workspace from a backup."
        )
    return None


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _check_passphrase(passphrase: str, username: str) -> None:
    problems = rules.passphrase_problems(passphrase, username)
    if problems:
        raise ValidationError("passphrase", " ".join(problems))


def _open_database(db_path: Path, keyfile: KeyFile, keys: Keys) -> tuple[Keys, Engine]:
    """Open with the current key; after a crash mid re-key, with whichever key the file has,
    and settle the key file accordingly."""
    for candidate in keys.candidates():
        try:
            engine = open_engine(db_path, candidate)
        except WrongKey:
            continue
        except DatabaseMissing:
            raise WorkspaceDamaged(
                f"The database {db_path.name} is missing from the workspace folder. Restore "
                "it from a backup."
            ) from None
        except Exception as error:
            damaged = damaged_error(error)
            if damaged is None:
                raise
            raise damaged from None
        try:
            if keyfile.rekey_pending():
                if candidate == keys.database_key:
                    keyfile.rekey_finish()
                else:
                    keyfile.rekey_abort()
        except BaseException:
            engine.dispose()
            raise
        return keys.settled(candidate), engine
    raise WorkspaceDamaged(
        "The database is damaged, or it does not belong to this key file (keys.json). "
        "Restore the workspace from a backup."
    )


def _migrate(db_path: Path, engine: Engine, keys: Keys, keys_path: Path) -> None:
    """Upgrade an older database, after a verified backup."""
    if not schema.needs_upgrade(engine):
        return
    folder = db_path.parent / "backups"
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        backups.backup_database(db_path, keys.database_key, folder, keys_path)
    except (OSError, backups.BackupError) as error:
        raise WorkspaceError(
            f"This version of Suluhu must upgrade the database, and makes a backup first, but "
            f"the backup failed ({error}). Nothing was changed; free some disk space and retry."
        ) from None
    schema.upgrade(engine)
