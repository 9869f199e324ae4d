"""Key slots on real files: unlock, recovery, device secret, restricted key, re-key, crashes."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import storage.keys
from storage.files import ensure_private_dir, write_private_atomic
from storage.keys import (
    DEFAULT_KDF,
    DeviceSecretMissing,
    KdfParams,
    KeyFile,
    KeyFileChanged,
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    Keys,
    KeysRefused,
    UnknownUser,
    UserExists,
    WrongPassphrase,
    WrongRecoveryKey,
)
from storage.recovery import format_recovery_key, parse_recovery_key
from tests.support import CHEAP_KDF

ADMIN, PASS = "Amina", "kitabu cha siri 1"
DEVICE = b"d" * 32


@pytest.fixture
def made(tmp_path: Path) -> tuple[KeyFile, Keys, bytes]:
    return KeyFile.create(tmp_path / "keys.json", ADMIN, PASS, None, CHEAP_KDF)


def _doc(path: Path) -> dict[str, object]:
    document = json.loads(path.read_text())
    assert isinstance(document, dict)
    return document


def _slots(path: Path) -> dict[str, dict[str, object]]:
    slots = _doc(path)["slots"]
    assert isinstance(slots, dict)
    return slots


def _rewrite_slot_field(path: Path, field: str, flip_at: int, user_only: bool = True) -> None:
    document = _doc(path)
    slots = document["slots"]
    assert isinstance(slots, dict)
    for slot in slots.values():
        if slot["kind"] == "user" or not user_only:
            value = slot[field]
            if isinstance(value, dict):
                (gen,) = value
                value[gen] = _flip_b64(value[gen], flip_at)
            else:
                slot[field] = _flip_b64(value, flip_at)
    path.write_text(json.dumps(document))


def _flip_b64(text: str, at: int) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[at] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# -- creating and opening ----------------------------------------------------------------------


def test_create_then_unlock_returns_the_same_keys(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, raw = made
    assert len(keys.database_key) == 32 and len(keys.restricted_key or b"") == 32
    assert keys.database_key != keys.restricted_key and len(raw) == 20
    again = KeyFile.load(keyfile.path).unlock("amina", PASS, None)  # user names ignore case
    assert again == keys
    assert again.previous_database_key is None and again.candidates() == (keys.database_key,)


def test_the_key_file_is_private_and_names_nobody(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    keyfile.add_user(keys, "Juma Bakari", "another passphrase", None, restricted=False)
    text = keyfile.path.read_text()
    for secret in ("amina", "juma", "bakari", PASS, keys.database_key.hex()):
        assert secret not in text.casefold()
    if os.name == "posix":
        assert keyfile.path.stat().st_mode & 0o777 == 0o600
    assert _doc(keyfile.path)["format"] == "suluhu-keys" and _doc(keyfile.path)["version"] == 1


def test_nothing_secret_in_repr_or_messages(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    assert repr(keys) == "Keys()" and keys.database_key.hex() not in repr(keyfile)
    with pytest.raises(WrongPassphrase) as caught:
        keyfile.unlock(ADMIN, "wrong guess here", None)
    assert "wrong guess here" not in str(caught.value)
    assert str(caught.value) == "The user name or passphrase is wrong."


def test_create_never_overwrites(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, _, _ = made
    before = keyfile.path.read_bytes()
    with pytest.raises(KeyFileExists):
        KeyFile.create(keyfile.path, "other", "pw", None, CHEAP_KDF)
    assert keyfile.path.read_bytes() == before


def test_default_kdf_is_the_production_cost_and_slots_record_params(tmp_path: Path) -> None:
    assert (DEFAULT_KDF.memory_kib, DEFAULT_KDF.iterations, DEFAULT_KDF.lanes) == (65536, 3, 4)
    keyfile, keys, raw = KeyFile.create(tmp_path / "keys.json", ADMIN, PASS, None)
    kinds = {slot["kind"]: slot["kdf"] for slot in _slots(keyfile.path).values()}
    assert kinds["user"] == {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
    assert kinds["recovery"] == {"name": "hkdf-sha256"}
    assert KeyFile.load(keyfile.path).unlock(ADMIN, PASS, None) == keys
    assert keyfile.unlock_recovery(raw) == keys


# -- wrong input and damage --------------------------------------------------------------------


def test_wrong_passphrase_and_unknown_user_look_the_same(
    made: tuple[KeyFile, Keys, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    keyfile, _, _ = made
    calls: list[KdfParams] = []
    real = storage.keys._argon2

    def counting(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
        calls.append(kdf)
        return real(secret, salt, kdf)

    monkeypatch.setattr(storage.keys, "_argon2", counting)
    messages = []
    for user, passphrase in ((ADMIN, "not it"), ("nobody", PASS), (ADMIN, "")):
        with pytest.raises(WrongPassphrase) as caught:
            keyfile.unlock(user, passphrase, None)
        messages.append(str(caught.value))
    assert len(set(messages)) == 1
    assert calls == [CHEAP_KDF] * 3  # the KDF ran for the unknown user too


def test_missing_and_truncated_files(tmp_path: Path, made: tuple[KeyFile, Keys, bytes]) -> None:
    with pytest.raises(KeyFileMissing, match="missing"):
        KeyFile.load(tmp_path / "nowhere.json")
    keyfile, _, _ = made
    data = keyfile.path.read_bytes()
    for broken in (data[: len(data) // 2], b"", b"\x00\xff garbage", b"[]", b'{"format": 1}'):
        keyfile.path.write_bytes(broken)
        with pytest.raises(KeyFileDamaged, match="damaged"):
            KeyFile.load(keyfile.path)


def test_a_newer_format_is_refused_clearly(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, _, _ = made
    document = _doc(keyfile.path)
    document["version"] = 2
    keyfile.path.write_text(json.dumps(document))
    with pytest.raises(KeyFileDamaged, match="newer version"):
        KeyFile.load(keyfile.path)


def test_flipped_byte_in_wrapped_private_key(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, _, _ = made
    _rewrite_slot_field(keyfile.path, "private_key", flip_at=20)
    with pytest.raises(WrongPassphrase):
        KeyFile.load(keyfile.path).unlock(ADMIN, PASS, None)


def test_flipped_byte_in_wrapped_database_key(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, _, raw = made
    _rewrite_slot_field(keyfile.path, "database", flip_at=50)
    damaged = KeyFile.load(keyfile.path)
    with pytest.raises(KeyFileDamaged, match="does not decrypt"):
        damaged.unlock(ADMIN, PASS, None)
    assert damaged.unlock_recovery(raw).database_key  # the recovery slot is intact


def test_a_swapped_public_key_is_noticed(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    keyfile.add_user(keys, "Juma", "pass juma", None, restricted=False)
    _rewrite_slot_field(keyfile.path, "public_key", flip_at=3)
    tampered = KeyFile.load(keyfile.path)
    with pytest.raises(KeyFileDamaged):  # no restricted key sealed to an unbound public key
        tampered.set_restricted(keys, "Juma", True)
    with pytest.raises(KeyFileDamaged):
        tampered.unlock("Juma", "pass juma", None)


# -- crashes -----------------------------------------------------------------------------------


def test_write_private_atomic_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    write_private_atomic(target, b"old")

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_private_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]  # no temp file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_private_files_and_folders(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        folder = tmp_path / "a" / "workspace"
        ensure_private_dir(folder)
        assert folder.stat().st_mode & 0o777 == 0o700
        os.chmod(folder, 0o755)  # noqa: S103 - a folder left open by an older version
        ensure_private_dir(folder)
        assert folder.stat().st_mode & 0o777 == 0o700
        write_private_atomic(folder / "f", b"data")
        assert (folder / "f").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)


def test_failed_save_keeps_the_old_passphrase(
    made: tuple[KeyFile, Keys, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    keyfile, keys, _ = made

    def crash(path: Path, data: bytes) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(storage.keys, "write_private_atomic", crash)
    with pytest.raises(OSError):
        keyfile.set_passphrase(keys, ADMIN, "the new one", None)
    assert keyfile.unlock(ADMIN, PASS, None) == keys  # memory unchanged
    assert KeyFile.load(keyfile.path).unlock(ADMIN, PASS, None) == keys  # disk unchanged


CHILD = """
import sys
from pathlib import Path
from storage.keys import KeyFile
from tests.support import CHEAP_KDF
keyfile = KeyFile.load(Path(sys.argv[1]))
keys = keyfile.unlock("Amina", "pass-0", None)
i = 0
while True:
    i += 1
    keyfile.set_passphrase(keys, "Amina", f"pass-{i}", None)
    print(i, flush=True)
