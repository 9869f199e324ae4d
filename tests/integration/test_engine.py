"""The SQLCipher engine on real encrypted files."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, exc, insert, text

import storage.engine as engine_module
from storage import schema
from storage import tables as t
from storage.engine import (
    DatabaseMissing,
    EngineSetupFailed,
    WrongKey,
    cache_size_kib,
    cipher_check,
    open_engine,
)

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE = 4096


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.db"


@pytest.fixture
def engine(db_path: Path, key: bytes) -> Iterator[Engine]:
    engine = open_engine(db_path, key, create=True)
    yield engine
    engine.dispose()


def pragmas(conn: Any) -> dict[str, Any]:
    names = ["foreign_keys", "journal_mode", "synchronous", "temp_store", "secure_delete"]
    names += ["busy_timeout", "cache_size", "cipher_version"]
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}


def fill(engine: Engine, rows: int = 400) -> None:
    """Some pages of data (the drafts table needs no other rows)."""
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(t.drafts),
            [
                {
                    "username": f"user{i}",
                    "kind": "k",
                    "body": os.urandom(300),
                    "updated_at": datetime(2026, 1, 1),
                }
                for i in range(rows)
            ],
        )


def test_every_pragma_is_set_on_every_connection(engine: Engine) -> None:
    first = engine.connect()
    second = engine.connect()  # a second pooled connection gets the same setup
    try:
        for conn in (first, second):
            got = pragmas(conn)
            assert got["foreign_keys"] == 1
            assert got["journal_mode"] == "wal"
            assert got["synchronous"] == 2
            assert got["temp_store"] == 2
            assert got["secure_delete"] == 1
            assert got["busy_timeout"] == 5000
            assert got["cache_size"] == -8192  # a new file: the 8 MiB floor
            assert got["cipher_version"]  # SQLCipher, not plain SQLite
    finally:
        first.close()
        second.close()


def test_cache_is_sized_to_the_file(db_path: Path, key: bytes, tmp_path: Path) -> None:
    engine = open_engine(db_path, key, create=True)
    fill(engine, rows=30_000)  # about 11 MiB
    engine.dispose()
    size_kib = db_path.stat().st_size // 1024
    assert size_kib * 1.5 > 8192
    engine = open_engine(db_path, key)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -int(size_kib * 1.5)
    finally:
        engine.dispose()
    big = tmp_path / "sparse"
    with big.open("wb") as handle:
        handle.truncate(1024**3)
    assert cache_size_kib(big) == 256 * 1024  # capped


def test_a_pragma_that_does_not_take_is_refused(
    db_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = engine_module._pragma

    def journal_stays_delete(conn: Any, name: str) -> Any:
        return "delete" if name == "journal_mode" else real(conn, name)

    monkeypatch.setattr(engine_module, "_pragma", journal_stays_delete)
    with pytest.raises(EngineSetupFailed, match="journal_mode"):
        open_engine(db_path, key, create=True)


def test_wrong_key_is_detected(db_path: Path, key: bytes, engine: Engine) -> None:
    fill(engine, rows=1)
    engine.dispose()
    with pytest.raises(WrongKey, match="could not be opened with this key"):
        open_engine(db_path, os.urandom(32))
    reopened = open_engine(db_path, key)  # the right key still works
    reopened.dispose()


def test_a_file_that_is_not_a_database_reads_as_wrong_key(tmp_path: Path, key: bytes) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(3 * PAGE))
    with pytest.raises(WrongKey):
        open_engine(junk, key)


def test_missing_file_is_not_created_unless_asked(db_path: Path, key: bytes) -> None:
    with pytest.raises(DatabaseMissing):
        open_engine(db_path, key)
    assert not db_path.exists()
    with pytest.raises(DatabaseMissing):
        open_engine(db_path.parent / "no-such-dir" / "x.db", key, create=True)


def test_key_must_be_256_bits(db_path: Path) -> None:
    with pytest.raises(ValueError):
        open_engine(db_path, b"short", create=True)


def test_new_file_is_private(engine: Engine, db_path: Path) -> None:
    fill(engine, rows=1)
    for path in db_path.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_file_is_encrypted(engine: Engine, db_path: Path) -> None:
    fill(engine, rows=5)
    engine.dispose()
    assert db_path.read_bytes()[:16] != SQLITE_HEADER
    plain = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_no_plaintext_reaches_any_file(engine: Engine, db_path: Path) -> None:
    marker = "Nyokabi-Wambui-Plaintext-Marker"
    schema.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(t.actors).values(
                kind="police",
                name=marker,
                contact_person="",
                phone="",
                area="",
                services="",
                hours="",
                active=True,
            )
        )
    with engine.connect() as conn:  # the -wal file is still there while connections are open
        assert conn.scalar(text("SELECT name FROM actors")) == marker
        for path in db_path.parent.iterdir():
            assert marker.encode() not in path.read_bytes(), path.name
    engine.dispose()
    assert marker.encode() not in db_path.read_bytes()


def test_begin_is_real_and_ddl_is_transactional(engine: Engine) -> None:
    with engine.connect() as conn:
        dbapi_conn = conn.connection.driver_connection
        assert dbapi_conn is not None
        conn.begin()
        assert dbapi_conn.in_transaction  # BEGIN was emitted before any statement ran
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        conn.rollback()
        names = conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        assert "scratch" not in names  # the CREATE TABLE was rolled back too
        conn.rollback()


def test_savepoints_roll_back_inside_a_transaction(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO scratch VALUES (1)")
        nested = conn.begin_nested()
        conn.exec_driver_sql("INSERT INTO scratch VALUES (2)")
        nested.rollback()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT x FROM scratch").scalars().all() == [1]


def test_commit_is_durable(db_path: Path, key: bytes, engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO scratch VALUES (7)")
    other = open_engine(db_path, key)  # a separate engine sees it at once
    try:
        with other.connect() as conn:
            assert conn.exec_driver_sql("SELECT x FROM scratch").scalar() == 7
    finally:
        other.dispose()


def test_connections_work_from_a_worker_thread(engine: Engine) -> None:
    with engine.connect() as conn:  # made on this thread, returned to the pool
        conn.exec_driver_sql("SELECT 1").scalar()
    result: list[object] = []

    def work() -> None:
        try:
            with engine.connect() as conn:
                result.append(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
        except Exception as error:  # pragma: no cover - reported below
            result.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert result == [1]


def test_cipher_check_passes_a_sound_file(engine: Engine, db_path: Path, key: bytes) -> None:
    fill(engine)
    assert cipher_check(engine, key) == []
    engine.dispose()
    assert cipher_check(db_path, key) == []


def test_cipher_check_reports_a_flipped_byte(engine: Engine, db_path: Path, key: bytes) -> None:
    fill(engine)
    engine.dispose()  # checkpoints the WAL into the file
    data = bytearray(db_path.read_bytes())
    assert len(data) > 5 * PAGE
    data[4 * PAGE + 1000] ^= 0x01  # inside page 5
    db_path.write_bytes(bytes(data))
    problems = cipher_check(db_path, key)
    assert problems
    assert any("page 5" in problem for problem in problems)


def test_cipher_check_reports_a_damaged_first_page(
    engine: Engine, db_path: Path, key: bytes
) -> None:
    fill(engine, rows=10)
    engine.dispose()
    data = bytearray(db_path.read_bytes())
    data[100] ^= 0xFF
    db_path.write_bytes(bytes(data))
    problems = cipher_check(db_path, key)  # reported, not raised
    assert any("page 1" in problem for problem in problems)


def test_cipher_check_with_the_wrong_key_reports_problems(engine: Engine, db_path: Path) -> None:
    fill(engine, rows=10)
    engine.dispose()
    assert cipher_check(db_path, os.urandom(32))


def test_error_messages_hide_bound_values(engine: Engine) -> None:
    secret = "Achieng-Secret-Name"
    schema.upgrade(engine)
    statement = insert(t.parties).values(
        dispute_id=999,  # no such dispute: the foreign key fails
        role="complainant",
        name=secret,
        sex="female",
        disability=False,
        displacement="none",
        phone="+254700111222",
        village="Soweto",
        consent_reporting=True,
    )
    with pytest.raises(exc.IntegrityError) as caught, engine.begin() as conn:
        conn.execute(statement)
    message = str(caught.value)
    assert "FOREIGN KEY" in message
    assert secret not in message
    assert "+254700111222" not in message
    # The check above can fail: without hide_parameters the same error carries the values.
    plain = create_engine("sqlite://")
    with plain.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE p (name TEXT, n INTEGER NOT NULL)")
    with pytest.raises(exc.IntegrityError) as leaky, plain.begin() as conn:
        conn.execute(text("INSERT INTO p VALUES (:name, NULL)"), {"name": secret})
    assert secret in str(leaky.value)
