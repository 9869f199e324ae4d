"""Backups of a programme hub kept in its folder (SQLCipher), and restoring one (docs/hub.md).

The copy itself is storage/backup.py's, as for a committee workspace: SQLite's online backup
API into an owner-only temporary file, verified (page MACs and ``integrity_check``), renamed
into place, with the hub's ``keys.json`` copied beside it (``suluhu-hub-<UTC time>.keys.json``)
so that the backup opens on another laptop with the passphrase (or recovery key) of that day.
Backups in the hub's own ``backups/`` folder are rotated: the newest 10 are kept.

A hub on a PostgreSQL server is not backed up by Suluhu: its server's administrator does that
(pg_dump), as for any database on that server.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine

from storage import backup as backups
from storage.files import (
    copy_private_atomic,
    ensure_private_dir,
    fsync_dir,
    write_private_atomic,
)
from storage.hub import backend
from storage.hub.backend import DATABASE, INFO, KEYS, HubError

PREFIX = "suluhu-hub"
FOLDER = "backups"
KEPT = 10


@dataclass(frozen=True)
class RestoredHub:
    """What a restore put back: the hub's committees and exports (every file imported, current
    or replaced), the database kept from before, and whether the backup's key file came back
    too (so the hub opens with the passphrase it had when the backup was made)."""

    committees: int
    exports: int
    kept: Path | None
    keys_restored: bool
    # typed the passphrase of the backup's day, but the hub keeps today's key file (the same
    # hub: its passphrase was changed since): it opens with today's passphrase
    todays_passphrase: bool = False


def refuse_server(folder: Path) -> None:
    """HubError (one line, what to do) when the hub in ``folder`` is on a PostgreSQL server."""
    info = backend.read_info(folder / INFO)
    if backend.backend_of(info) == backend.POSTGRESQL:
        where = backend.server_of(info).where
        raise HubError(
            f"This hub is on the PostgreSQL server {where}: Suluhu does not back it up; the "
            "server's administrator does (pg_dump), with the server's other databases."
        )


def backup_hub(
    folder: Path, key: bytes, to: Path | None = None, now: datetime | None = None
) -> Path:
    """A verified backup of the SQLite hub in ``folder`` (its database ``key``), with its key
    file beside it: in ``folder/backups`` (rotated, the newest 10 kept) or at ``to`` (a folder,
    or a file name). Returns the backup's path. The hub may be open: the copy is online."""
    refuse_server(folder)
    if not (folder / KEYS).is_file() or not (folder / DATABASE).is_file():
        raise HubError(f"There is no hub at {folder}. Create one with `suluhu hub init`.")
    own = folder / FOLDER
    if to is None or _inside(to, own):
        ensure_private_dir(own)
    elif _inside(to, folder):
        raise HubError(
            "A backup cannot be written inside the hub's folder (it could replace the hub's own "
            "files). Choose another folder, or leave the place out to use its backups folder."
        )
    try:
        path = backups.backup_database(
            folder / DATABASE, key, to or own, folder / KEYS, now, prefix=PREFIX
        )
    except backups.BackupError as error:
        raise HubError(f"{error} The hub is unchanged.") from None
    if path.parent.resolve() == own.resolve():
        backups.rotate(own, KEPT, prefix=PREFIX, spare=path)
    return path


def backup_before_upgrade(folder: Path, key: bytes, engine: Engine) -> None:
    """A hub written by an older Suluhu: a verified backup into its backups folder before its
    schema is upgraded (as a committee workspace's), or HubError with nothing changed."""
    from storage.hub import schema
    from storage.schema import SchemaTooNew

    try:
        if schema.current_revision(engine) is None or not schema.needs_upgrade(engine):
            return
    except SchemaTooNew:
        return  # backend.upgraded() says so
    try:
        backup_hub(folder, key)
    except (HubError, OSError) as error:
        engine.dispose()
        why = str(error) if isinstance(error, HubError) else f"{error.strerror}."
        raise HubError(
            "This version of Suluhu must upgrade the hub's database, and makes a backup first, "
            f"but the backup failed ({why}) Nothing was changed; free some disk space and open "
            "the hub again."
        ) from None


