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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine

from storage import backup as backups
from storage.files import copy_private_atomic, ensure_private_dir, write_private_atomic
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


def backs_up(folder: Path) -> bool:
    """Whether Suluhu backs this hub up: a SQLite hub, not one on a PostgreSQL server."""
    return backend.backend_of(backend.read_info(folder / INFO)) == backend.SQLITE


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
    if to is None:
        ensure_private_dir(own)
    elif _inside(to, folder) and not _inside(to, own):
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
        backups.rotate(own, KEPT, prefix=PREFIX)
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
    """Put the hub's database back from ``backup`` (a hub folder that lost its files, or a new
    one on another laptop, is made from the backup and the key file beside it).

    ``passphrase`` is the hub's passphrase, today's or the one it had when the backup was made:
    it must open the hub's keys.json or the key file beside the backup, and that key must open
    the backup, which is verified before anything changes. The current database is kept as
    ``hub.db.before-restore-<UTC time>``. When only the backup's key file opened, it replaces
    keys.json (which is kept as ``keys.json.before-restore-<UTC time>``)."""
    refuse_server(folder)
    if not backup.is_file():
        raise HubError(f"There is no backup at {backup}; nothing was changed.")
    key, from_backup = _backup_key(folder, backup, passphrase)
    try:
        backups.verify_backup(backup, key)
    except backups.BackupDamaged as error:
        raise HubError(f"{error} Nothing was changed.") from None
    ensure_private_dir(folder)
    from storage.hub.store import HubFolder, hub_lock

    with hub_lock(folder):  # no window or command has the hub open while it is replaced
        try:
            kept = backups.restore(backup, folder / DATABASE, key)
        except backups.BackupError as error:
            raise HubError(f"{error} Nothing was replaced.") from None
        if from_backup:  # the passphrase of that day: its key file comes back with it
            _put_keys_back(folder, backups.keys_beside(backup))
        if not (folder / INFO).is_file():
            marker = {"format": 1, "kind": "hub", "backend": backend.SQLITE}
            write_private_atomic(folder / INFO, json.dumps(marker).encode())
        with HubFolder(folder).open_keyed(key) as store:
            return RestoredHub(len(store.committees()), len(store.exports()), kept, from_backup)


def _backup_key(folder: Path, backup: Path, passphrase: str) -> tuple[bytes, bool]:
    """The key that opens the backup, and whether it came from the key file beside it."""
    unlocked = False
    for keys_file, from_backup in ((folder / KEYS, False), (backups.keys_beside(backup), True)):
        if not keys_file.is_file():
            continue
        try:
            key = backend.sqlite_key(keys_file, passphrase)
        except HubError:  # a wrong passphrase for this file, or a damaged one: the other
            continue
        unlocked = True
        if _opens(backup, key):
            return key, from_backup
    if not unlocked:
        raise HubError(
            "The passphrase opens neither the hub's key file nor the one beside the backup "
            f"({backups.keys_beside(backup).name}): type the hub's passphrase, today's or the "
            "one it had when the backup was made. Nothing was changed."
        )
    raise HubError(
        f"The backup {backup.name} does not open with this hub's key: it is damaged, or it is "
        "another hub's backup. Nothing was changed."
    )


def _opens(backup: Path, key: bytes) -> bool:
    try:
        backups.connect(backup, key).close()
    except sqlcipher3.DatabaseError:
        return False
    return True


def _put_keys_back(folder: Path, beside: Path) -> None:
    """keys.json from the copy beside the backup; the current one is kept beside it."""
    current = folder / KEYS
    if current.is_file():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept, n = folder / f"{KEYS}{backups.BEFORE_RESTORE_SUFFIX}-{stamp}", 1
        while kept.exists():
            kept, n = folder / f"{KEYS}{backups.BEFORE_RESTORE_SUFFIX}-{stamp}-{n}", n + 1
        copy_private_atomic(current, kept)
    copy_private_atomic(beside, current)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
