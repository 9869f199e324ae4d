"""Backups of a programme hub (storage/hub/backup.py) on real SQLCipher hubs: a verified copy
with its key file beside it, rotation in the hub's backups folder, and a restore that brings
back the registry and the pinned key fingerprints; a damaged backup and a wrong passphrase
change nothing; a hub on PostgreSQL is refused with what to do instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.domain.model.export_tables import Period
from desktop.domain.services.hub_import import ImportOptions
from storage import backup as backups
from storage.engine import open_engine
from storage.hub import backend
from storage.hub.backup import (
    KEPT,
    backup_hub,
    backup_with_passphrase,
    restore_hub,
)
from storage.hub.store import HubError, HubFolder, HubStore
from storage.hub.workspace import open_hub
from storage.keys import KeyFile
from tests.hub_backends import HubMaker
from tests.hub_support import HUB_PASSPHRASE, as_committee, demo_export_files
from tests.support import CHEAP_KDF

TOFU = ImportOptions(accept_new_keys=True)
OTHER = "C-00000000AA"
NEW_PASSPHRASE = "amber-lantern-river-stone"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    folder = tmp_path_factory.mktemp("committee")
    first, second = demo_export_files(folder, [Period.month(2026, 9), Period.month(2026, 10)])
    return [
        first,
        second,
        as_committee(second, Ed25519PrivateKey.generate(), committee=OTHER, export_id=str(uuid4())),
    ]


def _registry(store: HubStore) -> list[tuple[str, str, str, str, bool]]:
    return [
        (c.pseudonym, c.fingerprint, c.display_name, c.region, c.active) for c in store.committees()
    ]


def _sqlite_hub(tmp_path: Path, exports: list[bytes]) -> HubFolder:
    """A SQLite hub holding one committee (named, in a region) and its September export."""
    folder = HubFolder(tmp_path / "hub", kdf=CHEAP_KDF)
    folder.create(HUB_PASSPHRASE)
    with folder.open(HUB_PASSPHRASE) as store:
        store.import_bytes(exports[0], TOFU)
        [committee] = store.committees()
        store.update_committee(committee.pseudonym, "Kibera East", "Nairobi", True)
    return folder


def test_a_backup_is_verified_with_the_key_file_beside_it(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    assert path.parent == folder.folder / "backups"
    assert path.name.startswith("suluhu-hub-") and path.suffix == ".db"
    assert (path.stat().st_mode & 0o777) == 0o600
    beside = backups.keys_beside(path)
    assert beside.read_bytes() == (folder.folder / "keys.json").read_bytes()
    key = backend.sqlite_key(beside, HUB_PASSPHRASE)
    backups.verify_backup(path, key)  # raises when it is not a sound copy
    assert b"SQLite format 3" not in path.read_bytes()[:64]  # encrypted
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_the_hub_s_backups_folder_keeps_the_newest_ten(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    key = backend.sqlite_key(folder.folder / "keys.json", HUB_PASSPHRASE)
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    made = [backup_hub(folder.folder, key, now=start + timedelta(minutes=n)) for n in range(12)]
    left = sorted(p.name for p in (folder.folder / "backups").glob("suluhu-hub-*.db"))
    assert left == sorted(p.name for p in made[-KEPT:])
    assert not backups.keys_beside(made[0]).exists()
    assert backups.keys_beside(made[-1]).exists()


def test_a_backup_elsewhere_is_not_rotated_nor_written_into_the_hub(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    stick = tmp_path / "usb"
    stick.mkdir()
    named = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, stick / "hub-copy.db")
    assert named == stick / "hub-copy.db" and backups.keys_beside(named).is_file()
    with pytest.raises(HubError, match="inside the hub's folder"):
        backup_with_passphrase(folder.folder, HUB_PASSPHRASE, folder.folder / "hub-copy.db")
    with pytest.raises(HubError, match="wrong"):
        backup_with_passphrase(folder.folder, "not-the-passphrase", stick)


def test_a_restore_brings_back_the_registry_and_pinned_keys(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    with folder.open(HUB_PASSPHRASE) as store:
        before, digest = _registry(store), store.digest()
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    with folder.open(HUB_PASSPHRASE) as store:  # after the backup: more, and a renamed one
        store.import_bytes(exports[1], TOFU)
        store.import_bytes(exports[2], TOFU)
        store.update_committee(before[0][0], "Renamed", "Coast", False)
        assert len(store.committees()) == 2
    restored = restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert (restored.committees, restored.exports, restored.keys_restored) == (1, 1, False)
    assert restored.kept is not None and restored.kept.is_file()
    with folder.open(HUB_PASSPHRASE) as store:
        assert _registry(store) == before
        assert store.digest() == digest
    with HubStore(open_engine(restored.kept, _key(folder))) as old:  # the one replaced
        assert len(old.committees()) == 2


def test_a_hub_folder_lost_is_made_again_from_the_backup_and_its_key_file(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    with folder.open(HUB_PASSPHRASE) as store:
        before = _registry(store)
    stick = tmp_path / "usb"
    stick.mkdir()
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, stick)
    new_laptop = tmp_path / "new-laptop" / "hub"
    restored = restore_hub(new_laptop, path, HUB_PASSPHRASE)
    assert (restored.committees, restored.exports, restored.keys_restored) == (1, 1, True)
    assert restored.kept is None
    with HubFolder(new_laptop).open(HUB_PASSPHRASE) as store:
        assert _registry(store) == before
    session = open_hub(new_laptop, HUB_PASSPHRASE)
    try:
        assert session.backs_up and session.backup().is_file()
    finally:
        session.close()


def test_the_passphrase_of_the_backup_s_day_restores_the_database_and_keeps_today_s_key_file(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    keyfile = KeyFile.load(folder.folder / "keys.json")
    keys = keyfile.unlock(backend.SLOT, HUB_PASSPHRASE, None)
    keyfile.set_passphrase(keys, backend.SLOT, NEW_PASSPHRASE, None)  # changed since
    today = (folder.folder / "keys.json").read_bytes()
    with folder.open(NEW_PASSPHRASE) as store:
        store.import_bytes(exports[1], TOFU)  # the hub moved on
    restored = restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert restored.exports == 1 and restored.todays_passphrase and not restored.keys_restored
    assert (folder.folder / "keys.json").read_bytes() == today  # a passphrase change stands
    assert not list(folder.folder.glob("keys.json.*"))
    with pytest.raises(HubError, match="wrong"):
        folder.open(HUB_PASSPHRASE)
    with folder.open(NEW_PASSPHRASE) as store:
        assert len(store.exports()) == 1  # the backup's


def test_a_hub_that_lost_its_database_gets_the_backup_s_key_file_back(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    key = _key(folder)
    keyfile = KeyFile.load(folder.folder / "keys.json")
    keys = keyfile.unlock(backend.SLOT, HUB_PASSPHRASE, None)
    keyfile.set_passphrase(keys, backend.SLOT, NEW_PASSPHRASE, None)
    today = (folder.folder / "keys.json").read_bytes()
    (folder.folder / "hub.db").unlink()  # lost (and today's passphrase forgotten)
    restored = restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert restored.keys_restored and not restored.todays_passphrase and restored.kept is None
    kept = list(folder.folder.glob("keys.json.before-restore-*"))
    assert [p.read_bytes() for p in kept] == [today]
    assert not (folder.folder / "keys.json.restoring").exists()
    assert backend.sqlite_key(folder.folder / "keys.json", HUB_PASSPHRASE) == key
    folder.open(HUB_PASSPHRASE).close()


def test_a_restore_never_writes_into_a_folder_that_is_not_a_hub_s(
    tmp_path: Path, exports: list[bytes]
) -> None:
    from tests.support import create_workspace

    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    casebook, _ = create_workspace(tmp_path / "casebook")
    before = _files(casebook.folder)
    mode = casebook.folder.stat().st_mode
    with pytest.raises(HubError, match="is not a hub's folder") as raised:
        restore_hub(casebook.folder, path, HUB_PASSPHRASE)
    assert "Nothing was changed" in str(raised.value)
    assert _files(casebook.folder) == before and casebook.folder.stat().st_mode == mode
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "minutes.txt").write_text("synthetic")
    with pytest.raises(HubError, match="is not a hub's folder"):
        restore_hub(papers, path, HUB_PASSPHRASE)
    assert sorted(p.name for p in papers.iterdir()) == ["minutes.txt"]


def test_another_hub_s_backup_is_refused_even_with_the_same_passphrase(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    other = HubFolder(tmp_path / "other", kdf=CHEAP_KDF)
    other.create(HUB_PASSPHRASE)  # the same passphrase, another hub (another key)
    path = backup_with_passphrase(other.folder, HUB_PASSPHRASE, tmp_path)
    files = _files(folder.folder)
    with pytest.raises(HubError, match="another hub's backup"):
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert _files(folder.folder) == files
    keyfile = KeyFile.load(folder.folder / "keys.json")  # today's passphrase changed since:
    keys = keyfile.unlock(backend.SLOT, HUB_PASSPHRASE, None)  # only the other's key file
    keyfile.set_passphrase(keys, backend.SLOT, NEW_PASSPHRASE, None)  # opens with it
    files = _files(folder.folder)
    with pytest.raises(HubError, match="does not open the database in"):
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert _files(folder.folder) == files


def test_a_backup_made_by_a_newer_suluhu_is_refused_and_nothing_changes(
    tmp_path: Path, exports: list[bytes]
) -> None:
    from storage.hub import schema

    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    connection = backups.connect(path, _key(folder))
    try:
        connection.execute(f"UPDATE {schema.VERSION_TABLE} SET version_num = 'hub9999'")
    finally:
        connection.close()
    files = _files(folder.folder)
    with pytest.raises(HubError, match="made by a newer version of Suluhu"):
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert _files(folder.folder) == files


def test_a_backup_never_replaces_a_file_and_a_name_must_end_in_db(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    precious = tmp_path / "precious.db"
    precious.write_bytes(b"an earlier backup")
    with pytest.raises(HubError, match="already there"):
        backup_with_passphrase(folder.folder, HUB_PASSPHRASE, precious)
    assert precious.read_bytes() == b"an earlier backup"
    with pytest.raises(HubError, match="neither a folder nor"):  # a USB stick not mounted
        backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path / "usb")
    assert not (tmp_path / "usb").exists()


def test_a_wrong_clock_never_rotates_away_the_backup_just_written(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    later = datetime(2030, 1, 1, tzinfo=UTC)
    for hours in range(KEPT):  # made while the clock said 2030
        backup_hub(folder.folder, _key(folder), now=later + timedelta(hours=hours))
    path = backup_hub(folder.folder, _key(folder), now=datetime(2026, 12, 2, tzinfo=UTC))
    assert path.is_file() and backups.keys_beside(path).is_file()
    assert len(list((folder.folder / "backups").glob("suluhu-hub-*.db"))) == KEPT


def test_a_damaged_backup_is_refused_and_nothing_changes(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    data = bytearray(path.read_bytes())
    data[len(data) - 100] ^= 0xFF  # a page's content: its MAC fails
    path.write_bytes(bytes(data))
    files = _files(folder.folder)
    with pytest.raises(HubError, match="damaged") as raised:
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert "Nothing was changed" in str(raised.value)
    assert _files(folder.folder) == files
    header = bytearray(path.read_bytes())
    header[20] ^= 0xFF  # the first page: the key no longer opens it
    path.write_bytes(bytes(header))
    with pytest.raises(HubError, match="damaged, or it is another hub's backup"):
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert _files(folder.folder) == files


def test_a_wrong_passphrase_is_refused_and_nothing_changes(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    files = _files(folder.folder)
    with pytest.raises(HubError, match="opens neither") as raised:
        restore_hub(folder.folder, path, "not-the-passphrase")
    assert "Nothing was changed" in str(raised.value)
    assert _files(folder.folder) == files
    with pytest.raises(HubError, match="There is no backup"):
        restore_hub(folder.folder, tmp_path / "missing.db", HUB_PASSPHRASE)
    assert _files(folder.folder) == files


def test_another_hub_s_backup_is_refused(tmp_path: Path, exports: list[bytes]) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    other = HubFolder(tmp_path / "other", kdf=CHEAP_KDF)
    other.create(HUB_PASSPHRASE)
    path = backup_with_passphrase(other.folder, HUB_PASSPHRASE, tmp_path)
    backups.keys_beside(path).unlink()  # only this hub's key file is left to try
    files = _files(folder.folder)
    with pytest.raises(HubError, match="another hub's backup"):
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert _files(folder.folder) == files


def test_either_backend_backs_up_or_says_who_does(make_hub: HubMaker, tmp_path: Path) -> None:
    folder = make_hub.folder()
    session = open_hub(folder.folder, make_hub.secret)
    try:
        if make_hub.backend == "postgresql":
            assert not session.backs_up
            with pytest.raises(HubError, match=r"administrator does \(pg_dump\)"):
                session.backup()
            with pytest.raises(HubError, match="pg_dump"):
                restore_hub(folder.folder, tmp_path / "x.db", make_hub.secret)
            assert not (folder.folder / "backups").exists()
        else:
            assert session.backs_up
            path = session.backup()
            assert path.is_file() and backups.keys_beside(path).is_file()
    finally:
        session.close()


def _key(folder: HubFolder) -> bytes:
    return backend.sqlite_key(folder.folder / "keys.json", HUB_PASSPHRASE)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


OPEN_ELSEWHERE = """
import sys
from pathlib import Path
from storage.hub.store import HubFolder
store = HubFolder(Path(sys.argv[1])).open(sys.stdin.readline().strip())
print("open", flush=True)
sys.stdin.readline()  # until the test says: close it
store.close()
"""


def test_a_restore_waits_for_no_other_window_or_command_to_have_the_hub_open(
    tmp_path: Path, exports: list[bytes]
) -> None:
    import subprocess
    import sys

    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE)
    with folder.open(HUB_PASSPHRASE) as store:
        store.import_bytes(exports[1], TOFU)  # the hub moved on since the backup
    other = subprocess.Popen(
        [sys.executable, "-c", OPEN_ELSEWHERE, str(folder.folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert other.stdin is not None and other.stdout is not None
    try:
        other.stdin.write(HUB_PASSPHRASE + "\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "open"  # the other process holds the hub
        with pytest.raises(HubError, match="open in another Suluhu window or command"):
            restore_hub(folder.folder, path, HUB_PASSPHRASE)
        assert not list(folder.folder.glob("*before-restore*"))  # nothing replaced
        with pytest.raises(HubError, match="open in another Suluhu window or command"):
            folder.open(HUB_PASSPHRASE)  # nor is it opened twice
        other.stdin.write("close\n")
        other.stdin.flush()
        assert other.wait(timeout=60) == 0
    finally:
        if other.poll() is None:
            other.kill()
            other.wait()
    with folder.open(HUB_PASSPHRASE) as store:
        assert len(store.exports()) == 2  # the refused restore changed nothing
    restored = restore_hub(folder.folder, path, HUB_PASSPHRASE)  # closed there: it goes on
    assert (restored.committees, restored.exports) == (1, 1)


def _back_to_hub0003(folder: HubFolder) -> None:
    """The hub as an older Suluhu left it (its schema one migration behind)."""
    from alembic import command

    from storage.hub import schema

    engine = open_engine(folder.folder / backend.DATABASE, _key(folder))
    try:
        with engine.begin() as conn:
            command.downgrade(schema.alembic_config(conn), "hub0003")
        assert schema.current_revision(engine) == "hub0003"
    finally:
        engine.dispose()


def _revision(path: Path, key: bytes) -> str | None:
    from storage.hub import schema

    engine = open_engine(path, key)
    try:
        return schema.current_revision(engine)
    finally:
        engine.dispose()


def test_a_hub_left_by_an_older_suluhu_is_backed_up_before_its_schema_is_upgraded(
    tmp_path: Path, exports: list[bytes]
) -> None:
    from storage.hub import schema

    folder = _sqlite_hub(tmp_path, exports)
    _back_to_hub0003(folder)
    assert not (folder.folder / "backups").exists()
    with folder.open(HUB_PASSPHRASE) as store:  # upgraded on opening
        assert schema.current_revision(store.engine) == schema.head_revision()
        assert len(store.exports()) == 1
    made = list((folder.folder / "backups").glob("suluhu-hub-*.db"))
    assert len(made) == 1 and backups.keys_beside(made[0]).is_file()
    assert _revision(made[0], _key(folder)) == "hub0003"  # the hub as it was, verified
    with folder.open(HUB_PASSPHRASE):  # up to date: no second backup
        pass
    assert len(list((folder.folder / "backups").glob("suluhu-hub-*.db"))) == 1


def test_a_hub_whose_backup_before_the_upgrade_fails_is_left_as_it_was(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    _back_to_hub0003(folder)
    (folder.folder / "backups").write_text("not a folder")  # no backup can be written there
    with pytest.raises(HubError, match="makes a backup first") as raised:
        folder.open(HUB_PASSPHRASE)
    assert "Nothing was changed" in str(raised.value)
    assert _revision(folder.folder / backend.DATABASE, _key(folder)) == "hub0003"
    (folder.folder / "backups").unlink()
    with folder.open(HUB_PASSPHRASE) as store:  # the disk is fixed: it opens, upgraded
        assert len(store.exports()) == 1


def test_a_restore_that_a_crash_stopped_between_its_steps_is_finished_by_running_it_again(
    tmp_path: Path, exports: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from storage.hub import backup as hub_backup

    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    key = _key(folder)

    def power_cut(folder_: Path, staged: Path) -> None:
        raise OSError(28, "No space left on device")

    for target in (tmp_path / "new-laptop", folder.folder):
        if target == folder.folder:  # the same hub, its database lost, passphrase changed
            keyfile = KeyFile.load(folder.folder / "keys.json")
            keys = keyfile.unlock(backend.SLOT, HUB_PASSPHRASE, None)
            keyfile.set_passphrase(keys, backend.SLOT, NEW_PASSPHRASE, None)
            (folder.folder / "hub.db").unlink()
        with monkeypatch.context() as patch:
            patch.setattr(hub_backup, "_put_keys_back", power_cut)
            with pytest.raises(HubError, match="database was put back, but its key file"):
                restore_hub(target, path, HUB_PASSPHRASE)
        restored = restore_hub(target, path, HUB_PASSPHRASE)  # again: it finishes the job
        assert restored.keys_restored and not restored.todays_passphrase
        assert not (target / "keys.json.restoring").exists()
        assert backend.sqlite_key(target / "keys.json", HUB_PASSPHRASE) == key
        with HubFolder(target).open(HUB_PASSPHRASE) as store:
            assert len(store.exports()) == 1


def test_a_failed_restore_into_a_new_folder_can_be_tried_again(
    tmp_path: Path, exports: list[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    new = tmp_path / "new-laptop"

    def full_disk(*args: object, **kwargs: object) -> Path | None:
        raise backups.BackupFailed("The database could not be replaced: No space left on device.")

    with monkeypatch.context() as patch:
        patch.setattr(backups, "restore", full_disk)
        with pytest.raises(HubError, match="Nothing was replaced"):
            restore_hub(new, path, HUB_PASSPHRASE)
    assert not (new / "hub.db").exists() and not (new / "keys.json.restoring").exists()
    restored = restore_hub(new, path, HUB_PASSPHRASE)
    assert (restored.committees, restored.exports, restored.keys_restored) == (1, 1, True)


def test_a_restore_takes_a_folder_holding_only_the_backup_or_a_hub_that_lost_its_marker(
    tmp_path: Path, exports: list[bytes]
) -> None:
    import shutil

    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    copied = stick / path.name
    shutil.copy(path, copied)
    shutil.copy(backups.keys_beside(path), backups.keys_beside(copied))
    (stick / ".DS_Store").write_bytes(b"")
    assert restore_hub(stick, copied, HUB_PASSPHRASE).exports == 1
    (folder.folder / "hub.json").unlink()  # a hub that lost only its marker
    assert restore_hub(folder.folder, path, HUB_PASSPHRASE).exports == 1
    assert (folder.folder / "hub.json").is_file()


def test_the_passphrase_of_the_backup_s_day_over_a_damaged_database_says_what_to_do(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    keyfile = KeyFile.load(folder.folder / "keys.json")
    keys = keyfile.unlock(backend.SLOT, HUB_PASSPHRASE, None)
    keyfile.set_passphrase(keys, backend.SLOT, NEW_PASSPHRASE, None)
    damaged = bytearray((folder.folder / "hub.db").read_bytes())
    damaged[20] ^= 0xFF  # the first page: no key opens it
    (folder.folder / "hub.db").write_bytes(bytes(damaged))
    with pytest.raises(HubError, match="another hub's, or it is damaged") as raised:
        restore_hub(folder.folder, path, HUB_PASSPHRASE)
    assert "move hub.db out of the folder" in str(raised.value)
    assert (folder.folder / "hub.db").read_bytes() == bytes(damaged)
    restored = restore_hub(folder.folder, path, NEW_PASSPHRASE)  # today's: it is put back
    assert restored.exports == 1 and restored.kept is not None


def test_a_missing_key_file_beside_the_backup_is_named(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    path = backup_with_passphrase(folder.folder, HUB_PASSPHRASE, tmp_path)
    backups.keys_beside(path).unlink()
    with pytest.raises(HubError, match="is not beside it"):
        restore_hub(tmp_path / "new-laptop", path, HUB_PASSPHRASE)
    assert not (tmp_path / "new-laptop").exists()


def test_a_backup_named_into_the_hub_s_backups_folder_makes_that_folder(
    tmp_path: Path, exports: list[bytes]
) -> None:
    folder = _sqlite_hub(tmp_path, exports)
    named = folder.folder / "backups" / "before-the-audit.DB"
    assert backup_with_passphrase(folder.folder, HUB_PASSPHRASE, named) == named
    assert named.is_file()
