"""The workspace facade on real SQLCipher files: create, sign in, lock, throttle, damage,
users and re-key, the recovery key, the OS keyring, backup and restore, crashes mid re-key."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.errors import ValidationError
from desktop.domain.model.committee import Committee
from desktop.domain.model.users import Role, User
from desktop.workspace import (
    KeyringState,
    Throttled,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceMissing,
    WrongPassphrase,
)
from storage import backup as backups
from storage.keys import KeyFile
from storage.open_workspace import SqlOpenWorkspace
from storage.throttle import Throttle
from storage.workspace import SqlCipherWorkspace
from tests.integration.conftest import NewWorkspace
from tests.support import (
    ADMIN,
    ADMIN_PASSPHRASE,
    MemoryKeyring,
    audit_count,
    case_numbers,
    create_workspace,
    file_digests,
    make_workspace,
    register_case,
    usernames,
)

PAGE_SIZE = 4096  # SQLCipher 4's default page size
MEMBER = "amina.member"
MEMBER_PASSPHRASE = "blue-heron-quiet-harbour"
NEW_PASSPHRASE = "seven-lamps-over-the-valley"
WRONG = "not-the-right-passphrase-9"


def _add_member(opened: SqlOpenWorkspace, username: str = MEMBER, **kwargs: object) -> User:
    user = User(username, "Amina Testmember", Role.MEMBER, **kwargs)  # type: ignore[arg-type]
    return opened.add_user(user, MEMBER_PASSPHRASE)


def _database_key(workspace: SqlCipherWorkspace, username: str, passphrase: str) -> bytes:
    device = workspace.secrets().get(workspace.workspace_id())
    return KeyFile.load(workspace.keys_path).unlock(username, passphrase, device).database_key


@contextlib.contextmanager
def _signed_in(
    workspace: SqlCipherWorkspace, username: str = ADMIN, passphrase: str = ADMIN_PASSPHRASE
) -> Iterator[SqlOpenWorkspace]:
    opened = workspace.sign_in(username, passphrase)
    try:
        yield opened
    finally:
        opened.close()


# -- create, sign in, lock ----------------------------------------------------------------------


def test_create_sign_in_and_lock(new_workspace: NewWorkspace) -> None:
    workspace = new_workspace.workspace
    assert workspace.exists()
    assert workspace.committee_name() == "Test Peace Committee"
    assert {"keys.json", "suluhu.db", "workspace.json"} <= {
        p.name for p in workspace.folder.iterdir()
    }
    if os.name == "posix":
        assert workspace.folder.stat().st_mode & 0o077 == 0
        for name in ("keys.json", "suluhu.db", "workspace.json"):
            assert (workspace.folder / name).stat().st_mode & 0o077 == 0, name
    opened = new_workspace.sign_in()
    assert (opened.actor.username, opened.actor.role) == (ADMIN, Role.ADMINISTRATOR)
    assert opened.committee().code == "KBR"
    number = register_case(opened).number
    opened.close()
    with pytest.raises(WorkspaceError, match="locked"):
        opened.unit_of_work()
    with pytest.raises(WorkspaceError, match="locked"):
        opened.backup()
    opened.close()  # closing twice is harmless
    with _signed_in(make_workspace(workspace.folder)) as again:
        assert case_numbers(again) == {number}


def test_creating_over_an_existing_workspace_refuses(new_workspace: NewWorkspace) -> None:
    before = file_digests(new_workspace.folder)
    with pytest.raises(WorkspaceError, match="already holds"):
        create_workspace(new_workspace.folder)
    assert file_digests(new_workspace.folder) == before


def test_a_failed_create_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = MemoryKeyring()

    def broken(*args: object) -> None:
        raise RuntimeError("simulated failure while writing the first database")

    monkeypatch.setattr(SqlCipherWorkspace, "_first_database", broken)
    with pytest.raises(RuntimeError):
        create_workspace(tmp_path / "ws", keyring)
    assert not (tmp_path / "ws").exists()
    assert keyring.entries == {}  # the keyring secret made for it was removed too


def test_a_weak_passphrase_creates_nothing(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "ws")
    with pytest.raises(ValidationError) as caught:
        workspace.create(
            Committee("Test Peace Committee", "KBR", "Testland"),
            User(ADMIN, "Test Administrator", Role.ADMINISTRATOR),
            "short",
        )
    assert caught.value.field == "passphrase"
    assert not (tmp_path / "ws").exists()


# -- wrong passphrase and the throttle ----------------------------------------------------------


def test_a_wrong_passphrase_changes_nothing(new_workspace: NewWorkspace) -> None:
    folder = new_workspace.folder
    before = file_digests(folder)
    with pytest.raises(WrongPassphrase) as wrong:
        new_workspace.sign_in(ADMIN, WRONG)
    with pytest.raises(WrongPassphrase) as unknown:
        new_workspace.sign_in("nobody.here", WRONG)
    # an unknown user and a wrong passphrase look the same, and the attempt is not echoed
    assert str(wrong.value) == str(unknown.value)
    assert WRONG not in str(wrong.value) and "nobody" not in str(unknown.value)
    after = file_digests(folder)
    assert after.pop("signin.json")  # only the throttle file is new
    assert after == before


def test_the_throttle_counts_failures_across_restarts(
    new_workspace: NewWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1_000_000.0]
    monkeypatch.setattr(
        SqlCipherWorkspace,
        "_throttle",
        lambda self: Throttle(self.folder / "signin.json", clock=lambda: now[0]),
    )
    folder = new_workspace.folder
    messages = []
    for _ in range(6):  # a new instance each time, as after restarting the app
        with pytest.raises(WrongPassphrase) as caught:
            make_workspace(folder).sign_in(ADMIN, WRONG)
        messages.append(str(caught.value))
    assert "5 more tries before a waiting time" in messages[0]
    assert "1 more try before a waiting time" in messages[4]
    assert "Wait 30 seconds" in messages[5]
    # even the right passphrase waits now, in a new instance too
    with pytest.raises(Throttled) as throttled:
        make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    assert throttled.value.wait_seconds == pytest.approx(30)
    assert "Wait 30 seconds" in str(throttled.value)
    now[0] += 20
    with pytest.raises(Throttled) as throttled:
        make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    assert throttled.value.wait_seconds == pytest.approx(10)
    # another user name has its own count
    with pytest.raises(WrongPassphrase):
        make_workspace(folder).sign_in("someone.else", WRONG)
    now[0] += 11
    with _signed_in(make_workspace(folder)) as opened, opened.unit_of_work() as uow:
        actions = [event.action for event in uow.audit.all()]
    assert actions.count("sign_in_failed") == 6
    # success cleared the count: a wrong passphrase is free again
    with pytest.raises(WrongPassphrase, match="5 more tries"):
        make_workspace(folder).sign_in(ADMIN, WRONG)


# -- damaged and missing workspaces -------------------------------------------------------------


def _workspace_with_cases(new_workspace: NewWorkspace, cases: int = 60) -> set[str]:
    with _signed_in(new_workspace.workspace) as opened:
        for n in range(cases):
            register_case(opened, name=f"Test Person {n}", description="A test narrative. " * 40)
        return case_numbers(opened)


@pytest.mark.parametrize("cut", ["inside page 1", "after page 1", "half", "last page"])
def test_a_truncated_database_is_damaged_and_left_alone(
    new_workspace: NewWorkspace, cut: str
) -> None:
    _workspace_with_cases(new_workspace)
    db = new_workspace.workspace.db_path
    data = db.read_bytes()
    keep = {
        "inside page 1": 1000,
        "after page 1": 4096,
        "half": len(data) // 2,
        "last page": len(data) - 4096,
    }[cut]
    db.write_bytes(data[:keep])
    with pytest.raises(WorkspaceDamaged) as caught:
        new_workspace.sign_in()
    message = str(caught.value)
    assert "damaged" in message and "backup" in message
    assert "sqlite" not in message.casefold() and "\n" not in message
    assert db.read_bytes() == data[:keep]


def test_a_flipped_byte_is_reported_by_check(
    new_workspace: NewWorkspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _workspace_with_cases(new_workspace)
    with _signed_in(new_workspace.workspace) as opened:
        assert opened.check() == []
    db = new_workspace.workspace.db_path
    original = db.read_bytes()
    # Damage one page that signing in does not read (signing in reads the users, the
    # committee and the schema; damage there is reported at sign-in, tested above): try the
    # pages from the last one back until sign-in still works.
    problems: list[str] = []
    for page in reversed(range(1, len(original) // PAGE_SIZE)):
        data = bytearray(original)
        data[page * PAGE_SIZE + PAGE_SIZE // 2] ^= 0x40
        db.write_bytes(bytes(data))
        try:
            with _signed_in(new_workspace.workspace) as opened:
                problems = opened.check()
        except WorkspaceDamaged:
            continue
        break
    assert problems and any("HMAC" in p or "malformed" in p for p in problems)

    from desktop import bootstrap, cli

    monkeypatch.setattr(bootstrap, "make_workspace", lambda folder=None: make_workspace(folder))
    monkeypatch.setenv("SULUHU_PASSPHRASE", ADMIN_PASSPHRASE)
    capsys.readouterr()
    code = cli.run(["check", "--workspace", str(new_workspace.folder), "--user", ADMIN])
    out = capsys.readouterr().out
    assert code == 1
    assert "HMAC" in out or "malformed" in out


def test_a_missing_workspace(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path / "nowhere")
    assert not workspace.exists()
    with pytest.raises(WorkspaceMissing, match="no workspace"):
        workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    (tmp_path / "empty").mkdir()
    with pytest.raises(WorkspaceMissing):
        make_workspace(tmp_path / "empty").sign_in(ADMIN, ADMIN_PASSPHRASE)
    assert not (tmp_path / "nowhere").exists()
    assert list((tmp_path / "empty").iterdir()) == []


def test_a_missing_database_file(new_workspace: NewWorkspace) -> None:
    new_workspace.workspace.db_path.unlink()
    with pytest.raises(WorkspaceDamaged, match="missing"):
        new_workspace.sign_in()


def _chattr(flag: str, path: Path) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True, capture_output=True)


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[None]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed, and permission bits do not stop root")
    try:
        _chattr("+i", path)
    except subprocess.CalledProcessError as error:
        pytest.skip(f"chattr +i is not supported here: {error.stderr.decode().strip()}")
    try:
        yield
    finally:
        _chattr("-i", path)


def _read_only(path: Path) -> contextlib.AbstractContextManager[None]:
    if os.geteuid() != 0:
        path.chmod(0o500)
        return contextlib.nullcontext()
    return _immutable(path)


@pytest.mark.parametrize("where", ["the folder", "its parent"])
def test_creating_in_a_read_only_folder_fails_cleanly(tmp_path: Path, where: str) -> None:
    parent = tmp_path / "parent"
    parent.mkdir(mode=0o700)
    folder = parent / "ws"
    if where == "the folder":
        folder.mkdir(mode=0o700)
    locked = folder if where == "the folder" else parent
    keyring = MemoryKeyring()
    with _read_only(locked):
        with pytest.raises(WorkspaceError) as caught:
            create_workspace(folder, keyring)
        left = sorted(p.name for p in parent.rglob("*"))
    message = str(caught.value)
    assert str(folder) in message and "could not be created" in message
    assert left == (["ws"] if where == "the folder" else [])
    assert keyring.entries == {}


# -- users, passphrases, re-key -----------------------------------------------------------------


def test_a_new_user_signs_in_and_changes_their_passphrase(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    added = _add_member(admin)
    assert added.id is not None and added.role is Role.MEMBER
    with _signed_in(new_workspace.workspace, MEMBER, MEMBER_PASSPHRASE) as member:
        assert member.actor.role is Role.MEMBER
        with pytest.raises(WrongPassphrase):
            member.change_passphrase(WRONG, NEW_PASSPHRASE)
        with pytest.raises(ValidationError):
            member.change_passphrase(MEMBER_PASSPHRASE, "short")
        member.change_passphrase(MEMBER_PASSPHRASE, NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        new_workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)
    with _signed_in(new_workspace.workspace, MEMBER, NEW_PASSPHRASE) as member:
        assert usernames(member)[MEMBER] == (True, False)


def test_an_administrator_resets_a_passphrase(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _add_member(admin)
    admin.reset_passphrase(MEMBER, NEW_PASSPHRASE)
    assert usernames(admin)[MEMBER] == (True, True)  # must change it at the next sign-in
    with pytest.raises(WrongPassphrase):
        new_workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)
    with _signed_in(new_workspace.workspace, MEMBER, NEW_PASSPHRASE) as member:
        member.change_passphrase(NEW_PASSPHRASE, MEMBER_PASSPHRASE)
        assert usernames(member)[MEMBER] == (True, False)


def test_removing_a_user_rekeys_the_database_and_keeps_the_data(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    workspace = new_workspace.workspace
    _add_member(admin)
    numbers = {register_case(admin).number for _ in range(3)}
    numbers.add(register_case(admin, category="gbv", name="Test Restricted Person").number)
    key_before = _database_key(workspace, ADMIN, ADMIN_PASSPHRASE)
    member_key = _database_key(workspace, MEMBER, MEMBER_PASSPHRASE)
    assert member_key == key_before
    admin.remove_user(MEMBER)
    with pytest.raises(WrongPassphrase):
        new_workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)
    key_after = _database_key(workspace, ADMIN, ADMIN_PASSPHRASE)
    assert key_after != key_before
    # the removed member's copy of the old key no longer opens the database
    with pytest.raises(backups.BackupDamaged):
        backups.verify_backup(workspace.db_path, key_before)
    assert case_numbers(admin) == numbers
    assert usernames(admin)[MEMBER] == (False, False)
    assert admin.check() == []
    assert not (workspace.folder / "suluhu.db.rekey").exists()
    with _signed_in(workspace) as again:
        assert case_numbers(again) == numbers
        assert again.check() == []


def test_removing_yourself_or_nobody_is_refused(admin: SqlOpenWorkspace) -> None:
    with pytest.raises(ValidationError):
        admin.remove_user(ADMIN)
    from desktop.domain.errors import NotFound

    with pytest.raises(NotFound):
        admin.remove_user("nobody.here")


# -- the recovery key and the OS keyring --------------------------------------------------------


def test_the_recovery_key_replaces_a_lost_passphrase(new_workspace: NewWorkspace) -> None:
    with _signed_in(new_workspace.workspace) as opened:
        number = register_case(opened).number
    workspace = make_workspace(new_workspace.folder)
    key = new_workspace.recovery_key
    typo = ("1" if key[0] != "1" else "2") + key[1:]
    with pytest.raises(WorkspaceError, match="Group 1"):
        workspace.recover(typo, ADMIN, NEW_PASSPHRASE)
    opened = workspace.recover(new_workspace.recovery_key.lower(), ADMIN, NEW_PASSPHRASE)
    try:
        assert case_numbers(opened) == {number}
    finally:
        opened.close()
    with pytest.raises(WrongPassphrase):
        workspace.sign_in(ADMIN, ADMIN_PASSPHRASE)
    with _signed_in(workspace, ADMIN, NEW_PASSPHRASE) as again:
        assert case_numbers(again) == {number}
        new_key = again.new_recovery_key()
    assert new_key != new_workspace.recovery_key
    with pytest.raises(WrongPassphrase, match="older recovery sheet"):
        workspace.recover(new_workspace.recovery_key, ADMIN, ADMIN_PASSPHRASE)
    workspace.recover(new_key, ADMIN, ADMIN_PASSPHRASE).close()


def test_only_an_administrator_may_recover(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    _add_member(admin)
    keys_before = new_workspace.workspace.keys_path.read_bytes()
    with pytest.raises(WorkspaceError, match="Only an administrator"):
        new_workspace.workspace.recover(new_workspace.recovery_key, MEMBER, NEW_PASSPHRASE)
    assert new_workspace.workspace.keys_path.read_bytes() == keys_before
    new_workspace.sign_in(MEMBER, MEMBER_PASSPHRASE).close()


def test_a_lost_keyring_secret_is_repaired_with_the_recovery_key(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    old_keyring = MemoryKeyring()
    workspace, recovery_key = create_workspace(folder, old_keyring)
    assert workspace.keyring_state() is KeyringState.AVAILABLE
    assert len(old_keyring.entries) == 1
    with _signed_in(workspace) as opened:
        number = register_case(opened).number

    new_keyring = MemoryKeyring()  # a new OS account: the secret is gone
    moved = make_workspace(folder, new_keyring)
    assert moved.keyring_state() is KeyringState.LOST
    with pytest.raises(WorkspaceError) as caught:
        moved.sign_in(ADMIN, ADMIN_PASSPHRASE)
    assert "recovery key" in str(caught.value)
    with pytest.raises(WorkspaceError, match="recovery key"):
        make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)  # no keyring at all
    assert make_workspace(folder).keyring_state() is KeyringState.LOST

    opened = moved.recover(recovery_key, ADMIN, NEW_PASSPHRASE)
    opened.close()
    assert len(new_keyring.entries) == 1
    assert moved.keyring_state() is KeyringState.AVAILABLE
    with _signed_in(make_workspace(folder, new_keyring), ADMIN, NEW_PASSPHRASE) as again:
        assert case_numbers(again) == {number}


def test_after_a_keyring_repair_other_users_are_told_to_ask_for_a_reset(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    workspace, recovery_key = create_workspace(folder, MemoryKeyring())
    with _signed_in(workspace) as opened:
        _add_member(opened)
    new_keyring = MemoryKeyring()
    make_workspace(folder, new_keyring).recover(recovery_key, ADMIN, NEW_PASSPHRASE).close()
    with pytest.raises(WorkspaceError) as raised:
        make_workspace(folder, new_keyring).sign_in(MEMBER, MEMBER_PASSPHRASE)
    assert not isinstance(raised.value, WrongPassphrase)
    assert "administrator" in str(raised.value)
    with _signed_in(make_workspace(folder, new_keyring), ADMIN, NEW_PASSPHRASE) as admin:
        admin.reset_passphrase(MEMBER, "Fresh-start-passphrase-9")
    with _signed_in(make_workspace(folder, new_keyring), MEMBER, "Fresh-start-passphrase-9") as m:
        assert m.user.must_change_passphrase
    # once reset, a wrong passphrase is an ordinary wrong passphrase again
    with pytest.raises(WrongPassphrase):
        make_workspace(folder, new_keyring).sign_in(MEMBER, MEMBER_PASSPHRASE)


def test_without_a_keyring_everything_runs_on_passphrases(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    workspace = new_workspace.workspace
    assert workspace.keyring_state() is KeyringState.NO_BACKEND
    # the slot file does not depend on any secret kept elsewhere
    assert not KeyFile.load(workspace.keys_path).users_need_device_secret()
    _add_member(admin)
    with _signed_in(
        make_workspace(new_workspace.folder, MemoryKeyring()), MEMBER, MEMBER_PASSPHRASE
    ):
        pass


# -- backup and restore -------------------------------------------------------------------------


def test_backup_and_restore_round_trip(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace
) -> None:
    first = register_case(admin).number
    made = admin.backup()
    assert made.parent == new_workspace.folder / "backups"
    assert backups.keys_beside(made).is_file()
    second = register_case(admin).number
    assert case_numbers(admin) == {first, second}
    admin.restore(made)
    with pytest.raises(WorkspaceError, match="locked"):
        admin.unit_of_work()  # restoring closes the workspace
    with _signed_in(new_workspace.workspace) as opened:
        assert case_numbers(opened) == {first}
        assert opened.check() == []
        with opened.unit_of_work() as uow:
            assert "restore" in [event.action for event in uow.audit.all()]
    assert len(list(new_workspace.folder.glob("suluhu.db.before-restore-*"))) == 1


def test_backup_to_a_chosen_file(tmp_path: Path, admin: SqlOpenWorkspace) -> None:
    number = register_case(admin).number
    target = tmp_path / "elsewhere.db"
    assert admin.backup(target) == target
    backups.verify_backup(target, admin._require_keys().database_key)
    with pytest.raises(WorkspaceError, match="does not exist"):
        admin.backup(tmp_path / "no-such-folder" / "copy.db")
    assert case_numbers(admin) == {number}


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "not a database", "missing"])
def test_restoring_a_bad_backup_refuses_and_changes_nothing(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, damage: str
) -> None:
    for _ in range(20):
        register_case(admin, description="A test narrative. " * 40)
    made = admin.backup()
    number = register_case(admin).number
    numbers = case_numbers(admin)
    data = bytearray(made.read_bytes())
    if damage == "flipped byte":
        data[len(data) // 2] ^= 0x01
        made.write_bytes(bytes(data))
    elif damage == "truncated":
        made.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "not a database":
        made.write_bytes(b"just some text, not a database\n" * 100)
    else:
        made.unlink()
    files_before = sorted(p.name for p in new_workspace.folder.iterdir())
    with pytest.raises(WorkspaceError) as caught:
        admin.restore(made)
    assert made.name in str(caught.value)
    # still open, and unchanged
    assert case_numbers(admin) == numbers and number in numbers
    assert admin.check() == []
    assert sorted(p.name for p in new_workspace.folder.iterdir()) == files_before
    assert not list(new_workspace.folder.glob("suluhu.db.before-restore*"))


def test_a_backup_from_before_a_rekey_is_refused_clearly(admin: SqlOpenWorkspace) -> None:
    _add_member(admin)
    made = admin.backup()
    admin.remove_user(MEMBER)
    with pytest.raises(WorkspaceError, match="before a key change"):
        admin.restore(made)
    assert admin.check() == []


# -- crashes in the middle of a re-key ----------------------------------------------------------


def test_a_crash_before_the_swap_keeps_the_old_key(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = new_workspace.workspace
    _add_member(admin)
    numbers = {register_case(admin).number, register_case(admin, category="gbv").number}
    events = audit_count(admin)
    key_before = _database_key(workspace, ADMIN, ADMIN_PASSPHRASE)

    def power_cut(new_file: Path, db_path: Path) -> None:
        raise OSError("simulated power cut before the swap")

    monkeypatch.setattr(backups, "swap_database", power_cut)
    with pytest.raises(OSError):
        admin.remove_user(MEMBER)
    monkeypatch.undo()
    assert KeyFile.load(workspace.keys_path).rekey_pending()
    with _signed_in(make_workspace(workspace.folder)) as opened:
        assert case_numbers(opened) == numbers
        assert opened.check() == []
        assert audit_count(opened) > events
    keyfile = KeyFile.load(workspace.keys_path)
    assert not keyfile.rekey_pending()  # the opener settled it: the old key stays
    assert _database_key(workspace, ADMIN, ADMIN_PASSPHRASE) == key_before
    with pytest.raises(WrongPassphrase):  # the slot was removed before the re-key began
        workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)


def test_a_crash_after_the_swap_keeps_the_new_key(
    new_workspace: NewWorkspace, admin: SqlOpenWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = new_workspace.workspace
    _add_member(admin)
    numbers = {register_case(admin).number, register_case(admin, category="gbv").number}
    key_before = _database_key(workspace, ADMIN, ADMIN_PASSPHRASE)
    real_finish = KeyFile.rekey_finish
    calls = []

    def power_cut_once(self: KeyFile) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("simulated power cut before rekey_finish")
        real_finish(self)

    monkeypatch.setattr(KeyFile, "rekey_finish", power_cut_once)
    with pytest.raises(OSError):
        admin.remove_user(MEMBER)
    assert KeyFile.load(workspace.keys_path).rekey_pending()
    with _signed_in(make_workspace(workspace.folder)) as opened:
        assert case_numbers(opened) == numbers
        assert opened.check() == []
    assert len(calls) == 2  # the opener finished the re-key
    assert not KeyFile.load(workspace.keys_path).rekey_pending()
    assert _database_key(workspace, ADMIN, ADMIN_PASSPHRASE) != key_before
    with pytest.raises(WrongPassphrase):
        workspace.sign_in(MEMBER, MEMBER_PASSPHRASE)