"""


@pytest.mark.parametrize("saves_before_kill", [1, 7, 20])
def test_killed_mid_change_leaves_old_or_new_passphrase(
    tmp_path: Path, saves_before_kill: int
) -> None:
    path = tmp_path / "keys.json"
    _, keys, _ = KeyFile.create(path, ADMIN, "pass-0", None, CHEAP_KDF)
    root = Path(__file__).resolve().parents[2]
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], cwd=root, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if int(line) >= saves_before_kill:
                break
        child.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        child.wait()
        printed = child.stdout.read().split()
    last = max([saves_before_kill, *(int(line) for line in printed)])
    keyfile = KeyFile.load(path)
    opened = []
    for n in (last, last + 1):  # the save that was cut short went all the way, or not at all
        with contextlib.suppress(WrongPassphrase):
            opened.append(keyfile.unlock(ADMIN, f"pass-{n}", None))
    assert opened == [keys]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "keys.json"]
    assert all(name.startswith(".keys.json.") and name.endswith(".tmp") for name in leftovers)


# -- recovery, device secret, users ------------------------------------------------------------


def test_recovery_after_a_forgotten_passphrase(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, raw = made
    typed = format_recovery_key(raw).lower().replace("-", " ")
    recovered = KeyFile.load(keyfile.path).unlock_recovery(parse_recovery_key(typed))
    assert recovered == keys and recovered.restricted_key is not None
    keyfile.set_passphrase(recovered, ADMIN, "a fresh passphrase", None)
    assert KeyFile.load(keyfile.path).unlock(ADMIN, "a fresh passphrase", None) == keys
    with pytest.raises(WrongPassphrase):
        keyfile.unlock(ADMIN, PASS, None)
    with pytest.raises(WrongRecoveryKey):
        keyfile.unlock_recovery(bytes(20))


def test_new_recovery_key_retires_the_old_sheet(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, raw = made
    new = keyfile.new_recovery(keys)
    assert new != raw and KeyFile.load(keyfile.path).unlock_recovery(new) == keys
    with pytest.raises(WrongRecoveryKey, match="older recovery sheet"):
        keyfile.unlock_recovery(raw)


def test_device_secret_is_required_when_the_slot_used_it(tmp_path: Path) -> None:
    keyfile, keys, raw = KeyFile.create(tmp_path / "keys.json", ADMIN, PASS, DEVICE, CHEAP_KDF)
    assert keyfile.users_need_device_secret()
    assert keyfile.unlock(ADMIN, PASS, DEVICE) == keys
    with pytest.raises(DeviceSecretMissing, match="recovery key"):
        keyfile.unlock(ADMIN, PASS, None)
    with pytest.raises(DeviceSecretMissing):  # same answer for a name that does not exist
        keyfile.unlock("nobody", PASS, None)
    with pytest.raises(WrongPassphrase):
        keyfile.unlock(ADMIN, PASS, b"e" * 32)
    recovered = keyfile.unlock_recovery(raw)  # the recovery slot never uses it
    assert recovered == keys
    keyfile.set_passphrase(recovered, ADMIN, PASS, None)  # re-enrolled without a keyring
    assert not keyfile.users_need_device_secret()
    assert keyfile.unlock(ADMIN, PASS, None) == keys


def test_restricted_key_only_for_granted_users(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    keyfile.add_user(keys, "Juma", "pass juma", None, restricted=False)
    keyfile.add_user(keys, "Neema", "pass neema", DEVICE, restricted=True)
    juma = keyfile.unlock("juma", "pass juma", None)
    assert juma.database_key == keys.database_key and juma.restricted_key is None
    assert keyfile.unlock("NEEMA", "pass neema", DEVICE).restricted_key == keys.restricted_key
    with pytest.raises(KeysRefused, match="restricted"):
        keyfile.set_restricted(juma, "Neema", True)
    with pytest.raises(KeysRefused):
        keyfile.add_user(juma, "Baraka", "pass baraka", None, restricted=True)
    keyfile.set_restricted(keys, "Juma", True)  # granted without knowing Juma's passphrase
    assert KeyFile.load(keyfile.path).unlock("Juma", "pass juma", None).restricted_key
    keyfile.set_restricted(keys, "Juma", False)
    assert keyfile.unlock("Juma", "pass juma", None).restricted_key is None
    assert keyfile.has_restricted("Neema") and not keyfile.has_restricted("Juma")


def test_users_are_added_reset_and_removed(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    keyfile.add_user(keys, "Juma", "pass juma", None, restricted=False)
    assert keyfile.has_user("JUMA") and keyfile.user_count() == 2
    with pytest.raises(UserExists):
        keyfile.add_user(keys, "juma", "x", None, restricted=False)
    keyfile.set_passphrase(keys, "Juma", "reset by admin", None)
    assert keyfile.unlock("Juma", "reset by admin", None).database_key == keys.database_key
    keyfile.remove_user("Juma")
    assert not keyfile.has_user("Juma")
    with pytest.raises(WrongPassphrase):
        KeyFile.load(keyfile.path).unlock("Juma", "reset by admin", None)
    with pytest.raises(UnknownUser):
        keyfile.remove_user("Juma")
    with pytest.raises(KeysRefused, match="last user"):
        keyfile.remove_user(ADMIN)


def test_keys_of_another_workspace_are_refused(
    tmp_path: Path, made: tuple[KeyFile, Keys, bytes]
) -> None:
    keyfile, _, _ = made
    _, foreign, _ = KeyFile.create(tmp_path / "other.json", "x", "y", None, CHEAP_KDF)
    before = keyfile.path.read_bytes()
    with pytest.raises(KeysRefused, match="do not belong"):
        keyfile.add_user(foreign, "Juma", "pass juma", None, restricted=False)
    assert keyfile.path.read_bytes() == before


def test_a_file_changed_by_another_program_is_not_overwritten(
    made: tuple[KeyFile, Keys, bytes],
) -> None:
    keyfile, keys, _ = made
    other = KeyFile.load(keyfile.path)
    other.add_user(keys, "Juma", "pass juma", None, restricted=False)
    with pytest.raises(KeyFileChanged):
        keyfile.add_user(keys, "Neema", "pass neema", None, restricted=False)
    assert KeyFile.load(keyfile.path).has_user("Juma")


# -- re-keying ---------------------------------------------------------------------------------


def test_rekey_keeps_both_keys_until_finished(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, raw = made
    keyfile.add_user(keys, "Juma", "pass juma", None, restricted=False)
    new_key = os.urandom(32)
    keyfile.rekey_begin(keys, new_key)
    reloaded = KeyFile.load(keyfile.path)  # as after a crash here
    assert reloaded.rekey_pending()
    during = reloaded.unlock("Juma", "pass juma", None)
    assert during.candidates() == (new_key, keys.database_key)
    assert reloaded.unlock_recovery(raw).previous_database_key == keys.database_key
    with pytest.raises(KeysRefused, match="re-key"):
        reloaded.add_user(during, "Neema", "pass neema", None, restricted=False)
    reloaded.rekey_finish()
    after = KeyFile.load(keyfile.path)
    assert not after.rekey_pending()
    assert after.unlock("Juma", "pass juma", None) == Keys(new_key, None)
    assert after.unlock_recovery(raw) == Keys(new_key, keys.restricted_key)
    assert during.settled(new_key) == Keys(new_key, None)
    after.add_user(Keys(new_key, keys.restricted_key), "Neema", "pass neema", None, True)


def test_rekey_abort_returns_to_the_old_key(made: tuple[KeyFile, Keys, bytes]) -> None:
    keyfile, keys, _ = made
    keyfile.rekey_begin(keys, os.urandom(32))
    keyfile.rekey_abort()
    assert KeyFile.load(keyfile.path).unlock(ADMIN, PASS, None) == keys
    with pytest.raises(KeysRefused):
        keyfile.rekey_finish()
