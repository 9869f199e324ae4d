"""Backups, restore and re-key copies of the encrypted database, with sqlcipher3 directly.

Every copy goes through SQLite's online backup API (copying a live file is not a backup), from
a connection keyed with the raw key into an owner-only temporary file in the destination
folder, is verified there (``PRAGMA cipher_integrity_check`` finds no page whose HMAC fails,
``PRAGMA integrity_check`` says ok) and only then renamed into place. Connections use
``temp_store=MEMORY`` so no plaintext temporary file is ever written.

Backup names are ``suluhu-YYYYmmdd-HHMMSS.db`` in UTC (so they sort in time order across
daylight-saving changes). A backup can carry a copy of ``keys.json`` beside it
(``suluhu-...keys.json``): with the recovery sheet of that day it opens the backup on a new
laptop, and it holds the database key the backup was made with, which a later re-key retires.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from storage.files import copy_private_atomic, fsync_dir, remove_quietly

KEYS_SUFFIX = ".keys.json"
BEFORE_RESTORE_SUFFIX = ".before-restore"
REKEY_SUFFIX = ".rekey"
_NAME = re.compile(r"^suluhu-(\d{8})-(\d{6})(?:-(\d+))?\.db$")
PREFIX = "suluhu"  # a workspace's backups; a programme hub's are "suluhu-hub" (storage/hub)
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupError(Exception):
    """``str(error)`` is a message for the user; it never holds key material."""


class BackupFailed(BackupError): ...


class BackupDamaged(BackupError): ...


def connect(path: Path, key: bytes) -> Any:
    """A sqlcipher3 connection to ``path`` keyed with the raw 32-byte ``key``; fails (with
    sqlcipher3.DatabaseError) unless the key opens the file."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    from storage.engine import quiet_cipher_log

    quiet_cipher_log()
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("PRAGMA temp_store = MEMORY")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection


def backup_database(
    db_path: Path,
    key: bytes,
    to: Path,
    key_file: Path | None = None,
    now: datetime | None = None,
    prefix: str = PREFIX,
) -> Path:
    """Copy the database to ``to`` (a file, or a folder to hold ``<prefix>-<UTC time>.db``),
    verified, with ``key_file`` copied beside it when given. Returns the backup's path."""
    if not db_path.is_file():
        raise BackupFailed(f"There is no database at {db_path} to back up.")
    target = new_backup_path(to, now, prefix) if to.is_dir() else to
    if not target.parent.is_dir():
        raise BackupFailed(f"The folder {target.parent} does not exist.")
    if target.resolve() == db_path.resolve():
        raise BackupFailed("A backup cannot replace the database it copies.")
    if target.suffix.casefold() != ".db":  # e.g. a USB stick's folder that is not mounted
        raise BackupFailed(
            f"{target} is neither a folder nor a file name ending in .db: choose a folder (is "
            "the USB stick in?), or a name ending in .db."
        )
    if target.exists() or keys_beside(target).exists():  # never over an earlier backup
        raise BackupFailed(
            f"{target.name} is already there and was left as it was: choose another name, or "
            "a folder."
        )
    temp = _copy_to_temp(db_path, key, key, target.parent)
    try:
        if key_file is not None:
            copy_private_atomic(key_file, keys_beside(target))
        os.replace(temp, target)
    except OSError as error:
        remove_with_side_files(temp)
        raise BackupFailed(
            f"The backup could not be written to {target}: {error.strerror}."
        ) from None
    fsync_dir(target.parent)
    return target


def verify_backup(path: Path, key: bytes) -> None:
    """Raise BackupDamaged unless ``path`` opens with ``key`` and passes both checks."""
    if not path.is_file():
        raise BackupDamaged(f"The backup {path.name} does not exist.")
    try:
        connection = connect(path, key)
    except sqlcipher3.DatabaseError:
        raise BackupDamaged(
            f"The backup {path.name} cannot be opened with this workspace's key: it is "
            "damaged, or it belongs to another workspace or to a time before a key change."
        ) from None
    try:
        failed_pages = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        if failed_pages:
            raise BackupDamaged(
                f"The backup {path.name} is damaged: {len(failed_pages)} page(s) fail their "
                "authentication check."
            )
        if connection.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise BackupDamaged(f"The backup {path.name} is damaged: its structure is broken.")
    except sqlcipher3.DatabaseError:
        raise BackupDamaged(f"The backup {path.name} is damaged and cannot be read.") from None
    finally:
        connection.close()


def restore(
    backup_path: Path, db_path: Path, key: bytes, target_key: bytes | None = None
) -> Path | None:
    """Replace the database with a verified copy of the backup (encrypted with ``target_key``
    when given: a backup from before a re-key). The current database is kept as
    ``<db>.before-restore-<UTC time>`` (returned; None when there was none). Nothing is
    replaced if the backup is damaged or keyed differently. Every connection to ``db_path``
    must be closed."""
    verify_backup(backup_path, key)
    new_key = target_key or key
    temp = _copy_to_temp(backup_path, key, new_key, db_path.parent)
    try:
        before = _keep_current(db_path, new_key) if db_path.exists() else None
        swap_database(temp, db_path)
    except OSError as error:
        remove_with_side_files(temp)
        raise BackupFailed(f"The database could not be replaced: {error.strerror}.") from None
    return before


