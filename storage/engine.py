"""The SQLCipher engine: an encrypted SQLite file opened with a raw 256-bit key.

Every DBAPI connection is made by the engine's ``creator`` (:func:`_connector`), which keys it
first, then applies and reads back the pragmas Suluhu depends on. SQLAlchemy then owns the
transactions: the driver's own implicit BEGIN is switched off (``isolation_level=None``) and the
engine's ``begin`` event emits ``BEGIN`` itself, so every ``conn.begin()`` is a real SQLite
transaction (DDL and SELECTs included) and ``commit()`` is durable under ``synchronous=FULL``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

KEY_BYTES = 32
BUSY_TIMEOUT_MS = 5000
MIN_CACHE_KIB = 8192
MAX_CACHE_KIB = 256 * 1024
SQLITE_NOTADB = 26


class StorageError(Exception):
    """The database could not be used; the message is safe to show (no case data)."""


class WrongKey(StorageError):
    def __init__(self) -> None:
        super().__init__("The database could not be opened with this key.")


class DatabaseMissing(StorageError):
    """The database file does not exist (and ``create`` was not asked for)."""


class EngineSetupFailed(StorageError):
    """A pragma did not take, or the driver is not SQLCipher: refuse to run unprotected."""


def cache_size_kib(db_path: Path) -> int:
    """Page cache for a connection, in KiB: 1.5 times the file size (SQLCipher keeps more than
    a page per cached page), within [8 MiB, 256 MiB]."""
    try:
        size_kib = db_path.stat().st_size // 1024
    except FileNotFoundError:
        size_kib = 0
    return min(MAX_CACHE_KIB, max(MIN_CACHE_KIB, int(size_kib * 1.5)))


def _check_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("The database key must be 32 bytes.")
    return key.hex()


def _is_not_a_database(error: BaseException) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return code == SQLITE_NOTADB or "file is not a database" in str(error)


_quieted = False


def quiet_cipher_log() -> None:
    """Stop SQLCipher writing "ERROR CORE" lines to stderr (process-wide): a wrong key or a
    damaged page is reported through our own one-line messages instead."""
    global _quieted
    if _quieted:
        return
    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
    finally:
        connection.close()
    _quieted = True


def raw_connect(db_path: Path, key: bytes) -> Any:
    """A keyed DBAPI connection in driver autocommit mode (no implicit BEGIN).

    Only the key is applied; the engine's connections also get the pragmas (:func:`_connector`).
    """
    hex_key = _check_key(key)
    quiet_cipher_log()
    dbapi_conn = sqlcipher.connect(
        str(db_path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        dbapi_conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
    except BaseException:
        dbapi_conn.close()
        raise
    return dbapi_conn


def _pragma(dbapi_conn: Any, name: str) -> Any:
    row = dbapi_conn.execute(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def _apply_pragmas(dbapi_conn: Any, cache_kib: int) -> None:
    if not _pragma(dbapi_conn, "cipher_version"):
        raise EngineSetupFailed("The database driver is not SQLCipher; refusing to continue.")
    try:
        dbapi_conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        if _is_not_a_database(error):
            raise WrongKey() from None
        raise
    wanted: list[tuple[str, str, object]] = [
        ("foreign_keys", "ON", 1),
        ("journal_mode", "WAL", "wal"),
        ("synchronous", "FULL", 2),
        ("temp_store", "MEMORY", 2),
        ("secure_delete", "ON", 1),
        ("busy_timeout", str(BUSY_TIMEOUT_MS), BUSY_TIMEOUT_MS),
        ("cache_size", str(-cache_kib), -cache_kib),
    ]
    for name, value, expected in wanted:
        dbapi_conn.execute(f"PRAGMA {name} = {value}").fetchall()
        actual = _pragma(dbapi_conn, name)
        if isinstance(actual, str):
            actual = actual.lower()
        if actual != expected:
            raise EngineSetupFailed(f"PRAGMA {name} did not take (wanted {expected}).")


def _connector(db_path: Path, key: bytes) -> Callable[[], Any]:
    _check_key(key)

    def connect() -> Any:
        dbapi_conn = raw_connect(db_path, key)
        try:
            _apply_pragmas(dbapi_conn, cache_size_kib(db_path))
        except BaseException:
            dbapi_conn.close()
            raise
        return dbapi_conn

    return connect


def _create_private_file(db_path: Path) -> None:
    """An empty, owner-only file: SQLite treats it as a new database and copies its mode to the
    -wal and -shm files it creates beside it."""
    if not db_path.parent.is_dir():
        raise DatabaseMissing("The folder for the database does not exist.")
    try:
        fd = os.open(db_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def open_engine(db_path: Path, key: bytes, *, create: bool = False) -> Engine:
    """An engine on the SQLCipher file ``db_path`` keyed with the raw 32-byte ``key``.

    Raises :class:`DatabaseMissing` when the file is absent and ``create`` is false,
    :class:`WrongKey` when the key does not open it (or it is not a database) and
    :class:`EngineSetupFailed` when a required pragma does not take. A first connection is made
    here so these surface at open time, not at the first query.
    """
    _check_key(key)
    db_path = Path(db_path)
    if not db_path.exists():
        if not create:
            raise DatabaseMissing("The database file does not exist.")
        _create_private_file(db_path)
    engine = create_engine(
        URL.create("sqlite+pysqlite", database=str(db_path)),
        module=sqlcipher,
        creator=_connector(db_path, key),
        # One GUI thread and one database worker, plus the odd background reader: pooled
        # connections keep their page cache warm; each stays usable from any thread.
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,
    )
    event.listen(engine, "begin", _emit_begin)
    try:
        with engine.connect():
            pass
    except BaseException:
        engine.dispose()
        raise
    return engine


def _emit_begin(conn: Connection) -> None:
    # The driver runs with isolation_level=None (no implicit BEGIN); emit our own so that
    # SELECTs, DDL and savepoints are all inside the transaction SQLAlchemy thinks it has.
    conn.exec_driver_sql("BEGIN")


def db_path_of(engine: Engine) -> Path:
    database = engine.url.database
    if not database:
        raise ValueError("The engine is not on a database file.")
    return Path(database)


def cipher_check(engine_or_path: Engine | Path, key: bytes) -> list[str]:
    """Problems found in the file: SQLCipher's page HMACs, then SQLite's structure check.

    An empty list means the file is sound. Reads no table data through SQL, so a damaged or
    wrongly keyed file is reported rather than raised. Pages still in the WAL are checked only by
    ``integrity_check`` (SQLCipher checks the main file).
    """
    path = db_path_of(engine_or_path) if isinstance(engine_or_path, Engine) else engine_or_path
    if not Path(path).exists():
        return ["The database file does not exist."]
    problems: list[str] = []
    dbapi_conn = raw_connect(Path(path), key)
    try:
        for query in ("PRAGMA cipher_integrity_check", "PRAGMA integrity_check"):
            try:
                rows = dbapi_conn.execute(query).fetchall()
            except sqlcipher.DatabaseError as error:
                problems.append(f"{query[7:]}: {error}")
                continue
            problems.extend(str(row[0]) for row in rows if str(row[0]) != "ok")
    finally:
        dbapi_conn.close()
    return problems
