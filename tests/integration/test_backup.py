"""Backups, verification, restore and re-key copies on real SQLCipher files."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from storage.backup import (
    BackupDamaged,
    BackupFailed,
    backup_database,
    connect,
    keys_beside,
    rekey_copy,
    restore,
    rotate,
    swap_database,
    verify_backup,
)
from storage.keys import KeyFile
from tests.support import CHEAP_KDF

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def _make_db(path: Path, key: bytes, rows: int = 300) -> None:
    connection = connect(path, key)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.executemany(
        "INSERT INTO notes (body) VALUES (?)", [(f"note {n} " + "x" * 200,) for n in range(rows)]
    )
    connection.close()


def _count(path: Path, key: bytes) -> int:
    connection = connect(path, key)
    try:
        return int(connection.execute("SELECT count(*) FROM notes").fetchone()[0])
    finally:
        connection.close()


def _flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    path.write_bytes(bytes(data))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "workspace" / "suluhu.db"
    path.parent.mkdir()
    _make_db(path, KEY)
    return path


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def test_backup_into_a_folder_is_named_private_and_verified(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups, now=datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC))
    assert made == backups / "suluhu-20260304-050607.db"
    assert _count(made, KEY) == 300
    verify_backup(made, KEY)
    if os.name == "posix":
        assert made.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in backups.iterdir()) == [made.name]  # no temp or journal left
    assert b"note 1" not in made.read_bytes()  # encrypted
    again = backup_database(db, KEY, backups, now=datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC))
    assert again.name == "suluhu-20260304-050607-1.db"


def test_backup_sees_commits_still_in_the_wal(db: Path, backups: Path) -> None:
    writer = connect(db, KEY)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO notes (body) VALUES ('late')")
    assert Path(f"{db}-wal").stat().st_size > 0
    try:
        made = backup_database(db, KEY, backups / "copy.db")
    finally:
        writer.close()
    assert _count(made, KEY) == 301


def test_backup_with_the_key_file_beside_it(tmp_path: Path, db: Path, backups: Path) -> None:
    key_file = tmp_path / "keys.json"
    KeyFile.create(key_file, "admin", "pass", None, CHEAP_KDF)
    made = backup_database(db, KEY, backups, key_file=key_file)
    assert keys_beside(made).read_bytes() == key_file.read_bytes()
    assert keys_beside(made).name == made.name.removesuffix(".db") + ".keys.json"


def test_backup_with_the_wrong_key_fails_and_leaves_nothing(db: Path, backups: Path) -> None:
    with pytest.raises(BackupFailed, match="could not be copied"):
        backup_database(db, OTHER_KEY, backups)
    assert list(backups.iterdir()) == []
    with pytest.raises(BackupFailed, match="cannot replace"):
        backup_database(db, KEY, db)


def test_verify_finds_a_corrupted_copy(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups)
    _flip_middle_byte(made)
    with pytest.raises(BackupDamaged, match="damaged"):
        verify_backup(made, KEY)


def test_verify_refuses_another_key_and_missing_files(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups)
    with pytest.raises(BackupDamaged, match="another workspace"):
        verify_backup(made, OTHER_KEY)
    with pytest.raises(BackupDamaged, match="does not exist"):
        verify_backup(backups / "nothing.db", KEY)
    assert not (backups / "nothing.db").exists()


def test_restore_brings_back_the_backup_and_keeps_the_current_db(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups)
    connection = connect(db, KEY)
    connection.execute("DELETE FROM notes WHERE id > 100")
    connection.close()
    before = restore(made, db, KEY)
    assert _count(db, KEY) == 300
    assert before is not None and before.name.startswith("suluhu.db.before-restore-")
    assert _count(before, KEY) == 100
    verify_backup(db, KEY)
    if os.name == "posix":
        assert db.stat().st_mode & 0o777 == 0o600 and before.stat().st_mode & 0o777 == 0o600


def test_restore_refuses_a_damaged_backup_and_changes_nothing(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups)
    _flip_middle_byte(made)
    listing, digest = sorted(db.parent.iterdir()), _digest(db)
    with pytest.raises(BackupDamaged):
        restore(made, db, KEY)
    assert _digest(db) == digest and sorted(db.parent.iterdir()) == listing


def test_restore_refuses_a_backup_with_another_key(db: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    _make_db(foreign, OTHER_KEY, rows=5)
    digest = _digest(db)
    with pytest.raises(BackupDamaged):
        restore(foreign, db, KEY)
    assert _digest(db) == digest and _count(db, KEY) == 300


def test_restore_over_a_damaged_database(db: Path, backups: Path) -> None:
    made = backup_database(db, KEY, backups)
    _flip_middle_byte(db)
    before = restore(made, db, KEY)
    assert _count(db, KEY) == 300 and before is not None
    with pytest.raises(BackupDamaged):
        verify_backup(before, KEY)  # kept as it was, damage included


def test_rotate_keeps_the_newest(db: Path, backups: Path) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = [backup_database(db, KEY, backups, now=start + timedelta(hours=h)) for h in range(5)]
    keys_beside(made[0]).write_text("{}")
    (backups / "notes.txt").write_text("not a backup")
    removed = rotate(backups, keep=3)
    assert removed == [made[1], made[0]]
    assert sorted(backups.iterdir()) == sorted([*made[2:], backups / "notes.txt"])
    with pytest.raises(ValueError):
        rotate(backups, keep=0)


def test_rotate_never_removes_the_backup_just_written_even_under_a_wrong_clock(
    db: Path, backups: Path
) -> None:
    later = datetime(2030, 1, 1, tzinfo=UTC)
    made = [backup_database(db, KEY, backups, now=later + timedelta(hours=h)) for h in range(3)]
    new = backup_database(db, KEY, backups, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert rotate(backups, keep=3, spare=new) == [made[0]]
    assert sorted(backups.iterdir()) == sorted([*made[1:], new])
    assert rotate(backups, keep=1, spare=new) == [made[2], made[1]]
    assert list(backups.iterdir()) == [new]


def test_rekey_copy_and_swap(tmp_path: Path) -> None:
    keyfile, keys, raw = KeyFile.create(tmp_path / "keys.json", "admin", "pass", None, CHEAP_KDF)
    _make_db(tmp_path / "ws.db", keys.database_key)
    live = tmp_path / "ws.db"
    new_key = os.urandom(32)
    copy = rekey_copy(live, keys.database_key, new_key)
    assert copy == tmp_path / "ws.db.rekey"
    keyfile.rekey_begin(keys, new_key)
    assert _count(copy, new_key) == 300
    with pytest.raises(sqlcipher3.DatabaseError):
        connect(copy, keys.database_key)
    swap_database(copy, live)
    opened = KeyFile.load(keyfile.path).unlock("admin", "pass", None)
    assert _count(live, opened.database_key) == 300  # the opener's first candidate works
    keyfile.rekey_finish()
    assert KeyFile.load(keyfile.path).unlock_recovery(raw).database_key == new_key
    assert not copy.exists()