def backup_with_passphrase(folder: Path, passphrase: str | None, to: Path | None = None) -> Path:
    """As :func:`backup_hub`, unlocking the database key with the hub's passphrase."""
    refuse_server(folder)
    if not (folder / KEYS).is_file():
        raise HubError(f"There is no hub at {folder}. Create one with `suluhu hub init`.")
    return backup_hub(folder, backend.sqlite_key(folder / KEYS, passphrase), to)


def restore_hub(folder: Path, backup: Path, passphrase: str) -> RestoredHub:
    """Put the hub's database back from ``backup``; a new laptop's empty folder (or one not
    there yet) is made a hub from the backup and the key file beside it.

    ``passphrase`` is the hub's passphrase: today's (it opens the hub's keys.json), or, when
    that one is gone or does not open with it, the one it had when the backup was made (the
    key file beside the backup). The backup must open with that key (a hub's database key never
    changes: another hub's backup does not), be intact and not be newer than this Suluhu, all
    checked before anything changes. The current database is kept as
    ``hub.db.before-restore-<UTC time>``. The backup's key file comes back only into a folder
    without a database (a hub that lost its files, a new laptop) or to finish a restore a crash
    stopped; the current keys.json, if any, is kept as ``keys.json.before-restore-<UTC time>``."""
    refuse_server(folder)
    if not backup.is_file():
        raise HubError(f"There is no backup at {backup}; nothing was changed.")
    _refuse_other_folder(folder)
    key, beside = _backup_key(folder, backup, passphrase)
    try:
        backups.verify_backup(backup, key)
    except backups.BackupDamaged as error:
        raise HubError(f"{error} Nothing was changed.") from None
    _refuse_newer(backup, key)
    ensure_private_dir(folder)
    from storage.hub.store import HubFolder, hub_lock

    with hub_lock(folder):  # no window or command has the hub open while it is replaced
        keys_back = beside and _keys_come_back(folder, key, backup)
        if not (folder / INFO).is_file():  # first: a retry after a failure finds a hub's folder
            marker = {"format": 1, "kind": "hub", "backend": backend.SQLITE}
            write_private_atomic(folder / INFO, json.dumps(marker).encode())
        unfinished = (folder / f"{KEYS}.restoring").is_file()  # a crash stopped a restore
        staged = _stage_keys(folder, backups.keys_beside(backup)) if keys_back else None
        try:
            kept = backups.restore(backup, folder / DATABASE, key)
        except backups.BackupError as error:
            if staged is not None and not unfinished:  # else the next try still finishes it
                staged.unlink(missing_ok=True)
            raise HubError(f"{error} Nothing was replaced.") from None
        if staged is not None:  # the database is back: its key file goes with it
            try:
                _put_keys_back(folder, staged)
            except OSError as error:
                raise HubError(
                    f"The database was put back, but its key file could not be "
                    f"({error.strerror}): free some disk space and restore again."
                ) from None
        with HubFolder(folder).open_keyed(key) as store:
            counts = len(store.committees()), len(store.exports())
    return RestoredHub(*counts, kept, keys_back, beside and not keys_back)


# what a folder may hold and still take a restore: a restore's own leftovers, the backup and
# its key file copied in beside it, and the files an operating system leaves in folders
_HARMLESS = frozenset({".lock", f"{KEYS}.restoring", ".DS_Store", "Thumbs.db", "desktop.ini"})
_CASEBOOK = ("workspace.json", "suluhu.db")  # a committee workspace's (storage/workspace.py)