def rekey_copy(db_path: Path, old_key: bytes, new_key: bytes) -> Path:
    """A verified copy of the database encrypted with ``new_key``, at ``<db>.rekey``.

    The crash-safe re-key: rekey_copy, KeyFile.rekey_begin, (close connections)
    swap_database(copy, db_path), KeyFile.rekey_finish. After a crash the opener tries the new
    key then the old one, and calls rekey_finish or rekey_abort accordingly.
    """
    temp = _copy_to_temp(db_path, old_key, new_key, db_path.parent)
    target = db_path.with_name(db_path.name + REKEY_SUFFIX)
    try:
        os.replace(temp, target)
    except OSError as error:
        remove_with_side_files(temp)
        raise BackupFailed(f"The re-keyed copy could not be written: {error.strerror}.") from None
    fsync_dir(target.parent)
    return target


def swap_database(new_file: Path, db_path: Path) -> None:
    """Put ``new_file`` in place of ``db_path``. Stale -wal, -shm and -journal files of the old
    database are removed first (SQLite would replay them onto the new file). Call it only with
    every connection to ``db_path`` closed."""
    for suffix in _SIDE_FILES:
        remove_quietly(_side(db_path, suffix))
    os.replace(new_file, db_path)
    fsync_dir(db_path.parent)


def rotate(
    folder: Path, keep: int = 10, prefix: str = PREFIX, spare: Path | None = None
) -> list[Path]:
    """Delete all but the newest ``keep`` backups named ``<prefix>-YYYYmmdd-HHMMSS.db`` in
    ``folder`` (and their key-file copies); returns the deleted backups. ``spare`` (the backup
    just written) is never deleted, even when a wrong clock gave it an older name."""
    if keep < 1:
        raise ValueError("keep at least one backup")
    named = _NAME if prefix == PREFIX else _named(prefix)
    found = [(m, p) for p in folder.iterdir() if (m := named.match(p.name)) and p.is_file()]
    found.sort(key=lambda item: (item[0][1], item[0][2], int(item[0][3] or 0)), reverse=True)
    ordered = [path for _, path in found]
    others = [p for p in ordered if spare is None or p.resolve() != spare.resolve()]
    removed = others[keep - 1 :] if len(others) < len(ordered) else ordered[keep:]
    for path in removed:
        remove_quietly(keys_beside(path))
        remove_quietly(path)
    return removed


def new_backup_path(folder: Path, now: datetime | None = None, prefix: str = PREFIX) -> Path:
    """``folder/<prefix>-YYYYmmdd-HHMMSS.db`` (UTC), with ``-N`` added if that name is taken."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path, n = folder / f"{prefix}-{stamp}.db", 1
    while path.exists():
        path, n = folder / f"{prefix}-{stamp}-{n}.db", n + 1
    return path


def _named(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(prefix)}-(\d{{8}})-(\d{{6}})(?:-(\d+))?\.db$")


def keys_beside(backup: Path) -> Path:
    return backup.with_suffix(KEYS_SUFFIX)


def _copy_to_temp(source: Path, source_key: bytes, target_key: bytes, folder: Path) -> Path:
    """A verified copy of ``source`` re-encrypted with ``target_key``, in an owner-only
    temporary file in ``folder``."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".suluhu-", suffix=".tmp")  # mode 0o600
    os.close(fd)
    temp = Path(name)
    try:
        try:
            _online_copy(source, source_key, temp, target_key)
        except sqlcipher3.DatabaseError as error:
            raise BackupFailed(
                f"The database {source.name} could not be copied ({error}); nothing was replaced."
            ) from None
        try:
            verify_backup(temp, target_key)
        except BackupDamaged:
            raise BackupFailed("The copy failed its check after writing; it was removed.") from None
    except BaseException:
        remove_with_side_files(temp)
        raise
    return temp


def _online_copy(source: Path, source_key: bytes, target: Path, target_key: bytes) -> None:
    src = connect(source, source_key)
    try:
        dst = connect(target, target_key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def before_restore_path(path: Path) -> Path:
    """``<path>.before-restore-<UTC time>`` (``-N`` added if taken): a new name each time, so
    restoring twice never overwrites the first copy kept."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    before, n = path.with_name(f"{path.name}{BEFORE_RESTORE_SUFFIX}-{stamp}"), 1
    while before.exists():
        before, n = path.with_name(f"{path.name}{BEFORE_RESTORE_SUFFIX}-{stamp}-{n}"), n + 1
    return before


def _keep_current(db_path: Path, key: bytes) -> Path:
    """Copy the current database (and its WAL, if commits could not be checkpointed into it)
    to ``<db>.before-restore-<UTC time>``; works even when the current file is damaged."""
    with contextlib.suppress(sqlcipher3.DatabaseError, ValueError):
        connection = connect(db_path, key)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    before = before_restore_path(db_path)
    wal, before_wal = _side(db_path, "-wal"), _side(before, "-wal")
    remove_quietly(before_wal)
    copy_private_atomic(db_path, before)
    if wal.exists() and wal.stat().st_size > 0:
        copy_private_atomic(wal, before_wal)  # SQLite finds it as the copy's own WAL
    return before


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        remove_quietly(_side(path, suffix))