def _refuse_other_folder(folder: Path) -> None:
    """Restore only into a hub's folder, or a folder not there yet, empty, or holding only the
    backup: never over a committee workspace or any other folder's files."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise HubError(f"{folder} is a file, not a hub's folder. Nothing was changed.")
    if backend.read_info(folder / INFO).get("kind") == "hub":
        return
    names = {p.name for p in folder.iterdir()}
    lost_marker = {KEYS, DATABASE} <= names and not names & set(_CASEBOOK)  # hub.json lost
    if lost_marker or all(_harmless(name) for name in names):
        return
    raise HubError(
        f"{folder} is not a hub's folder (it holds other files): restore into the hub's folder, "
        "or into a new, empty folder. Nothing was changed."
    )


def _harmless(name: str) -> bool:
    backup_file = name.startswith(f"{PREFIX}-") and name.endswith((".db", backups.KEYS_SUFFIX))
    return name in _HARMLESS or backup_file or name.endswith(".tmp")


def _backup_key(folder: Path, backup: Path, passphrase: str) -> tuple[bytes, bool]:
    """The key that opens the backup, and whether it came from the key file beside it (the
    passphrase of the backup's day) rather than the hub's own keys.json (today's)."""
    key = _unlocked(folder / KEYS, passphrase)
    if key is not None:  # today's passphrase: the hub's own key, which never changes
        if _opens(backup, key):
            return key, False
        raise HubError(
            f"The backup {backup.name} does not open with this hub's key: it is damaged, or it "
            "is another hub's backup. Nothing was changed."
        )
    beside = backups.keys_beside(backup)
    if not beside.is_file():
        raise HubError(
            f"The passphrase does not open the hub's key file, and the backup's key file "
            f"({beside.name}) is not beside it: type today's passphrase, or copy that key file "
            "beside the backup. Nothing was changed."
        )
    key = _unlocked(beside, passphrase)
    if key is None:
        raise HubError(
            "The passphrase opens neither the hub's key file nor the one beside the backup "
            f"({beside.name}): type the hub's passphrase, today's or the one it had when the "
            "backup was made. Nothing was changed."
        )
    if not _opens(backup, key):
        raise HubError(
            f"The backup {backup.name} does not open with the key file beside it: that key "
            "file is another hub's, or the backup is damaged. Nothing was changed."
        )
    return key, True


def _keys_come_back(folder: Path, key: bytes, backup: Path) -> bool:
    """With the passphrase of the backup's day: whether its key file comes back (probed under
    the hub's lock, after every check of the backup). Into a folder without a database, or to
    finish a restore a crash stopped, yes; over the same hub's database, no (a passphrase
    change since is never undone); over another hub's, or a damaged one, the restore stops."""
    current = folder / DATABASE
    if not current.is_file():  # a hub that lost its files, or a new laptop
        return True
    if not _opens(current, key):
        raise HubError(
            f"The backup {backup.name} does not open the database in {folder}: that is another "
            "hub's, or it is damaged. Type today's passphrase; or, if that database is damaged, "
            f"move {DATABASE} out of the folder and restore again. Nothing was changed."
        )
    return (folder / f"{KEYS}.restoring").is_file()  # a restore stopped between its steps


def _unlocked(keys_file: Path, passphrase: str) -> bytes | None:
    if not keys_file.is_file():
        return None
    try:
        return backend.sqlite_key(keys_file, passphrase)
    except HubError:  # a wrong passphrase for this file, or a damaged one
        return None


def _refuse_newer(backup: Path, key: bytes) -> None:
    """A backup of a hub that a newer Suluhu upgraded would not open here once restored."""
    from storage.hub import schema

    connection = backups.connect(backup, key)
    try:
        row = connection.execute(f"SELECT version_num FROM {schema.VERSION_TABLE}").fetchone()
    except sqlcipher3.DatabaseError:
        row = None
    finally:
        connection.close()
    if row is None:
        raise HubError(f"{backup.name} is not a hub's backup. Nothing was changed.")
    if not schema.known_revision(str(row[0])):
        raise HubError(
            f"The backup {backup.name} was made by a newer version of Suluhu: update Suluhu, "
            "then restore it. Nothing was changed."
        )


def _opens(database: Path, key: bytes) -> bool:
    try:
        backups.connect(database, key).close()
    except sqlcipher3.DatabaseError:
        return False
    return True


def _stage_keys(folder: Path, beside: Path) -> Path:
    """The backup's key file copied into the folder before the database is swapped (so a
    crash between the two leaves it there, and a second restore finishes the job)."""
    ensure_private_dir(folder)
    staged = folder / f"{KEYS}.restoring"
    try:
        copy_private_atomic(beside, staged)
    except OSError as error:
        raise HubError(
            f"The backup's key file could not be copied ({error.strerror}). Nothing was changed."
        ) from None
    return staged


def _put_keys_back(folder: Path, staged: Path) -> None:
    """keys.json from the staged copy; the current one (if any) is kept beside it."""
    current = folder / KEYS
    if current.is_file():
        copy_private_atomic(current, backups.before_restore_path(current))
    os.replace(staged, current)
    fsync_dir(folder)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
